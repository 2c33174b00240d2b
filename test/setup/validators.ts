/**
 * vitest global setup: regenerates the validator modules in src/api/generated/ from the
 * TypeScript schemas before any test runs, so a test never checks inputs against a validator
 * older than its schema (the files are build output; `npm run build` writes them too).
 */
import { join } from "node:path";
import { MODULES, OUTPUT_DIRS, validatorsModule, writeIfChanged } from "../../scripts/generate-validators.js";
import * as schemas from "../../src/api/schemas/index.js";

export default function setup(): void {
  for (const file of Object.keys(MODULES) as (keyof typeof MODULES)[]) {
    writeIfChanged(join(OUTPUT_DIRS[0], file), validatorsModule(schemas, file));
  }
}
