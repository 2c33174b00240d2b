/** Declarations of generate-validators.js, for the TypeScript that calls it (vitest's global setup). */
import type { SchemaObject } from "ajv";
import type { FormatDefinition } from "../src/api/schemas/formats.js";

/** The source of the validators module for the schemas module src/api/schemas/index.ts. */
export declare function validatorsModule(schemas: {
  readonly ROOT_SCHEMAS: Readonly<Record<string, SchemaObject>>;
  readonly FORMATS: Readonly<Record<string, FormatDefinition>>;
}): string;

/** Writes `text` to `path` unless the file already holds it; says whether it wrote. */
export declare function writeIfChanged(path: string, text: string): boolean;

/** Where the module goes: the sources (vitest), then the build (dist). */
export declare const OUTPUTS: readonly [sources: string, build: string];
