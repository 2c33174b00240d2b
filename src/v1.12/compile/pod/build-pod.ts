/**
 * `Builder.Build` of Tekton v1.12 (pkg/pod/pod.go) and the transformers `createPod` passes it,
 * in their order: implicit volumes, creds-init, step template and overrides, TaskRun-level
 * compute resources, the sidecar-logs results sidecar, `prepare`, `place-scripts`, the
 * working-dir initializer, entrypoint lookup, entrypoint rewriting, downward API, Pod-template
 * env, per-step run and creds volumes, implicit mounts, names, volumes, sidecars (native or
 * not), metadata, then default container resources, LimitRange defaults and the affinity
 * assistant.
 */
import type {
  Container,
  EnvVar,
  LimitRange,
  Pod,
  PodSpec,
  Secret,
  SecurityContext,
  ServiceAccount,
  Volume,
  VolumeMount,
} from "kubernetes-types/core/v1.js";
import type { Step as MergeableStep, StepTemplate as MergeableTemplate } from "../../../api/types.js";
import { CompileError, issue } from "../../../errors.js";
import { formatGoDuration, parseGoDuration } from "../../../k8s/duration.js";
import { cleanPath } from "../../../k8s/go-path.js";
import { md5Hex } from "../../../k8s/md5.js";
import { stepTemplateMerger } from "../../../k8s/merge-step-template.js";
import { restrictLength, type SuffixGenerator } from "../../../k8s/names.js";
import type {
  ImageEntrypointV112,
  Immutable,
  SidecarV1,
  StepTemplateV1,
  StepV1,
  TaskRunV1,
  TaskSpecV1,
} from "../../api/types.js";
import type { ResolvedConfigV112 } from "../config.js";
import { ownerReference } from "../owner-reference.js";
import {
  applyDefaultResourceRequirements,
  applyLimitRangeDefaults,
  applyTaskLevelResources,
  canonicalResources,
  mergeResources,
} from "./compute-resources.js";
import {
  binMount,
  binReadOnlyMount,
  binVolume,
  downwardMount,
  downwardVolume,
  ENTRYPOINT_BINARY,
  implicitVolumeMounts,
  implicitVolumes,
  internalStepsMount,
  READY_ANNOTATION,
  READY_ANNOTATION_VALUE,
  RELEASE_ANNOTATION,
  RESULTS_DIR,
  RESULTS_SIDECAR_NAME,
  RUN_DIR,
  runMount,
  runVolume,
  SIDECAR_PREFIX,
  STEP_PREFIX,
  scriptsVolume,
  stepName,
  TERMINATION_PATH,
  WORKSPACE_DIR,
} from "./constants.js";
import { credsInitHome, initCredentials } from "./credentials.js";
import { resolveEntrypoints } from "./resolve-entrypoints.js";
import { convertScripts, type DebugConfig } from "./scripts.js";

/** Everything Build reads. */
export interface BuildPodInput {
  readonly taskRun: TaskRunV1;
  readonly taskSpec: TaskSpecV1;
  readonly config: ResolvedConfigV112;
  readonly names: SuffixGenerator;
  readonly limitRanges: readonly Immutable<LimitRange>[];
  readonly imageEntrypoints: Immutable<Record<string, ImageEntrypointV112>> | undefined;
  readonly serviceAccount: Immutable<ServiceAccount> | undefined;
  readonly secrets: readonly Immutable<Secret>[];
  /** Where step i of the spec sits in the input, for messages. */
  readonly stepPath: (i: number) => (string | number)[];
}

const MANAGED_BY = "app.kubernetes.io/managed-by";
const AFFINITY_ASSISTANT_ANNOTATION = "pipeline.tekton.dev/affinity-assistant";
const MAX_INT32 = 2147483647;

function linuxSecurityContext(readOnlyRoot: boolean): SecurityContext {
  const sc: SecurityContext = { capabilities: { drop: ["ALL"] }, runAsNonRoot: true };
  if (readOnlyRoot) sc.readOnlyRootFilesystem = true;
  sc.allowPrivilegeEscalation = false;
  sc.seccompProfile = { type: "RuntimeDefault" };
  return sc;
}

