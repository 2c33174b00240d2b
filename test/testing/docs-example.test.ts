/**
 * Runs the golden-testing example of docs/golden-testing.md exactly as a user would have it:
 * docs/examples/golden/pods.test.ts imports `tekton-pod-compiler/testing` (the built
 * package, through its own `exports`) and registers one test per fixture here.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const DIST = fileURLToPath(new URL("../../dist/testing/index.js", import.meta.url));
const EXAMPLE = new URL("../../docs/examples/golden/pods.test.ts", import.meta.url);

if (!existsSync(DIST)) {
  test("docs example needs the built package", () => {
    expect.fail("dist/testing/index.js is missing: run `npm run build` (npm test does it first)");
  });
} else {
  await import(EXAMPLE.href);
}

test("the guide shows the example test verbatim", () => {
  const guide = readFileSync(new URL("../../docs/golden-testing.md", import.meta.url), "utf8");
  expect(guide).toContain(readFileSync(EXAMPLE, "utf8").trim());
});
