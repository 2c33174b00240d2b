/**
 * The public API under test: the sources by default, the built package (dist/) when
 * TEST_DIST=1, so the same suite checks what ships.
 */
import * as source from "../../src/index.js";

type Api = typeof source;

export const api: Api =
  process.env["TEST_DIST"] === "1"
    ? ((await import(new URL("../../dist/index.js", import.meta.url).href)) as Api)
    : source;
