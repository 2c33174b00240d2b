/**
 * The compiler for Tekton v1.12: TaskRun + Task + cluster data → the Pod Tekton v1.12.2
 * creates. Each stage is one module; this file lists them in the order the controller runs
 * them: the admission webhooks (v1 defaults and validation, or v1beta1 admission and
 * conversion), ReconcileKind's early exits (cancelled, pending), prepare, reconcile
 * (PVCs, substitution) and createPod (workspace mounts, Builder.Build and its transformers).
 */
import type { PersistentVolumeClaim, Pod, Volume } from "kubernetes-types/core/v1.js";
import { CompileError, type Issue, issue, type PathSegment } from "../../errors.js";
import type { Explainer } from "../../explain/index.js";
import { copyObject, copyWith } from "../../k8s/copy-object.js";
import { SuffixGenerator } from "../../k8s/names.js";
import { OutputEncoder } from "../../k8s/output-encoder.js";
import { missingUidWarning } from "../../k8s/owner-uid.js";
import { setRecord } from "../../k8s/records.js";
import type {
  CompileInputV112,
  Immutable,
  PodTemplateV1,
  StepV1,
  TaskRunV1,
  TaskSpecV1,
  TaskV1,
  WorkspaceBindingV1,
} from "../api/types.js";
import { admitTaskRun } from "./admission.js";
import { type InputMeasure, refuseUnboundedInput } from "./bounds.js";
import { resolveConfig } from "./config.js";
import { defaultTask, defaultTaskRun } from "./defaults.js";
import { explainConversion, explainWorkspaceBindings, parameterOrigin, passOrigin } from "./explain-stages.js";
import { ownerReference } from "./owner-reference.js";
import { parameterPass, referenceSpellings } from "./parameters.js";
import { buildPod } from "./pod/build-pod.js";
import { ARTIFACTS_DIR, CREDS_DIR, RESULTS_DIR, STEPS_DIR, stepName } from "./pod/constants.js";
import { prepare } from "./resolve.js";
import {
  chainableSteps,
  type Lookup,
  mentions,
  type Pass,
  type PassOrigin,
  recordReplacements,
  replaceChainInTaskSpec,
  replaceInTaskSpec,
  replaceStep,
  replaceString,
  type StepPass,
  traced,
} from "./substitute.js";
import { validateTaskSpec } from "./validate.js";
import {
  applyWorkspaceMounts,
  applyWorkspaceVariables,
  createWorkspaceVolumes,
  materializeVolumeClaimTemplates,
  replaceBindingVariables,
  workspaceVariablePasses,
} from "./workspaces.js";

/** What the v1.12 `compileTaskRun` returns (the same shape as every profile's). */
export interface CompileResult {
  /** The Pod the controller creates. */
  readonly pod: Pod;
  /** The Task spec after defaults, StepActions, substitution and workspace mounts — what the Pod is built from. */
  readonly taskSpec: TaskSpecV1;
  /** PVCs created before the Pod for `volumeClaimTemplate` workspace bindings; absent when there are none. */
  readonly persistentVolumeClaims?: PersistentVolumeClaim[];
  /** Problems that did not stop compilation (webhook warnings). */
  readonly warnings: Issue[];
}

/** ReconcileKind stops a TaskRun created cancelled or pending before prepare: no Pod. */
function stopIfNotStarted(taskRun: TaskRunV1): void {
  const name = taskRun.metadata?.name ?? "";
  if (taskRun.spec.status === "TaskRunCancelled") {
    throw new CompileError(
      "cancelled",
      [
        issue(
          "not-started",
          ["taskRun", "spec", "status"],
          `TaskRun ${JSON.stringify(name)} was cancelled. ${taskRun.spec.statusMessage ?? ""}`,
        ),
      ],
      "TaskRunCancelled",
    );
  }
  if (taskRun.spec.status === "TaskRunPending") {
    throw new CompileError(
      "pending",
      [issue("not-started", ["taskRun", "spec", "status"], `TaskRun ${JSON.stringify(name)} is pending`)],
      "TaskRunPending",
    );
  }
}

