/**
 * Pod assembly in the order of `Builder.Build` (pkg/pod/pod.go, v0.20.1): implicit volumes,
 * credentials, step template merge, scripts, working directories, entrypoint lookup and
 * rewriting, LimitRange requests, implicit env and mounts, names, pod template, metadata.
 */
import type { Affinity, Container, LimitRange, Pod, PodSpec, Secret, ServiceAccount, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { ImageEntrypoint, Immutable, PodTemplate, TaskRun, TaskSpec } from "../../api/types.js";
import { fail, type Issue, type PathSegment } from "../../errors.js";
import { parseGoDuration, formatGoDuration } from "../../k8s/duration.js";
import { cleanPath } from "../../k8s/go-path.js";
import { mergeStepsWithStepTemplate } from "../../k8s/merge-step-template.js";
import { restrictLength, type SuffixGenerator } from "../../k8s/names.js";
import { copyRecord, hasKey, setRecord } from "../../k8s/records.js";
import type { ResolvedConfig } from "../config.js";
import { credsInitHomeVolume, initCredentials } from "../credentials.js";
import { AFFINITY_ASSISTANT_ANNOTATION } from "../resolve.js";
import { applyLimitRanges, limitRangeMinimum } from "./apply-limit-ranges.js";
import {
  HOME_DIR, READY_ANNOTATION, READY_ANNOTATION_VALUE, RELEASE_ANNOTATION, SIDECAR_PREFIX, STEP_PREFIX,
  TASKRUN_LABEL, WORKSPACE_DIR, downwardVolume, implicitVolumeMounts, implicitVolumes, scriptsVolume, toolsVolume,
  type StepPath,
} from "./constants.js";
import { initWorkingDirs } from "./init-working-dirs.js";
import { placeScripts } from "./place-scripts.js";
import { resolveEntrypoints } from "./resolve-entrypoints.js";
import { rewriteEntrypoints } from "./rewrite-entrypoints.js";

export interface BuildPodInput {
  /** Defaulted TaskRun, Task labels/annotations merged, workspace bindings materialized. */
  readonly taskRun: TaskRun;
  /** The Task spec after substitution and workspace mounts. */
  readonly taskSpec: TaskSpec;
  readonly config: ResolvedConfig;
  readonly names: SuffixGenerator;
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

/** Step timeouts as `-timeout` values. A stepTemplate makes v0.20.1 lose them (tektoncd/pipeline#4255). */
function stepTimeouts(spec: TaskSpec, stepPath: StepPath): (string | undefined)[] {
  return (spec.steps ?? []).map((step, i) => {
    if (spec.stepTemplate !== undefined || step.timeout === undefined) return undefined;
    const ns = parseGoDuration(step.timeout);
    if (ns === undefined) {
      fail("admission", "invalid-duration", [...stepPath(i), "timeout"],
        `time: invalid duration ${JSON.stringify(step.timeout)}: use a Go duration such as "30s" or "1h30m"`);
    }
    return formatGoDuration(ns);
  });
}

/** Mounts the implicit volumes (and credential secrets) at every path the step leaves free. */
function addImplicitMounts(step: Container, implicit: readonly VolumeMount[], credsHome: VolumeMount | undefined): Container {
  const mounts = step.volumeMounts === undefined ? [] : step.volumeMounts.slice();
  if (credsHome !== undefined) mounts.push(credsHome);
  const taken = mounts.map((m) => cleanPath(m.mountPath));
  for (const mount of implicit) if (!taken.includes(cleanPath(mount.mountPath))) mounts.push(mount);
  return { ...step, volumeMounts: mounts };
}

function affinityAssistantAffinity(name: string): Affinity {
  return {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: {
          matchLabels: { "app.kubernetes.io/component": "affinity-assistant", "app.kubernetes.io/instance": name },
        },
        topologyKey: "kubernetes.io/hostname",
      }],
    },
  };
}

