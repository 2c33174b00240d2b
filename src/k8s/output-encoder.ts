/**
 * How every compilation writes its output: an independent JSON value encoded the way Go's
 * encoding/json writes the Kubernetes types — no `undefined` keys, `omitempty` fields left out
 * when empty (`""`, `false`, `0` where Go's field is not a pointer), quantities in canonical
 * form, every struct's fields in the Go struct's order and every map's keys sorted (so the output
 * does not depend on the order of the input's keys) — sharing no object with the input, so mutating the result can never change the input.
 */

import { type GoStruct, goKeyOrder, goStruct, inGoOrder } from "./field-order.js";
import { canonicalQuantity } from "./quantity.js";
import { setRecord } from "./records.js";

/** Deeper than this, output is free-form data (see OutputEncoder's copy). */
const MAX_TYPED_DEPTH = 100;

/** Keys whose values are Kubernetes quantity maps (`resources.requests`, `resources.limits`). */
const QUANTITY_MAPS = new Set(["requests", "limits", "capacity", "overhead"]);
/** Keys whose value is a single quantity. */
const QUANTITY_VALUES = new Set(["sizeLimit"]);
/** String maps: their entries are data, kept as they are. */
const STRING_MAPS = new Set([
  "labels",
  "annotations",
  "nodeSelector",
  "matchLabels",
  "volumeAttributes",
  "data",
  "stringData",
  "options",
]);
/**
 * String fields Go writes even when empty (no `omitempty` in the Kubernetes types). `uid` is
 * an OwnerReference's: a hand-written TaskRun without `metadata.uid` gives `uid: ""`, and the
 * only `uid` the compiler writes is that one (object metadata's own `uid` is never set).
 */
const REQUIRED_STRINGS = new Set([
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
/** `value` is required only in some types; in an EnvVar it is omitempty. */
const ENV_LISTS = new Set(["env"]);
/** Non-pointer `bool,omitempty` fields: Go leaves out `false`. */
const OMIT_FALSE = new Set(["readOnly", "stdin", "stdinOnce", "tty", "hostNetwork", "hostPID", "hostIPC"]);
/** Pointer bools inside these objects keep `false`. */
const POINTER_BOOL_PARENTS = new Set(["csi"]);
/** Non-pointer `int32,omitempty` fields: Go leaves out `0`. */
const OMIT_ZERO = new Set([
  "hostPort",
  "initialDelaySeconds",
  "timeoutSeconds",
  "periodSeconds",
  "successThreshold",
  "failureThreshold",
]);

/**
 * Deep-copies JSON-shaped data the way Go would re-encode it, for one compilation. What it has
 * made it does not copy again: a part encoded early — each step's container, as soon as the
 * Builder finishes it and while it is still in the processor's caches — is taken as it is when
 * the whole Pod is encoded at the end.
 */
export class OutputEncoder {
  readonly #made = new WeakSet<object>();

  /** Encodes `value` as the Go type `type` (a name in the field-order table, such as `"core.Pod"`). */
  encode<T>(value: T, type: string): T {
    const out = this.#copy(value, undefined, undefined, goStruct(type), false);
    if (typeof out === "object" && out !== null) this.#made.add(out);
    return out as T;
  }

  /**
   * `type` is the struct `value` holds (or, for a list, each item holds); when `map`, `value`
   * is a map whose values are `type`.
   */
  #copy(
    value: unknown,
    key: string | undefined,
    parentKey: string | undefined,
    type: GoStruct | undefined,
    map: boolean,
    depth = 0,
  ): unknown {
    if (value === null || typeof value !== "object") {
      if (key !== undefined && QUANTITY_VALUES.has(key)) return quantity(value);
      return value;
    }
    if (this.#made.has(value)) return value;
    // Kubernetes types nest a few dozen levels at most; deeper is free-form data (a
    // managedFields entry's fieldsV1), copied without recursion so it cannot exhaust the stack.
    if (depth > MAX_TYPED_DEPTH) return inGoOrder(value, map ? undefined : type);
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      // Lists of strings (command, args) are common: scalar items, which #copy would return as
      // they are (an item has no key of its own), are taken without the call.
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        out[i] =
          item === null || typeof item !== "object" ? item : this.#copy(item, undefined, key, type, map, depth + 1);
      }
      return out;
    }
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (key !== undefined && (QUANTITY_MAPS.has(key) || STRING_MAPS.has(key))) {
      const quantities = QUANTITY_MAPS.has(key);
      for (const k of goKeyOrder(source, undefined)) {
        const v = source[k];
        if (v !== undefined) setRecord(out, k, quantities ? quantity(v) : v);
      }
      return out;
    }
    if (map) {
      for (const k of goKeyOrder(source, undefined)) {
        const v = source[k];
        if (v !== undefined && v !== null) setRecord(out, k, this.#copy(v, undefined, key, type, false, depth + 1));
      }
      return out;
    }
    const inEnvList = key === undefined && parentKey !== undefined && ENV_LISTS.has(parentKey);
    for (const k of goKeyOrder(source, type)) {
      const v = source[k];
      if (v === undefined || v === null) continue;
      if (v === "" && (!REQUIRED_STRINGS.has(k) || (k === "value" && inEnvList))) continue;
      if (v === false && OMIT_FALSE.has(k) && !(key !== undefined && POINTER_BOOL_PARENTS.has(key))) continue;
      if (v === 0 && OMIT_ZERO.has(k)) continue;
      // Scalars, most of the values, are written here rather than through a call of #copy.
      if (typeof v !== "object") {
        setRecord(out, k, QUANTITY_VALUES.has(k) ? quantity(v) : v);
        continue;
      }
      const field = type?.byName.get(k);
      setRecord(out, k, this.#copy(v, k, key, field?.type, field?.map ?? false, depth + 1));
    }
    return out;
  }
}

function quantity(value: unknown): unknown {
  if (typeof value === "string") return canonicalQuantity(value) ?? value;
  if (typeof value === "number") return canonicalQuantity(String(value)) ?? value;
  return value;
}