/** `resources.ApplyContexts`. */
function contextPass(taskName: string, taskRun: TaskRunV1): ReadonlyMap<string, string> {
  const retries = Array.isArray(taskRun.status?.["retriesStatus"])
    ? (taskRun.status["retriesStatus"] as unknown[]).length
    : 0;
  return new Map([
    ["context.taskRun.name", taskRun.metadata?.name ?? ""],
    ["context.task.name", taskName],
    ["context.taskRun.namespace", taskRun.metadata?.namespace ?? ""],
    ["context.taskRun.uid", taskRun.metadata?.uid ?? ""],
    ["context.task.retry-count", String(retries)],
  ]);
}

/** The values of a step's own `$(step.results.<r>.path)`. */
function stepResultPaths(step: StepV1, i: number): Map<string, string> {
  const strings = new Map<string, string>();
  for (const r of step.results ?? []) {
    const path = `${STEPS_DIR}/${stepName(step.name, i)}/results/${r.name}`;
    for (const key of referenceSpellings("step.results", r.name, ".path")) strings.set(key, path);
  }
  return strings;
}

/** The values of `$(results.<r>.path)`. */
function resultPaths(spec: TaskSpecV1): Map<string, string> {
  const strings = new Map<string, string>();
  for (const r of spec.results ?? []) {
    const path = `${RESULTS_DIR}/${r.name}`;
    for (const key of referenceSpellings("results", r.name, ".path")) strings.set(key, path);
  }
  return strings;
}

/**
 * The values of a step's own `$(step.artifacts.path)`, and `$(tasks.artifacts.path)`: made when
 * looked up, as few steps name them and every step has them.
 */
function artifactPaths(step: StepV1, i: number): Lookup<string> {
  const get = (key: string): string | undefined => {
    if (key === "step.artifacts.path") return `${STEPS_DIR}/${stepName(step.name, i)}/artifacts/provenance.json`;
    return key === "tasks.artifacts.path" ? TASK_ARTIFACTS_PATH : undefined;
  };
  return { get, has: (key) => get(key) !== undefined, size: 2 };
}

const TASK_ARTIFACTS_PATH = `${ARTIFACTS_DIR}/provenance.json`;

/** The values of `$(steps.<step>.exitCode.path)`. */
function exitCodePaths(spec: TaskSpecV1): Map<string, string> {
  const exitCodes = new Map<string, string>();
  (spec.steps ?? []).forEach((step, i) => {
    exitCodes.set(`steps.${stepName(step.name, i)}.exitCode.path`, `${STEPS_DIR}/${stepName(step.name, i)}/exitCode`);
  });
  return exitCodes;
}

/** What the keys of {@link artifactPaths} start with. */
const ARTIFACT_PREFIXES = ["step.artifacts.path", "tasks.artifacts.path"];

/** A pass whose values depend on the spec as the passes before it leave it (its step names). */
interface SpecPass {
  readonly forSpec: (spec: TaskSpecV1) => Pass;
}

/**
 * The passes of `ApplyParameters`, `ApplyContexts`, `ApplyResults`, `ApplyArtifacts` and
 * `ApplyStepExitCodePath`, in that order; each carries its origin when `explain` is given.
 */
function variablePasses(params: Pass, contexts: Pass, explain?: Explainer): (Pass | StepPass | SpecPass)[] {
  const stepResult =
    explain && passOrigin(explain, "step-path-substitution", "the file the step's result is written to");
  const result = explain && passOrigin(explain, "result-path-substitution", "the file the Task's result is written to");
  const entrypointFile =
    explain && passOrigin(explain, "step-path-substitution", "the file the entrypoint keeps it in");
  return [
    params,
    contexts,
    {
      forStep: (step, i) =>
        withOrigin({ strings: stepResultPaths(step, i), keyPrefixes: ["step.results"] }, stepResult),
    },
    { forSpec: (spec) => withOrigin({ strings: resultPaths(spec), keyPrefixes: ["results"] }, result) },
    {
      forStep: (step, i) =>
        withOrigin({ strings: artifactPaths(step, i), keyPrefixes: ARTIFACT_PREFIXES }, entrypointFile),
    },
    { forSpec: (spec) => withOrigin({ strings: exitCodePaths(spec), keyPrefixes: ["steps."] }, entrypointFile) },
  ];
}

