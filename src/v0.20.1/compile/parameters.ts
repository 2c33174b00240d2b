/**
 * ApplyParameters (reconciler/taskrun/resources/apply.go, v0.20.1): declared defaults first,
 * then the TaskRun's values, each reachable as `params.<name>` and the legacy
 * `inputs.params.<name>`; array values go to the array map.
 */
import type { Immutable, Param, ParamSpec, ParamValue } from "../../api/types.js";
import type { ArrayReplacements, Replacements, StringReplacements } from "./substitute.js";

export interface ParameterReplacements {
  readonly strings: StringReplacements;
  readonly arrays: ArrayReplacements;
}

const KEY_PREFIXES = ["params.", "inputs.params."];

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
  return { strings, arrays };
}
