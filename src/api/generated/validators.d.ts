/**
 * Types of the validators generated at build time from ../schemas/index.ts (`ROOT_SCHEMAS`) by
 * scripts/generate-validators.js; the code itself (validators.js beside this file) is build
 * output, written by `npm run build` and, for tests, by vitest's global setup.
 */
import type { ErrorObject } from "ajv";
import type { ROOT_SCHEMAS } from "../schemas/index.js";

/**
 * An ajv validator compiled with `allErrors` and `verbose`: `true` when `data` has the shape;
 * otherwise `false`, with every problem (and the data and schema at it) in `errors`.
 */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** One validator per root schema, by the schema's name. */
export declare const validators: { readonly [K in keyof typeof ROOT_SCHEMAS]: GeneratedValidator };
