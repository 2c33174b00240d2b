/**
 * Pod assembly in the order of `Builder.Build` (pkg/pod/pod.go, v0.20.1): implicit volumes,
 * credentials, step template merge, scripts, working directories, entrypoint lookup and
 * rewriting, LimitRange requests, implicit env and mounts, names, pod template, metadata.
 */
import type {
  Affinity,
  Container,
  EnvVar,
  LimitRange,
  Pod,
  PodSpec,
  Secret,
  ServiceAccount,
  Volume,
  VolumeMount,
} from "kubernetes-types/core/v1.js";
import type { ImageEntrypoint, Immutable, PodTemplate, Step, TaskRun, TaskSpec } from "../../../api/types.js";
import {
  type Checked,
  type Issue,
  issue,
  type PathSegment,
  passed,
  type StepPath,
  stopped,
  throwIfAny,
  valueOrThrow,
} from "../../../errors.js";
import type { Explainer, Location } from "../../../explain/index.js";
import { formatGoDuration, parseGoDuration } from "../../../k8s/duration.js";
import { cleanPath } from "../../../k8s/go-path.js";
import { type MergeOriginReporter, stepTemplateMerger } from "../../../k8s/merge-step-template.js";
import { restrictLength, type SuffixGenerator } from "../../../k8s/names.js";
import type { OutputEncoder } from "../../../k8s/output-encoder.js";
import { copyRecord, hasKey, setRecord } from "../../../k8s/records.js";
import { appendAll } from "../../../read-values.js";
import {
  downwardVolume,
  HOME_DIR,
  implicitVolumeMounts,
  implicitVolumes,
  READY_ANNOTATION,
  READY_ANNOTATION_VALUE,
  RELEASE_ANNOTATION,
  SIDECAR_PREFIX,
  STEP_PREFIX,
  scriptsVolume,
  TASKRUN_LABEL,
  taskRunOwnerReference,
  toolsVolume,
  WORKSPACE_DIR,
} from "../../contract.js";
import type { ResolvedConfig } from "../config.js";
import { credsInitHomeVolume, initCredentials } from "../credentials.js";
import { AFFINITY_ASSISTANT_ANNOTATION } from "../resolve.js";
import { initWorkingDirs } from "./init-working-dirs.js";
import { ScriptPlacer } from "./place-scripts.js";
import {
  limitRangeMinimum,
  parseStepRequests,
  planRequests,
  requestsNotKept,
  type StepRequests,
  setRequests,
} from "./plan-requests.js";
import { resolveEntrypoint } from "./resolve-entrypoints.js";
import { checkHasSteps, placeToolsContainer, rewriteEntrypoint } from "./rewrite-entrypoints.js";

export interface BuildPodInput {
  /** Defaulted TaskRun, Task labels/annotations merged, workspace bindings materialized. */
  readonly taskRun: TaskRun;
  /** The Task spec after substitution and workspace mounts. */
  readonly taskSpec: TaskSpec;
  readonly config: ResolvedConfig;
  readonly names: SuffixGenerator;
  /** Encodes each step's container as soon as it is complete (see OutputEncoder). */
  readonly output: OutputEncoder;
  readonly limitRanges: readonly Immutable<LimitRange>[];
  readonly imageEntrypoints: Immutable<Record<string, ImageEntrypoint>> | undefined;
  readonly serviceAccount: Immutable<ServiceAccount> | undefined;
  readonly secrets: readonly Immutable<Secret>[];
  readonly warnings: Issue[];
  /**
   * Gathers the explanation when one is asked for: the Task spec's entries are at
   * `["taskSpec", …]` and the TaskRun's at `["taskRun", …]`; the Pod's end up at `["pod", …]`.
   */
  readonly explain?: Explainer | undefined;
  /**
   * Where the Task spec was written in the input (`task.spec` or `taskRun.spec.taskSpec`), and
   * how many steps and volumes it had there; steps and volumes beyond those (or shifted by
   * PipelineResource steps) are reported at their place in the compiled `taskSpec`.
   */
  readonly source: { readonly path: readonly PathSegment[]; readonly steps: number; readonly volumes: number };
}

