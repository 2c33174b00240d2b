/**
 * ApplyParameters (reconciler/taskrun/resources/apply.go, v0.20.1): declared defaults first,
 * then the TaskRun's values, each reachable as `params.<name>` and the legacy
 * `inputs.params.<name>`; array values go to the array map.
 */
import type { Immutable, Param, ParamSpec, ParamValue } from "../../api/types.js";
import type { PathSegment } from "../../errors.js";
import { type StringMap, stringMap } from "../../k8s/string-tables.js";
import type { ArrayReplacements, PassOrigin, StringReplacements } from "./substitute.js";

export interface ParameterReplacements {
  readonly strings: StringReplacements;
  readonly arrays: ArrayReplacements;
  /** What every key starts with. */
  readonly prefixes: readonly string[];
}

const KEY_PREFIXES: readonly string[] = ["params.", "inputs.params."];

/** The numbers {@link ParamBindings} keeps per declared name, at these offsets. */
const DECLARATION = 0;
const MARKS = 1;
const STRING_SOURCE = 2;
const ARRAY_SOURCE = 3;
const FACTS = 4;
/** Marks: a declaration of the name has no default, so the TaskRun must give a value; the TaskRun gives one. */
const NEEDS_VALUE = 1;
const GIVEN = 2;

/**
 * The TaskRun's params bound to the Task's declared ones, in one table by name: what the
 * reconciler's param check ({@link checkParams} in resolve.ts) and ApplyParameters both read.
 * Tekton builds a map for each check and two for the values; at ten thousand params every
 * table operation costs about three times what it does at a thousand, so one table serves all.
 * It maps each declared name to where its facts are in one list of numbers: no object per name.
 * Only declared names have a slot: a TaskRun param the Task does not declare is never bound,
 * which is safe because checkParams refuses such params before ApplyParameters runs.
 */
export class ParamBindings {
  readonly #slots: StringMap<number>;
  readonly #specs: readonly Immutable<ParamSpec>[];
  readonly #params: readonly Immutable<Param>[];
  /**
   * {@link FACTS} numbers per slot: the index of the name's last declaration, whose type is the
   * name's (as in Go's map); the marks; and where the string and the array bound to the name
   * come from (the TaskRun's value, else the last default; apart, as in Tekton's two maps): a
   * declaration's index, the TaskRun param's index plus the number of declarations, or -1.
   */
  readonly #facts: number[];
  #needingValues = 0;
  #strings = 0;
  #arrays = 0;
  /** Indexes of the TaskRun's params that no declaration names. */
  readonly extra: number[] = [];
  /** The TaskRun's params whose value is not of the declared type. */
  readonly mistyped: { readonly name: string; readonly index: number; readonly declared: string }[] = [];

  constructor(specs: readonly Immutable<ParamSpec>[], params: readonly Immutable<Param>[]) {
    this.#specs = specs;
    this.#params = params;
    this.#slots = stringMap(specs.length);
    // A list of small integers rather than a typed array: for a few params, a typed array's
    // separately allocated storage costs more than the list, and for thousands the list is
    // one large object, which the young-generation collector does not copy either.
    const facts = new Array<number>(specs.length * FACTS).fill(0);
    this.#facts = facts;
    let slots = 0;
    specs.forEach((spec, i) => {
      let at = this.#slots.get(spec.name);
      if (at === undefined) {
        at = slots++ * FACTS;
        this.#slots.set(spec.name, at);
        facts[at + STRING_SOURCE] = -1;
        facts[at + ARRAY_SOURCE] = -1;
      }
      facts[at + DECLARATION] = i;
      if (spec.default === undefined) {
        if (((facts[at + MARKS] as number) & NEEDS_VALUE) === 0) this.#needingValues++;
        facts[at + MARKS] = (facts[at + MARKS] as number) | NEEDS_VALUE;
      } else this.#bind(at, spec.default, i);
    });
    params.forEach((param, index) => {
      const at = this.#slots.get(param.name);
      if (at === undefined) {
        this.extra.push(index);
        return;
      }
      facts[at + MARKS] = (facts[at + MARKS] as number) | GIVEN;
      const declared = this.#typeAt(at);
      if ((Array.isArray(param.value) ? "array" : "string") !== declared) {
        this.mistyped.push({ name: param.name, index, declared });
      }
      this.#bind(at, param.value, specs.length + index);
    });
  }

