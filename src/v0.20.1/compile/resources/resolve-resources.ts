/**
 * The PipelineResource part of Tekton v0.20.1's `prepare()` (pkg/reconciler/taskrun/taskrun.go):
 * 1. `ResolveTaskResources` / `GetResourceFromBinding` — each binding's `resourceRef` is looked
 *    up among the namespace's PipelineResources, or its `resourceSpec` is taken as a resource
 *    named after the binding (failure: `TaskRunResolutionFailed`);
 * 2. the resource half of `ValidateResolvedTaskResources` (after the params check) — required
 *    declarations bound, no undeclared bindings, types equal (failure: `TaskRunValidationFailed`);
 * 3. `InitializeCloudEvents` (after the workspace checks) — where v0.20.1 dereferences nil for a
 *    cloudEvent output without `targetURI`; we reject it instead.
 */
import type {
  Immutable,
  PipelineResource,
  TaskResource,
  TaskResourceBinding,
  TaskRun,
  TaskSpec,
} from "../../../api/types.js";
import {
  type Checked,
  type Issue,
  issue,
  type PathSegment,
  passed,
  stopped,
  throwIfAny,
  valueOrThrow,
} from "../../../errors.js";
import { copyObject } from "../../../k8s/copy-object.js";
import { shortGoStringList } from "../../../k8s/go-strings.js";
import { asList, isRecord, stringOrEmpty } from "../../../read-values.js";
import { readTargetURI } from "./cloudevent.js";
import type {
  BoundResource,
  ResolvedResources,
  ResourceBinding,
  ResourceBindings,
  ResourceDirection,
} from "./types.js";

/** The namespace a TaskRun lives in (the API server defaults it to `default`). */
function namespaceOf(taskRun: Immutable<TaskRun>): string {
  const ns = taskRun.metadata?.namespace;
  return typeof ns === "string" && ns !== "" ? ns : "default";
}

/** Finds the PipelineResource a `resourceRef` names, in the TaskRun's namespace. */
function findPipelineResource(
  pipelineResources: readonly Immutable<PipelineResource>[],
  name: string,
  namespace: string,
): { resource: Immutable<PipelineResource>; index: number } | undefined {
  for (let index = 0; index < pipelineResources.length; index++) {
    const resource = pipelineResources[index];
    if (!isRecord(resource)) continue;
    const meta = resource.metadata;
    if (meta?.name !== name) continue;
    // A resource that states no namespace is taken to be in the TaskRun's.
    if (typeof meta.namespace === "string" && meta.namespace !== "" && meta.namespace !== namespace) continue;
    if (!isRecord(resource.spec)) continue;
    return { resource, index };
  }
  return undefined;
}

function bindOne(
  binding: Immutable<TaskResourceBinding>,
  bindingPath: readonly PathSegment[],
  pipelineResources: readonly Immutable<PipelineResource>[],
  namespace: string,
): Checked<ResourceBinding> {
  const name = stringOrEmpty(binding.name);
  const ref = isRecord(binding.resourceRef) ? binding.resourceRef : undefined;
  const refName = stringOrEmpty(ref?.name);
  const embedded = isRecord(binding.resourceSpec) ? binding.resourceSpec : undefined;
  const paths = asList(binding.paths).filter((p): p is string => typeof p === "string");
  if (refName !== "" && embedded !== undefined) {
    return stopped(
      "invalid-resource",
      bindingPath,
      `resource binding "${name}" has both resourceRef and resourceSpec: keep only one`,
    );
  }
  if (refName !== "") {
    const found = findPipelineResource(pipelineResources, refName, namespace);
    if (found === undefined) {
      return stopped(
        "resource-not-found",
        [...bindingPath, "resourceRef", "name"],
        `PipelineResource "${refName}" not found in namespace "${namespace}" (pipelineresource.tekton.dev "${refName}" not found): ` +
          "add it to pipelineResources or bind the resource with an embedded resourceSpec",
      );
    }
    return passed({
      name,
      resourceName: refName,
      spec: found.resource.spec,
      paths,
      bindingPath,
      specPath: ["pipelineResources", found.index, "spec"],
    });
  }
  if (embedded !== undefined) {
    return passed({
      name,
      resourceName: name,
      spec: embedded,
      paths,
      bindingPath,
      specPath: [...bindingPath, "resourceSpec"],
    });
  }
  return stopped(
    "invalid-resource",
    bindingPath,
    `resource binding "${name}" has neither resourceRef nor resourceSpec: add a resourceRef {name: <PipelineResource>} or an embedded resourceSpec`,
  );
}

