/** Declarations of generate-validators.js, for the TypeScript that calls it (vitest's global setup). */
import type { SchemaObject } from "ajv";
import type { FormatDefinition } from "../src/api/schemas/formats.js";

/** The generated modules, by file name, with the ajv options that differ between them. */
export declare const MODULES: Readonly<
  Record<"validators.js" | "quick-validators.js", { allErrors: boolean; verbose: boolean; ownProperties: boolean }>
>;

/** The source of the validators module `file` for the schemas module src/api/schemas/index.ts. */
export declare function validatorsModule(
  schemas: {
    readonly ROOT_SCHEMAS: Readonly<Record<string, SchemaObject>>;
    readonly FORMATS: Readonly<Record<string, FormatDefinition>>;
  },
  file?: keyof typeof MODULES,
): string;

/** Writes `text` to `path` unless the file already holds it; says whether it wrote. */
export declare function writeIfChanged(path: string, text: string): boolean;

/** Where the modules go: the sources (vitest), then the build (dist). */
export declare const OUTPUT_DIRS: readonly [sources: string, build: string];