/** `v1.Step.ToK8sContainer`. */
function stepContainer(s: StepV1): Container {
  const c: Container = { name: s.name ?? "" };
  if (s.image !== undefined) c.image = s.image;
  if (s.command !== undefined) c.command = s.command;
  if (s.args !== undefined) c.args = s.args;
  if (s.workingDir !== undefined) c.workingDir = s.workingDir;
  if (s.envFrom !== undefined) c.envFrom = s.envFrom;
  if (s.env !== undefined) c.env = s.env;
  if (s.computeResources !== undefined) c.resources = s.computeResources;
  if (s.volumeMounts !== undefined) c.volumeMounts = s.volumeMounts;
  if (s.volumeDevices !== undefined) c.volumeDevices = s.volumeDevices;
  if (s.imagePullPolicy !== undefined) c.imagePullPolicy = s.imagePullPolicy;
  if (s.securityContext !== undefined) c.securityContext = s.securityContext;
  return c;
}

const STEP_ONLY = [
  "script",
  "timeout",
  "workspaces",
  "onError",
  "stdoutConfig",
  "stderrConfig",
  "ref",
  "params",
  "results",
  "when",
  "displayName",
] as const;

/** `MergeStepsWithStepTemplate`: the strategic merge of each step onto the template; step-only fields kept. */
function mergeStepTemplate(template: StepTemplateV1 | undefined, steps: readonly StepV1[]): StepV1[] {
  if (template === undefined) return steps.map((s) => ({ ...s }));
  const { computeResources, ...rest } = template;
  const asContainer = {
    ...rest,
    ...(computeResources !== undefined ? { resources: computeResources } : {}),
  } as MergeableTemplate;
  const merge = stepTemplateMerger(asContainer as Immutable<MergeableTemplate>);
  return steps.map((step) => {
    if (step.ref !== undefined) return { ...step };
    const container = stepContainer(step);
    if (container.name === "") delete (container as { name?: string }).name;
    const merged = merge(container as Immutable<MergeableStep>) as unknown as Container & {
      resources?: StepV1["computeResources"];
    };
    // A step env var that the merge turned into both a value and a valueFrom takes the step's own.
    if (merged.env !== undefined && step.env !== undefined) {
      const own = new Map(step.env.map((e) => [e.name, e]));
      merged.env = merged.env.map((e) => {
        const mine = own.get(e.name);
        return e.valueFrom !== undefined && (e.value ?? "") !== "" && mine !== undefined ? mine : e;
      });
    }
    const out: StepV1 = {};
    for (const key of STEP_ONLY) if (step[key] !== undefined) (out as Record<string, unknown>)[key] = step[key];
    const { resources, ...fields } = merged;
    Object.assign(out, fields);
    if (resources !== undefined) out.computeResources = resources;
    return out;
  });
}

function sidecarContainer(s: SidecarV1): Container {
  const { script: _script, workspaces: _workspaces, computeResources, ...fields } = s;
  const c = { ...fields, name: s.name ?? "" } as Container;
  if (computeResources !== undefined) c.resources = computeResources;
  return c;
}

/** `kmeta.ChildName(name, "-pod")`. */
function podName(taskRunName: string, suffix: string): string {
  if (taskRunName.length <= 63 - suffix.length) return taskRunName + suffix;
  const hash = md5Hex(taskRunName);
  return `${taskRunName.slice(0, 31 - suffix.length)}${hash}${suffix}`;
}

/** The Kubernetes minor version is at least 29 (`IsNativeSidecarSupport`). */
function nativeSidecarSupport(version: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (m === null) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return (major === 1 && minor >= 29) || major > 1;
}

