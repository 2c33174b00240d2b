/**
 * Types of the quick validators generated at build time from ../schemas/index.ts
 * (`ROOT_SCHEMAS`) by scripts/generate-validators.js: the same checks as ./validators.js, but
 * answering only whether the data passes (stopping at the first problem, recording nothing to
 * word an issue from). The code itself (quick-validators.js beside this file) is build output.
 */
import type { ROOT_SCHEMAS } from "../schemas/index.js";

/** An ajv validator compiled without `allErrors`: `true` exactly when `data` has the shape. */
export type QuickValidator = (data: unknown) => boolean;

/** One validator per root schema, by the schema's name. */
export declare const validators: { readonly [K in keyof typeof ROOT_SCHEMAS]: QuickValidator };
