/**
 * ApplyParameters (reconciler/taskrun/resources/apply.go, v0.20.1): declared defaults first,
 * then the TaskRun's values, each reachable as `params.<name>` and the legacy
 * `inputs.params.<name>`; array values go to the array map.
 */
import type { Immutable, Param, ParamSpec, ParamValue } from "../api/types.js";

export interface ParameterReplacements {
  readonly strings: Map<string, string>;
  readonly arrays: Map<string, readonly string[]>;
}

export function parameterReplacements(
  specs: readonly Immutable<ParamSpec>[],
  params: readonly Immutable<Param>[],
): ParameterReplacements {
  const strings = new Map<string, string>();
  const arrays = new Map<string, readonly string[]>();
  const bind = (name: string, value: Immutable<ParamValue>): void => {
    for (const key of [`params.${name}`, `inputs.params.${name}`]) {
      // Like Tekton, the two maps are independent: a name bound as both keeps both.
      if (typeof value === "string") strings.set(key, value);
      else arrays.set(key, value);
    }
  };
  for (const spec of specs) if (spec.default !== undefined) bind(spec.name, spec.default);
  for (const param of params) bind(param.name, param.value);
  return { strings, arrays };
}
