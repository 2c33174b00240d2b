/**
 * The `$(params.*)` replacements of Tekton v1.12 (reconciler/taskrun/resources/apply.go):
 * declared defaults first, overridden by the TaskRun's values. Each param is reachable as
 * `params.<n>`, `params["<n>"]`, `params['<n>']` and `inputs.params.<n>`; array elements as
 * `…[i]`, object keys as `params.<n>.<key>`.
 */
import { setRecord } from "../../k8s/records.js";
import type { Immutable, ParamSpecV1, ParamV1, ParamValueV1 } from "../api/types.js";
import type { Pass } from "./substitute.js";

/**
 * The three ways Tekton spells a reference to `name` under `base` (`params`, `results`…), with
 * `after` behind it: `base.name`, `base["name"]`, `base['name']` (then `after`). Written out
 * rather than made by a list of key functions: these keys are most of what a parameter pass costs.
 */
export function referenceSpellings(base: string, name: string, after = ""): [string, string, string] {
  // JSON.stringify of a name without quotes, backslashes or control characters is the name in quotes.
  const quoted = PLAIN_NAME.test(name) ? `"${name}"` : JSON.stringify(name);
  return [`${base}.${name}${after}`, `${base}[${quoted}]${after}`, `${base}['${name}']${after}`];
}

/** The four keys a param is reachable by, in the order Tekton sets them. */
export function paramSpellings(name: string): [string, string, string, string] {
  const [dotted, doubleQuoted, singleQuoted] = referenceSpellings("params", name);
  return [dotted, doubleQuoted, singleQuoted, `inputs.params.${name}`];
}

/** A name JSON writes as it is, between quotes. */
const PLAIN_NAME = /^[\w.-]*$/;

/** The keys a param's value is written under in a table: all four spellings, or only `params.<n>`. */
type Spelling = (name: string) => readonly string[];

/** Only the dotted spelling `params.<n>`, which nearly every reference uses. */
function dottedSpelling(name: string): [string] {
  return [`params.${name}`];
}

/** Mutable replacement tables, filled in Tekton's order. */
interface Tables {
  strings: Map<string, string>;
  arrays: Map<string, readonly string[]>;
  objects: Map<string, Record<string, string>>;
}

function addValue(tables: Tables, name: string, value: Immutable<ParamValueV1>, spelling: Spelling): void {
  const keys = spelling(name);
  if (Array.isArray(value)) {
    // One copy for all the keys: the tables are only read.
    const list: readonly string[] = [...value];
    for (const key of keys) {
      for (let i = 0; i < list.length; i++) tables.strings.set(`${key}[${i}]`, list[i] as string);
      tables.arrays.set(key, list);
    }
  } else if (typeof value === "object" && value !== null) {
    const obj = { ...(value as Record<string, string>) };
    for (const key of keys) tables.objects.set(key, obj);
    for (const [k, v] of Object.entries(obj)) tables.strings.set(`params.${name}.${k}`, v);
  } else {
    const text = String(value);
    for (const key of keys) tables.strings.set(key, text);
  }
}

function stringOf(value: Immutable<ParamValueV1> | undefined): string {
  return typeof value === "string" ? value : "";
}

/**
 * `replacementsFromDefaultParams`: plain defaults, then defaults that reference other params.
 * A reference `$(params.<r>)` in a default is looked up as Tekton does, under each spelling
 * of `<r>` in turn, but only the first, `params.<r>`, can be found: any other spelling of `<r>`
 * in the table was written by the same value that wrote `params.<r>` (`params["<r>"]`,
 * `params['<r>']`, `inputs.params.<r>` by the param `<r>`; `inputs.params.<a>[i]` by the
 * array `<a>`, with `params.<a>[i]`). So the dotted table alone resolves defaults as the full one does.
 */
function fromDefaults(specs: readonly Immutable<ParamSpecV1>[], spelling: Spelling): Tables {
  const tables: Tables = { strings: new Map(), arrays: new Map(), objects: new Map() };
  for (const p of specs) {
    if (p.default !== undefined && !stringOf(p.default).includes("$(params."))
      addValue(tables, p.name, p.default, spelling);
  }
  for (const p of specs) {
    const text = stringOf(p.default);
    if (p.default === undefined || !text.includes("$(params.")) continue;
    for (const match of text.match(/\$\(params\.[^)]*\)/g) ?? []) {
      const value = tables.strings.get(`params.${match.slice("$(params.".length, -1)}`);
      if (value !== undefined) {
        const resolved = text.split(match).join(value);
        for (const own of spelling(p.name)) tables.strings.set(own, resolved);
      }
    }
  }
  return tables;
}

