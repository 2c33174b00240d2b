/**
 * How every compilation writes its output: an independent JSON value encoded the way Go's
 * encoding/json writes the Kubernetes types — no `undefined` keys, `omitempty` fields left out
 * when empty (`""`, `false`, `0` where Go's field is not a pointer), quantities in canonical
 * form, every struct's fields in the Go struct's order and every map's keys sorted (so the output
 * does not depend on the order of the input's keys) — sharing no object with the input, so mutating the result can never change the input.
 */

import { type GoStruct, goKeyOrder, goStruct, inGoOrder, reorderKeys } from "./field-order.js";
import { canonicalQuantity } from "./quantity.js";
import { hasKey, setRecord } from "./records.js";

/** Deeper than this, output is free-form data (see OutputEncoder's copy). */
const MAX_TYPED_DEPTH = 100;

/**
 * What the encoder does with a field, by its JSON name: bits of a rule set, looked up once per
 * field (a struct's known fields carry theirs in its {@link StructPlan}).
 */
const Rule = {
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

function rulesOf(name: string): number {
  return RULES_BY_NAME.get(name) ?? 0;
}

/** A field of a struct as the encoder writes it. */
interface FieldPlan {
  readonly index: number;
  readonly rules: number;
  /** The struct its value holds (or a list or map of), when it is one. */
  readonly plan: StructPlan | undefined;
  /** Whether the value is a map whose values are `plan`'s struct. */
  readonly map: boolean;
}

/** A Go struct as the encoder writes it: each field's place, rules and struct, by JSON name. */
interface StructPlan {
  readonly struct: GoStruct;
  readonly fields: ReadonlyMap<string, FieldPlan>;
}

/** Plans of the structs encoded so far: a table derived from the constant field order only. */
const plans = new Map<GoStruct, StructPlan>();

/** The plan of `struct`, and of every struct its fields hold (planned once, on first use). */
function planOf(struct: GoStruct): StructPlan {
  const known = plans.get(struct);
  if (known !== undefined) return known;
  const fields = new Map<string, FieldPlan>();
  const plan: StructPlan = { struct, fields };
  // Registered before its fields are planned: structs refer to themselves (retriesStatus).
  plans.set(struct, plan);
  for (const f of struct.fields) {
    const fieldPlan = f.type === undefined ? undefined : planOf(f.type);
    fields.set(f.name, { index: f.index, rules: rulesOf(f.name), plan: fieldPlan, map: f.map });
  }
  return plan;
}

/**
 * Deep-copies JSON-shaped data the way Go would re-encode it, for one compilation. What it has
 * made it does not copy again: a part encoded early — each step's container, as soon as the
 * Builder finishes it and while it is still in the processor's caches — is taken as it is when
 * the whole Pod is encoded at the end.
 */
export class OutputEncoder {
  readonly #made = new WeakSet<object>();
  /** The types of the parts in {@link #made}: only a value encoded as one of them is looked up there. */
  readonly #madeTypes: StructPlan[] = [];

  /** Encodes `value` as the Go type `type` (a name in the field-order table, such as `"core.Pod"`). */
  encode<T>(value: T, type: string): T {
    const plan = planOf(goStruct(type));
    const out = this.#copy(value, 0, 0, plan, false, 0);
    if (typeof out === "object" && out !== null) {
      this.#made.add(out);
      if (!this.#madeTypes.includes(plan)) this.#madeTypes.push(plan);
    }
    return out as T;
  }

  /**
   * `plan` is the struct `value` holds (or, for a list, each item holds); when `map`, `value`
   * is a map whose values are that struct. `rules` are those of the field holding `value`;
   * `listRules` those of the list (or map) `value` is an item of, 0 otherwise.
   */
  #copy(
    value: unknown,
    rules: number,
    listRules: number,
    plan: StructPlan | undefined,
    map: boolean,
    depth: number,
  ): unknown {
    if (value === null || typeof value !== "object") return value;
    if (plan !== undefined && this.#madeTypes.includes(plan) && this.#made.has(value)) return value;
    // Kubernetes types nest a few dozen levels at most; deeper is free-form data (a
    // managedFields entry's fieldsV1), copied without recursion so it cannot exhaust the stack.
    if (depth > MAX_TYPED_DEPTH) return inGoOrder(value, map ? undefined : plan?.struct);
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      // Lists of strings (command, args) are common: scalar items are taken without a call.
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        out[i] = item === null || typeof item !== "object" ? item : this.#copy(item, 0, rules, plan, map, depth + 1);
      }
      return out;
    }
    const source = value as Record<string, unknown>;
    if ((rules & (Rule.quantityMap | Rule.stringMap)) !== 0) {
      const out: Record<string, unknown> = {};
      const quantities = (rules & Rule.quantityMap) !== 0;
      for (const k of goKeyOrder(source, undefined)) {
        const v = source[k];
        if (v !== undefined) setRecord(out, k, quantities ? quantity(v) : v);
      }
      return out;
    }
    if (map) {
      const out: Record<string, unknown> = {};
      for (const k of goKeyOrder(source, undefined)) {
        const v = source[k];
        if (v !== undefined && v !== null) setRecord(out, k, this.#copy(v, 0, rules, plan, false, depth + 1));
      }
      return out;
    }
    const inEnvList = (listRules & Rule.envList) !== 0;
    const pointerBools = (rules & Rule.pointerBools) !== 0;
    if (plan === undefined) {
      const out: Record<string, unknown> = {};
      const keys = goKeyOrder(source, undefined);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        this.#field(out, k, source[k], undefined, inEnvList, pointerBools, depth);
      }
      return out;
    }
    return this.#struct(source, plan, inEnvList, pointerBools, depth);
  }

  /**
   * A struct's fields in Go's order. Most objects are built in that order already: their keys
   * are copied as they come, one lookup each confirming the order, and only an object whose
   * keys come otherwise is put in order ({@link #reordered}).
   */
  #struct(
    source: Record<string, unknown>,
    plan: StructPlan,
    inEnvList: boolean,
    pointerBools: boolean,
    depth: number,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const fields = plan.fields;
    let last = -1;
    // A key for-in finds on a prototype is not the object's own.
    for (const k in source) {
      if (!hasKey(source, k)) continue;
      const field = fields.get(k);
      if (field === undefined || field.index < last)
        return this.#reordered(out, source, plan, inEnvList, pointerBools, depth);
      last = field.index;
      const v = source[k];
      // What follows is #field's copy of a known field, written out here because this loop is
      // the encoder's hottest path: a change to one is a change to both.
      if (v === undefined || v === null) continue;
      // A known field's name is never `__proto__`: it is assigned directly.
      if (typeof v === "object") out[k] = this.#copy(v, field.rules, 0, field.plan, field.map, depth + 1);
      else if (keepsScalar(k, v, field.rules, inEnvList, pointerBools))
        out[k] = (field.rules & Rule.quantity) !== 0 ? quantity(v) : v;
    }
    return out;
  }

  /**
   * {@link #struct}'s copy of an object whose keys are not in Go's order: its fields sorted by
   * their place, then the keys its struct does not know, by Go's string order. `done` holds the
   * fields copied before the first key out of order, taken as they are.
   */
  #reordered(
    done: Record<string, unknown>,
    source: Record<string, unknown>,
    plan: StructPlan,
    inEnvList: boolean,
    pointerBools: boolean,
    depth: number,
  ): Record<string, unknown> {
    const keys = reorderKeys(source, Object.keys(source), plan.struct);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      // A field left out of `done` (an empty value) is looked at again, and left out again.
      if (hasKey(done, k)) setRecord(out, k, done[k]);
      else this.#field(out, k, source[k], plan.fields.get(k), inEnvList, pointerBools, depth);
    }
    return out;
  }

  /**
   * Copies `v`, the value of key `k`, into `out` as the field `field` (undefined for a key the
   * struct does not know). {@link #struct} repeats this for known fields, inline.
   */
  #field(
    out: Record<string, unknown>,
    k: string,
    v: unknown,
    field: FieldPlan | undefined,
    inEnvList: boolean,
    pointerBools: boolean,
    depth: number,
  ): void {
    if (v === undefined || v === null) return;
    const fieldRules = field === undefined ? rulesOf(k) : field.rules;
    // Scalars, most of the values, are written here rather than through a call of #copy.
    if (typeof v !== "object") {
      if (keepsScalar(k, v, fieldRules, inEnvList, pointerBools))
        setRecord(out, k, (fieldRules & Rule.quantity) !== 0 ? quantity(v) : v);
      return;
    }
    setRecord(out, k, this.#copy(v, fieldRules, 0, field?.plan, field?.map ?? false, depth + 1));
  }
}

/**
 * Whether Go writes the scalar `v` of field `k` (with rules `rules`): `omitempty` leaves out
 * `""`, and `false` or `0` where the field is not a pointer.
 */
function keepsScalar(k: string, v: unknown, rules: number, inEnvList: boolean, pointerBools: boolean): boolean {
  if (v === "") return (rules & Rule.requiredString) !== 0 && !(k === "value" && inEnvList);
  if (v === false) return (rules & Rule.omitFalse) === 0 || pointerBools;
  if (v === 0) return (rules & Rule.omitZero) === 0;
  return true;
}

function quantity(value: unknown): unknown {
  if (typeof value === "string") return canonicalQuantity(value) ?? value;
  if (typeof value === "number") return canonicalQuantity(String(value)) ?? value;
  return value;
}
