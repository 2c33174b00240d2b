/**
 * ApplyParameters (reconciler/taskrun/resources/apply.go, v0.20.1): declared defaults first,
 * then the TaskRun's values, each reachable as `params.<name>` and the legacy
 * `inputs.params.<name>`; array values go to the array map.
 */
import type { Immutable, Param, ParamSpec, ParamValue } from "../../api/types.js";
import type { PathSegment } from "../../errors.js";
import type { ArrayReplacements, PassOrigin, Replacements, StringReplacements } from "./substitute.js";

export interface ParameterReplacements {
  readonly strings: StringReplacements;
  readonly arrays: ArrayReplacements;
  /** What every key starts with. */
  readonly prefixes: readonly string[];
}

const KEY_PREFIXES: readonly string[] = ["params.", "inputs.params."];

/**
 * Values by param name, looked up under both keys Tekton binds. Tekton fills one map with
 * both spellings; keeping one entry per name halves the table and the key strings, which
 * for Tasks with thousands of params is most of what binding costs.
 */
class ParamValues<T> implements Replacements<T> {
  readonly #byName = new Map<string, T>();

  get size(): number {
    return this.#byName.size;
  }

  set(name: string, value: T): void {
    this.#byName.set(name, value);
  }

  get(key: string): T | undefined {
    for (const prefix of KEY_PREFIXES) {
      if (key.startsWith(prefix)) return this.#byName.get(key.slice(prefix.length));
    }
    return undefined;
  }
}

export function parameterReplacements(
  specs: readonly Immutable<ParamSpec>[],
  params: readonly Immutable<Param>[],
): ParameterReplacements {
  const strings = new ParamValues<string>();
  const arrays = new ParamValues<readonly string[]>();
  const bind = (name: string, value: Immutable<ParamValue>): void => {
    // Like Tekton, the two maps are independent: a name bound as both keeps both.
    if (typeof value === "string") strings.set(name, value);
    else arrays.set(name, value);
  };
  for (const spec of specs) if (spec.default !== undefined) bind(spec.name, spec.default);
  for (const param of params) bind(param.name, param.value);
  return { strings, arrays, prefixes: KEY_PREFIXES };
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