/** `validateVolumes`: two volumes of one name make the Pod invalid. */
function checkVolumes(volumes: readonly Volume[], taskRun: TaskRunV1): void {
  const seen = new Set<string>();
  for (const v of volumes) {
    if (seen.has(v.name)) {
      const ref = taskRun.spec.taskRef?.name;
      throw new CompileError(
        "build",
        [
          issue(
            "duplicate-volume",
            ["taskRun", "spec"],
            `failed to create task run pod ${JSON.stringify(taskRun.metadata?.name ?? "")}: translating TaskSpec to Pod: ` +
              `multiple volumes with same name ${JSON.stringify(v.name)}. Maybe ` +
              (ref !== undefined
                ? `missing or invalid Task ${taskRun.metadata?.namespace ?? ""}/${ref}`
                : "invalid TaskSpec"),
          ),
        ],
        "PodCreationFailed",
      );
    }
    seen.add(v.name);
  }
}

/** Appends in a loop: `push(...items)` fails past the engine's limit on call arguments. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** `json.Marshal` as Go writes it: like JSON.stringify, but `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Go's `json.Marshal` of a step's `when` expressions (fields input, operator, values, cel; all omitempty). */
function whenJson(when: NonNullable<StepV1["when"]>): string {
  return goJson(
    when.map((w) => {
      const o: Record<string, unknown> = {};
      if (w.input !== undefined && w.input !== "") o["input"] = w.input;
      if (w.operator !== undefined && w.operator !== "") o["operator"] = w.operator;
      if (w.values !== undefined && w.values.length > 0) o["values"] = w.values;
      if (w.cel !== undefined && w.cel !== "") o["cel"] = w.cel;
      return o;
    }),
  );
}

