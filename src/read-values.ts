/**
 * Shape checks for untyped data as it comes out of YAML or JSON. The input types promise
 * shapes that user data need not keep (a `spec` that is a list, a name that is a number), so
 * every module that reads such data before the schema check, or defensively after it, asks
 * these instead of trusting the type. Nothing here throws; only {@link ViewReader} copies.
 */

import { hasKey } from "./k8s/records.js";

/** Whether `value` is a mapping: an object that is neither `null` nor an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The elements of `value` when it is an array, else none. */
export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a string, else `""` — how Go's `encoding/json` leaves a string field it cannot fill. */
export function stringOrEmpty(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** `value` when it is a non-empty string, else `undefined` (names, kinds and refs that are `""` name nothing). */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as a call
 * argument, and V8 throws a RangeError past about 120,000 of them — a size user data reaches.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
  return target;
}

/** A plain-object view of `value`, or `undefined` for anything else (arrays included). */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isRecord(value) ? value : undefined;
}

/** Own property `key` of `value` when it is a plain object (prototype keys never count). */
export function field(value: unknown, key: string): unknown {
  const record = asRecord(value);
  return hasKey(record, key) ? (record as Readonly<Record<string, unknown>>)[key] : undefined;
}

/**
 * Reads objects into views of one shape: every field the view has, `undefined` where the object
 * has none, copied in one walk over the keys the object has. The checks ask an object (a step,
 * a TaskRun's spec) for many fields, most of which it lacks; such objects come in many shapes
 * (their keys in any order), and asking objects of many shapes for a field costs a slow lookup
 * each time (several times more for a field they lack), where the views share one shape.
 */
export class ViewReader<V extends object> {
  readonly #empty: () => V;
  readonly #fields: ReadonlySet<string>;

  /** `empty` makes a view with no field set, from one object literal (so every view has its shape). */
  constructor(empty: () => V) {
    this.#empty = empty;
    this.#fields = new Set(Object.keys(empty()));
  }

  read(object: object): Readonly<V> {
    const view = this.#empty() as Record<string, unknown>;
    const from = object as Readonly<Record<string, unknown>>;
    for (const key in from) if (this.#fields.has(key)) view[key] = from[key];
    return view as Readonly<V>;
  }
}