/**
 * Step 1 of prepare(): resolves every binding of the TaskRun, inputs first, in order. Stops
 * (`TaskRunResolutionFailed`) at the first `resourceRef` naming no PipelineResource in the
 * TaskRun's namespace, or binding with both or neither of `resourceRef` and `resourceSpec`.
 *
 * @example
 * ```ts
 * const bindings = bindResources({ taskRun, pipelineResources: input.pipelineResources ?? [] });
 * ```
 */
export function bindResources(args: {
  taskRun: Immutable<TaskRun>;
  pipelineResources: readonly Immutable<PipelineResource>[];
}): Checked<ResourceBindings> {
  const namespace = namespaceOf(args.taskRun);
  const resources =
    isRecord(args.taskRun.spec) && isRecord(args.taskRun.spec.resources) ? args.taskRun.spec.resources : undefined;
  const pipelineResources = asList(args.pipelineResources) as readonly Immutable<PipelineResource>[];
  const bound: ResourceBindings = { inputs: [], outputs: [] };
  for (const direction of ["inputs", "outputs"] as const) {
    const list = asList(resources?.[direction]) as readonly Immutable<TaskResourceBinding>[];
    const out = bound[direction] as ResourceBinding[];
    for (let i = 0; i < list.length; i++) {
      const binding = list[i];
      if (!isRecord(binding)) continue;
      const one = bindOne(binding, ["taskRun", "spec", "resources", direction, i], pipelineResources, namespace);
      if (!one.ok) return one;
      // Tekton keys resolved resources by binding name: a later binding of the same name wins.
      const previous = out.findIndex((b) => b.name === one.value.name);
      if (previous >= 0) out.splice(previous, 1);
      out.push(one.value);
    }
  }
  return passed(bound);
}

/** The resources a Task spec declares in `direction`, skipping entries that are not mappings. */
export function declarationsOf(
  taskSpec: Immutable<TaskSpec>,
  direction: ResourceDirection,
): readonly Immutable<TaskResource>[] {
  const resources = isRecord(taskSpec.resources) ? taskSpec.resources : undefined;
  return (asList(resources?.[direction]) as readonly Immutable<TaskResource>[]).filter(isRecord);
}

function matchDirection(
  direction: ResourceDirection,
  declarations: readonly Immutable<TaskResource>[],
  bindings: readonly ResourceBinding[],
  taskName: string,
): Checked<BoundResource[]> {
  const singular = direction === "inputs" ? "input" : "output";
  const prefix = `invalid ${singular} resources for task ${taskName}`;
  const bindingsPath: PathSegment[] = ["taskRun", "spec", "resources", direction];
  const bound = new Set(bindings.map((b) => b.name));
  const missing = declarations.filter((d) => d.optional !== true && !bound.has(d.name));
  if (missing.length > 0) {
    const list = shortGoStringList(missing.map((d) => d.name));
    return {
      ok: false,
      issues: missing.map((d) =>
        issue(
          "missing-resource",
          bindingsPath,
          `${prefix}: Task's declared required resources are missing from the TaskRun: ${list} — ` +
            `bind ${singular} resource "${d.name}" (type ${d.type}) with a resourceRef or resourceSpec, or mark it optional in the Task`,
        ),
      ),
    };
  }
  const declared = new Map(declarations.map((d) => [d.name, d] as const));
  const extra = bindings.filter((b) => !declared.has(b.name));
  if (extra.length > 0) {
    const list = shortGoStringList(extra.map((b) => b.name));
    return {
      ok: false,
      issues: extra.map((b) =>
        issue(
          "extra-resource",
          b.bindingPath ?? bindingsPath,
          `${prefix}: TaskRun's declared resources didn't match usage in Task: ${list} — ` +
            `Task "${taskName}" declares no ${singular} resource "${b.name}"; remove the binding or declare it in the Task`,
        ),
      ),
    };
  }
  // Tekton checks types in declaration order and stops at the first mismatch.
  const result: BoundResource[] = [];
  for (const d of declarations) {
    const b = bindings.find((x) => x.name === d.name);
    if (b !== undefined && b.spec.type !== d.type) {
      return stopped(
        "resource-type-mismatch",
        [...(b.specPath ?? b.bindingPath ?? bindingsPath), "type"],
        `${prefix}: resource "${d.name}" is declared by the Task as type ${JSON.stringify(d.type)} ` +
          `but the TaskRun binds a PipelineResource of type ${JSON.stringify(b.spec.type)}; bind a ${d.type} resource`,
      );
    }
  }
  for (const b of bindings) {
    const declaration = declared.get(b.name);
    if (declaration === undefined) continue;
    // A copy the declaration is added to (see copyObject).
    const matched = copyObject(b) as typeof b & { declaration: typeof declaration };
    matched.declaration = declaration;
    result.push(matched);
  }
  return passed(result);
}

