/**
 * vitest global setup: regenerates src/api/generated/validators.js from the TypeScript schemas
 * before any test runs, so a test never checks inputs against a validator older than its schema
 * (the file is build output; `npm run build` writes it too).
 */
import { OUTPUTS, validatorsModule, writeIfChanged } from "../../scripts/generate-validators.js";
import * as schemas from "../../src/api/schemas/index.js";

export default function setup(): void {
  writeIfChanged(OUTPUTS[0], validatorsModule(schemas));
}
