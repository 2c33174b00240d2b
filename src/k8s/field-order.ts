/**
 * Go structs' field order, for writing output objects the way Go's encoding/json writes them:
 * a struct's fields in declaration order, a map's keys sorted. With it every object the package
 * returns lists its keys in one fixed order — the API server's — whatever order the input used.
 */
import { GO_FIELD_ORDER } from "./go-field-order.js";
import { compareGoStrings, sortGoStrings } from "./go-strings.js";

/** One field of a Go struct, by its JSON name. */
export interface GoField {
  /** The JSON name. */
  readonly name: string;
  /** The struct its value holds (or a list or map of), when it is one. */
  readonly type: GoStruct | undefined;
  /** Whether the value is a map whose values are `type`. */
  readonly map: boolean;
  /** Its place among the struct's fields. */
  readonly index: number;
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
    const field: GoField = {
      name: m[1] as string,
      type: m[3] !== undefined ? goStruct(m[3]) : undefined,
      map: m[2] === "{}",
      index: fields.length,
    };
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
  if (type === undefined) return inGoStringOrder(own);
  // Most objects are built in Go's order already (the compiler writes them so): one lookup per
  // key confirms it, where probing every field of a large struct (a PodSpec has dozens) would
  // cost more than the copy itself.
  let last = -1;
  for (const key of own) {
    const index = type.byName.get(key)?.index;
    if (index === undefined || index < last) return reorderKeys(value, own, type);
    last = index;
  }
  return own;
}

/** `keys` in Go's string order, sorted in place only when they are not already (most maps are written sorted). */
function inGoStringOrder(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    if (compareGoStrings(keys[i - 1] as string, keys[i] as string) > 0) return sortGoStrings(keys);
  }
  return keys;
}

/** {@link goKeyOrder} of `own`, the keys of `value`, when they are not in Go's order yet. */
export function reorderKeys(value: object, own: readonly string[], type: GoStruct): string[] {
  let keys: string[];
  if (type.fields.length <= 2 * own.length) {
    // A small struct, or one with most of its fields present: its fields are probed in order.
    keys = [];
    for (const field of type.fields) if (Object.hasOwn(value, field.name)) keys.push(field.name);
  } else {
    // A few of a large struct's fields: they are sorted by their place instead, each put in
    // place as it comes (few keys, most of them in order).
    const known: GoField[] = [];
    for (const key of own) {
      const field = type.byName.get(key);
      if (field === undefined) continue;
      let i = known.length;
      while (i > 0 && (known[i - 1] as GoField).index > field.index) {
        known[i] = known[i - 1] as GoField;
        i--;
      }
      known[i] = field;
    }
    keys = known.map((f) => f.name);
  }
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

/** An object or list being copied: where the next item goes, and how its items are typed. */
interface Frame {
  readonly source: object;
  readonly out: unknown[] | Record<string, unknown>;
  /** Keys in Go's order (objects); undefined for lists. */
  readonly keys: readonly string[] | undefined;
  readonly type: GoStruct | undefined;
  readonly map: boolean;
  next: number;
}

/**
 * {@link inGoOrder}'s copy, without recursion: status data (a TaskRun status's `taskSpec`) is
 * free-form and may nest deeper than the call stack allows.
 */
function reorder(value: unknown, type: GoStruct | undefined, map: boolean): unknown {
  const stack: Frame[] = [];
  const start = (v: unknown, t: GoStruct | undefined, m: boolean): unknown => {
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      stack.push({ source: v, out, keys: undefined, type: t, map: m, next: 0 });
      return out;
    }
    const out: Record<string, unknown> = {};
    stack.push({ source: v, out, keys: goKeyOrder(v, m ? undefined : t), type: t, map: m, next: 0 });
    return out;
  };
  const root = start(value, type, map);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.keys === undefined) {
      const list = frame.source as unknown[];
      if (frame.next >= list.length) {
        stack.pop();
        continue;
      }
      // A list's items have the list's type (and are map values when the list is one).
      (frame.out as unknown[]).push(start(list[frame.next++], frame.type, frame.map));
      continue;
    }
    if (frame.next >= frame.keys.length) {
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.next++] as string;
    const item = (frame.source as Record<string, unknown>)[key];
    let v: unknown;
    if (frame.map) {
      v = start(item, frame.type, false);
    } else {
      const field = frame.type?.byName.get(key);
      v = start(item, field?.type, field?.map ?? false);
    }
    const out = frame.out as Record<string, unknown>;
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return root;
}