/**
 * Step 2 of prepare() (the resource half of `ValidateResolvedTaskResources`, which Tekton runs
 * right after the params check): inputs, then outputs — every required declaration bound, no
 * binding without a declaration, the same type on both sides; each binding paired with its
 * declaration. Stops (`TaskRunValidationFailed`) at the first kind of problem found.
 */
export function matchResourceBindings(args: {
  taskSpec: Immutable<TaskSpec>;
  taskName: string;
  bindings: ResourceBindings;
}): Checked<ResolvedResources> {
  const declaredInputs = declarationsOf(args.taskSpec, "inputs");
  const declaredOutputs = declarationsOf(args.taskSpec, "outputs");
  const inputs = matchDirection("inputs", declaredInputs, args.bindings.inputs, args.taskName);
  if (!inputs.ok) return inputs;
  const outputs = matchDirection("outputs", declaredOutputs, args.bindings.outputs, args.taskName);
  if (!outputs.ok) return outputs;
  return passed({
    inputs: inputs.value,
    outputs: outputs.value,
    declarations: { inputs: declaredInputs, outputs: declaredOutputs },
  });
}

/**
 * Step 3 of prepare() (Tekton's `InitializeCloudEvents`, after the workspace checks): a
 * cloudEvent output needs a non-empty `targetURI`. v0.20.1 crashes there; we report an issue
 * for each such output instead (`TaskRunValidationFailed`).
 */
export function checkCloudEventOutputs(resources: ResolvedResources): Issue[] {
  return resources.outputs
    .filter((o) => o.spec.type === "cloudEvent" && readTargetURI(o.spec) === undefined)
    .map((o) =>
      issue(
        "invalid-resource",
        [...(o.specPath ?? o.bindingPath ?? []), "params"],
        `cloudEvent output "${o.name}" (PipelineResource "${o.resourceName}") has no targetURI, which makes Tekton v0.20.1 crash: ` +
          "add a param {name: targetURI, value: <sink URL>}",
      ),
    );
}

/**
 * All of prepare()'s resource work in Tekton's order: {@link bindResources},
 * {@link matchResourceBindings}, {@link checkCloudEventOutputs}, each stop thrown as a
 * `CompileError` (stage `resolution`). (Tekton checks params between the first two and
 * workspaces between the last two; the compile orchestrator takes the parts separately to
 * interleave those checks exactly.)
 *
 * @example
 * ```ts
 * const resolved = resolveResources({ taskRun, taskSpec, taskName: "build", pipelineResources: [] });
 * resolved.inputs[0]?.declaration.type; // "git"
 * ```
 */
export function resolveResources(args: {
  taskRun: Immutable<TaskRun>;
  taskSpec: Immutable<TaskSpec>;
  taskName: string;
  pipelineResources: readonly Immutable<PipelineResource>[];
}): ResolvedResources {
  const bindings = valueOrThrow("resolution", bindResources(args), "TaskRunResolutionFailed");
  const resolved = valueOrThrow(
    "resolution",
    matchResourceBindings({ taskSpec: args.taskSpec, taskName: args.taskName, bindings }),
    "TaskRunValidationFailed",
  );
  throwIfAny("resolution", checkCloudEventOutputs(resolved), "TaskRunValidationFailed");
  return resolved;
}