/** A step's timeout as a `-timeout` value. A stepTemplate makes v0.20.1 lose it (tektoncd/pipeline#4255). */
function stepTimeout(spec: TaskSpec, step: Step, index: number, stepPath: StepPath): Checked<string | undefined> {
  if (spec.stepTemplate !== undefined || step.timeout === undefined) return passed(undefined);
  const ns = parseGoDuration(step.timeout);
  if (ns === undefined) {
    return stopped(
      "invalid-duration",
      [...stepPath(index), "timeout"],
      `time: invalid duration ${JSON.stringify(step.timeout)}: use a Go duration such as "30s" or "1h30m"`,
    );
  }
  return passed(formatGoDuration(ns));
}

/** Tekton stops a Builder stage at its first error: the issues of a stage, cut to that one. */
function firstOf(issues: readonly Issue[]): Issue[] {
  return issues.slice(0, 1);
}

/**
 * Adds to the step's own list of mounts (see containerOf) the creds-init home, then the
 * implicit volumes (and credential secrets) at every path the step leaves free
 * (`implicitPaths`: theirs, cleaned). `taken` is a scratch list, reused from step to step for
 * the cleaned paths of the step's mounts. `placed`, when given, learns where each implicit
 * mount that was added ended up.
 */
function addImplicitMounts(
  step: Container,
  implicit: readonly VolumeMount[],
  implicitPaths: readonly string[],
  credsHome: VolumeMount | undefined,
  taken: string[],
  placed?: (at: number, implicitIndex: number) => void,
): VolumeMount[] {
  const mounts = step.volumeMounts ?? [];
  if (credsHome !== undefined) mounts.push(credsHome);
  taken.length = 0;
  for (let j = 0; j < mounts.length; j++) taken.push(cleanPath((mounts[j] as VolumeMount).mountPath));
  for (let k = 0; k < implicit.length; k++) {
    if (taken.includes(implicitPaths[k] as string)) continue;
    mounts.push(implicit[k] as VolumeMount);
    placed?.(mounts.length - 1, k);
  }
  return mounts;
}

/**
 * Moves step `index`'s entries to where the stepTemplate merge put each part of it, and gives
 * the parts taken from the template the template's entries.
 */
function mergeReporter(explain: Explainer, index: number): MergeOriginReporter {
  const at = ["taskSpec", "steps", index];
  return (to, source, from, value) => {
    const merging = ["merging", ...to];
    if (source === "step") {
      explain.move([...at, ...from], merging);
    } else if (source === "template") {
      explain.copy(["taskSpec", "stepTemplate", ...from], merging);
      explain.each(
        merging,
        value,
        "step-template-merge",
        "Taken from the Task's stepTemplate: the step does not set it.",
      );
    } else {
      explain.each(
        merging,
        value,
        "step-template-merge",
        "The step leaves this out, and the stepTemplate merge sets it to its zero value (Go's JSON encoding always writes it).",
      );
    }
  };
}

function affinityAssistantAffinity(name: string): Affinity {
  return {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: {
            matchLabels: { "app.kubernetes.io/component": "affinity-assistant", "app.kubernetes.io/instance": name },
          },
          topologyKey: "kubernetes.io/hostname",
        },
      ],
    },
  };
}

/** v1beta1.ValidateVolumes: Pod volume names must be unique (the first repeat, or none). */
function checkVolumeNames(volumes: readonly Volume[], volumePath: (index: number) => PathSegment[]): Issue[] {
  const seen = new Set<string>();
  for (let i = 0; i < volumes.length; i++) {
    const name = (volumes[i] as Volume).name;
    if (seen.has(name)) {
      return [
        issue(
          "duplicate-volume",
          [...volumePath(i), "name"],
          `multiple volumes with same name ${JSON.stringify(name)}: [${i}].name; rename the Task volume or the podTemplate volume`,
        ),
      ];
    }
    seen.add(name);
  }
  return [];
}

