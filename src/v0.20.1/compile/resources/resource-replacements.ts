/**
 * The variables of Tekton v0.20.1's `ApplyResources` (pkg/reconciler/taskrun/resources/apply.go,
 * v1beta1/resource_paths.go): each bound resource's fields under both
 * `resources.<dir>.<name>.<key>` and the legacy `<dir>.resources.<name>.<key>`, and a `path`
 * for every declared resource — bound or not — in either direction.
 */
import type { Immutable, TaskResource } from "../../../api/types.js";
import { isAbsolutePath, joinPath } from "../../../k8s/go-path.js";
import { stringOrEmpty } from "../../../read-values.js";
import type { StringReplacements } from "../substitute.js";
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

/** {@link resourceReplacements} as a Map, in the order the variables are set (a later one wins). */
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

/** Where each form of a resource variable puts the direction: `resources.<dir>.` and `<dir>.resources.`. */
const VARIABLE_PREFIXES: readonly (readonly [string, ResourceDirection])[] = [
  ["resources.inputs.", "inputs"],
  ["resources.outputs.", "outputs"],
  ["inputs.resources.", "inputs"],
  ["outputs.resources.", "outputs"],
];

/** What every resource variable starts with. */
export const RESOURCE_VARIABLE_PREFIXES: readonly string[] = VARIABLE_PREFIXES.map(([prefix]) => prefix);

/**
 * {@link resourceReplacementMap} without the map: each variable is looked up when the
 * substitution meets it, instead of two keys per variable of every bound resource being built
 * for each pass, when a Task refers to a few of them. It answers every key as the map does
 * (where keys repeat, the one the map set last).
 */
class ResourceValues implements StringReplacements {
  readonly #direction: ResourceDirection;
  readonly #impls: readonly ResourceImpl[];
  /** The declared resources' paths by name, per direction: they were set last, so they win. */
  readonly #paths: { readonly inputs: ReadonlyMap<string, string>; readonly outputs: ReadonlyMap<string, string> };
  /** 0 exactly when the map would be empty: all a pass asks of it. */
  readonly size: number;

  constructor(
    direction: ResourceDirection,
    impls: Iterable<ResourceImpl>,
    declared: {
      readonly inputs: readonly Immutable<TaskResource>[];
      readonly outputs: readonly Immutable<TaskResource>[];
    },
  ) {
    this.#direction = direction;
    this.#impls = [...impls];
    const paths = (list: readonly Immutable<TaskResource>[], dir: ResourceDirection): Map<string, string> =>
      new Map(list.map((d) => [d.name, declaredResourcePath(d, dir)]));
    this.#paths = { inputs: paths(declared.inputs, "inputs"), outputs: paths(declared.outputs, "outputs") };
    let size = this.#paths.inputs.size + this.#paths.outputs.size;
    for (const impl of this.#impls) size += impl.replacements.length;
    this.size = size;
  }

  get(key: string): string | undefined {
    for (const [prefix, direction] of VARIABLE_PREFIXES) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (rest.endsWith(".path")) {
        const path = this.#paths[direction].get(rest.slice(0, -".path".length));
        if (path !== undefined) return path;
      }
      if (direction !== this.#direction) return undefined;
      // The last impl, and its last variable, that spell this key: the value the map kept.
      for (let i = this.#impls.length - 1; i >= 0; i--) {
        const impl = this.#impls[i] as ResourceImpl;
        if (!rest.startsWith(impl.name) || rest.charCodeAt(impl.name.length) !== 46) continue;
        const variable = rest.slice(impl.name.length + 1);
        for (let k = impl.replacements.length - 1; k >= 0; k--) {
          const [name, value] = impl.replacements[k] as readonly [string, string];
          if (name === variable) return value;
        }
      }
      return undefined;
    }
    return undefined;
  }
}

/**
 * The variables of `ApplyResources(spec, resources, direction)` as a substitution pass reads
 * them (see {@link resourceReplacementMap}, whose answers these are).
 */
export function resourceReplacementValues(
  resources: ResolvedResources,
  direction: ResourceDirection,
  impls?: ReadonlyMap<string, ResourceImpl>,
): StringReplacements {
  const bound = direction === "inputs" ? resources.inputs : resources.outputs;
  const declared = resources.declarations ?? {
    inputs: resources.inputs.map((r) => r.declaration),
    outputs: resources.outputs.map((r) => r.declaration),
  };
  return new ResourceValues(direction, (impls ?? instantiateBoundResources(bound)).values(), declared);
}