/** v1beta1.ValidateVolumes: Pod volume names must be unique. */
function checkVolumeNames(volumes: readonly Volume[], volumePath: (index: number) => PathSegment[]): void {
  const seen = new Set<string>();
  volumes.forEach((volume, i) => {
    if (seen.has(volume.name)) {
      fail("build", "duplicate-volume", [...volumePath(i), "name"],
        `multiple volumes with same name ${JSON.stringify(volume.name)}: [${i}].name; rename the Task volume or the podTemplate volume`,
        "CouldntGetTask");
    }
    seen.add(volume.name);
  });
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
): void {
  const seen = new Set(initContainers.map((c) => c.name));
  const check = (name: string, path: PathSegment[]): void => {
    if (seen.has(name)) {
      fail("build", "duplicate-name", path,
        `Pod container name ${JSON.stringify(name)} is used twice, which Kubernetes rejects (spec.containers: Duplicate value); give the steps and sidecars names that differ within their first 58 characters`,
        "CouldntGetTask");
    }
    seen.add(name);
  };
  steps.forEach((step, i) => check(step.name, [...stepPath(i), "name"]));
  sidecars.forEach((sidecar, i) => check(sidecar.name, [...specPath, "sidecars", i, "name"]));
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
  volumes.push(...credentials.volumes);
  volumeMounts.push(...credentials.volumeMounts);

  const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
  const scripts = placeScripts(merged, taskSpec.sidecars ?? [], images.shellImage, names);
  if (scripts.initContainer !== undefined) {
    initContainers.push(scripts.initContainer);
    volumes.push(scriptsVolume());
  }
  const workingDirInit = initWorkingDirs(scripts.steps, images.shellImage);
  if (workingDirInit !== undefined) initContainers.push(workingDirInit);

  const resolved = resolveEntrypoints(scripts.steps, input.imageEntrypoints, input.warnings, stepPath);
  const entrypoints = rewriteEntrypoints(
    resolved,
    images.entrypointImage,
    credentials.entrypointArgs,
    stepTimeouts(taskSpec, stepPath),
    (taskSpec.results ?? []).map((r) => r.name),
    stepPath,
  );
  initContainers.push(entrypoints.initContainer);
  volumes.push(toolsVolume(), downwardVolume());

  const requested = applyLimitRanges(entrypoints.steps, limitRangeMinimum(input.limitRanges), stepPath);

  const overrideWorkingDir = !flags.disableWorkingDirOverwrite;
  const steps = requested.map((step, i): Container => {
    const home = credsInitHomeVolume(names, flags);
    if (home !== undefined) volumes.push(home.volume);
    const withMounts = addImplicitMounts(step, volumeMounts, home?.volumeMount);
    const env = [...implicitEnv, ...(step.env ?? [])];
    const out: Container = { ...withMounts, name: restrictLength(step.name ? `${STEP_PREFIX}${step.name}` : `${STEP_PREFIX}unnamed-${i}`) };
    if (env.length > 0) out.env = env;
    else delete out.env;
    if (overrideWorkingDir && (step.workingDir === undefined || step.workingDir === "")) out.workingDir = WORKSPACE_DIR;
    return out;
  });

  const template: Immutable<PodTemplate> = taskRun.spec.podTemplate ?? {};
  const builtIn = volumes.length;
  const taskVolumes = (taskSpec.volumes ?? []).length;
  volumes.push(...((taskSpec.volumes ?? []) as Volume[]), ...((template.volumes ?? []) as Volume[]));
  checkVolumeNames(volumes, (i) => {
    if (i >= builtIn + taskVolumes) return ["taskRun", "spec", "podTemplate", "volumes", i - builtIn - taskVolumes];
    const j = i - builtIn;
    return j >= 0 && j < source.volumes ? [...source.path, "volumes", j] : ["taskSpec", "volumes", j];
  });

  const annotations = copyRecord(taskRun.metadata?.annotations);
  const assistant = hasKey(annotations, AFFINITY_ASSISTANT_ANNOTATION) ? annotations[AFFINITY_ASSISTANT_ANNOTATION] : undefined;
  const affinity = assistant !== undefined && assistant !== "" ? affinityAssistantAffinity(assistant) : (template.affinity as Affinity | undefined);

  const sidecars = scripts.sidecars.map((sidecar) => ({ ...sidecar, name: restrictLength(`${SIDECAR_PREFIX}${sidecar.name ?? ""}`) }));
  checkContainerNames(initContainers, steps, sidecars, stepPath, source.path);

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
  const metadata: NonNullable<Pod["metadata"]> = {
    name: names.withSuffix(`${name}-pod`),
    labels,
    annotations,
    ownerReferences: [{
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      name,
      uid: taskRun.metadata?.uid ?? "",
      controller: true,
      blockOwnerDeletion: true,
    }],
  };
  if (taskRun.metadata?.namespace !== undefined) metadata.namespace = taskRun.metadata.namespace;
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}