/**
 * The API server refuses a Pod whose container names repeat (a step named `unnamed-1` beside
 * an unnamed second step, two long names equal in their first 58 characters, two unnamed
 * sidecars). Tekton v0.20.1 does not check this itself; its Pod creation then fails.
 */
function checkContainerNames(
  initContainers: readonly Container[],
  steps: readonly Container[],
  sidecars: readonly Container[],
  stepPath: StepPath,
  specPath: readonly PathSegment[],
): Issue[] {
  const seen = new Set(initContainers.map((c) => c.name));
  // Steps, then sidecars; a container's path is only made for the one reported.
  for (let i = 0; i < steps.length + sidecars.length; i++) {
    const sidecar = i - steps.length;
    const name = (sidecar < 0 ? steps[i] : sidecars[sidecar])?.name as string;
    if (seen.has(name)) {
      return [
        issue(
          "duplicate-name",
          sidecar < 0 ? [...stepPath(i), "name"] : [...specPath, "sidecars", sidecar, "name"],
          `Pod container name ${JSON.stringify(name)} is used twice, which Kubernetes rejects (spec.containers: Duplicate value); give the steps and sidecars names that differ within their first 58 characters`,
        ),
      ];
    }
    seen.add(name);
  }
  return [];
}

/** The Pod spec fields a pod template may set, in the order Tekton copies them. */
const TEMPLATE_FIELDS = [
  "nodeSelector",
  "tolerations",
  "securityContext",
  "runtimeClassName",
  "automountServiceAccountToken",
  "schedulerName",
  "hostNetwork",
  "dnsPolicy",
  "dnsConfig",
  "enableServiceLinks",
  "priorityClassName",
  "imagePullSecrets",
] as const satisfies readonly (keyof PodTemplate & keyof PodSpec)[];

/**
 * The Pod spec: Builder.Build's own fields and the pod template's, written in Go's field order
 * (which the output encoder then only has to confirm).
 */
function podSpec(
  template: Immutable<PodTemplate>,
  own: {
    readonly volumes: Volume[];
    readonly initContainers: Container[];
    readonly containers: Container[];
    readonly serviceAccountName: string;
    readonly affinity: Affinity | undefined;
  },
  explain?: Explainer,
): PodSpec {
  const spec: PodSpec = {
    volumes: own.volumes,
    initContainers: own.initContainers,
    containers: own.containers,
    restartPolicy: "Never",
  };
  const fields = spec as unknown as Record<string, unknown>;
  const take = (key: (typeof TEMPLATE_FIELDS)[number]): void => {
    const value = template[key];
    if (value !== undefined && value !== null) fields[key] = value;
  };
  take("dnsPolicy");
  take("nodeSelector");
  spec.serviceAccountName = own.serviceAccountName;
  take("automountServiceAccountToken");
  take("hostNetwork");
  take("securityContext");
  take("imagePullSecrets");
  if (own.affinity !== undefined) spec.affinity = own.affinity;
  take("schedulerName");
  take("tolerations");
  take("priorityClassName");
  take("dnsConfig");
  take("runtimeClassName");
  take("enableServiceLinks");
  if (explain !== undefined) {
    for (const key of TEMPLATE_FIELDS) {
      const value = template[key];
      if (value !== undefined && value !== null) explainFromTemplate(explain, key, ["pod", "spec", key], value);
    }
  }
  return spec;
}

/** A Pod spec field taken from the pod template, at `to`: where it came from, and why. */
function explainFromTemplate(explain: Explainer, key: string, to: Location, value: unknown): void {
  explain.move(["taskRun", "spec", "podTemplate", key], to);
  explain.each(to, value, "pod-template", "Taken from the TaskRun's podTemplate.");
}

