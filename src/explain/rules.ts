/**
 * The rule codes of an explanation: one stable string per behaviour of the controller that
 * sets or changes a field of the Pod (or of a PVC). Codes are only ever added, never renamed,
 * so tools may switch on them. docs/explain.md lists each with what Tekton does and where; a
 * test keeps that table and {@link RULES} the same.
 */

/** What a rule stands for, as the documentation table shows it. */
export interface RuleDescription {
  /** What the controller does, in a Task author's words. */
  readonly does: string;
  /** Where Tekton v0.20.1 does it: file and function. */
  readonly where: string;
}

/**
 * Every rule, in the order the documentation lists them (roughly the controller's). A rule a
 * release never applies is still listed: codes are shared by every release's explanation.
 */
export const RULES = {
  copied: {
    does: "Copies the field unchanged from one input field (`from`).",
    where: "pkg/reconciler/taskrun/taskrun.go `prepare` (the Task or embedded spec), `createPod`",
  },
  "pod-kind": {
    does: "Creates one Pod (`apiVersion: v1`, `kind: Pod`) per TaskRun; a PVC for each `volumeClaimTemplate` binding.",
    where: "pkg/reconciler/taskrun/taskrun.go `createPod`; pkg/pod/pod.go `Builder.Build`",
  },
  "managed-by-label": {
    does: "Labels the TaskRun, and so its Pod, `app.kubernetes.io/managed-by` (config-defaults `default-managed-by-label-value`).",
    where: "pkg/apis/pipeline/v1beta1/taskrun_defaults.go `TaskRun.SetDefaults`",
  },
  "task-metadata": {
    does: "Copies the TaskRun's labels and annotations, and the Task's, onto the Pod.",
    where: "pkg/reconciler/taskrun/taskrun.go `prepare`; pkg/pod/pod.go `MakeLabels`, `Builder.Build`",
  },
  "default-service-account": {
    does: "Defaults the TaskRun's `serviceAccountName` from `default-service-account` (or `default`).",
    where: "pkg/apis/pipeline/v1beta1/taskrun_defaults.go `TaskRunSpec.SetDefaults`",
  },
  "default-pod-template": {
    does: "Uses the config-defaults `default-pod-template` when the TaskRun has no `podTemplate`.",
    where: "pkg/apis/pipeline/v1beta1/taskrun_defaults.go `TaskRunSpec.SetDefaults`",
  },
  "default-workspace": {
    does: "Binds a Task workspace the TaskRun leaves unbound to `default-task-run-workspace-binding`.",
    where: "pkg/reconciler/taskrun/taskrun.go `updateTaskRunWithDefaultWorkspaces`",
  },
  "pod-template": {
    does: "Copies the TaskRun's `podTemplate` fields (node selector, tolerations, security context, volumes …) into the Pod spec.",
    where: "pkg/pod/pod.go `Builder.Build`",
  },
  "resource-step": {
    does: "Adds the steps, volumes and mounts a PipelineResource needs (git clone, image digest export, storage upload …).",
    where:
      "pkg/reconciler/taskrun/resources/input_resources.go `AddInputResource`, output_resource.go `AddOutputResources`, pkg/apis/resource/v1alpha1/*",
  },
  "param-substitution": {
    does: "Replaces `$(params.<name>)` with the TaskRun's value, or the Task's default.",
    where: "pkg/reconciler/taskrun/resources/apply.go `ApplyParameters`",
  },
  "context-substitution": {
    does: "Replaces `$(context.taskRun.*)` and `$(context.task.name)`.",
    where: "pkg/reconciler/taskrun/resources/apply.go `ApplyContexts`",
  },
  "quirk-context-task-name": {
    does: "For an embedded `taskSpec`, `$(context.task.name)` is the TaskRun's name (there is no Task).",
    where:
      "pkg/reconciler/taskrun/taskrun.go `prepare` (the resolved task name) and resources/apply.go `ApplyContexts`",
  },
  "resource-substitution": {
    does: "Replaces `$(resources.inputs|outputs.<name>.<field>)` with the bound PipelineResource's values.",
    where: "pkg/reconciler/taskrun/resources/apply.go `ApplyResources`",
  },
  "workspace-substitution": {
    does: "Replaces `$(workspaces.<name>.path|claim|volume)`.",
    where: "pkg/reconciler/taskrun/resources/apply.go `ApplyWorkspaces`",
  },
  "result-path-substitution": {
    does: "Replaces `$(results.<name>.path)` with `/tekton/results/<name>`.",
    where: "pkg/reconciler/taskrun/resources/apply.go `ApplyTaskResults`",
  },
  "credentials-path-substitution": {
    does: "Replaces `$(credentials.path)` with `/tekton/creds`.",
    where: "pkg/reconciler/taskrun/resources/apply.go `ApplyCredentialsPath`",
  },
  "workspace-volume": {
    does: "Adds one Pod volume per workspace binding, named `ws-<suffix>`.",
    where: "pkg/workspace/apply.go `CreateVolumes`, `Apply`",
  },
  "workspace-mount": {
    does: "Mounts each workspace into every step (and the stepTemplate) at `/workspace/<name>` or its `mountPath`.",
    where: "pkg/workspace/apply.go `Apply`",
  },
  "volume-claim-template": {
    does: "Creates a PVC for a `volumeClaimTemplate` binding, owned by the TaskRun, and binds the workspace to it.",
    where:
      "pkg/reconciler/volumeclaim/pvchandler.go `getPersistentVolumeClaims`; taskrun.go `applyVolumeClaimTemplates`",
  },
  "implicit-volume": {
    does: "Adds Tekton's own volumes (workspace, home, results, tools, downward API, scripts).",
    where: "pkg/pod/pod.go `Builder.Build` (implicitVolumes, toolsVolume, downwardVolume, scriptsVolume)",
  },
  "implicit-mount": {
    does: "Mounts Tekton's own volumes (/workspace, /tekton/home, /tekton/results) into every step where the step leaves the path free.",
    where: "pkg/pod/pod.go `Builder.Build` (implicitVolumeMounts)",
  },
  "credentials-volume": {
    does: "Mounts each annotated Secret of the ServiceAccount as a `tekton-internal-secret-volume-*` volume.",
    where: "pkg/pod/creds_init.go `credsInit`",
  },
  "credentials-flag": {
    does: "Passes each annotated Secret to the entrypoint as `-basic-docker`, `-docker-cfg`, `-basic-git` or `-ssh-git` flags.",
    where: "pkg/pod/creds_init.go `credsInit`",
  },
  "creds-init-home": {
    does: "Gives every step its own in-memory emptyDir at /tekton/creds, where the entrypoint copies the credentials (unless `disable-creds-init`).",
    where: "pkg/pod/creds_init.go `getCredsInitVolume`",
  },
  "step-template-merge": {
    does: "Lays each step over the Task's `stepTemplate`: fields the step leaves out come from the template.",
    where: "pkg/apis/pipeline/v1beta1/merge.go `MergeStepsWithStepTemplate`",
  },
  "quirk-step-timeout-dropped": {
    does: "A step's `timeout` is lost whenever the Task has a `stepTemplate` (tektoncd/pipeline#4255).",
    where: "pkg/apis/pipeline/v1beta1/merge.go `MergeStepsWithStepTemplate`",
  },
  "script-placement": {
    does: "Writes a step's or sidecar's `script` to a file under /tekton/scripts (in the `place-scripts` init container) and runs that file.",
    where: "pkg/pod/script.go `convertScripts`",
  },
  "working-dir-init": {
    does: "Creates the steps' relative and /workspace working directories in a `working-dir-initializer` init container.",
    where: "pkg/pod/workingdir_init.go `workingDirInit`",
  },
  "default-working-dir": {
    does: "Sets `workingDir: /workspace` on a step that has none (unless `disable-working-directory-overwrite`).",
    where: "pkg/pod/pod.go `Builder.Build` (shouldOverrideWorkingDir)",
  },
  "image-entrypoint": {
    does: "Looks up the image's ENTRYPOINT (or CMD) for a step without `command`.",
    where: "pkg/pod/entrypoint_lookup.go `resolveEntrypoints`",
  },
  "image-digest-pin": {
    does: "Pins a command-less step's image to its digest after the lookup.",
    where: "pkg/pod/entrypoint_lookup.go `resolveEntrypoints`",
  },
  "entrypoint-rewrite": {
    does: "Runs every step under /tekton/tools/entrypoint, which waits for the previous step, runs the step's command and args after `--`, and records the outcome.",
    where: "pkg/pod/entrypoint.go `orderContainers`",
  },
  "step-timeout": {
    does: "Passes a step's `timeout` to the entrypoint as `-timeout`.",
    where: "pkg/pod/entrypoint.go `orderContainers`",
  },
  "results-flag": {
    does: "Passes the Task's result names to the entrypoint as `-results`.",
    where: "pkg/pod/entrypoint.go `orderContainers`, `resultArgument`",
  },
  "place-tools": {
    does: "Adds the `place-tools` init container that copies the entrypoint binary into /tekton/tools.",
    where: "pkg/pod/entrypoint.go `orderContainers`",
  },
  "largest-request-kept": {
    does: "Steps run one at a time, so only the step with the largest request of cpu, memory or ephemeral-storage keeps it.",
    where: "pkg/pod/resource_request.go `resolveResourceRequests`",
  },
  "quirk-request-not-kept": {
    does: "A step's own request that is not the largest is replaced (by the LimitRange minimum or 0).",
    where: "pkg/pod/resource_request.go `resolveResourceRequests`",
  },
  "limitrange-min-for-others": {
    does: "Every other step requests the largest Container `min` of the namespace's LimitRanges.",
    where: "pkg/pod/pod.go `getLimitRangeMinimum`; resource_request.go `resolveResourceRequests`",
  },
  "zero-request-for-others": {
    does: "Without a LimitRange minimum, every other step requests 0.",
    where: "pkg/pod/resource_request.go `resolveResourceRequests` (allZeroQty)",
  },
  "home-env": {
    does: "Sets `HOME=/tekton/home` first in every step's env (unless `disable-home-env-overwrite`).",
    where: "pkg/pod/pod.go `Builder.Build` (ShouldOverrideHomeEnv)",
  },
  "container-name": {
    does: "Names step containers `step-<name>` (`step-unnamed-<i>`) and sidecars `sidecar-<name>`, cut to 63 characters.",
    where: "pkg/pod/pod.go `Builder.Build`; pkg/names `SimpleNameGenerator.RestrictLength`",
  },
  "termination-message-path": {
    does: "Sets every step's `terminationMessagePath` to /tekton/termination.",
    where: "pkg/pod/entrypoint.go `orderContainers`",
  },
  "restart-policy": {
    does: "Sets `restartPolicy: Never`.",
    where: "pkg/pod/pod.go `Builder.Build`",
  },
  "pod-name": {
    does: "Names the Pod `<taskrun>-pod-<random suffix>` (here a deterministic suffix).",
    where: "pkg/pod/pod.go `Builder.Build` (names.SimpleNameGenerator)",
  },
  "owner-reference": {
    does: "Makes the TaskRun the Pod's (and a PVC's) controlling owner.",
    where: "pkg/pod/pod.go `Builder.Build`; pkg/reconciler/taskrun/taskrun.go `reconcile`",
  },
  "taskrun-label": {
    does: "Labels the Pod with `tekton.dev/taskRun: <name>` (and `tekton.dev/task` for a referenced Task).",
    where: "pkg/pod/pod.go `MakeLabels`",
  },
  "release-annotation": {
    does: "Annotates the Pod with the controller's version (`pipeline.tekton.dev/release`).",
    where: "pkg/pod/pod.go `Builder.Build`",
  },
  "ready-annotation": {
    does: "Annotates the Pod `tekton.dev/ready: READY` at creation when the Task has no sidecars (and `running-in-environment-with-injected-sidecars` is false), so the first step starts at once.",
    where: "pkg/pod/pod.go `shouldAddReadyAnnotationOnPodCreate`",
  },
  "service-account": {
    does: "Runs the Pod as the TaskRun's ServiceAccount.",
    where: "pkg/pod/pod.go `Builder.Build`",
  },
  "affinity-assistant": {
    does: "Schedules the Pod next to its PipelineRun's affinity assistant (overriding the pod template's affinity).",
    where: "pkg/pod/pod.go `nodeAffinityUsingAffinityAssistant`",
  },
} as const satisfies Record<string, RuleDescription>;

/** A stable rule code: why a field of the Pod is what it is. */
export type RuleCode = keyof typeof RULES;

/** Every rule code, in documentation order. */
export const RULE_CODES = Object.keys(RULES) as readonly RuleCode[];