/**
 * {@link variablePasses} and `ApplyWorkspaces` in one walk of the spec (whose propagated
 * workspaces are declared already, which none of the passes before `ApplyWorkspaces` touch),
 * when no step's name holds a variable (the steps' own values are then known up front) and
 * the workspaces' passes are the same for every part; one pass after another otherwise.
 */
function applyVariablesChained(
  spec: TaskSpecV1,
  params: Pass,
  contexts: Pass,
  bindings: readonly WorkspaceBindingV1[],
  volumes: ReadonlyMap<string, Volume>,
): TaskSpecV1 {
  const workspacePasses = chainableSteps(spec) ? workspaceVariablePasses(spec, bindings, volumes) : undefined;
  if (workspacePasses === undefined) return applyVariablesInTurn(spec, params, contexts, bindings, volumes);
  // No pass changes a step's name here (chainableSteps): each spec pass is known up front.
  const passes = variablePasses(params, contexts).map((p) => ("forSpec" in p ? p.forSpec(spec) : p));
  return replaceChainInTaskSpec(spec, [...passes, ...workspacePasses]);
}

/**
 * The passes of {@link applyVariablesChained} one after another, each recording itself in
 * `explain` when one is gathered (`params`, `contexts` and `workspaceOrigin` then carry their
 * origins). A step's own pass reaches only that step.
 */
function applyVariablesInTurn(
  spec: TaskSpecV1,
  params: Pass,
  contexts: Pass,
  bindings: readonly WorkspaceBindingV1[],
  volumes: ReadonlyMap<string, Volume>,
  explain?: Explainer,
  workspaceOrigin?: PassOrigin,
): TaskSpecV1 {
  let out = spec;
  for (const pass of variablePasses(params, contexts, explain)) {
    if ("forSpec" in pass) {
      out = replaceInTaskSpec(out, pass.forSpec(out));
      continue;
    }
    if (!("forStep" in pass)) {
      out = replaceInTaskSpec(out, pass);
      continue;
    }
    const steps = (out.steps ?? []).map((step, i) => {
      const own = pass.forStep(step, i);
      if (own === undefined || own.strings.size === 0 || !mentions(step, own)) return step;
      return replaceStep(step, own, own.origin && ["taskSpec", "steps", i]);
    });
    if (out.steps !== undefined) out = { ...out, steps };
  }
  return applyWorkspaceVariables(out, bindings, volumes, workspaceOrigin);
}

/** `spec` with `added` workspace declarations after its own (itself when there are none). */
function withWorkspaces(spec: TaskSpecV1, added: readonly { readonly name: string }[]): TaskSpecV1 {
  return added.length === 0 ? spec : copyWith(spec, { workspaces: [...(spec.workspaces ?? []), ...added] });
}

/** `pass` with the origin an explanation records, when one is gathered (the pass as it is otherwise). */
function withOrigin(pass: Pass, origin: PassOrigin | undefined): Pass {
  return origin === undefined ? pass : { ...pass, origin };
}

/** Where the values of `$(context.*)` come from. */
function contextOrigin(explain: Explainer, fromTask: boolean): PassOrigin {
  return passOrigin(explain, "context-substitution", "the TaskRun's context", (key) => {
    if (key === "context.task.name") return fromTask ? ["task", "metadata", "name"] : ["taskRun", "metadata", "name"];
    if (key === "context.task.retry-count") return ["taskRun", "status", "retriesStatus"];
    const field = key.slice("context.taskRun.".length);
    return ["taskRun", "metadata", field];
  });
}

/** Maps whose keys are substituted too (`nodeSelector`, label selectors' `matchLabels`). */
const SUBSTITUTED_KEYS = new Set(["nodeSelector", "matchLabels"]);

/** `path` (where `value` is in the template) only while an explanation is gathered. */
function replaceEverywhere(
  value: unknown,
  strings: Lookup<string>,
  key: string | undefined,
  path?: PathSegment[],
): unknown {
  if (typeof value === "string") {
    const out = replaceString(value, strings);
    if (path !== undefined) recordReplacements(path);
    return out;
  }
  if (Array.isArray(value)) return value.map((v, i) => replaceEverywhere(v, strings, undefined, path && [...path, i]));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  const renameKeys = key !== undefined && SUBSTITUTED_KEYS.has(key);
  for (const [k, v] of Object.entries(value)) {
    const name = renameKeys ? replaceString(k, strings) : k;
    if (path !== undefined && name !== k) recordReplacements([...path, name]);
    setRecord(out, name, replaceEverywhere(v, strings, k, path && [...path, name]));
  }
  return out;
}