/** Builder.Build. */
export function buildPod(input: BuildPodInput): Pod {
  const { taskRun, taskSpec, config, names, source, explain } = input;
  const shifted = (taskSpec.steps ?? []).length !== source.steps;
  const stepPath: StepPath = (i) => (shifted ? ["taskSpec", "steps", i] : [...source.path, "steps", i]);
  const flags = config.featureFlags;
  const images = config.images;
  const initContainers: Container[] = [];
  const volumes: Volume[] = implicitVolumes();
  const volumeMounts: VolumeMount[] = implicitVolumeMounts();
  const implicitEnv = flags.disableHomeEnvOverwrite ? [] : [{ name: "HOME", value: HOME_DIR }];

  const credentials = initCredentials(
    {
      serviceAccountName: taskRun.spec.serviceAccountName ?? "",
      serviceAccount: input.serviceAccount,
      secrets: input.secrets,
      featureFlags: flags,
      names,
    },
    explain,
  );
  if (explain !== undefined) {
    volumes.forEach((volume, k) => {
      explain.each(["pod", "spec", "volumes", k], volume, "implicit-volume", implicitVolumeNote(volume.name));
    });
    volumeMounts.forEach((mount, k) => {
      explain.each(["implicitMounts", k], mount, "implicit-mount", implicitVolumeNote(mount.name));
    });
    credentials.volumes.forEach((_, k) => {
      explain.move(["credentials", "volumes", k], ["pod", "spec", "volumes", volumes.length + k]);
    });
    credentials.volumeMounts.forEach((_, k) => {
      explain.move(["credentials", "volumeMounts", k], ["implicitMounts", volumeMounts.length + k]);
    });
  }
  appendAll(volumes, credentials.volumes);
  appendAll(volumeMounts, credentials.volumeMounts);

  // The per-step stages of Builder.Build, taken one step at a time: each step's intermediate
  // containers are done with while still in the processor's caches, instead of a whole Task's
  // worth of them being alive (and copied by the garbage collector) between stages. Errors
  // come out in Tekton's order all the same: each stage's issues are collected, and the
  // stages' boundaries are crossed below in Builder.Build's order, each stopping at its first.
  const taskSteps = taskSpec.steps ?? [];
  // Without a stepTemplate there is nothing to merge, and no copy is needed either: the later
  // stages build new objects rather than change a step's, and each container is encoded afresh.
  const mergeWithTemplate = taskSpec.stepTemplate === undefined ? undefined : stepTemplateMerger(taskSpec.stepTemplate);
  const scripts = new ScriptPlacer(names, explain);
  const entrypointFlags = {
    extraArgs: credentials.entrypointArgs,
    results: (taskSpec.results ?? []).map((r) => r.name).join(","),
  };
  const timeoutIssues: Issue[] = [];
  const rewriteIssues: Issue[] = [];
  const requestIssues: Issue[] = [];
  throwIfAny("build", checkHasSteps(taskSteps.length, stepPath), "CouldntGetTask");
  const rewritten: Container[] = [];
  const requests: StepRequests[] = [];
  const scriptPath = (i: number): PathSegment[] => [...stepPath(i), "script"];
  taskSteps.forEach((taskStep, i) => {
    const merged =
      mergeWithTemplate === undefined
        ? (taskStep as Step)
        : explain === undefined
          ? mergeWithTemplate(taskStep)
          : explainedMerge(explain, mergeWithTemplate, taskStep, i);
    const step = scripts.step(merged, i, scriptPath);
    // Resolution errors are the first Tekton reports, so they are thrown at once.
    const resolved = resolveEntrypoint(step, i, input.imageEntrypoints, input.warnings, stepPath, explain);
    // A step stopped in one stage is not taken through the later ones: whatever they would
    // find, the earlier stage's boundary is crossed (and thrown at) first.
    const timeout = stepTimeout(taskSpec, taskStep, i, stepPath);
    if (!timeout.ok) {
      appendAll(timeoutIssues, timeout.issues);
      return;
    }
    if (taskSpec.stepTemplate !== undefined && taskStep.timeout !== undefined) {
      input.warnings.push(droppedTimeoutWarning([...stepPath(i), "timeout"], taskStep.timeout));
    }
    const container = rewriteEntrypoint(resolved, i, entrypointFlags, timeout.value, stepPath, explain);
    if (!container.ok) {
      appendAll(rewriteIssues, container.issues);
      return;
    }
    rewritten.push(container.value);
    if (explain !== undefined && taskSpec.stepTemplate !== undefined && taskStep.timeout !== undefined) {
      explain.add(
        ["taskSpec", "steps", i, "args"],
        "quirk-step-timeout-dropped",
        `The step's timeout ${JSON.stringify(taskStep.timeout)} is not passed to the entrypoint: the Task has a stepTemplate (workspaces add one), and Tekton v0.20.1 then loses step timeouts.`,
        [...stepPath(i), "timeout"],
      );
    }
    const parsed = parseStepRequests(container.value, i, stepPath);
    if (!parsed.ok) {
      appendAll(requestIssues, parsed.issues);
      return;
    }
    requests.push(parsed.value);
  });
  const sidecarContainers = (taskSpec.sidecars ?? []).map((sidecar, i) =>
    scripts.sidecar(sidecar, i, (j) => [...source.path, "sidecars", j, "script"]),
  );
  throwIfAny("admission", firstOf(timeoutIssues));
  throwIfAny("build", firstOf(rewriteIssues), "CouldntGetTask");
  const minimumSources = explain === undefined ? undefined : new Map<string, PathSegment[]>();
  const limitRangeMin = valueOrThrow("admission", limitRangeMinimum(input.limitRanges, minimumSources));
  throwIfAny("admission", firstOf(requestIssues));

  const placeScripts = scripts.initContainer(images.shellImage);
  if (placeScripts !== undefined) {
    explain?.move(["placeScripts", "container"], ["pod", "spec", "initContainers", initContainers.length]);
    initContainers.push(placeScripts);
    volumes.push(scriptsVolume());
    explain?.each(
      ["pod", "spec", "volumes", volumes.length - 1],
      volumes[volumes.length - 1],
      "script-placement",
      "The volume the place-scripts init container writes the scripts to.",
    );
  }
  const workingDirInit = initWorkingDirs(rewritten, images.shellImage, explain, [
    "pod",
    "spec",
    "initContainers",
    initContainers.length,
  ]);
  if (workingDirInit !== undefined) initContainers.push(workingDirInit);
  initContainers.push(placeToolsContainer(images.entrypointImage));
  explain?.each(
    ["pod", "spec", "initContainers", initContainers.length - 1],
    initContainers[initContainers.length - 1],
    "place-tools",
    "Copies the entrypoint binary into /tekton/tools before the steps start.",
  );
  volumes.push(toolsVolume(), downwardVolume());
  if (explain !== undefined) {
    for (const k of [volumes.length - 2, volumes.length - 1]) {
      explain.each(
        ["pod", "spec", "volumes", k],
        volumes[k],
        "implicit-volume",
        implicitVolumeNote((volumes[k] as Volume).name),
      );
    }
  }

  const plan = planRequests(requests, limitRangeMin);
  appendAll(input.warnings, requestsNotKept(requests, plan, stepPath));
  const overrideWorkingDir = !flags.disableWorkingDirOverwrite;
  const implicitPaths = volumeMounts.map((m) => cleanPath(m.mountPath));
  // Each container is let go once encoded: a Task's worth of the Builder's intermediate
  // containers is not kept alive beside their encoded copies.
  const unfinished: (Container | undefined)[] = rewritten;
  const steps: Container[] = [];
  const takenPaths: string[] = [];
  for (let i = 0; i < unfinished.length; i++) {
    const step = unfinished[i] as Container;
    unfinished[i] = undefined;
    setRequests(
      step,
      i,
      requests[i],
      plan,
      explain && { explain, at: ["taskSpec", "steps", i], minimumSources: minimumSources ?? new Map() },
    );
    const home = credsInitHomeVolume(names, flags);
    if (home !== undefined) volumes.push(home.volume);
    const ownMounts = (step.volumeMounts ?? []).length;
    const named = step.name !== undefined && step.name !== "";
    const defaultWorkingDir = overrideWorkingDir && (step.workingDir === undefined || step.workingDir === "");
    // The step is the Builder's own copy (see containerOf): its last fields are set in place.
    step.name = restrictLength(named ? `${STEP_PREFIX}${step.name}` : `${STEP_PREFIX}unnamed-${i}`);
    if (defaultWorkingDir) step.workingDir = WORKSPACE_DIR;
    const ownEnv = step.env ?? [];
    // No env at all is left out, even an `env: []` of the step's own.
    (step as { env?: EnvVar[] | undefined }).env =
      implicitEnv.length + ownEnv.length > 0 ? [...implicitEnv, ...ownEnv] : undefined;
    step.volumeMounts = addImplicitMounts(
      step,
      volumeMounts,
      implicitPaths,
      home?.volumeMount,
      takenPaths,
      explain && ((to, k) => explain.copy(["implicitMounts", k], ["taskSpec", "steps", i, "volumeMounts", to])),
    );
    if (explain !== undefined) {
      explainStepContainer(explain, i, step, {
        home,
        homeVolume: volumes.length - 1,
        ownMounts,
        implicitEnv: implicitEnv.length,
        namePath: named ? [...stepPath(i), "name"] : undefined,
        defaultWorkingDir,
      });
    }
    steps.push(input.output.encode(step, "core.Container"));
  }

  const template: Immutable<PodTemplate> = taskRun.spec.podTemplate ?? {};
  const builtIn = volumes.length;
  const taskVolumes = (taskSpec.volumes ?? []).length;
  if (explain !== undefined) {
    for (let k = 0; k < taskVolumes; k++)
      explain.move(["taskSpec", "volumes", k], ["pod", "spec", "volumes", builtIn + k]);
    (template.volumes ?? []).forEach((volume, k) => {
      const to = ["pod", "spec", "volumes", builtIn + taskVolumes + k];
      explain.move(["taskRun", "spec", "podTemplate", "volumes", k], to);
      explain.each(to, volume, "pod-template", "A volume of the TaskRun's podTemplate.");
    });
  }
  appendAll(appendAll(volumes, (taskSpec.volumes ?? []) as Volume[]), (template.volumes ?? []) as Volume[]);
  throwIfAny(
    "build",
    checkVolumeNames(volumes, (i) => {
      if (i >= builtIn + taskVolumes) return ["taskRun", "spec", "podTemplate", "volumes", i - builtIn - taskVolumes];
      const j = i - builtIn;
      return j >= 0 && j < source.volumes ? [...source.path, "volumes", j] : ["taskSpec", "volumes", j];
    }),
    "CouldntGetTask",
  );

  const annotations = copyRecord(taskRun.metadata?.annotations);
  const assistant = hasKey(annotations, AFFINITY_ASSISTANT_ANNOTATION)
    ? annotations[AFFINITY_ASSISTANT_ANNOTATION]
    : undefined;
  const affinity =
    assistant !== undefined && assistant !== ""
      ? affinityAssistantAffinity(assistant)
      : (template.affinity as Affinity | undefined);
  if (explain !== undefined && affinity !== undefined) {
    if (affinity === template.affinity) explainFromTemplate(explain, "affinity", ["pod", "spec", "affinity"], affinity);
    else {
      explain.each(
        ["pod", "spec", "affinity"],
        affinity,
        "affinity-assistant",
        "The TaskRun belongs to a PipelineRun whose workspace PVC is held by an affinity assistant: the Pod runs on the same node.",
        ["taskRun", "metadata", "annotations", AFFINITY_ASSISTANT_ANNOTATION],
      );
    }
  }

  const sidecarNamed = explain === undefined ? [] : sidecarContainers.map((sidecar) => Boolean(sidecar.name));
  // Each sidecar is the Builder's own copy (see containerOf): named in place.
  for (const sidecar of sidecarContainers) sidecar.name = restrictLength(`${SIDECAR_PREFIX}${sidecar.name ?? ""}`);
  const sidecars = sidecarContainers;
  if (explain !== undefined) {
    sidecars.forEach((_, j) => {
      const to = ["pod", "spec", "containers", steps.length + j];
      explain.move(["taskSpec", "sidecars", j], to);
      explain.add(
        [...to, "name"],
        "container-name",
        "Sidecar containers are named sidecar-<name>.",
        sidecarNamed[j] ? [...source.path, "sidecars", j, "name"] : undefined,
      );
    });
  }
  throwIfAny("build", checkContainerNames(initContainers, steps, sidecars, stepPath, source.path), "CouldntGetTask");

  explain?.move(["taskRun", "metadata", "annotations"], ["pod", "metadata", "annotations"]);
  setRecord(annotations, RELEASE_ANNOTATION, config.version);
  explain?.drop(["pod", "metadata", "annotations", RELEASE_ANNOTATION]);
  explain?.add(
    ["pod", "metadata", "annotations", RELEASE_ANNOTATION],
    "release-annotation",
    "The version of the Tekton controller that created the Pod.",
  );
  if ((taskSpec.sidecars ?? []).length === 0 && !flags.runningInEnvWithInjectedSidecars) {
    setRecord(annotations, READY_ANNOTATION, READY_ANNOTATION_VALUE);
    explain?.drop(["pod", "metadata", "annotations", READY_ANNOTATION]);
    explain?.add(
      ["pod", "metadata", "annotations", READY_ANNOTATION],
      "ready-annotation",
      "The Task has no sidecars, so the Pod is ready at once: the first step does not wait for sidecars to start.",
    );
  }
  const labels = copyRecord(taskRun.metadata?.labels);
  setRecord(labels, TASKRUN_LABEL, taskRun.metadata?.name ?? "");
  if (explain !== undefined) {
    explain.move(["taskRun", "metadata", "labels"], ["pod", "metadata", "labels"]);
    explain.drop(["pod", "metadata", "labels", TASKRUN_LABEL]);
    explain.add(
      ["pod", "metadata", "labels", TASKRUN_LABEL],
      "taskrun-label",
      "The Pod is labelled with the name of its TaskRun.",
      ["taskRun", "metadata", "name"],
    );
  }

  const name = taskRun.metadata?.name ?? "";
  const spec = podSpec(
    template,
    {
      volumes,
      initContainers,
      containers: steps.concat(sidecars),
      serviceAccountName: taskRun.spec.serviceAccountName ?? "",
      affinity,
    },
    explain,
  );
  // Built in Go's field order, which the output encoder then only has to confirm.
  const metadata: NonNullable<Pod["metadata"]> = { name: names.withSuffix(`${name}-pod`) };
  if (taskRun.metadata?.namespace !== undefined) metadata.namespace = taskRun.metadata.namespace;
  metadata.labels = labels;
  metadata.annotations = annotations;
  metadata.ownerReferences = [taskRunOwnerReference(taskRun)];
  const pod: Pod = { kind: "Pod", apiVersion: "v1", metadata, spec };
  if (explain !== undefined) explainPod(explain, pod);
  return pod;
}

