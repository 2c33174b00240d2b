/**
 * The compiler: TaskRun + Task + cluster data → the Pod Tekton v0.20.1 creates. Each stage
 * is one module; this file only lists them in the order the controller runs them
 * (admission webhook, reconciler prepare, createPod, Builder.Build).
 */
import type { PersistentVolumeClaim, Pod, Volume } from "kubernetes-types/core/v1.js";
import { checkInputShape } from "../../api/schema.js";
import type { CompileInput, Immutable, TaskRun, TaskSpec, WorkspaceBinding } from "../../api/types.js";
import { type CompileStage, type Issue, issue, type PathSegment, throwIfAny, valueOrThrow } from "../../errors.js";
import type { Explainer, RuleCode } from "../../explain/index.js";
import { copyObject } from "../../k8s/copy-object.js";
import { SuffixGenerator } from "../../k8s/names.js";
import { OutputEncoder } from "../../k8s/output-encoder.js";
import { missingUidWarning } from "../../k8s/owner-uid.js";
import { appendAll } from "../../read-values.js";
import { RESULTS_DIR, taskRunOwnerReference } from "../contract.js";
import { refuseLaterApiVersions } from "./api-version.js";
import { resolveConfig } from "./config.js";
import { CREDENTIALS_PATH } from "./credentials.js";
import { defaultTask, defaultTaskRun } from "./defaults.js";
import { ParamBindings, parameterOrigin, parameterReplacements } from "./parameters.js";
import { buildPod } from "./pod/build-pod.js";
import {
  bindDefaultWorkspaces,
  checkParams,
  checkWorkspaceBindings,
  resolveTask,
  workspaceBindingPath,
} from "./resolve.js";
import {
  addResourceSteps,
  bindResources,
  checkCloudEventOutputs,
  instantiateBoundResources,
  matchResourceBindings,
  RESOURCE_VARIABLE_PREFIXES,
  type ResolvedResources,
  resourceReplacementValues,
  validatePipelineResourceSpec,
} from "./resources/index.js";
import type { ResourceImpl } from "./resources/model.js";
import { applyReplacements, type PassOrigin, type ReplacementPass, type StringReplacements } from "./substitute.js";
import { validateTask, validateTaskRun } from "./validate.js";
import {
  applyWorkspaces,
  createWorkspaceVolumes,
  materializeVolumeClaimTemplates,
  workspaceReplacements,
} from "./workspaces.js";

/** What `compileTaskRun` returns. */
export interface CompileResult {
  /** The Pod the controller creates. */
  readonly pod: Pod;
  /** The Task spec after defaults, PipelineResource steps, substitution and workspace mounts — what the Pod is built from. */
  readonly taskSpec: TaskSpec;
  /** PVCs created before the Pod for `volumeClaimTemplate` workspace bindings; absent when there are none. */
  readonly persistentVolumeClaims?: PersistentVolumeClaim[];
  /** Problems that did not stop compilation (e.g. an image that could not be pinned). */
  readonly warnings: Issue[];
}

/** PipelineResource specs embedded in the TaskRun are validated with it. */
function validateEmbeddedResources(taskRun: Immutable<TaskRun>): Issue[] {
  const issues: Issue[] = [];
  for (const direction of ["inputs", "outputs"] as const) {
    (taskRun.spec.resources?.[direction] ?? []).forEach((binding, i) => {
      if (binding.resourceSpec !== undefined) {
        appendAll(
          issues,
          validatePipelineResourceSpec(binding.resourceSpec, [
            "taskRun",
            "spec",
            "resources",
            direction,
            i,
            "resourceSpec",
          ]),
        );
      }
    });
  }
  return issues;
}

/** Shape problems in the TaskRun or Task are admission rejections; elsewhere, bad input. */
function shapeStage(issues: readonly Issue[]): CompileStage {
  // The webhook rejects a malformed TaskRun or Task before anything else is looked at.
  return issues.some((i) => i.segments[0] === "taskRun" || i.segments[0] === "task") ? "admission" : "input";
}