/**
 * `ApplyPodTemplateReplacements`: the TaskRun's string params (over the Task's defaults) in the
 * Pod template — its node selector, tolerations, affinity, security context, scheduler and
 * priority class, pull secrets, host aliases, spread constraints, DNS, volumes and env. Tekton
 * lists those fields one by one; between them they hold every string of a Pod template.
 */
function replacePodTemplate(template: PodTemplateV1, strings: Lookup<string>, origin?: PassOrigin): PodTemplateV1 {
  if (strings.size === 0) return template;
  if (origin === undefined) return replaceEverywhere(template, strings, undefined) as PodTemplateV1;
  return traced(
    { strings, origin },
    ["taskRun", "spec", "podTemplate"],
    () => replaceEverywhere(template, strings, undefined, []) as PodTemplateV1,
  );
}

/**
 * Compiles a TaskRun into the Pod Tekton v1.12.2 would create for it: the v1.12 profile of the
 * public `compileTaskRun`.
 *
 * @param checked what the shared input check measured of `input` (its nesting depth).
 * @throws {CompileError} when Tekton would reject the TaskRun (stage `admission`), stop before
 *   prepare (`cancelled`, `pending`), fail or wait in prepare (`resolution`), fail to build its
 *   Pod (`build`), and when the input is malformed or lacks data Tekton would fetch.
 */
