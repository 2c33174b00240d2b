/**
 * Go structs' field order, for writing output objects the way Go's encoding/json writes them:
 * a struct's fields in declaration order, a map's keys sorted. With it every object the package
 * returns lists its keys in one fixed order — the API server's — whatever order the input used.
 */
import { GO_FIELD_ORDER } from "./go-field-order.js";
import { compareGoStrings } from "./go-strings.js";

/** One field of a Go struct, by its JSON name. */
export interface GoField {
  /** The JSON name. */
  readonly name: string;
  /** The struct its value holds (or a list or map of), when it is one. */
  readonly type: GoStruct | undefined;
  /** Whether the value is a map whose values are `type`. */
  readonly map: boolean;
}

/** A Go struct as encoding/json writes it: its fields in order, embedded structs flattened. */
export interface GoStruct {
  readonly name: string;
  readonly fields: readonly GoField[];
  /** The fields by JSON name. */
  readonly byName: ReadonlyMap<string, GoField>;
}

const structs = new Map<string, GoStruct>();

/**
 * The struct named `name` in the generated table (`"core.Pod"`, `"v0.20.1/v1beta1.TaskSpec"`,
 * `"v1.12/v1.TaskRunStatus"`, …).
 *
 * @throws {Error} when the table has no such struct — a programming error, not an input one.
 */
export function goStruct(name: string): GoStruct {
  const known = structs.get(name);
  if (known !== undefined) return known;
  const spec = Object.hasOwn(GO_FIELD_ORDER, name) ? GO_FIELD_ORDER[name] : undefined;
  if (spec === undefined) throw new Error(`no field order for Go type ${name}`);
  const fields: GoField[] = [];
  const byName = new Map<string, GoField>();
  const struct: GoStruct = { name, fields, byName };
  // Registered before its fields resolve: structs refer to themselves (retriesStatus).
  structs.set(name, struct);
  for (const token of spec.split(" ")) {
    const m = /^([^:{]+)(?:(:|\{\})(.+))?$/.exec(token);
    if (m === null) continue;
    const field: GoField = { name: m[1] as string, type: m[3] !== undefined ? goStruct(m[3]) : undefined, map: m[2] === "{}" };
    fields.push(field);
    byName.set(field.name, field);
  }
  return struct;
}

/**
 * The keys of `value` in the order Go writes them: a struct's known fields in declaration order,
 * then any key Go's type does not know, sorted; a map's (or an untyped object's) keys sorted by
 * their UTF-8 bytes, as encoding/json sorts map keys.
 */
export function goKeyOrder(value: object, type: GoStruct | undefined): string[] {
  const own = Object.keys(value);
  if (type === undefined) return own.sort(compareGoStrings);
  const keys: string[] = [];
  for (const field of type.fields) if (Object.hasOwn(value, field.name)) keys.push(field.name);
  if (keys.length === own.length) return keys;
  const extra = own.filter((k) => !type.byName.has(k)).sort(compareGoStrings);
  return keys.concat(extra);
}

/**
 * A deep copy of JSON data with every object's keys in Go's order for `type` (see
 * {@link goKeyOrder}); values are copied as they are. For outputs not built by an encoder of
 * their own, such as a folded TaskRun status.
 */
export function inGoOrder<T>(value: T, type: GoStruct | undefined): T {
  return reorder(value, type, false) as T;
}

function reorder(value: unknown, type: GoStruct | undefined, map: boolean): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: unknown) => reorder(item, type, map));
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  const structType = map ? undefined : type;
  for (const key of goKeyOrder(source, structType)) {
    const field = structType?.byName.get(key);
    const v = map ? reorder(source[key], type, false) : reorder(source[key], field?.type, field?.map ?? false);
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
