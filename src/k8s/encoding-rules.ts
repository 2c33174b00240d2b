/**
 * What Go's encoding/json does with a field of the Kubernetes and Tekton types, by the field's
 * JSON name: which empty scalars it leaves out (`omitempty`), which values are quantities, which
 * objects are maps of data. Read by the output encoder and by the struct copiers generated from
 * it (scripts/gen-struct-copiers.mjs).
 */
import { canonicalQuantity } from "./quantity.js";

/**
 * What the encoder does with a field, by its JSON name: bits of a rule set, looked up once per
 * field of a struct when the encoder first plans it.
 */
export const Rule = {
  /** A string Go writes even when empty (no `omitempty` in the Kubernetes types). */
  requiredString: 1,
  /** A non-pointer `bool,omitempty`: Go leaves out `false`. */
  omitFalse: 2,
  /** A non-pointer `int32,omitempty`: Go leaves out `0`. */
  omitZero: 4,
  /** A single quantity. */
  quantity: 8,
  /** A Kubernetes quantity map (`resources.requests`, `resources.limits`). */
  quantityMap: 16,
  /** A string map: its entries are data, kept as they are. */
  stringMap: 32,
  /** A list of EnvVars, whose `value` is omitempty (required in other types). */
  envList: 64,
  /** An object whose pointer bools keep `false`. */
  pointerBools: 128,
} as const;

const RULES_BY_NAME: ReadonlyMap<string, number> = (() => {
  const rules = new Map<string, number>();
  const add = (rule: number, names: readonly string[]): void => {
    for (const name of names) rules.set(name, (rules.get(name) ?? 0) | rule);
  };
  add(Rule.quantityMap, ["requests", "limits", "capacity", "overhead"]);
  add(Rule.quantity, ["sizeLimit"]);
  add(Rule.stringMap, [
    "labels",
    "annotations",
    "nodeSelector",
    "matchLabels",
    "volumeAttributes",
    "data",
    "stringData",
    "options",
  ]);
  // `uid` is an OwnerReference's: a hand-written TaskRun without `metadata.uid` gives `uid: ""`,
  // and the only `uid` the compiler writes is that one (object metadata's own `uid` is never set).
  add(Rule.requiredString, [
    "name",
    "mountPath",
    "key",
    "path",
    "fieldPath",
    "claimName",
    "topologyKey",
    "resource",
    "devicePath",
    "value",
    "uid",
  ]);
  add(Rule.envList, ["env"]);
  add(Rule.omitFalse, ["readOnly", "stdin", "stdinOnce", "tty", "hostNetwork", "hostPID", "hostIPC"]);
  add(Rule.pointerBools, ["csi"]);
  add(Rule.omitZero, [
    "hostPort",
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
  ]);
  return rules;
})();

/** The {@link Rule} bits of the field named `name`; 0 for a field whose empty string Go leaves out and whose `false` and `0` it writes. */
export function rulesOf(name: string): number {
  return RULES_BY_NAME.get(name) ?? 0;
}

/**
 * Whether Go writes the scalar `v` of field `k` (with rules `rules`): `omitempty` leaves out
 * `""`, and `false` or `0` where the field is not a pointer. scripts/gen-struct-copiers.mjs
 * writes this test out for each field of the copied structs: a change here is a change there
 * (regenerate src/k8s/struct-copiers.ts).
 */
export function keepsScalar(k: string, v: unknown, rules: number, inEnvList: boolean, pointerBools: boolean): boolean {
  if (v === "") return (rules & Rule.requiredString) !== 0 && !(k === "value" && inEnvList);
  if (v === false) return (rules & Rule.omitFalse) === 0 || pointerBools;
  if (v === 0) return (rules & Rule.omitZero) === 0;
  return true;
}

/** A quantity field's value in canonical form (as Go's `resource.Quantity` writes it); anything else as it is. */
export function quantity(value: unknown): unknown {
  if (typeof value === "string") return canonicalQuantity(value) ?? value;
  if (typeof value === "number") return canonicalQuantity(String(value)) ?? value;
  return value;
}
