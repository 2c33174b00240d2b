/**
 * Pod assembly in the order of `Builder.Build` (pkg/pod/pod.go, v0.20.1): implicit volumes,
 * credentials, step template merge, scripts, working directories, entrypoint lookup and
 * rewriting, LimitRange requests, implicit env and mounts, names, pod template, metadata.
 */
import type {
  Affinity,
  Container,
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
import { formatGoDuration, parseGoDuration } from "../../../k8s/duration.js";
import { cleanPath } from "../../../k8s/go-path.js";
import { stepTemplateMerger } from "../../../k8s/merge-step-template.js";
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
  type StepRequests,
  withRequests,
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

/** The step's mounts, then the implicit volumes (and credential secrets) at every path it leaves free. */
function withImplicitMounts(
  step: Container,
  implicit: readonly VolumeMount[],
  credsHome: VolumeMount | undefined,
): VolumeMount[] {
  const mounts = step.volumeMounts === undefined ? [] : step.volumeMounts.slice();
  if (credsHome !== undefined) mounts.push(credsHome);
  const taken = mounts.map((m) => cleanPath(m.mountPath));
  for (const mount of implicit) if (!taken.includes(cleanPath(mount.mountPath))) mounts.push(mount);
  return mounts;
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
  const named = [
    ...steps.map((step, i) => ({ name: step.name, path: (): PathSegment[] => [...stepPath(i), "name"] })),
    ...sidecars.map((sidecar, i) => ({
      name: sidecar.name,
      path: (): PathSegment[] => [...specPath, "sidecars", i, "name"],
    })),
  ];
  for (const { name, path } of named) {
    if (seen.has(name)) {
      return [
        issue(
          "duplicate-name",
          path(),
          `Pod container name ${JSON.stringify(name)} is used twice, which Kubernetes rejects (spec.containers: Duplicate value); give the steps and sidecars names that differ within their first 58 characters`,
        ),
      ];
    }
    seen.add(name);
  }
  return [];
}

function podSpecFromTemplate(template: Immutable<PodTemplate>): Partial<PodSpec> {
  const spec: Partial<PodSpec> = {};
  const copy = <K extends keyof PodTemplate & keyof PodSpec>(key: K): void => {
    const value = template[key];
    if (value !== undefined && value !== null) (spec as Record<string, unknown>)[key] = value;
  };
  copy("nodeSelector");
  copy("tolerations");
  copy("securityContext");
  copy("runtimeClassName");
  copy("automountServiceAccountToken");
  copy("schedulerName");
  copy("hostNetwork");
  copy("dnsPolicy");
  copy("dnsConfig");
  copy("enableServiceLinks");
  copy("priorityClassName");
  copy("imagePullSecrets");
  return spec;
}

/** Builder.Build. */
export function buildPod(input: BuildPodInput): Pod {
  const { taskRun, taskSpec, config, names, source } = input;
  const shifted = (taskSpec.steps ?? []).length !== source.steps;
  const stepPath: StepPath = (i) => (shifted ? ["taskSpec", "steps", i] : [...source.path, "steps", i]);
  const flags = config.featureFlags;
  const images = config.images;
  const initContainers: Container[] = [];
  const volumes: Volume[] = implicitVolumes();
  const volumeMounts: VolumeMount[] = implicitVolumeMounts();
  const implicitEnv = flags.disableHomeEnvOverwrite ? [] : [{ name: "HOME", value: HOME_DIR }];

  const credentials = initCredentials({
    serviceAccountName: taskRun.spec.serviceAccountName ?? "",
    serviceAccount: input.serviceAccount,
    secrets: input.secrets,
    featureFlags: flags,
    names,
  });
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
  const mergeWithTemplate =
    taskSpec.stepTemplate === undefined ? (step: Step): Step => step : stepTemplateMerger(taskSpec.stepTemplate);
  const scripts = new ScriptPlacer(names);
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
  taskSteps.forEach((taskStep, i) => {
    const step = scripts.step(mergeWithTemplate(taskStep), i, [...stepPath(i), "script"]);
    // Resolution errors are the first Tekton reports, so they are thrown at once.
    const resolved = resolveEntrypoint(step, i, input.imageEntrypoints, input.warnings, stepPath);
    // A step stopped in one stage is not taken through the later ones: whatever they would
    // find, the earlier stage's boundary is crossed (and thrown at) first.
    const timeout = stepTimeout(taskSpec, taskStep, i, stepPath);
    if (!timeout.ok) {
      appendAll(timeoutIssues, timeout.issues);
      return;
    }
    const container = rewriteEntrypoint(resolved, i, entrypointFlags, timeout.value, stepPath);
    if (!container.ok) {
      appendAll(rewriteIssues, container.issues);
      return;
    }
    rewritten.push(container.value);
    const parsed = parseStepRequests(container.value, i, stepPath);
    if (!parsed.ok) {
      appendAll(requestIssues, parsed.issues);
      return;
    }
    requests.push(parsed.value);
  });
  const sidecarContainers = (taskSpec.sidecars ?? []).map((sidecar, i) =>
    scripts.sidecar(sidecar, i, [...source.path, "sidecars", i, "script"]),
  );
  throwIfAny("admission", firstOf(timeoutIssues));
  throwIfAny("build", firstOf(rewriteIssues), "CouldntGetTask");
  const limitRangeMin = valueOrThrow("admission", limitRangeMinimum(input.limitRanges));
  throwIfAny("admission", firstOf(requestIssues));

  const placeScripts = scripts.initContainer(images.shellImage);
  if (placeScripts !== undefined) {
    initContainers.push(placeScripts);
    volumes.push(scriptsVolume());
  }
  const workingDirInit = initWorkingDirs(rewritten, images.shellImage);
  if (workingDirInit !== undefined) initContainers.push(workingDirInit);
  initContainers.push(placeToolsContainer(images.entrypointImage));
  volumes.push(toolsVolume(), downwardVolume());

  const plan = planRequests(requests, limitRangeMin);
  const overrideWorkingDir = !flags.disableWorkingDirOverwrite;
  const steps = rewritten.map((rewrittenStep, i): Container => {
    const step = withRequests(rewrittenStep, i, requests[i], plan);
    const home = credsInitHomeVolume(names, flags);
    if (home !== undefined) volumes.push(home.volume);
    const env = [...implicitEnv, ...(step.env ?? [])];
    const out: Container = {
      ...step,
      volumeMounts: withImplicitMounts(step, volumeMounts, home?.volumeMount),
      name: restrictLength(step.name ? `${STEP_PREFIX}${step.name}` : `${STEP_PREFIX}unnamed-${i}`),
    };
    if (env.length > 0) out.env = env;
    else delete out.env;
    if (overrideWorkingDir && (step.workingDir === undefined || step.workingDir === "")) out.workingDir = WORKSPACE_DIR;
    return input.output.encode(out, "core.Container");
  });

  const template: Immutable<PodTemplate> = taskRun.spec.podTemplate ?? {};
  const builtIn = volumes.length;
  const taskVolumes = (taskSpec.volumes ?? []).length;
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

  const sidecars = sidecarContainers.map((sidecar) => ({
    ...sidecar,
    name: restrictLength(`${SIDECAR_PREFIX}${sidecar.name ?? ""}`),
  }));
  throwIfAny("build", checkContainerNames(initContainers, steps, sidecars, stepPath, source.path), "CouldntGetTask");

  setRecord(annotations, RELEASE_ANNOTATION, config.version);
  if ((taskSpec.sidecars ?? []).length === 0 && !flags.runningInEnvWithInjectedSidecars) {
    setRecord(annotations, READY_ANNOTATION, READY_ANNOTATION_VALUE);
  }
  const labels = copyRecord(taskRun.metadata?.labels);
  setRecord(labels, TASKRUN_LABEL, taskRun.metadata?.name ?? "");

  const name = taskRun.metadata?.name ?? "";
  const spec: PodSpec = {
    ...podSpecFromTemplate(template),
    restartPolicy: "Never",
    initContainers,
    containers: [...steps, ...sidecars],
    serviceAccountName: taskRun.spec.serviceAccountName ?? "",
    volumes,
  };
  if (affinity !== undefined) spec.affinity = affinity;
  // Built in Go's field order, which the output encoder then only has to confirm.
  const metadata: NonNullable<Pod["metadata"]> = { name: names.withSuffix(`${name}-pod`) };
  if (taskRun.metadata?.namespace !== undefined) metadata.namespace = taskRun.metadata.namespace;
  metadata.labels = labels;
  metadata.annotations = annotations;
  metadata.ownerReferences = [taskRunOwnerReference(taskRun)];
  return { kind: "Pod", apiVersion: "v1", metadata, spec };
}