/** The parts of the Pod that Builder.Build sets itself. */
function explainPod(explain: Explainer, pod: Pod): void {
  const made = "The controller creates one Pod per TaskRun.";
  explain.add(["pod", "apiVersion"], "pod-kind", made);
  explain.add(["pod", "kind"], "pod-kind", made);
  explain.add(
    ["pod", "metadata", "name"],
    "pod-name",
    "The TaskRun's name, -pod, and a suffix (random in Tekton, derived from the TaskRun here).",
    ["taskRun", "metadata", "name"],
  );
  explain.move(["taskRun", "metadata", "namespace"], ["pod", "metadata", "namespace"]);
  explain.each(
    ["pod", "metadata", "ownerReferences"],
    pod.metadata?.ownerReferences,
    "owner-reference",
    "The TaskRun owns its Pod: deleting the TaskRun deletes the Pod.",
    ["taskRun", "metadata"],
  );
  explain.add(
    ["pod", "spec", "restartPolicy"],
    "restart-policy",
    "A step that fails is not restarted: the TaskRun fails.",
  );
  explain.move(["taskRun", "spec", "serviceAccountName"], ["pod", "spec", "serviceAccountName"]);
  explain.add(
    ["pod", "spec", "serviceAccountName"],
    "service-account",
    pod.spec?.serviceAccountName === ""
      ? "No ServiceAccount is named, so the namespace's default one is used."
      : "The Pod runs as the TaskRun's ServiceAccount.",
  );
}

