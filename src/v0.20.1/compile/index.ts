/**
 * The compiler: TaskRun + Task + cluster data → the Pod Tekton v0.20.1 creates. Each stage
 * is one module; this file only lists them in the order the controller runs them
 * (admission webhook, reconciler prepare, createPod, Builder.Build).
 */
import type { PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1.js";
import { checkInputShape } from "../../api/schema.js";
import type { CompileInput, Immutable, TaskRun, TaskSpec } from "../../api/types.js";
import { type CompileStage, type Issue, throwIfAny, valueOrThrow } from "../../errors.js";
import { SuffixGenerator } from "../../k8s/names.js";
import { OutputEncoder } from "../../k8s/output-encoder.js";
import { missingUidWarning } from "../../k8s/owner-uid.js";
import { appendAll } from "../../read-values.js";
import { RESULTS_DIR, taskRunOwnerReference } from "../contract.js";
import { refuseLaterApiVersions } from "./api-version.js";
import { resolveConfig } from "./config.js";
import { CREDENTIALS_PATH } from "./credentials.js";
import { defaultTask, defaultTaskRun } from "./defaults.js";
import { parameterReplacements } from "./parameters.js";
import { buildPod } from "./pod/build-pod.js";
import { bindDefaultWorkspaces, checkParams, checkWorkspaceBindings, resolveTask } from "./resolve.js";
import {
  addResourceSteps,
  bindResources,
  checkCloudEventOutputs,
  instantiateBoundResources,
  matchResourceBindings,
  resourceReplacementMap,
  validatePipelineResourceSpec,
} from "./resources/index.js";
import { applyReplacements, type ReplacementPass } from "./substitute.js";
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

/** `ApplyContexts`: `$(context.taskRun.*)` and `$(context.task.name)`. */
function contextReplacements(taskRun: Immutable<TaskRun>, taskName: string): ReplacementPass {
  const meta = taskRun.metadata;
  return {
    strings: new Map([
      ["context.taskRun.name", meta?.name ?? ""],
      ["context.task.name", taskName],
      ["context.taskRun.namespace", meta?.namespace ?? ""],
      ["context.taskRun.uid", meta?.uid ?? ""],
    ]),
  };
}

/** `ApplyTaskResults`: `$(results.<name>.path)`, the file each declared result is written to. */
function taskResultReplacements(spec: Immutable<TaskSpec>): ReplacementPass {
  return { strings: new Map((spec.results ?? []).map((r) => [`results.${r.name}.path`, `${RESULTS_DIR}/${r.name}`])) };
}

/**
 * Compiles a TaskRun into the Pod Tekton v0.20.1 would create for it: the v0.20.1 profile of
 * the public `compileTaskRun`.
 *
 * @throws {CompileError} when Tekton would reject the TaskRun, fail to resolve it, or fail to
 *   build its Pod, and when the input is malformed or lacks data Tekton would fetch.
 */
export function compileTaskRun(input: Immutable<CompileInput>): CompileResult {
  refuseLaterApiVersions(input);
  const shapeIssues = checkInputShape(input);
  throwIfAny(shapeStage(shapeIssues), shapeIssues);
  const config = resolveConfig(input.config);
  const meta = input.taskRun.metadata;
  const names = new SuffixGenerator(`${meta?.namespace ?? ""}/${meta?.name ?? ""}/${meta?.uid ?? ""}`);
  const warnings: Issue[] = [];

  // Admission webhook: defaults, then validation.
  const taskRun = defaultTaskRun(input.taskRun, config);
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
  const resolved = valueOrThrow("resolution", resolveTask(taskRun, task), "TaskRunResolutionFailed");
  const resourceBindings = valueOrThrow(
    "resolution",
    bindResources({ taskRun: resolved.taskRun, pipelineResources: input.pipelineResources ?? [] }),
    "TaskRunResolutionFailed",
  );
  throwIfAny(
    "resolution",
    checkParams(resolved.taskName, resolved.taskSpec.params ?? [], taskRun.spec.params ?? []),
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
  const { bindings, claims } = materializeVolumeClaimTemplates(
    declaredBindings,
    taskRunOwnerReference(taskRun),
    meta?.namespace,
  );
  const podTaskRun: TaskRun = { ...resolved.taskRun, spec: { ...resolved.taskRun.spec, workspaces: bindings } };

  // resourceImplBinding: made once, for the resource steps and both ApplyResources passes.
  const impls = {
    inputs: instantiateBoundResources(resources.inputs),
    outputs: instantiateBoundResources(resources.outputs),
  };
  let spec = addResourceSteps({
    taskSpec: resolved.taskSpec,
    taskRun: podTaskRun,
    taskName: resolved.taskName,
    resources,
    config,
    names,
    impls,
  });
  const workspaceVolumes = createWorkspaceVolumes(bindings, names);
  // The controller's substitution passes (pkg/reconciler/taskrun/taskrun.go createPod), in its
  // order, each named as the controller names the function that makes it.
  const applyCredentialsPath: ReplacementPass = { strings: new Map([["credentials.path", CREDENTIALS_PATH]]) };
  spec = applyReplacements(spec, [
    /* ApplyParameters */ parameterReplacements(spec.params ?? [], taskRun.spec.params ?? []),
    /* ApplyContexts */ contextReplacements(taskRun, resolved.taskName),
    /* ApplyResources (inputs) */ { strings: resourceReplacementMap(resources, "inputs", impls.inputs) },
    /* ApplyResources (outputs) */ { strings: resourceReplacementMap(resources, "outputs", impls.outputs) },
    /* ApplyWorkspaces */ { strings: workspaceReplacements(spec.workspaces ?? [], bindings, workspaceVolumes) },
    /* ApplyTaskResults */ taskResultReplacements(spec),
    applyCredentialsPath,
  ]);
  spec = applyWorkspaces(spec, bindings, workspaceVolumes);
  // Tekton takes the credentials pass after workspace.Apply, which adds to the stepTemplate and
  // the volumes only: steps and sidecars had the pass above, and the template and volumes take
  // it again now. A second time changes nothing but what workspace.Apply added, because the
  // pass's value holds no `$(`.
  spec = applyReplacements(spec, [applyCredentialsPath], "stepTemplate and volumes");
  // The Task spec is final here. Encoded now, the copy is both the result's taskSpec and what
  // the Pod is built from: laid out afresh in step order, where the substituted spec is
  // scattered over everything the passes allocated.
  const output = new OutputEncoder();
  const taskSpec = output.encode(spec, "v0.20.1/v1beta1.TaskSpec");

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
    source: {
      path: taskRun.spec.taskRef?.name ? ["task", "spec"] : ["taskRun", "spec", "taskSpec"],
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
