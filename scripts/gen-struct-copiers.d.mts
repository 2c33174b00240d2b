/** Declarations of gen-struct-copiers.mjs, for the TypeScript that calls it (its unit test). */
import type { GoStruct } from "../src/k8s/field-order.js";

/** The structs that get a copier, by their names in the field-order table. */
export declare const COPIED_STRUCTS: readonly string[];

/** The text of src/k8s/struct-copiers.ts, from the package's own field order and encoding rules. */
export declare function renderStructCopiers(sources: {
  readonly goStruct: (name: string) => GoStruct;
  readonly rulesOf: (name: string) => number;
  readonly Rule: {
    readonly requiredString: number;
    readonly omitFalse: number;
    readonly omitZero: number;
    readonly quantity: number;
  };
}): string;