/** The tables of a parameter pass, with each value under the keys `spelling` gives. */
function parameterTables(
  specs: readonly Immutable<ParamSpecV1>[],
  params: readonly Immutable<ParamV1>[],
  spelling: Spelling,
): Tables {
  const tables = fromDefaults(specs, spelling);
  // The TaskRun's strings and arrays override the defaults' in place (the tables are only
  // looked up, never listed, so where a key was first set does not matter); its objects are
  // merged into the defaults' key by key, once the last value of each name is known.
  const given: Tables = { strings: tables.strings, arrays: tables.arrays, objects: new Map() };
  for (const p of params) addValue(given, p.name, p.value, spelling);
  for (const [k, v] of given.objects) {
    const existing = tables.objects.get(k);
    // Key by key with setRecord: Object.assign would drop a `__proto__` key into the prototype setter.
    if (existing !== undefined) for (const [key, value] of Object.entries(v)) setRecord(existing, key, value);
    else tables.objects.set(k, v);
  }
  return tables;
}

/**
 * A table of a parameter pass read under every spelling, but made with the dotted keys only
 * until another spelling is looked up. Every key of the full table starts with `params.`,
 * `params[` or `inputs.params.`, and making it writes each key from the values alone (the
 * defaults' references read only dotted keys, see {@link fromDefaults}), so its `params.` keys
 * are exactly the dotted table's. Most Tasks spell every reference `params.<n>`: three keys in
 * four, and the strings they are made of, are then never made.
 */
class SpelledTable<V> {
  constructor(
    private readonly dotted: ReadonlyMap<string, V>,
    private readonly every: () => ReadonlyMap<string, V>,
  ) {}

  /** 0 when the table is empty (a value has a dotted key whenever it has any). */
  get size(): number {
    return this.dotted.size;
  }

  get(key: string): V | undefined {
    if (key.startsWith("params.")) return this.dotted.get(key);
    if (key.startsWith("params[") || key.startsWith("inputs.params.")) return this.every().get(key);
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

/** What every key of a parameter pass starts with. */
const PARAM_PREFIXES = ["params.", "params[", "inputs.params."];

/** The parameter pass of a TaskRun: the Task's defaults overridden by the TaskRun's values. */
export function parameterPass(specs: readonly Immutable<ParamSpecV1>[], params: readonly Immutable<ParamV1>[]): Pass {
  const dotted = parameterTables(specs, params, dottedSpelling);
  let every: Tables | undefined;
  const all = (): Tables => (every ??= parameterTables(specs, params, paramSpellings));
  return {
    keyPrefixes: PARAM_PREFIXES,
    strings: new SpelledTable(dotted.strings, () => all().strings),
    arrays: new SpelledTable(dotted.arrays, () => all().arrays),
    objects: new SpelledTable(dotted.objects, () => all().objects),
  };
}

/** The pass of a StepAction's own params: its defaults, overridden by the values the step passes. */
export function stepActionPass(
  specs: readonly Immutable<ParamSpecV1>[],
  provided: readonly Immutable<ParamV1>[],
): Pass {
  const tables = fromDefaults(specs, paramSpellings);
  const byName = new Map(provided.map((p) => [p.name, p.value]));
  const processed: { name: string; value: Immutable<ParamValueV1> }[] = [];
  const pending: Immutable<ParamSpecV1>[] = [];
  for (const p of specs) {
    const value = byName.get(p.name);
    if (value !== undefined) processed.push({ name: p.name, value });
    else if (p.default !== undefined) {
      if (!stringOf(p.default).includes("$(params.")) processed.push({ name: p.name, value: p.default });
      else pending.push(p);
    }
  }
  // Defaults that reference other params resolve once what they reference is known.
  let progress = true;
  while (pending.length > 0 && progress) {
    progress = false;
    for (const [i, p] of pending.entries()) {
      let text = stringOf(p.default);
      const refs = (text.match(/\$\(params\.[^)]*\)/g) ?? []).map((m) => m.slice("$(params.".length, -1));
      // Every reference must name a param already processed; otherwise this default waits a round.
      const replacements: [string, string][] = [];
      for (const r of refs) {
        const q = processed.find((done) => done.name === r);
        if (q === undefined) break;
        replacements.push([`$(params.${r})`, stringOf(q.value)]);
      }
      if (replacements.length < refs.length) continue;
      for (const [ref, value] of replacements) text = text.split(ref).join(value);
      processed.push({ name: p.name, value: text });
      pending.splice(i, 1);
      progress = true;
      break;
    }
  }
  const given: Tables = { strings: new Map(), arrays: new Map(), objects: new Map() };
  for (const p of processed) addValue(given, p.name, p.value, paramSpellings);
  for (const [k, v] of given.strings) tables.strings.set(k, v);
  for (const [k, v] of given.arrays) tables.arrays.set(k, v);
  for (const [k, v] of given.objects) tables.objects.set(k, { ...(tables.objects.get(k) ?? {}), ...v });
  return tables;
}
