/**
 * How every compilation writes its output: an independent JSON value encoded the way Go's
 * encoding/json writes the Kubernetes types — no `undefined` keys, `omitempty` fields left out
 * when empty (`""`, `false`, `0` where Go's field is not a pointer), quantities in canonical
 * form, every struct's fields in the Go struct's order and every map's keys sorted (so the output
 * does not depend on the order of the input's keys) — sharing no object with the input, so mutating the result can never change the input.
 */

import { keepsScalar, quantity, Rule, rulesOf } from "./encoding-rules.js";
import { type GoStruct, goKeyOrder, goStruct, inGoOrder, reorderKeys } from "./field-order.js";
import { hasKey, setRecord } from "./records.js";
import { STRUCT_COPIERS } from "./struct-copiers.js";

/** Deeper than this, output is free-form data (see OutputEncoder's copy). */
const MAX_TYPED_DEPTH = 100;

/** A field of a struct as the encoder writes it. */
export interface FieldPlan {
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
  /** The struct's fields by their place. */
  readonly byIndex: readonly FieldPlan[];
  /** The struct's generated copier, if it has one (./struct-copiers.ts). */
  readonly copier: StructCopier | undefined;
}

/**
 * A generated copier of one struct (see ./struct-copiers.ts): the copy of `source`, an object of
 * the struct, with `encoder` copying its object-valued fields (`fields` are the struct's fields by
 * place); undefined when `source` has a key that is not one of the struct's fields.
 */
export type StructCopier = (
  source: Readonly<Record<string, unknown>>,
  encoder: OutputEncoder,
  fields: readonly FieldPlan[],
  depth: number,
  inEnvList: boolean,
  pointerBools: boolean,
) => Record<string, unknown> | undefined;

/** Plans of the structs encoded so far: a table derived from the constant field order only. */
const plans = new Map<GoStruct, StructPlan>();

/** The plan of `struct`, and of every struct its fields hold (planned once, on first use). */
function planOf(struct: GoStruct): StructPlan {
  const known = plans.get(struct);
  if (known !== undefined) return known;
  const fields = new Map<string, FieldPlan>();
  const byIndex: FieldPlan[] = [];
  const plan: StructPlan = { struct, fields, byIndex, copier: STRUCT_COPIERS.get(struct.name) };
  // Registered before its fields are planned: structs refer to themselves (retriesStatus).
  plans.set(struct, plan);
  for (const f of struct.fields) {
    const fieldPlan = f.type === undefined ? undefined : planOf(f.type);
    const field: FieldPlan = { index: f.index, rules: rulesOf(f.name), plan: fieldPlan, map: f.map };
    fields.set(f.name, field);
    byIndex.push(field);
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
  readonly #generalPathOnly: boolean;
  #copiers = false;

  /**
   * `generalPathOnly` leaves the generated struct copiers unused: for tests that hold them to
   * the general path's output.
   */
  constructor(options: { readonly generalPathOnly?: boolean } = {}) {
    this.#generalPathOnly = options.generalPathOnly === true;
  }

  /** Encodes `value` as the Go type `type` (a name in the field-order table, such as `"core.Pod"`). */
  encode<T>(value: T, type: string): T {
    // The copiers take every key for…in finds as the object's own: they are left unused while
    // Object.prototype has enumerable properties (asked at each call, since an input's getter
    // may add one; one added by a getter that runs during this call is not looked for).
    this.#copiers = !this.#generalPathOnly && Object.keys(Object.prototype).length === 0;
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
   * The copy of `value`, the object held by field `index` of `fields` (a struct's fields by
   * place) in a struct at `depth`: the generated copiers' way back into the encoder.
   */
  copyField(value: object, fields: readonly FieldPlan[], index: number, depth: number): unknown {
    const field = fields[index] as FieldPlan;
    return this.#copy(value, field.rules, 0, field.plan, field.map, depth + 1);
  }

  /**
   * A struct's fields in Go's order. The structs most objects are have a generated copier, which
   * reads the object's keys into one variable per field and writes the fields in order by name.
   * For the others (and an object with a key its struct does not know), most objects are built
   * in that order already: their keys are copied as they come, one lookup each confirming the
   * order, and only an object whose keys come otherwise is put in order ({@link #reordered}).
   */
  #struct(
    source: Record<string, unknown>,
    plan: StructPlan,
    inEnvList: boolean,
    pointerBools: boolean,
    depth: number,
  ): Record<string, unknown> {
    const copier = plan.copier;
    if (copier !== undefined && this.#copiers) {
      const copied = copier(source, this, plan.byIndex, depth, inEnvList, pointerBools);
      if (copied !== undefined) return copied;
    }
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
      // the encoder's hottest path: a change to one is a change to both, and to the copiers
      // scripts/gen-struct-copiers.mjs writes (regenerate them).
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
