import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Writes the validator modules of src/api/generated/ from the schemas (see scripts/generate-validators.js).
    globalSetup: ["test/setup/validators.ts"],
    testTimeout: 60_000,
  },
});
