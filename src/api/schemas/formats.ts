/**
 * The string formats the input schemas use, checked with the parsers the later stages use
 * (../../k8s/duration.ts, ../../k8s/quantity.ts), so what passes the shape check parses there.
 * Read by the validator generator at build time and imported by the generated validators at
 * run time (scripts/generate-validators.js).
 */
import { parseGoDuration } from "../../k8s/duration.js";
import { parseQuantity } from "../../k8s/quantity.js";

/** A format as ajv takes it: the JSON type it applies to and the check. */
export interface FormatDefinition {
  readonly type: "string";
  readonly validate: (text: string) => boolean;
}

/** Every format a schema in this folder may name, by name. */
export const FORMATS: Readonly<Record<string, FormatDefinition>> = {
  "go-duration": { type: "string", validate: (s) => parseGoDuration(s) !== undefined },
  quantity: { type: "string", validate: (s) => parseQuantity(s) !== undefined },
  // What a registry reports: sha256 and 64 lowercase hex digits ("" stands for "not known").
  "image-digest": { type: "string", validate: (s) => s === "" || /^sha256:[0-9a-f]{64}$/.test(s) },
};
