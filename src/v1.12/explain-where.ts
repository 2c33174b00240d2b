/**
 * Where Tekton v1.12.2 does what each rule of a v1.12 explanation stands for: file and
 * function in tektoncd/pipeline at v1.12.2. {@link RULES} names v0.20.1's place for the rules
 * both releases apply; the rules only v1.x applies already name v1.12.2's there. docs/explain.md
 * shows this table as its v1.12 column; a test keeps the two the same and checks that every rule
 * the v1.12 profile gives has an entry here.
 */
import type { RuleCode } from "../explain/index.js";
import { RULES } from "../explain/index.js";

/** Where v1.12.2 applies each rule both releases share. */
const SHARED: Partial<Record<RuleCode, string>> = {
  copied: "pkg/reconciler/taskrun/taskrun.go `prepare` (the Task or embedded spec), `createPod`",
  "pod-kind": "pkg/reconciler/taskrun/taskrun.go `createPod`; pkg/pod/pod.go `Builder.Build`",
  "managed-by-label": "pkg/apis/pipeline/v1/taskrun_defaults.go `TaskRun.SetDefaults`; pkg/pod/pod.go `makeLabels`",
  "task-metadata": "pkg/reconciler/taskrun/taskrun.go `storeTaskSpecAndMergeMeta`; pkg/pod/pod.go `makeLabels`",
  "default-service-account": "pkg/apis/pipeline/v1/taskrun_defaults.go `TaskRunSpec.SetDefaults`",
  "default-pod-template":
    "pkg/apis/pipeline/v1/taskrun_defaults.go `TaskRunSpec.SetDefaults` (MergePodTemplateWithDefault)",
  "default-workspace": "pkg/reconciler/taskrun/taskrun.go `updateTaskRunWithDefaultWorkspaces`",
  "pod-template": "pkg/pod/pod.go `Builder.Build`",
  "param-substitution": "pkg/reconciler/taskrun/resources/apply.go `ApplyParameters`",
  "context-substitution": "pkg/reconciler/taskrun/resources/apply.go `ApplyContexts`",
  "workspace-substitution": "pkg/reconciler/taskrun/resources/apply.go `ApplyWorkspaces`",
  "result-path-substitution": "pkg/reconciler/taskrun/resources/apply.go `ApplyResults`",
  "credentials-path-substitution": "pkg/reconciler/taskrun/resources/apply.go `ApplyCredentialsPath`",
  "workspace-volume": "pkg/workspace/apply.go `CreateVolumes`, `Apply`",
  "workspace-mount": "pkg/workspace/apply.go `Apply`",
  "volume-claim-template":
    "pkg/reconciler/volumeclaim/pvchandler.go `CreatePVCFromVolumeClaimTemplate`; taskrun.go `applyVolumeClaimTemplates`",
  "implicit-volume": "pkg/pod/pod.go `Builder.Build` (implicitVolumes)",
  "implicit-mount": "pkg/pod/pod.go `Builder.Build` (implicitVolumeMounts)",
  "credentials-volume": "pkg/pod/creds_init.go `credsInit`",
  "credentials-flag": "pkg/pod/creds_init.go `credsInit`",
  "creds-init-home": "pkg/pod/creds_init.go `getCredsInitVolume`",
  "step-template-merge": "pkg/apis/pipeline/v1/merge.go `MergeStepsWithStepTemplate`",
  "script-placement": "pkg/pod/script.go `convertScripts`, `placeScriptInContainer`",
  "working-dir-init": "pkg/pod/workingdir_init.go `workingDirInit`",
  "image-digest-pin": "pkg/pod/entrypoint_lookup.go `resolveEntrypoints`",
  "entrypoint-rewrite": "pkg/pod/entrypoint.go `orderContainers`",
  "step-timeout": "pkg/pod/entrypoint.go `orderContainers`",
  "results-flag": "pkg/pod/entrypoint.go `orderContainers`, `resultArgument`",
  "container-name": "pkg/pod/entrypoint.go `StepName`; pkg/pod/pod.go `Builder.Build`",
  "termination-message-path": "pkg/pod/entrypoint.go `orderContainers`",
  "restart-policy": "pkg/pod/pod.go `Builder.Build`",
  "pod-name": "pkg/pod/pod.go `Builder.Build` (kmeta.ChildName, `-pod-retry<n>`)",
  "owner-reference": "pkg/pod/pod.go `Builder.Build`; pkg/reconciler/taskrun/taskrun.go `applyVolumeClaimTemplates`",
  "taskrun-label": "pkg/pod/pod.go `makeLabels`; pkg/reconciler/taskrun/taskrun.go `storeTaskSpecAndMergeMeta`",
  "release-annotation": "pkg/pod/pod.go `Builder.Build`",
  "ready-annotation": "pkg/pod/pod.go `Builder.Build`, `isPodReadyImmediately`",
  "service-account": "pkg/pod/pod.go `Builder.Build`",
  "affinity-assistant": "pkg/internal/affinityassistant/transformer.go `NewTransformer`",
};

/** The v1.12.2 prefix the v1.x-only rules' `where` carries in {@link RULES}. */
const V112_PREFIX = "v1.12.2: ";

/**
 * Where Tekton v1.12.2 applies `rule`, or `undefined` for a rule only v0.20.1 applies (PipelineResources,
 * the largest-request planner, `HOME`, the step-template timeout quirk …).
 */
export function whereInV112(rule: RuleCode): string | undefined {
  const shared = SHARED[rule];
  if (shared !== undefined) return shared;
  const where: string = RULES[rule].where;
  return where.startsWith(V112_PREFIX) ? where.slice(V112_PREFIX.length) : undefined;
}
