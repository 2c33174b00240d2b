import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Writes src/api/generated/validators.js from the schemas (see scripts/generate-validators.js).
    globalSetup: ["test/setup/validators.ts"],
    testTimeout: 60_000,
  },
});