/** What Tekton's own volumes are for. */
function implicitVolumeNote(name: string): string {
  switch (name) {
    case "tekton-internal-workspace":
      return "Tekton's /workspace volume, shared by all steps.";
    case "tekton-internal-home":
      return "Tekton's /tekton/home volume, the steps' HOME.";
    case "tekton-internal-results":
      return "Tekton's /tekton/results volume, where steps write results.";
    case "tekton-internal-tools":
      return "Tekton's /tekton/tools volume: the entrypoint binary and the steps' post files.";
    case "tekton-internal-downward":
      return "Tekton's downward API volume: the ready annotation as a file the first step waits for.";
    default:
      return "A volume Tekton adds to every Pod.";
  }
}

/** {@link stepTemplateMerger}'s merge of step `index`, with its explanation moved to match. */
function explainedMerge(
  explain: Explainer,
  merge: ReturnType<typeof stepTemplateMerger>,
  step: Immutable<Step>,
  index: number,
): Step {
  const at = ["taskSpec", "steps", index];
  const merged = merge(step, mergeReporter(explain, index));
  // Carried over outside the merge: the script, and an `args: []` the Go view leaves out.
  explain.move([...at, "script"], ["merging", "script"]);
  explain.move([...at, "args"], ["merging", "args"]);
  explain.drop(at);
  explain.move(["merging"], at);
  return merged;
}