  #bind(at: number, value: Immutable<ParamValue>, source: number): void {
    const field = at + (typeof value === "string" ? STRING_SOURCE : ARRAY_SOURCE);
    if (this.#facts[field] === -1) {
      if (typeof value === "string") this.#strings++;
      else this.#arrays++;
    }
    this.#facts[field] = source;
  }

  #typeAt(at: number): string {
    return (this.#specs[this.#facts[at + DECLARATION] as number] as Immutable<ParamSpec>).type ?? "string";
  }

  /** The value bound from `source` (see #facts). */
  #valueFrom(source: number): Immutable<ParamValue> | undefined {
    if (source < 0) return undefined;
    const specs = this.#specs.length;
    return source < specs
      ? (this.#specs[source] as Immutable<ParamSpec>).default
      : (this.#params[source - specs] as Immutable<Param>).value;
  }

  /** The names of the declarations left without a value, in declaration order (a name once per declaration). */
  missing(): string[] {
    const missing: string[] = [];
    if (this.#needingValues === 0) return missing;
    for (const spec of this.#specs) {
      const marks = this.#facts[(this.#slots.get(spec.name) as number) + MARKS] as number;
      if ((marks & (NEEDS_VALUE | GIVEN)) === NEEDS_VALUE) missing.push(spec.name);
    }
    return missing;
  }

  /** ApplyParameters' string values, under `params.<name>` and `inputs.params.<name>`. */
  get strings(): StringReplacements {
    return { size: this.#strings, get: (key) => this.#value(key, STRING_SOURCE) as string | undefined };
  }

  /** ApplyParameters' array values, under the same keys. */
  get arrays(): ArrayReplacements {
    return { size: this.#arrays, get: (key) => this.#value(key, ARRAY_SOURCE) as readonly string[] | undefined };
  }

  #value(key: string, field: number): Immutable<ParamValue> | undefined {
    for (const prefix of KEY_PREFIXES) {
      if (key.startsWith(prefix)) {
        const at = this.#slots.get(key.slice(prefix.length));
        return at === undefined ? undefined : this.#valueFrom(this.#facts[at + field] as number);
      }
    }
    return undefined;
  }
}

/** ApplyParameters: the values of `bindings` (see {@link ParamBindings}). */
export function parameterReplacements(bindings: ParamBindings): ParameterReplacements {
  return { strings: bindings.strings, arrays: bindings.arrays, prefixes: KEY_PREFIXES };
}

/**
 * For an explanation: where each param's value came from — the TaskRun's param (the last of
 * that name, as binding above lets it win) or the Task's default. `specPath` is where the Task
 * spec's `params` are written in the input.
 */
export function parameterOrigin(
  specs: readonly Immutable<ParamSpec>[],
  params: readonly Immutable<Param>[],
  specPath: readonly PathSegment[],
): PassOrigin {
  const from = new Map<string, PathSegment[]>();
  specs.forEach((spec, i) => {
    if (spec.default !== undefined) from.set(spec.name, [...specPath, "params", i, "default"]);
  });
  params.forEach((param, i) => {
    from.set(param.name, ["taskRun", "spec", "params", i, "value"]);
  });
  const nameOf = (key: string): string => {
    const prefix = KEY_PREFIXES.find((p) => key.startsWith(p)) ?? "";
    const name = key.slice(prefix.length);
    return name.endsWith("[*]") ? name.slice(0, -3) : name;
  };
  return {
    rule: () => "param-substitution",
    from: (key) => from.get(nameOf(key)),
    note: (key) => {
      const name = nameOf(key);
      const own = params.some((p) => p.name === name);
      return `$(${key}) is replaced by ${own ? "the TaskRun's value" : "the Task's default"} of param ${JSON.stringify(name)}.`;
    },
  };
}
