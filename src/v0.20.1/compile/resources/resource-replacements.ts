/**
 * The variables of Tekton v0.20.1's `ApplyResources` (pkg/reconciler/taskrun/resources/apply.go,
 * v1beta1/resource_paths.go): each bound resource's fields under both
 * `resources.<dir>.<name>.<key>` and the legacy `<dir>.resources.<name>.<key>`, and a `path`
 * for every declared resource — bound or not — in either direction.
 */
import type { Immutable, TaskResource } from "../../../api/types.js";
import { isAbsolutePath, joinPath } from "../../../k8s/go-path.js";
import { stringOrEmpty } from "../../../read-values.js";
import { instantiateBoundResources } from "./add-resource-steps.js";
import { OUTPUT_DIR, type ResourceImpl, WORKSPACE_DIR } from "./model.js";
import type { ResolvedResources, ResourceDirection } from "./types.js";

/**
 * Tekton's `InputResourcePath`/`OutputResourcePath`: an absolute targetPath as written, a
 * relative one under `/workspace` (for outputs too), else `<root>/<name>`.
 */
export function declaredResourcePath(declaration: Immutable<TaskResource>, direction: ResourceDirection): string {
  const target = stringOrEmpty(declaration.targetPath);
  if (target !== "") return isAbsolutePath(target) ? target : joinPath(WORKSPACE_DIR, target);
  return joinPath(direction === "inputs" ? WORKSPACE_DIR : OUTPUT_DIR, declaration.name);
}

/**
 * The replacement map of `ApplyResources(spec, resources, direction)`: keys without `$(`/`)`.
 * Tekton calls it once for inputs and then once for outputs, each time after the context
 * variables. Throws like {@link instantiateBoundResources} for a resource Tekton cannot create;
 * `impls`, when given, are the implementations that function already made of the direction's
 * bound resources.
 *
 * @example
 * ```ts
 * resourceReplacements(resolved, "inputs")["resources.inputs.src.path"]; // "/workspace/src"
 * ```
 */
export function resourceReplacements(
  resources: ResolvedResources,
  direction: ResourceDirection,
  impls?: ReadonlyMap<string, ResourceImpl>,
): Record<string, string> {
  // Every key contains a dot, so none can be "__proto__" (nor an index): the plain object
  // keeps the map's keys and order.
  return Object.fromEntries(resourceReplacementMap(resources, direction, impls));
}

/**
 * {@link resourceReplacements} as the Map a substitution pass reads: building it directly
 * spares a plain object of a few hundred keys per call, which was most of this stage's time.
 */
export function resourceReplacementMap(
  resources: ResolvedResources,
  direction: ResourceDirection,
  impls?: ReadonlyMap<string, ResourceImpl>,
): Map<string, string> {
  const out = new Map<string, string>();
  const bound = direction === "inputs" ? resources.inputs : resources.outputs;
  for (const impl of (impls ?? instantiateBoundResources(bound)).values()) {
    for (const [key, value] of impl.replacements) {
      out.set(`resources.${direction}.${impl.name}.${key}`, value);
      out.set(`${direction}.resources.${impl.name}.${key}`, value);
    }
  }
  const declared = resources.declarations ?? {
    inputs: resources.inputs.map((r) => r.declaration),
    outputs: resources.outputs.map((r) => r.declaration),
  };
  for (const d of declared.inputs) {
    const path = declaredResourcePath(d, "inputs");
    out.set(`resources.inputs.${d.name}.path`, path);
    out.set(`inputs.resources.${d.name}.path`, path);
  }
  for (const d of declared.outputs) {
    const path = declaredResourcePath(d, "outputs");
    out.set(`resources.outputs.${d.name}.path`, path);
    out.set(`outputs.resources.${d.name}.path`, path);
  }
  return out;
}