/** Builds the Pod for a TaskRun whose spec has had every substitution applied. */
export function buildPod(input: BuildPodInput): Pod {
  const { taskRun, config } = input;
  const flags = config.featureFlags;
  const taskSpec: TaskSpecV1 = { ...input.taskSpec };
  const alpha = flags.enableAPIFields === "alpha";
  const sidecarLogs = flags.resultExtractionMethod === "sidecar-logs";
  const windows = taskRun.spec.podTemplate?.nodeSelector?.["kubernetes.io/os"] === "windows";
  const securityContext = (win: boolean): SecurityContext | undefined =>
    !flags.setSecurityContext
      ? undefined
      : win
        ? { runAsNonRoot: true }
        : linuxSecurityContext(flags.setSecurityContextReadOnlyRootFilesystem);

  const volumes: Volume[] = implicitVolumes();
  const volumeMounts: VolumeMount[] = [binReadOnlyMount(), ...implicitVolumeMounts()];

  const creds = initCredentials({
    serviceAccountName: taskRun.spec.serviceAccountName ?? "",
    serviceAccount: input.serviceAccount,
    secrets: input.secrets,
    disableCredsInit: flags.disableCredsInit,
    requireKnownHosts: flags.requireGitSSHSecretKnownHosts,
  });
  const commonArgs: string[] = [...creds.entrypointArgs];
  append(volumes, creds.volumes);
  append(volumeMounts, creds.volumeMounts);

  let steps = mergeStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
  const stepSpecs = new Map((taskRun.spec.stepSpecs ?? []).map((o) => [o.name, o]));
  steps = steps.map((s) => {
    const o = stepSpecs.get(s.name ?? "");
    if (o === undefined) return s;
    const merged = mergeResources(s.computeResources, o.computeResources);
    return merged === undefined ? s : { ...s, computeResources: merged };
  });
  applyTaskLevelResources(steps, taskRun.spec.computeResources);

  let specSidecars: SidecarV1[] = [...(taskSpec.sidecars ?? [])];
  // `$(step.artifacts.path)` unsubstituted, or the path it stands for, in a step's script, args, command or env.
  const producesArtifacts = (s: StepV1): boolean => {
    const path = `/tekton/steps/${STEP_PREFIX}${s.name ?? ""}/artifacts/provenance.json`;
    const texts = [s.script ?? "", ...(s.args ?? []), ...(s.command ?? []), ...(s.env ?? []).map((e) => e.value ?? "")];
    return texts.some((t) => t.includes(path) || t.includes("$(step.artifacts.path)"));
  };
  const resultsSidecar = sidecarLogs && (taskSpec.results !== undefined || steps.some(producesArtifacts));
  if (resultsSidecar) {
    const stepResults: Record<string, string[]> = {};
    (taskSpec.steps ?? []).forEach((s, i) => {
      if ((s.results ?? []).length > 0) stepResults[stepName(s.name, i)] = (s.results ?? []).map((r) => r.name);
    });
    const sortedResults: Record<string, string[]> = {};
    const byName = ([a]: [string, string[]], [b]: [string, string[]]) => (a < b ? -1 : a > b ? 1 : 0);
    for (const [k, names] of Object.entries(stepResults).sort(byName)) sortedResults[k] = names;
    const producers = (taskSpec.steps ?? []).filter(producesArtifacts).map((s) => `${STEP_PREFIX}${s.name ?? ""}`);
    const command = [
      "/ko-app/sidecarlogresults",
      "-results-dir",
      RESULTS_DIR,
      "-result-names",
      (taskSpec.results ?? []).map((r) => r.name).join(","),
      "-step-names",
      producers.join(","),
      "-step-results",
      goJson(sortedResults),
    ];
    const sidecar: SidecarV1 = {
      name: RESULTS_SIDECAR_NAME,
      image: config.images.sidecarLogResultsImage,
      command,
      env: [
        { name: "SIDECAR_LOG_POLLING_INTERVAL", value: formatGoDuration(config.defaults.sidecarLogPollingInterval) },
      ],
    };
    const sc = securityContext(windows);
    if (sc !== undefined) sidecar.securityContext = sc;
    specSidecars = [...specSidecars, sidecar];
    taskSpec.sidecars = specSidecars;
    commonArgs.push("-result_from", "sidecar-logs");
  }
  const sidecarSpecs = new Map((taskRun.spec.sidecarSpecs ?? []).map((o) => [o.name, o]));
  const sidecars = specSidecars.map((s) => {
    const o = sidecarSpecs.get(s.name ?? "");
    if (o === undefined) return s;
    const merged = mergeResources(s.computeResources, o.computeResources);
    return merged === undefined ? s : { ...s, computeResources: merged };
  });

  const prepare: Container = {
    name: "prepare",
    image: config.images.entrypointImage,
    command: [
      "/ko-app/entrypoint",
      "init",
      "/ko-app/entrypoint",
      ENTRYPOINT_BINARY,
      ...steps.map((s, i) => stepName(s.name, i)),
    ],
    workingDir: "/",
    volumeMounts: [binMount(), internalStepsMount()],
  };
  const prepareSc = securityContext(windows);
  if (prepareSc !== undefined) prepare.securityContext = prepareSc;
  const initContainers: Container[] = [prepare];

  const debugSpec = taskRun.spec.debug;
  const debug: DebugConfig | undefined =
    alpha && debugSpec !== undefined
      ? {
          onFailure: debugSpec.breakpoints?.onFailure === "enabled",
          beforeSteps: debugSpec.breakpoints?.beforeSteps ?? [],
        }
      : undefined;
  const converted = convertScripts({
    shellImage: config.images.shellImage,
    shellImageWin: alpha ? config.images.shellImageWin : "",
    steps: steps.map((s) => ({ container: stepContainer(s), script: s.script })),
    sidecars: sidecars.map((s) => ({ container: sidecarContainer(s), script: s.script })),
    debug,
    securityContext,
    names: input.names,
  });
  if (converted.init !== undefined) {
    initContainers.push(converted.init);
    volumes.push(scriptsVolume());
  }
  if (debug !== undefined && (debug.onFailure || debug.beforeSteps.length > 0)) {
    volumes.push(
      { name: "tekton-internal-debug-scripts", emptyDir: {} },
      { name: "tekton-internal-debug-info", emptyDir: {} },
    );
  }
  const workingDirs = [...new Set(converted.steps.map((c) => c.workingDir ?? "").filter((w) => w !== ""))].sort();
  const relative = workingDirs.map(cleanPath).filter((p) => !p.startsWith("/") || p.startsWith(`${WORKSPACE_DIR}/`));
  if (relative.length > 0) {
    const wd: Container = {
      name: "working-dir-initializer",
      image: config.images.workingDirInitImage,
      command: ["/ko-app/workingdirinit"],
      args: relative,
      workingDir: WORKSPACE_DIR,
      volumeMounts: implicitVolumeMounts(),
    };
    const sc = securityContext(windows);
    if (sc !== undefined) wd.securityContext = sc;
    initContainers.push(wd);
  }

  const podTemplate = taskRun.spec.podTemplate ?? {};
  let stepContainers = resolveEntrypoints(converted.steps, input.imageEntrypoints, input.stepPath);

  const injected = specSidecars.length > 0 || flags.runningInEnvWithInjectedSidecars;
  const readyImmediately = !(injected && flags.awaitSidecarReadiness);
  const waitForReady = !readyImmediately;
  const keepPodOnCancel = flags.enableKeepPodOnCancel;
  if (stepContainers.length === 0) {
    throw new CompileError(
      "build",
      [issue("no-steps", ["taskSpec", "steps"], "translating TaskSpec to Pod: no steps specified")],
      "PodCreationFailed",
    );
  }
  stepContainers = stepContainers.map((c, i) => {
    const args: string[] = [];
    if (i === 0) {
      if (waitForReady) args.push("-wait_file", "/tekton/downward/ready", "-wait_file_content");
    } else args.push("-wait_file", `${RUN_DIR}/${i - 1}/out`);
    args.push(
      "-post_file",
      `${RUN_DIR}/${i}/out`,
      "-termination_path",
      TERMINATION_PATH,
      "-step_metadata_dir",
      `${RUN_DIR}/${i}/status`,
    );
    append(args, commonArgs);
    const spec = taskSpec.steps?.[i];
    if (spec !== undefined) {
      if (spec.onError !== undefined && spec.onError !== "") {
        if (spec.onError !== "continue" && spec.onError !== "stopAndFail") {
          throw new CompileError(
            "build",
            [
              issue(
                "invalid-value",
                [...input.stepPath(i), "onError"],
                `translating TaskSpec to Pod: task step onError must be either "continue" or "stopAndFail" but it is set to an invalid value ${JSON.stringify(spec.onError)}`,
              ),
            ],
            "PodCreationFailed",
          );
        }
        args.push("-on_error", spec.onError);
      }
      if (spec.timeout !== undefined) {
        const ns = parseGoDuration(spec.timeout);
        args.push("-timeout", ns === undefined ? spec.timeout : formatGoDuration(ns));
      }
      if (spec.stdoutConfig !== undefined) args.push("-stdout_path", spec.stdoutConfig.path ?? "");
      if (spec.stderrConfig !== undefined) args.push("-stderr_path", spec.stderrConfig.path ?? "");
      if ((spec.results ?? []).length > 0)
        args.push("-step_results", (spec.results ?? []).map((r) => r.name).join(","));
      const when = spec.when ?? [];
      if (when.length > 0) args.push("--when_expressions", whenJson(when));
    }
    if ((taskSpec.results ?? []).length > 0) {
      args.push(
        "-results",
        (taskSpec.results ?? [])
          .filter((r) => r.value === undefined)
          .map((r) => r.name)
          .join(","),
      );
    }
    if (debug?.onFailure === true) args.push("-breakpoint_on_failure");
    if (debug?.beforeSteps.includes(c.name) === true) args.push("-debug_before_step");
    const [entrypoint, ...entrypointArgs] = c.command ?? [];
    let rest = c.args ?? [];
    if (entrypoint !== undefined) args.push("-entrypoint", entrypoint);
    if (entrypointArgs.length > 0) rest = [...entrypointArgs, ...rest];
    args.push("--");
    append(args, rest);
    const out: Container = { ...c, command: [ENTRYPOINT_BINARY], args, terminationMessagePath: TERMINATION_PATH };
    if ((i === 0 && waitForReady) || keepPodOnCancel) out.volumeMounts = [...(c.volumeMounts ?? []), downwardMount()];
    return out;
  });
  volumes.push(binVolume());
  if (!readyImmediately || keepPodOnCancel) volumes.push(downwardVolume(keepPodOnCancel));

  const forbidden = new Set(config.defaults.forbiddenEnv);
  const templateEnv: EnvVar[] = (podTemplate.env ?? []).filter((e) => !forbidden.has(e.name));
  if ((podTemplate.env ?? []).length > 0)
    stepContainers = stepContainers.map((c) => ({ ...c, env: [...(c.env ?? []), ...templateEnv] }));
  if (alpha && taskRun.metadata?.annotations?.["experimental.tekton.dev/execution-mode"] === "hermetic") {
    stepContainers = stepContainers.map((c) => ({
      ...c,
      env: [...(c.env ?? []), { name: "TEKTON_HERMETIC", value: "1" }],
    }));
  }

  stepContainers = stepContainers.map((c, i) => {
    const mounts = [...(c.volumeMounts ?? [])];
    const home = credsInitHome(i, flags.disableCredsInit);
    if (home !== undefined) {
      volumes.push(home.volume);
      mounts.push(home.mount);
    }
    volumes.push(runVolume(i));
    for (let j = 0; j < stepContainers.length; j++) mounts.push(runMount(j, i !== j));
    const requested = new Set(mounts.map((m) => cleanPath(m.mountPath)));
    for (const m of volumeMounts) if (!requested.has(cleanPath(m.mountPath))) mounts.push(m);
    return { ...c, volumeMounts: mounts };
  });

  let sidecarContainers = converted.sidecars;
  if (resultsSidecar) {
    sidecarContainers = sidecarContainers.map((s) => {
      if (s.name !== RESULTS_SIDECAR_NAME) return s;
      const mounts = [...(s.volumeMounts ?? [])];
      for (let j = 0; j < stepContainers.length; j++) mounts.push(runMount(j, true));
      const requested = new Set(mounts.map((m) => cleanPath(m.mountPath)));
      for (const m of volumeMounts) if (!requested.has(cleanPath(m.mountPath))) mounts.push(m);
      return { ...s, volumeMounts: mounts };
    });
  }

  stepContainers = stepContainers.map((c, i) => ({ ...c, name: restrictLength(stepName(steps[i]?.name, i)) }));
  append(volumes, taskSpec.volumes ?? []);
  append(volumes, podTemplate.volumes ?? []);
  checkVolumes(volumes, taskRun);

  const containers = [...stepContainers];
  const allInit = [...initContainers];
  if (flags.enableKubernetesSidecar && nativeSidecarSupport(config.kubernetesVersion)) {
    for (const s of sidecarContainers) {
      const sc: Container = { ...s, restartPolicy: "Always" };
      if (
        sc.name === RESULTS_SIDECAR_NAME &&
        !(sc.command ?? []).some((a, j, all) => a === "-kubernetes-sidecar-mode" && j + 1 < all.length)
      ) {
        sc.command = [...(sc.command ?? []), "-kubernetes-sidecar-mode", "true"];
      }
      sc.name = restrictLength(`${SIDECAR_PREFIX}${sc.name}`);
      allInit.push(sc);
    }
  } else {
    for (const s of sidecarContainers) containers.push({ ...s, name: restrictLength(`${SIDECAR_PREFIX}${s.name}`) });
  }

  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(taskRun.metadata?.annotations ?? {})) if (k !== MANAGED_BY) annotations[k] = v;
  annotations[RELEASE_ANNOTATION] = config.version;
  if (readyImmediately) annotations[READY_ANNOTATION] = READY_ANNOTATION_VALUE;

  const timeout =
    parseGoDuration(taskRun.spec.timeout ?? "") ?? BigInt(config.defaults.timeoutMinutes) * 60_000_000_000n;
  const activeDeadlineSeconds = timeout === 0n ? MAX_INT32 : Math.trunc((Number(timeout) / 1e9) * 1.5);

  const labels: Record<string, string> = { ...(taskRun.metadata?.labels ?? {}) };
  labels["tekton.dev/taskRun"] = taskRun.metadata?.name ?? "";
  labels["tekton.dev/taskRunUID"] = taskRun.metadata?.uid ?? "";
  labels[MANAGED_BY] = config.defaults.managedByLabelValue;

  const retries = Array.isArray(taskRun.status?.["retriesStatus"])
    ? (taskRun.status["retriesStatus"] as unknown[]).length
    : 0;
  const name = podName(taskRun.metadata?.name ?? "", retries > 0 ? `-pod-retry${retries}` : "-pod");

  const spec: PodSpec = {
    volumes,
    initContainers: allInit,
    containers,
    restartPolicy: "Never",
    activeDeadlineSeconds,
  };
  const t = podTemplate;
  if (t.dnsPolicy !== undefined && t.dnsPolicy !== "") spec.dnsPolicy = t.dnsPolicy;
  if (t.nodeSelector !== undefined) spec.nodeSelector = t.nodeSelector;
  if (taskRun.spec.serviceAccountName !== undefined && taskRun.spec.serviceAccountName !== "")
    spec.serviceAccountName = taskRun.spec.serviceAccountName;
  if (t.automountServiceAccountToken !== undefined) spec.automountServiceAccountToken = t.automountServiceAccountToken;
  if (t.hostNetwork === true) spec.hostNetwork = true;
  if (t.securityContext !== undefined) spec.securityContext = t.securityContext;
  if (t.imagePullSecrets !== undefined) spec.imagePullSecrets = t.imagePullSecrets;
  if (t.affinity !== undefined) spec.affinity = structuredClone(t.affinity);
  if (t.schedulerName !== undefined && t.schedulerName !== "") spec.schedulerName = t.schedulerName;
  if (t.tolerations !== undefined) spec.tolerations = t.tolerations;
  if (t.hostAliases !== undefined) spec.hostAliases = t.hostAliases;
  if (t.priorityClassName !== undefined && t.priorityClassName !== "") spec.priorityClassName = t.priorityClassName;
  if (t.dnsConfig !== undefined) spec.dnsConfig = t.dnsConfig;
  if (t.runtimeClassName !== undefined) spec.runtimeClassName = t.runtimeClassName;
  if (t.enableServiceLinks !== undefined) spec.enableServiceLinks = t.enableServiceLinks;
  if (t.topologySpreadConstraints !== undefined) spec.topologySpreadConstraints = t.topologySpreadConstraints;
  const hostUsers = (t as { hostUsers?: boolean }).hostUsers;
  if (hostUsers !== undefined) spec.hostUsers = hostUsers;

  // Transformers, in the order createPod passes them.
  applyDefaultResourceRequirements({ init: allInit, main: containers }, config.defaults.containerResourceRequirements);
  applyLimitRangeDefaults(containers, input.limitRanges);
  const assistant = taskRun.metadata?.annotations?.[AFFINITY_ASSISTANT_ANNOTATION];
  if (assistant !== undefined && assistant !== "") {
    const affinity = spec.affinity ?? {};
    const podAffinity = affinity.podAffinity ?? {};
    podAffinity.requiredDuringSchedulingIgnoredDuringExecution = [
      ...(podAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      {
        labelSelector: {
          matchLabels: { "app.kubernetes.io/component": "affinity-assistant", "app.kubernetes.io/instance": assistant },
        },
        topologyKey: "kubernetes.io/hostname",
      },
    ];
    spec.affinity = { ...affinity, podAffinity };
  }

  const finish = (c: Container): Container => {
    const resources = canonicalResources(c.resources);
    return { ...c, resources: resources ?? {} };
  };
  spec.initContainers = allInit.map(finish);
  spec.containers = containers.map(finish);

  const owner = ownerReference(taskRun);
  const metadata: NonNullable<Pod["metadata"]> = { name };
  if (taskRun.metadata?.namespace !== undefined) metadata.namespace = taskRun.metadata.namespace;
  metadata.labels = labels;
  metadata.annotations = annotations;
  metadata.ownerReferences = [owner];
  return { kind: "Pod", apiVersion: "v1", metadata, spec, status: {} };
}
