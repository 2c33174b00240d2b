/**
 * The browser tests (`npm run test:browser`): the built playground (dist-playground/) in
 * Debian's Chromium, driven by playwright-core. Not part of `npm test`, which runs without a
 * browser; here a missing Chromium fails the run instead of skipping it.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/browser/**/*.browser.ts"],
    globalSetup: ["test/browser/require-chromium.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
