/**
 * How Go's `encoding/json` (Go 1.25, Tekton v1.12's toolchain) decodes JSON into Tekton's Go
 * types: object keys match struct fields exactly or else under Unicode simple case folding, and
 * the typed values the fold reads (`[]string`, `map[string]string`, `string`).
 */

import { foldGoFieldKey } from "../../k8s/go-strings.js";
import type { JsonNode } from "../../k8s/json-tree.js";
import { setRecord } from "../../k8s/records.js";

/**
 * The struct field a JSON key fills: exact match first, then case-insensitively (for these ASCII
 * field names that is ASCII case plus the Kelvin sign for `k` and the long s for `s`).
 */
export function matchGoField<F extends string>(jsonKey: string, fields: readonly F[]): F | undefined {
  const exact = fields.find((f) => f === jsonKey);
  if (exact !== undefined) return exact;
  const folded = foldGoFieldKey(jsonKey);
  return fields.find((f) => f.toLowerCase() === folded);
}

/** Go's decode into `[]string`: `null` items read as `""`; anything else that is not a string fails. */
export function decodeStringList(node: JsonNode): string[] | undefined {
  if (node.kind !== "array") return undefined;
  const out: string[] = [];
  for (const item of node.items) {
    if (item.kind === "null") out.push("");
    else if (item.kind === "string") out.push(item.value);
    else return undefined;
  }
  return out;
}

/** Go's decode into `map[string]string`: the last of duplicate keys wins, `null` values read as `""`. */
export function decodeStringMap(node: JsonNode): Record<string, string> | undefined {
  if (node.kind !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of node.members) {
    if (value.kind === "null") setRecord(out, key, "");
    else if (value.kind === "string") setRecord(out, key, value.value);
    else return undefined;
  }
  return out;
}