/**
 * The context values, noting whether `$(context.task.name)` was replaced: for an embedded spec
 * v0.20.1 gives it the TaskRun's name, which surprises, so the compile warns about it.
 */
class ContextValues implements StringReplacements {
  readonly #values: Map<string, string>;
  readonly #embedded: boolean;
  taskNameUsed = false;

  constructor(values: Map<string, string>, embedded: boolean) {
    this.#values = values;
    this.#embedded = embedded;
  }

  get size(): number {
    return this.#values.size;
  }

  get(key: string): string | undefined {
    if (this.#embedded && key === "context.task.name") this.taskNameUsed = true;
    return this.#values.get(key);
  }
}

/** What the keys of each pass below start with (see ReplacementPass.prefixes). */
const CONTEXT_PREFIXES: readonly string[] = ["context."];
const RESULT_PREFIXES: readonly string[] = ["results."];
const WORKSPACE_PREFIXES: readonly string[] = ["workspaces."];
const CREDENTIALS_PREFIXES: readonly string[] = ["credentials.path"];

/** `ApplyContexts`: `$(context.taskRun.*)` and `$(context.task.name)`. */
function contextReplacements(
  taskRun: Immutable<TaskRun>,
  taskName: string,
  embedded: boolean,
  explain: Explainer | undefined,
): ReplacementPass & { readonly strings: ContextValues } {
  const meta = taskRun.metadata;
  const strings = new ContextValues(
    new Map([
      ["context.taskRun.name", meta?.name ?? ""],
      ["context.task.name", taskName],
      ["context.taskRun.namespace", meta?.namespace ?? ""],
      ["context.taskRun.uid", meta?.uid ?? ""],
    ]),
    embedded,
  );
  if (explain === undefined) return { strings, prefixes: CONTEXT_PREFIXES };
  const origin: PassOrigin = {
    rule: (key) => (key === "context.task.name" && embedded ? "quirk-context-task-name" : "context-substitution"),
    from: (key) =>
      key === "context.task.name"
        ? embedded
          ? ["taskRun", "metadata", "name"]
          : ["task", "metadata", "name"]
        : ["taskRun", "metadata", key.slice("context.taskRun.".length)],
    note: (key) =>
      key === "context.task.name" && embedded
        ? `$(${key}) is the TaskRun's name: the spec is embedded, so there is no Task name (a v0.20.1 quirk).`
        : `$(${key}) is replaced by the ${key === "context.task.name" ? "Task's name" : `TaskRun's ${key.slice("context.taskRun.".length)}`}.`,
  };
  return { strings, prefixes: CONTEXT_PREFIXES, origin };
}

/** `ApplyTaskResults`: `$(results.<name>.path)`, the file each declared result is written to. */
function taskResultReplacements(spec: Immutable<TaskSpec>): ReplacementPass {
  return {
    strings: new Map((spec.results ?? []).map((r) => [`results.${r.name}.path`, `${RESULTS_DIR}/${r.name}`])),
    prefixes: RESULT_PREFIXES,
  };
}

/** A pass's origin for an explanation: one rule, each key from `from`, with a note per key. */
function origin(rule: RuleCode, from: (key: string) => readonly PathSegment[] | undefined, what: string): PassOrigin {
  return { rule: () => rule, from, note: (key) => `$(${key}) is replaced by ${what}.` };
}

/**
 * Compiles a TaskRun into the Pod Tekton v0.20.1 would create for it: the v0.20.1 profile of
 * the public `compileTaskRun`.
 *
 * @throws {CompileError} when Tekton would reject the TaskRun, fail to resolve it, or fail to
 *   build its Pod, and when the input is malformed or lacks data Tekton would fetch.
 */
export function compileTaskRun(input: Immutable<CompileInput>, explain?: Explainer): CompileResult {
  refuseLaterApiVersions(input);
  const shapeIssues = checkInputShape(input);
  throwIfAny(shapeStage(shapeIssues), shapeIssues);
  const config = resolveConfig(input.config);
  const meta = input.taskRun.metadata;
  const names = new SuffixGenerator(`${meta?.namespace ?? ""}/${meta?.name ?? ""}/${meta?.uid ?? ""}`);
  const warnings: Issue[] = [];

  // Admission webhook: defaults, then validation. An explanation starts from the input as
  // written: every field of the TaskRun is where it was, until a stage moves or changes it.
  explain?.copied(["taskRun"], input.taskRun, ["taskRun"], "As written in the TaskRun.");
  const taskRun = defaultTaskRun(input.taskRun, config, explain);
  const task = input.task !== undefined ? defaultTask(input.task) : undefined;
  const admissionIssues = [
    ...validateTaskRun(taskRun, { enableTektonOCIBundles: config.featureFlags.enableTektonOCIBundles }),
    ...(task !== undefined ? validateTask(task) : []),
    ...validateEmbeddedResources(taskRun),
  ];
  throwIfAny("admission", admissionIssues);

  // Reconciler prepare(), in its order of checks; it stops at the first that fails, with
  // TaskRunResolutionFailed for what could not be found and TaskRunValidationFailed for what
  // does not fit.
  const resolved = valueOrThrow("resolution", resolveTask(taskRun, task, explain), "TaskRunResolutionFailed");
  // resolveTask names no kind for a spec embedded in the TaskRun.
  const embedded = resolved.kind === undefined;
  const sourcePath: PathSegment[] = embedded ? ["taskRun", "spec", "taskSpec"] : ["task", "spec"];
  if (embedded) explain?.move(["taskRun", "spec", "taskSpec"], ["taskSpec"]);
  else explain?.copied(["taskSpec"], task?.spec, ["task", "spec"], "As written in the Task.");
  const resourceBindings = valueOrThrow(
    "resolution",
    bindResources({ taskRun: resolved.taskRun, pipelineResources: input.pipelineResources ?? [] }),
    "TaskRunResolutionFailed",
  );
  // One table of the params, for the check here and for ApplyParameters' values later.
  const paramBindings = new ParamBindings(resolved.taskSpec.params ?? [], taskRun.spec.params ?? []);
  throwIfAny(
    "resolution",
    checkParams(resolved.taskName, paramBindings, taskRun.spec.params ?? []),
    "TaskRunValidationFailed",
  );
  const resources = valueOrThrow(
    "resolution",
    matchResourceBindings({ taskSpec: resolved.taskSpec, taskName: resolved.taskName, bindings: resourceBindings }),
    "TaskRunValidationFailed",
  );
  const declaredBindings = valueOrThrow(
    "resolution",
    bindDefaultWorkspaces(taskRun.spec.workspaces ?? [], resolved.taskSpec, config),
    "TaskRunResolutionFailed",
  );
  throwIfAny(
    "resolution",
    checkWorkspaceBindings(resolved.taskRun, resolved.taskSpec, declaredBindings),
    "TaskRunValidationFailed",
  );
  throwIfAny("resolution", checkCloudEventOutputs(resources), "TaskRunValidationFailed");

  // reconcile(): PVCs for volumeClaimTemplates, then createPod().
  const ownBindings = (taskRun.spec.workspaces ?? []).length;
  const bindingPath = (i: number): PathSegment[] => workspaceBindingPath(i, ownBindings);
  const { bindings, claims } = materializeVolumeClaimTemplates(
    declaredBindings,
    taskRunOwnerReference(taskRun),
    meta?.namespace,
    explain && { explain, bindingPath },
  );
  const podTaskRun: TaskRun = { ...resolved.taskRun };
  podTaskRun.spec = copyObject(resolved.taskRun.spec);
  podTaskRun.spec.workspaces = bindings;

  // resourceImplBinding: made once, for the resource steps and both ApplyResources passes.
  const impls = {
    inputs: instantiateBoundResources(resources.inputs),
    outputs: instantiateBoundResources(resources.outputs),
  };
  const spec = addResourceSteps({
    taskSpec: resolved.taskSpec,
    taskRun: podTaskRun,
    taskName: resolved.taskName,
    resources,
    config,
    names,
    impls,
    explain,
  });
  const workspaceVolumes = createWorkspaceVolumes(bindings, names);
  // The Task spec is final after this stage. Encoded at once, the copy is both the result's
  // taskSpec and what the Pod is built from: laid out afresh in step order, where the
  // substituted spec is scattered over everything the passes allocated. Nothing here keeps the
  // substituted spec: for a large Task, it would double what is alive while the Pod is built.
  const output = new OutputEncoder();
  const taskSpec = output.encode(
    substituteTaskSpec(spec, {
      taskRun,
      paramBindings,
      taskName: resolved.taskName,
      embedded,
      sourcePath,
      resources,
      impls,
      bindings,
      bindingPath,
      workspaceVolumes,
      warnings,
      explain,
    }),
    "v0.20.1/v1beta1.TaskSpec",
  );

  const pod = buildPod({
    taskRun: podTaskRun,
    taskSpec,
    config,
    names,
    output,
    limitRanges: input.limitRanges ?? [],
    imageEntrypoints: input.imageEntrypoints,
    serviceAccount: input.serviceAccount,
    secrets: input.secrets ?? [],
    warnings,
    explain,
    source: {
      path: sourcePath,
      steps: (resolved.taskSpec.steps ?? []).length,
      volumes: (resolved.taskSpec.volumes ?? []).length,
    },
  });

  const uidWarning = missingUidWarning(meta?.uid, claims.length > 0);
  if (uidWarning !== undefined) warnings.push(uidWarning);
  const result: { pod: Pod; taskSpec: TaskSpec; persistentVolumeClaims?: PersistentVolumeClaim[]; warnings: Issue[] } =
    {
      pod: output.encode(pod, "core.Pod"),
      taskSpec,
      warnings,
    };
  if (claims.length > 0) result.persistentVolumeClaims = output.encode(claims, "core.PersistentVolumeClaim");
  return result;
}

/** What the substitution passes and workspace.Apply take besides the spec. */
interface SubstitutionContext {
  readonly taskRun: Immutable<TaskRun>;
  /** The spec's params bound to the TaskRun's (the spec's params are those resolved). */
  readonly paramBindings: ParamBindings;
  readonly taskName: string;
  readonly embedded: boolean;
  readonly sourcePath: readonly PathSegment[];
  readonly resources: ResolvedResources;
  /** resourceImplBinding, per direction. */
  readonly impls: { readonly inputs: Map<string, ResourceImpl>; readonly outputs: Map<string, ResourceImpl> };
  readonly bindings: WorkspaceBinding[];
  readonly bindingPath: (i: number) => PathSegment[];
  /** The Pod volume of each workspace binding, by workspace name. */
  readonly workspaceVolumes: Map<string, Volume>;
  readonly warnings: Issue[];
  readonly explain: Explainer | undefined;
}

/**
 * The controller's substitution passes (pkg/reconciler/taskrun/taskrun.go createPod), in its
 * order, each named as the controller names the function that makes it; then workspace.Apply.
 */
function substituteTaskSpec(source: TaskSpec, context: SubstitutionContext): TaskSpec {
  const { taskRun, embedded, sourcePath, resources, impls, bindings, bindingPath, workspaceVolumes, explain } = context;
  const applyCredentialsPath: ReplacementPass = {
    strings: new Map([["credentials.path", CREDENTIALS_PATH]]),
    prefixes: CREDENTIALS_PREFIXES,
    ...(explain && {
      origin: origin("credentials-path-substitution", () => undefined, `Tekton's credentials directory`),
    }),
  };
  const contexts = contextReplacements(taskRun, context.taskName, embedded, explain);
  const withOrigin = (pass: ReplacementPass, from: PassOrigin | undefined): ReplacementPass =>
    from === undefined ? pass : { ...pass, origin: from };
  let spec = applyReplacements(
    source,
    [
      /* ApplyParameters */ withOrigin(
        parameterReplacements(context.paramBindings),
        explain && parameterOrigin(source.params ?? [], taskRun.spec.params ?? [], sourcePath),
      ),
      /* ApplyContexts */ contexts,
      /* ApplyResources (inputs) */ withOrigin(
        { strings: resourceReplacementValues(resources, "inputs", impls.inputs), prefixes: RESOURCE_VARIABLE_PREFIXES },
        explain && origin("resource-substitution", (key) => resourcePath(resources, key), "the bound resource's value"),
      ),
      /* ApplyResources (outputs) */ withOrigin(
        {
          strings: resourceReplacementValues(resources, "outputs", impls.outputs),
          prefixes: RESOURCE_VARIABLE_PREFIXES,
        },
        explain && origin("resource-substitution", (key) => resourcePath(resources, key), "the bound resource's value"),
      ),
      /* ApplyWorkspaces */ withOrigin(
        {
          strings: workspaceReplacements(source.workspaces ?? [], bindings, workspaceVolumes),
          prefixes: WORKSPACE_PREFIXES,
        },
        explain &&
          origin(
            "workspace-substitution",
            (key) => workspacePath(source, bindings, bindingPath, sourcePath, key),
            "the workspace's value",
          ),
      ),
      /* ApplyTaskResults */ withOrigin(
        taskResultReplacements(source),
        explain &&
          origin(
            "result-path-substitution",
            (key) => resultPath(source, sourcePath, key),
            "the file the result is written to",
          ),
      ),
      applyCredentialsPath,
    ],
    "whole spec",
    explain,
  );
  if (contexts.strings.taskNameUsed) {
    context.warnings.push(
      issue(
        "context-task-name-is-taskrun-name",
        sourcePath,
        `$(context.task.name) is replaced by the TaskRun's name ${JSON.stringify(taskRun.metadata?.name ?? "")}: ` +
          "the Task is embedded, so Tekton v0.20.1 has no Task name to give; reference a Task by name to get its own",
      ),
    );
  }
  spec = applyWorkspaces(spec, bindings, workspaceVolumes, explain && { explain, bindingPath });
  // Tekton takes the credentials pass after workspace.Apply, which adds to the stepTemplate and
  // the volumes only: steps and sidecars had the pass above, and the template and volumes take
  // it again now. A second time changes nothing but what workspace.Apply added, because the
  // pass's value holds no `$(`.
  spec = applyReplacements(spec, [applyCredentialsPath], "stepTemplate and volumes", explain);
  return spec;
}

/** The input field a `$(resources.<direction>.<name>.<field>)` value came from: the resource's binding. */
function resourcePath(resources: ResolvedResources, key: string): readonly PathSegment[] | undefined {
  const [, direction, name] = key.split(".");
  if (direction !== "inputs" && direction !== "outputs") return undefined;
  const bound = resources[direction].find((b) => b.name === name);
  return bound?.specPath ?? bound?.bindingPath;
}

/** The input field a `$(workspaces.<name>.<field>)` value came from. */
function workspacePath(
  spec: Immutable<TaskSpec>,
  bindings: readonly Immutable<{ name: string }>[],
  bindingPath: (i: number) => PathSegment[],
  sourcePath: readonly PathSegment[],
  key: string,
): PathSegment[] | undefined {
  const [, name, field] = key.split(".");
  if (field === "path" || field === "bound") {
    const i = (spec.workspaces ?? []).findIndex((w) => w.name === name);
    return i < 0 ? undefined : [...sourcePath, "workspaces", i];
  }
  const i = bindings.findIndex((b) => b.name === name);
  return i < 0 ? undefined : bindingPath(i);
}

/** The input field that declares the result of a `$(results.<name>.path)`. */
function resultPath(
  spec: Immutable<TaskSpec>,
  sourcePath: readonly PathSegment[],
  key: string,
): PathSegment[] | undefined {
  const name = key.slice("results.".length, -".path".length);
  const i = (spec.results ?? []).findIndex((r) => r.name === name);
  return i < 0 ? undefined : [...sourcePath, "results", i, "name"];
}