export function compileTaskRun(
  input: Immutable<CompileInputV112>,
  checked: InputMeasure,
  explain?: Explainer,
): CompileResult {
  refuseUnboundedInput(input, checked);
  const config = resolveConfig(input.config);
  const meta = (input.taskRun as { metadata?: { namespace?: string; name?: string; uid?: string } } | undefined)
    ?.metadata;
  const names = new SuffixGenerator(`${meta?.namespace ?? ""}/${meta?.name ?? ""}/${meta?.uid ?? ""}`);

  // Admission webhooks: v1 defaults + validation, or v1beta1 admission + conversion. An
  // explanation starts from the input as written: every field of the TaskRun is where it was
  // until a stage moves or changes it (the conversion webhook renames some).
  if (explain !== undefined) {
    explain.copied(["taskRun"], input.taskRun, ["taskRun"], "As written in the TaskRun.");
    explainConversion(explain, input.taskRun, ["taskRun"]);
  }
  const admitted = admitTaskRun(input, config, {
    taskRun: (tr) => defaultTaskRun(tr, config, true, explain),
    task: (t) => defaultTask(t, config),
  });
  const warnings = [...admitted.warnings];

  // ReconcileKind: a TaskRun created cancelled or pending gets no Pod.
  stopIfNotStarted(admitted.taskRun as TaskRunV1);

  // prepare(): SetDefaults, the Task, StepActions, and the checks that fail the TaskRun.
  const taskRun = defaultTaskRun(admitted.taskRun, config, false);
  const fromTask = taskRun.spec.taskRef !== undefined && taskRun.spec.taskSpec === undefined;
  const specPath: PathSegment[] = fromTask ? ["task", "spec"] : ["taskRun", "spec", "taskSpec"];
  if (explain !== undefined) {
    // The spec the Pod is built from: the embedded one, or the Task's as written.
    if (fromTask) {
      explain.copied(
        ["taskSpec"],
        (input.task as { spec?: unknown } | undefined)?.spec,
        specPath,
        "As written in the Task.",
      );
      explainConversion(explain, input.task, ["taskSpec"], true);
    } else explain.move(["taskRun", "spec", "taskSpec"], ["taskSpec"]);
  }
  const prepared = prepare(taskRun, admitted.task as TaskV1 | undefined, input.stepActions ?? [], config, explain);
  const run = prepared.taskRun;

  // reconcile(): PVCs for volumeClaimTemplates, params in bindings, workspace volumes.
  const bindingPaths = explain && explainWorkspaceBindings(prepared.bindings ?? [], run.spec.workspaces ?? []);
  const { bindings: podBindings, claims } = materializeVolumeClaimTemplates(
    prepared.bindings ?? [],
    ownerReference(run),
    meta?.namespace,
    explain && bindingPaths && { explain, bindingPaths },
  );
  const params = parameterPass(prepared.taskSpec.params ?? [], run.spec.params ?? []);
  const bindings = replaceBindingVariables(podBindings, params.strings);
  // The spec is copied by copyObject: the bindings may be added to it.
  const podTaskRun: TaskRunV1 = { ...run, spec: copyObject(run.spec) };
  if (prepared.bindings !== undefined) podTaskRun.spec.workspaces = bindings;
  const volumes = createWorkspaceVolumes(bindings);

  // applyParamsContextsResultsAndWorkspaces.
  let spec = prepared.taskSpec;
  const paramOrigin =
    explain && parameterOrigin(explain, prepared.taskSpec.params ?? [], run.spec.params ?? [], specPath);
  const contexts = contextPass(prepared.taskName, run);
  // Bound workspaces the spec does not declare are declared (propagated), with no mount path.
  const declared = new Set((spec.workspaces ?? []).map((w) => w.name));
  const propagated = bindings.filter((b) => !declared.has(b.name)).map((b) => ({ name: b.name }));
  // The propagated declarations have no mount path: no pass before the workspaces' changes them.
  spec = withWorkspaces(spec, propagated);
  spec =
    explain === undefined
      ? applyVariablesChained(spec, params, { strings: contexts, keyPrefixes: ["context."] }, bindings, volumes)
      : // An explanation records each pass apart.
        applyVariablesInTurn(
          spec,
          { ...params, origin: paramOrigin },
          { strings: contexts, origin: contextOrigin(explain, fromTask) },
          bindings,
          volumes,
          explain,
          passOrigin(explain, "workspace-substitution", "the workspace's value", (key) => {
            const [, name, field] = key.split(".");
            const i = bindings.findIndex((b) => b.name === name);
            return field === "path" || field === "bound" || i < 0 ? undefined : bindingPaths?.[i];
          }),
        );

  // createPod(): the substituted spec validated again, then workspace mounts,
  // $(credentials.path), the Pod template's params, Build.
  const late = validateTaskSpec(spec, config, fromTask ? ["task", "spec"] : ["taskRun", "spec", "taskSpec"]);
  if (late.length > 0) throw new CompileError("build", late, "PodCreationFailed");
  spec = applyWorkspaceMounts(spec, bindings, volumes, explain && bindingPaths && { explain, bindingPaths });
  spec = replaceInTaskSpec(
    spec,
    withOrigin(
      { strings: new Map([["credentials.path", CREDS_DIR]]), keyPrefixes: ["credentials.path"] },
      explain && passOrigin(explain, "credentials-path-substitution", "each step's credentials directory"),
    ),
  );
  if (podTaskRun.spec.podTemplate !== undefined) {
    podTaskRun.spec.podTemplate = replacePodTemplate(
      podTaskRun.spec.podTemplate,
      params.strings,
      paramOrigin && { ...paramOrigin, rule: "pod-template-substitution" },
    );
  }
  const pod = buildPod({
    taskRun: podTaskRun,
    taskSpec: spec,
    config,
    names,
    limitRanges: input.limitRanges ?? [],
    imageEntrypoints: input.imageEntrypoints,
    serviceAccount: input.serviceAccount,
    secrets: input.secrets ?? [],
    stepPath: (i) => [...specPath, "steps", i],
    explain,
    specPath,
  });

  // Encoded as Go writes the Kubernetes types: omitempty fields left out, canonical quantities,
  // nothing shared with the input.
  const output = new OutputEncoder();
  const result: {
    pod: Pod;
    taskSpec: TaskSpecV1;
    persistentVolumeClaims?: PersistentVolumeClaim[];
    warnings: Issue[];
  } = {
    pod: output.encode(pod, "core.Pod"),
    taskSpec: output.encode(spec, "v1.12/v1.TaskSpec"),
    warnings,
  };
  if (claims.length > 0) result.persistentVolumeClaims = output.encode(claims, "core.PersistentVolumeClaim");
  const uidWarning = missingUidWarning(meta?.uid, claims.length > 0);
  if (uidWarning !== undefined) warnings.push(uidWarning);
  return result;
}
