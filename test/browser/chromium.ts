/**
 * Where the browser tests find Chromium and what they need of it: Debian's `chromium` package
 * (browsers cannot be downloaded here, so Playwright's own browser install is never used), or
 * the executable named by CHROMIUM_PATH.
 */
import { accessSync, constants, existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The Chromium executable the tests drive. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** The built playground the tests load. */
export const BUILT_PLAYGROUND = resolve(import.meta.dirname, "../../dist-playground");

/** Screenshots of each tab, for people to look at (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, "artifacts");

/**
 * Flags for a machine without network: no first-run UI, no background fetches, no QUIC, so
 * that Chromium does not keep trying (and logging) connections that cannot be made.
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser tests cannot run, or `undefined` when they can. */
export function missingPrerequisite(): string | undefined {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    return (
      `Chromium is not installed at ${CHROMIUM}. Install Debian's package with\n` +
      "  apt-get update && apt-get install -y chromium\n" +
      "(or set CHROMIUM_PATH to a Chromium executable), then run npm run test:browser again."
    );
  }
  if (!existsSync(join(BUILT_PLAYGROUND, "index.html"))) {
    return `the playground is not built (${BUILT_PLAYGROUND}/index.html is missing); run npm run build:playground`;
  }
  return undefined;
}