/** The warning for a step timeout lost to the stepTemplate (tektoncd/pipeline#4255). */
function droppedTimeoutWarning(path: readonly PathSegment[], timeout: string): Issue {
  return issue(
    "step-timeout-dropped",
    path,
    `the step's timeout ${JSON.stringify(timeout)} is ignored: the Task has a stepTemplate (workspaces add one), and ` +
      "Tekton v0.20.1 then drops every step timeout (tektoncd/pipeline#4255); use the TaskRun's timeout instead",
  );
}

/** Step `index` as its container, explained and moved to `["pod", "spec", "containers", index]`. */
function explainStepContainer(
  explain: Explainer,
  index: number,
  out: Container,
  made: {
    readonly home: { volume: Volume; volumeMount: VolumeMount } | undefined;
    readonly homeVolume: number;
    /** How many mounts the step had before the implicit ones. */
    readonly ownMounts: number;
    readonly implicitEnv: number;
    readonly namePath: PathSegment[] | undefined;
    /** Whether the step got /workspace as its working directory. */
    readonly defaultWorkingDir: boolean;
  },
): void {
  const at = ["taskSpec", "steps", index];
  if (made.home !== undefined) {
    const note = "Each step gets its own in-memory /tekton/creds, where the entrypoint copies credentials.";
    explain.each(["pod", "spec", "volumes", made.homeVolume], made.home.volume, "creds-init-home", note);
    explain.each([...at, "volumeMounts", made.ownMounts], made.home.volumeMount, "creds-init-home", note);
  }
  if (made.implicitEnv > 0) {
    explain.shift([...at, "env"], 0, made.implicitEnv);
    explain.each([...at, "env", 0], out.env?.[0], "home-env", "Tekton sets HOME to /tekton/home in every step.");
  }
  explain.add(
    [...at, "name"],
    "container-name",
    made.namePath === undefined
      ? "An unnamed step is called step-unnamed-<index>."
      : "Step containers are named step-<name>.",
    made.namePath,
  );
  if (made.defaultWorkingDir) {
    explain.add([...at, "workingDir"], "default-working-dir", "The step sets no workingDir, so it runs in /workspace.");
  }
  explain.move(at, ["pod", "spec", "containers", index]);
}
