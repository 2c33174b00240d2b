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
  ResourceRequirements,
  Secret,
  SecurityContext,
  ServiceAccount,
  Volume,
  VolumeMount,
} from "kubernetes-types/core/v1.js";
import type { Step as MergeableStep, StepTemplate as MergeableTemplate } from "../../../api/types.js";
import { CompileError, issue, type PathSegment } from "../../../errors.js";
import type { Explainer, Location, RuleCode } from "../../../explain/index.js";
import { copyObject, copyWith } from "../../../k8s/copy-object.js";
import { formatGoDuration, parseGoDuration } from "../../../k8s/duration.js";
import { cleanPath } from "../../../k8s/go-path.js";
import { md5Hex } from "../../../k8s/md5.js";
import { stepTemplateMerger } from "../../../k8s/merge-step-template.js";
import { restrictLength, type SuffixGenerator } from "../../../k8s/names.js";
import { copyRecord, setRecord } from "../../../k8s/records.js";
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
import { explainEntrypointTakeover, explainSpan, explainTakeoverStart, explainTemplateMerge } from "./explain-pod.js";
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
  /**
   * The explanation being gathered, if one was asked for. Entries for the spec are at
   * `["taskSpec", …]` and for the TaskRun at `["taskRun", …]`; the builder moves them under
   * `["pod", …]` as it places what they explain.
   */
  readonly explain?: Explainer | undefined;
  /** Where the Task spec sits in the input (`["task", "spec"]` or `["taskRun", "spec", "taskSpec"]`). */
  readonly specPath?: readonly PathSegment[];
}

const MANAGED_BY = "app.kubernetes.io/managed-by";
const AFFINITY_ASSISTANT_ANNOTATION = "pipeline.tekton.dev/affinity-assistant";
const MAX_INT32 = 2147483647;
/** A step's run directory, `/tekton/run/<index>`, as a clean path. */
const RUN_DIRECTORY = new RegExp(`^${RUN_DIR}/(0|[1-9][0-9]*)$`);

function linuxSecurityContext(readOnlyRoot: boolean): SecurityContext {
  const sc: SecurityContext = { capabilities: { drop: ["ALL"] }, runAsNonRoot: true };
  if (readOnlyRoot) sc.readOnlyRootFilesystem = true;
  sc.allowPrivilegeEscalation = false;
  sc.seccompProfile = { type: "RuntimeDefault" };
  return sc;
}

/** `v1.Step.ToK8sContainer`; with `omitEmptyName`, an unnamed step's container has no `name` (as the template merge takes it). */
function stepContainer(s: StepV1, omitEmptyName = false): Container {
  // An empty name is left out rather than deleted: deleting a first field makes a slow object.
  const c = (omitEmptyName && (s.name ?? "") === "" ? {} : { name: s.name ?? "" }) as Container;
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
    const container = stepContainer(step, true);
    // The merge's own object: its fields are read into the step below, never changed in it.
    const merged = merge(container as Immutable<MergeableStep>) as unknown as Record<string, unknown>;
    const out: StepV1 = {};
    const fields = out as Record<string, unknown>;
    for (const key of STEP_ONLY) if (step[key] !== undefined) fields[key] = step[key];
    for (const key of Object.keys(merged)) {
      if (key === "resources") out.computeResources = merged[key] as NonNullable<StepV1["computeResources"]>;
      else setRecord(fields, key, merged[key]);
    }
    // A step env var that the merge turned into both a value and a valueFrom takes the step's own.
    if (out.env !== undefined && step.env !== undefined && out.env.some(mergedBoth)) {
      const own = new Map(step.env.map((e) => [e.name, e]));
      out.env = out.env.map((e) => {
        const mine = own.get(e.name);
        return mergedBoth(e) && mine !== undefined ? mine : e;
      });
    }
    return out;
  });
}

/** An env var holding both a value and a valueFrom, as only a merge makes one. */
function mergedBoth(e: EnvVar): boolean {
  return e.valueFrom !== undefined && (e.value ?? "") !== "";
}

/** The fields of a sidecar that are not a Container's. */
const SIDECAR_ONLY = new Set(["script", "workspaces", "computeResources"]);

function sidecarContainer(s: SidecarV1): Container {
  // Copied key by key (not by rest and spread): fields are added to the container afterwards.
  const c = { name: s.name ?? "" } as Container;
  const fields = s as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (!SIDECAR_ONLY.has(key) && key !== "name") setRecord(c as unknown as Record<string, unknown>, key, fields[key]);
  if (s.computeResources !== undefined) c.resources = s.computeResources;
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

/** The location of what is not being explained (no explanation is gathered). */
const NOWHERE: Location = Object.freeze([]);

/**
 * The rule of the entrypoint flags a step got since `mark` (its args up to then explained);
 * returns the new mark. A plain function, not a closure, so the step's args stay in registers
 * when nothing is explained.
 */
function explainFlags(
  explain: Explainer | undefined,
  at: Location,
  args: readonly string[],
  mark: number,
  rule: RuleCode,
  note: string,
  from?: Location,
): number {
  if (explain !== undefined) explainSpan(explain, [...at, "args"], mark, args.length, rule, note, from);
  return args.length;
}

/** `stepSpecs`/`sidecarSpecs`: each request or limit the override sets replaces the container's own. */
function explainOverride(
  explain: Explainer,
  at: Location,
  override: Immutable<ResourceRequirements> | undefined,
  from: Location,
): void {
  for (const kind of ["limits", "requests"] as const) {
    for (const name of Object.keys(override?.[kind] ?? {})) {
      explain.drop([...at, kind, name]);
      // The override's own entries (as written, renamed by a v1beta1 conversion), then why it wins.
      explain.copy([...from, kind, name], [...at, kind, name]);
      explain.add(
        [...at, kind, name],
        "step-spec-override",
        `The TaskRun overrides this container's ${name} ${kind === "limits" ? "limit" : "request"}.`,
        [...from, kind, name],
      );
    }
  }
  if (override?.claims !== undefined) {
    explain.drop([...at, "claims"]);
    explain.each(
      [...at, "claims"],
      override.claims,
      "step-spec-override",
      "The TaskRun overrides this container's resource claims.",
      [...from, "claims"],
    );
  }
}

/**
 * `stepSpecs`/`sidecarSpecs`: each step (or sidecar) named by an override takes its requests and
 * limits over its own; the list comes back as it is when there are no overrides.
 */
function applyOverrides<T extends { name?: string; computeResources?: ResourceRequirements }>(
  list: T[],
  overrides: readonly { name: string; computeResources?: ResourceRequirements }[] | undefined,
  kind: "steps" | "sidecars",
  explain: Explainer | undefined,
): T[] {
  if (overrides === undefined || overrides.length === 0) return list;
  // Each name's last override, by its place in the list (which an explanation names).
  const byName = new Map(overrides.map((o, k) => [o.name, k]));
  return list.map((item, i) => {
    const k = byName.get(item.name ?? "");
    if (k === undefined) return item;
    const o = overrides[k] as (typeof overrides)[number];
    const merged = mergeResources(item.computeResources, o.computeResources);
    if (explain !== undefined && merged !== undefined) {
      explainOverride(explain, ["taskSpec", kind, i, "computeResources"], o.computeResources, [
        "taskRun",
        "spec",
        kind === "steps" ? "stepSpecs" : "sidecarSpecs",
        k,
        "computeResources",
      ]);
    }
    return merged === undefined ? item : (copyWith(item, { computeResources: merged }) as T);
  });
}

/** `ApplyTaskLevelComputeResources`: the steps' requests and limits are now the TaskRun's. */
function explainTaskLevel(
  explain: Explainer,
  steps: readonly StepV1[],
  task: Immutable<ResourceRequirements> | undefined,
): void {
  if (task === undefined || (task.requests === undefined && task.limits === undefined)) return;
  steps.forEach((step, i) => {
    for (const kind of ["requests", "limits"] as const) {
      const at: Location = ["taskSpec", "steps", i, "computeResources", kind];
      explain.drop(at);
      const source = kind === "requests" && task.requests === undefined ? "limits" : kind;
      for (const name of Object.keys(step.computeResources?.[kind] ?? {}))
        explain.add(
          [...at, name],
          "task-level-compute-resources",
          kind === "requests"
            ? `The TaskRun's ${name} ${source === "requests" ? "request" : "limit"} divided among the steps.`
            : `The TaskRun's ${name} limit, given to every step.`,
          ["taskRun", "spec", "computeResources", source, name],
        );
    }
  });
}

/** `set-security-context`: the restricted security context of a container Tekton adds. */
function explainSecurityContext(
  explain: Explainer,
  at: Location,
  container: { securityContext?: SecurityContext | undefined },
): void {
  if (container.securityContext === undefined) return;
  explain.each(
    [...at, "securityContext"],
    container.securityContext,
    "security-context",
    "With set-security-context, the containers Tekton adds run with a restricted security context.",
    ["config", "featureFlags", "set-security-context"],
  );
}

/** A field of the Pod spec taken from the TaskRun's Pod template (after its params were replaced). */
function explainPodTemplate(explain: Explainer, at: Location, field: readonly PathSegment[], value: unknown): void {
  const from: Location = ["taskRun", "spec", "podTemplate", ...field];
  explain.copy(from, at);
  explain.each(at, value, "pod-template", "Taken from the TaskRun's Pod template.", from);
}

/** The Pod's name, namespace, labels and annotations. */
function explainMetadata(
  explain: Explainer,
  annotations: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
  readyImmediately: boolean,
  retries: number,
): void {
  explain.add(
    ["pod", "metadata", "name"],
    "pod-name",
    retries > 0
      ? "The Pod is named <taskrun>-pod-retry<n> for the TaskRun's retry n."
      : "The Pod is named <taskrun>-pod (hashed when that is too long).",
    ["taskRun", "metadata", "name"],
  );
  explain.copy(["taskRun", "metadata", "namespace"], ["pod", "metadata", "namespace"]);
  for (const key of Object.keys(annotations)) {
    const at = ["pod", "metadata", "annotations", key];
    if (key === RELEASE_ANNOTATION)
      explain.add(at, "release-annotation", "The version of the Tekton controller that made the Pod.");
    else if (key === READY_ANNOTATION && readyImmediately)
      explain.add(
        at,
        "ready-annotation",
        "Nothing needs to start before the steps (no sidecars to wait for), so the Pod is ready at creation.",
      );
    else explain.copy(["taskRun", "metadata", "annotations", key], at);
  }
  for (const key of Object.keys(labels)) {
    const at = ["pod", "metadata", "labels", key];
    if (key === "tekton.dev/taskRun")
      explain.add(at, "taskrun-label", "The Pod is labelled with its TaskRun's name.", ["taskRun", "metadata", "name"]);
    else if (key === "tekton.dev/taskRunUID")
      explain.add(at, "taskrun-label", "The Pod is labelled with its TaskRun's uid.", ["taskRun", "metadata", "uid"]);
    else if (key === MANAGED_BY)
      explain.add(
        at,
        "managed-by-label",
        "Tekton labels the Pods it manages (config-defaults default-managed-by-label-value).",
        ["config", "defaults", "default-managed-by-label-value"],
      );
    else explain.copy(["taskRun", "metadata", "labels", key], at);
  }
}

/** The Pod-level fields of the spec: restart policy, deadline, ServiceAccount and the Pod template's. */
function explainPodSpec(explain: Explainer, spec: PodSpec, taskRun: TaskRunV1, zeroTimeout: boolean): void {
  explain.add(["pod", "spec", "restartPolicy"], "restart-policy", "A TaskRun's Pod never restarts its containers.");
  explain.copy(["taskRun", "spec", "timeout"], ["pod", "spec", "activeDeadlineSeconds"]);
  explain.add(
    ["pod", "spec", "activeDeadlineSeconds"],
    "active-deadline",
    zeroTimeout
      ? "The TaskRun has no timeout (0), so the Pod's deadline is the largest it can be."
      : "1.5 times the TaskRun's timeout, so the controller times the TaskRun out before Kubernetes stops the Pod.",
    ["taskRun", "spec", "timeout"],
  );
  if (spec.serviceAccountName !== undefined) {
    explain.copy(["taskRun", "spec", "serviceAccountName"], ["pod", "spec", "serviceAccountName"]);
    explain.add(
      ["pod", "spec", "serviceAccountName"],
      "service-account",
      "The Pod runs as the TaskRun's ServiceAccount.",
      ["taskRun", "spec", "serviceAccountName"],
    );
  }
  const template = taskRun.spec.podTemplate as Readonly<Record<string, unknown>> | undefined;
  for (const field of POD_TEMPLATE_FIELDS) {
    const value = (spec as unknown as Record<string, unknown>)[field];
    if (value !== undefined && template?.[field] !== undefined)
      explainPodTemplate(explain, ["pod", "spec", field], [field], value);
  }
}

/** The Pod template's fields Build copies into the Pod spec as they are. */
const POD_TEMPLATE_FIELDS = [
  "dnsPolicy",
  "nodeSelector",
  "automountServiceAccountToken",
  "hostNetwork",
  "securityContext",
  "imagePullSecrets",
  "affinity",
  "schedulerName",
  "tolerations",
  "hostAliases",
  "priorityClassName",
  "dnsConfig",
  "runtimeClassName",
  "enableServiceLinks",
  "topologySpreadConstraints",
  "hostUsers",
] as const;

/** Builds the Pod for a TaskRun whose spec has had every substitution applied. */
export function buildPod(input: BuildPodInput): Pod {
  const { taskRun, config } = input;
  const flags = config.featureFlags;
  // Copied by copyObject: the results sidecar may be added to its sidecars.
  const taskSpec: TaskSpecV1 = copyObject(input.taskSpec);
  const alpha = flags.enableAPIFields === "alpha";
  const sidecarLogs = flags.resultExtractionMethod === "sidecar-logs";
  const windows = taskRun.spec.podTemplate?.nodeSelector?.["kubernetes.io/os"] === "windows";
  const securityContext = (win: boolean): SecurityContext | undefined =>
    !flags.setSecurityContext
      ? undefined
      : win
        ? { runAsNonRoot: true }
        : linuxSecurityContext(flags.setSecurityContextReadOnlyRootFilesystem);

  const explain = input.explain;
  const specPath = input.specPath ?? [];
  const volumes: Volume[] = implicitVolumes();
  const volumeMounts: VolumeMount[] = [binReadOnlyMount(), ...implicitVolumeMounts()];
  // For an explanation: why each of the mounts every step gets is there.
  const mountWhy: { rule: RuleCode; note: string; from?: Location }[] | undefined =
    explain === undefined
      ? undefined
      : [
          { rule: "prepare-init", note: "The entrypoint binary that prepare copied, read-only in every step." },
          ...implicitVolumeMounts().map(() => ({
            rule: "implicit-mount" as const,
            note: "One of Tekton's own directories, mounted into every step.",
          })),
        ];
  explain?.each(["pod", "spec", "volumes"], volumes, "implicit-volume", "One of Tekton's own volumes, in every Pod.");

  const creds = initCredentials({
    serviceAccountName: taskRun.spec.serviceAccountName ?? "",
    serviceAccount: input.serviceAccount,
    secrets: input.secrets,
    disableCredsInit: flags.disableCredsInit,
    requireKnownHosts: flags.requireGitSSHSecretKnownHosts,
  });
  const commonArgs: string[] = [...creds.entrypointArgs];
  if (explain !== undefined) {
    const note =
      "A Secret of the TaskRun's ServiceAccount, annotated for a git or docker host, mounted for the entrypoint's credential setup.";
    const from = ["serviceAccount", "secrets"];
    creds.volumes.forEach((v, k) => {
      explain.each(["pod", "spec", "volumes", volumes.length + k], v, "credentials-volume", note, from);
    });
    for (const _ of creds.volumeMounts) mountWhy?.push({ rule: "credentials-volume", note, from });
  }
  append(volumes, creds.volumes);
  append(volumeMounts, creds.volumeMounts);

  let steps = mergeStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
  if (explain !== undefined && taskSpec.stepTemplate !== undefined) {
    const template = taskSpec.stepTemplate;
    (taskSpec.steps ?? []).forEach((own, i) => {
      if (own.ref === undefined)
        explainTemplateMerge(explain, ["taskSpec", "steps", i], ["taskSpec", "stepTemplate"], steps[i], own, template, [
          ...specPath,
          "stepTemplate",
        ]);
    });
  }
  steps = applyOverrides(steps, taskRun.spec.stepSpecs, "steps", explain);
  applyTaskLevelResources(steps, taskRun.spec.computeResources);
  if (explain !== undefined) explainTaskLevel(explain, steps, taskRun.spec.computeResources);

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
    if (explain !== undefined) explainSecurityContext(explain, ["taskSpec", "sidecars", specSidecars.length], sidecar);
    explain?.each(
      ["taskSpec", "sidecars", specSidecars.length],
      sidecar,
      "results-sidecar",
      "With results-from: sidecar-logs, this sidecar prints the step and Task results to its log for the controller to read.",
      ["config", "featureFlags", "results-from"],
    );
    specSidecars = [...specSidecars, sidecar];
    taskSpec.sidecars = specSidecars;
    commonArgs.push("-result_from", "sidecar-logs");
  }
  const sidecars = applyOverrides(specSidecars, taskRun.spec.sidecarSpecs, "sidecars", explain);
  if (explain !== undefined) {
    // The steps and sidecars become containers: their computeResources are the containers' resources.
    steps.forEach((_, i) => {
      explain.move(["taskSpec", "steps", i, "computeResources"], ["taskSpec", "steps", i, "resources"]);
    });
    sidecars.forEach((_, k) => {
      explain.move(["taskSpec", "sidecars", k, "computeResources"], ["taskSpec", "sidecars", k, "resources"]);
    });
  }

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
  if (explain !== undefined) {
    explain.each(
      ["pod", "spec", "initContainers", 0],
      prepare,
      "prepare-init",
      "The prepare init container copies Tekton's entrypoint to /tekton/bin and makes each step's /tekton/steps directory.",
    );
    explainSecurityContext(explain, ["pod", "spec", "initContainers", 0], prepare);
  }

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
    explain:
      explain === undefined
        ? undefined
        : {
            explainer: explain,
            step: (i) => ["taskSpec", "steps", i],
            sidecar: (k) => ["taskSpec", "sidecars", k],
            stepFrom: (i) => [...input.stepPath(i), "script"],
            sidecarFrom: (k) => [...specPath, "sidecars", k, "script"],
          },
  });
  if (converted.init !== undefined) {
    if (explain !== undefined) {
      const at = ["pod", "spec", "initContainers", initContainers.length];
      explain.each(
        at,
        converted.init,
        "script-placement",
        "The place-scripts init container writes each step's and sidecar's script (base64-encoded) under /tekton/scripts.",
      );
      explainSecurityContext(explain, at, converted.init);
      // The scripts are written by its shell script: what made each script is part of it.
      steps.forEach((_, i) => {
        explain.copy(["taskSpec", "steps", i, "script"], [...at, "args", 1]);
      });
      sidecars.forEach((_, k) => {
        explain.copy(["taskSpec", "sidecars", k, "script"], [...at, "args", 1]);
      });
      explain.each(
        ["pod", "spec", "volumes", volumes.length],
        scriptsVolume(),
        "script-placement",
        "The volume the scripts are written to.",
      );
    }
    initContainers.push(converted.init);
    volumes.push(scriptsVolume());
  }
  if (debug !== undefined && (debug.onFailure || debug.beforeSteps.length > 0)) {
    volumes.push(
      { name: "tekton-internal-debug-scripts", emptyDir: {} },
      { name: "tekton-internal-debug-info", emptyDir: {} },
    );
    if (explain !== undefined) {
      for (const k of [volumes.length - 2, volumes.length - 1])
        explain.each(
          ["pod", "spec", "volumes", k],
          volumes[k],
          "debug-breakpoint",
          "The TaskRun's debug breakpoints need the debug scripts and the debug state of each step.",
          ["taskRun", "spec", "debug"],
        );
    }
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
    if (explain !== undefined) {
      const at = ["pod", "spec", "initContainers", initContainers.length];
      explain.each(
        at,
        wd,
        "working-dir-init",
        "The working-dir-initializer init container creates the steps' relative and /workspace working directories.",
      );
      explainSecurityContext(explain, at, wd);
    }
    initContainers.push(wd);
  }

  const podTemplate = taskRun.spec.podTemplate ?? {};
  let stepContainers = resolveEntrypoints(
    converted.steps,
    input.imageEntrypoints,
    input.stepPath,
    explain && { explainer: explain, step: (i) => ["taskSpec", "steps", i] },
  );

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
  // The Task's results that steps write (a result with a value is the Task's own), the same for every step.
  const taskResults = taskSpec.results ?? [];
  const resultsFlag =
    taskResults.length === 0
      ? undefined
      : taskResults
          .filter((r) => r.value === undefined)
          .map((r) => r.name)
          .join(",");
  stepContainers = stepContainers.map((c, i) => {
    const args: string[] = [];
    // For an explanation: where this step is, and the rule of each run of flags pushed.
    const at: Location = explain === undefined ? NOWHERE : ["taskSpec", "steps", i];
    if (explain !== undefined) explainTakeoverStart(explain, at);
    let mark = 0;
    if (i === 0) {
      if (waitForReady) {
        args.push("-wait_file", "/tekton/downward/ready", "-wait_file_content");
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "downward-ready",
            "The first step waits until the Pod's tekton.dev/ready annotation says the sidecars are ready.",
          );
      }
    } else {
      args.push("-wait_file", `${RUN_DIR}/${i - 1}/out`);
      if (explain !== undefined)
        mark = explainFlags(
          explain,
          at,
          args,
          mark,
          "run-volume",
          "Steps run one at a time: this one waits for the previous step's post file.",
        );
    }
    args.push(
      "-post_file",
      `${RUN_DIR}/${i}/out`,
      "-termination_path",
      TERMINATION_PATH,
      "-step_metadata_dir",
      `${RUN_DIR}/${i}/status`,
    );
    if (explain !== undefined) {
      explainSpan(
        explain,
        [...at, "args"],
        mark,
        mark + 2,
        "run-volume",
        "The file the entrypoint writes when this step ends, for the next step to wait on.",
      );
      explainSpan(
        explain,
        [...at, "args"],
        mark + 2,
        mark + 4,
        "termination-message-path",
        "The entrypoint writes the step's outcome and results to the termination message.",
      );
      explainSpan(
        explain,
        [...at, "args"],
        mark + 4,
        mark + 6,
        "run-volume",
        "Where the entrypoint keeps this step's state (exit code, results) in its run volume.",
      );
      mark = args.length;
    }
    append(args, commonArgs);
    if (explain !== undefined) {
      const credentials = creds.entrypointArgs.length;
      explainSpan(
        explain,
        [...at, "args"],
        mark,
        mark + credentials,
        "credentials-flag",
        "A Secret of the TaskRun's ServiceAccount, annotated for a git or docker host, which the entrypoint sets up as credentials.",
        ["serviceAccount", "secrets"],
      );
      explainSpan(
        explain,
        [...at, "args"],
        mark + credentials,
        args.length,
        "results-sidecar",
        "With results-from: sidecar-logs the entrypoint leaves the results for the results sidecar to print.",
        ["config", "featureFlags", "results-from"],
      );
      mark = args.length;
    }
    const spec = taskSpec.steps?.[i];
    const stepFrom = explain === undefined ? NOWHERE : input.stepPath(i);
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
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "on-error-flag",
            "The step's onError tells the entrypoint what to do when it fails.",
            [...stepFrom, "onError"],
          );
      }
      if (spec.timeout !== undefined) {
        const ns = parseGoDuration(spec.timeout);
        args.push("-timeout", ns === undefined ? spec.timeout : formatGoDuration(ns));
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "step-timeout",
            "The step's timeout, which the entrypoint enforces.",
            [...stepFrom, "timeout"],
          );
      }
      if (spec.stdoutConfig !== undefined) {
        args.push("-stdout_path", spec.stdoutConfig.path ?? "");
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "std-output-flag",
            "The entrypoint copies the step's standard output to this file.",
            [...stepFrom, "stdoutConfig", "path"],
          );
      }
      if (spec.stderrConfig !== undefined) {
        args.push("-stderr_path", spec.stderrConfig.path ?? "");
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "std-output-flag",
            "The entrypoint copies the step's standard error to this file.",
            [...stepFrom, "stderrConfig", "path"],
          );
      }
      if ((spec.results ?? []).length > 0) {
        args.push("-step_results", (spec.results ?? []).map((r) => r.name).join(","));
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "step-results-flag",
            "The step's own results, which the entrypoint collects.",
            [...stepFrom, "results"],
          );
      }
      const when = spec.when ?? [];
      if (when.length > 0) {
        args.push("--when_expressions", whenJson(when));
        if (explain !== undefined)
          mark = explainFlags(
            explain,
            at,
            args,
            mark,
            "when-expressions-flag",
            "The step's when expressions, which the entrypoint evaluates before running it.",
            [...stepFrom, "when"],
          );
      }
    }
    if (resultsFlag !== undefined) {
      args.push("-results", resultsFlag);
      if (explain !== undefined)
        mark = explainFlags(
          explain,
          at,
          args,
          mark,
          "results-flag",
          "The Task's results, which the entrypoint reads from /tekton/results after the step.",
          [...specPath, "results"],
        );
    }
    if (debug?.onFailure === true) args.push("-breakpoint_on_failure");
    if (debug?.beforeSteps.includes(c.name) === true) args.push("-debug_before_step");
    if (explain !== undefined)
      mark = explainFlags(explain, at, args, mark, "debug-breakpoint", "The TaskRun's debug breakpoints.", [
        "taskRun",
        "spec",
        "debug",
        "breakpoints",
      ]);
    // The command's first word is the entrypoint; its other words go before the args.
    const command = c.command ?? [];
    if (command.length > 0) args.push("-entrypoint", command[0] as string);
    const placeCommand = args.length - 1;
    args.push("--");
    if (explain !== undefined) explainEntrypointTakeover(explain, at, command.length, placeCommand, args.length);
    for (let k = 1; k < command.length; k++) args.push(command[k] as string);
    append(args, c.args ?? []);
    const out = copyObject(c);
    out.command = [ENTRYPOINT_BINARY];
    out.args = args;
    out.terminationMessagePath = TERMINATION_PATH;
    explain?.add(
      [...at, "terminationMessagePath"],
      "termination-message-path",
      "The entrypoint writes the step's outcome and results to this file.",
    );
    if ((i === 0 && waitForReady) || keepPodOnCancel) {
      out.volumeMounts = [...(c.volumeMounts ?? []), downwardMount()];
      explain?.each(
        [...at, "volumeMounts", out.volumeMounts.length - 1],
        downwardMount(),
        keepPodOnCancel ? "keep-pod-on-cancel" : "downward-ready",
        "The downward-API volume through which the entrypoint reads the Pod's ready (and cancel) annotations.",
      );
    }
    return out;
  });
  explain?.each(
    ["pod", "spec", "volumes", volumes.length],
    binVolume(),
    "prepare-init",
    "The volume prepare copies the entrypoint binary into.",
  );
  volumes.push(binVolume());
  if (!readyImmediately || keepPodOnCancel) {
    explain?.each(
      ["pod", "spec", "volumes", volumes.length],
      downwardVolume(keepPodOnCancel),
      keepPodOnCancel ? "keep-pod-on-cancel" : "downward-ready",
      "The downward-API volume that shows the Pod's tekton.dev/ready (and tekton.dev/cancel) annotation to the steps as files.",
    );
    volumes.push(downwardVolume(keepPodOnCancel));
  }

  if ((podTemplate.env ?? []).length > 0) {
    const forbidden = new Set(config.defaults.forbiddenEnv);
    const templateEnv: EnvVar[] = (podTemplate.env ?? []).filter((e) => !forbidden.has(e.name));
    if (explain !== undefined) {
      stepContainers.forEach((c, i) => {
        const base = (c.env ?? []).length;
        let k = 0;
        (podTemplate.env ?? []).forEach((e, j) => {
          if (forbidden.has(e.name)) return;
          const at = ["taskSpec", "steps", i, "env", base + k];
          explain.copy(["taskRun", "spec", "podTemplate", "env", j], at);
          explain.each(at, e, "pod-template-env", "The Pod template's env is added to every step.", [
            "taskRun",
            "spec",
            "podTemplate",
            "env",
            j,
          ]);
          k++;
        });
      });
    }
    // The step containers are this build's own copies (made by the entrypoint rewrite): set in place.
    for (const c of stepContainers) c.env = [...(c.env ?? []), ...templateEnv];
  }
  if (alpha && taskRun.metadata?.annotations?.["experimental.tekton.dev/execution-mode"] === "hermetic") {
    stepContainers.forEach((c, i) => {
      explain?.each(
        ["taskSpec", "steps", i, "env", (c.env ?? []).length],
        { name: "TEKTON_HERMETIC", value: "1" },
        "hermetic-env",
        "The TaskRun asks for hermetic execution, which the entrypoint enforces.",
        ["taskRun", "metadata", "annotations", "experimental.tekton.dev/execution-mode"],
      );
    });
    for (const c of stepContainers) c.env = [...(c.env ?? []), { name: "TEKTON_HERMETIC", value: "1" }];
  }

  // The Pod-wide mounts' cleaned paths, compared with each container's own mounts; and which of
  // them is one of the steps' run directories (`/tekton/run/<j>`, which every step mounts), so
  // that those n mounts per step need not be cleaned and looked up n times over.
  const podMountPaths = volumeMounts.map((m) => cleanPath(m.mountPath));
  const shadowedByRunMount = podMountPaths.map((p) => {
    const m = RUN_DIRECTORY.exec(p);
    return m !== null && Number(m[1]) < stepContainers.length;
  });
  stepContainers.forEach((c, i) => {
    const mounts = [...(c.volumeMounts ?? [])];
    const home = credsInitHome(i, flags.disableCredsInit);
    const at: Location = explain === undefined ? NOWHERE : ["taskSpec", "steps", i, "volumeMounts"];
    if (home !== undefined) {
      if (explain !== undefined) {
        const note = "Each step gets its own in-memory /tekton/creds, where the entrypoint writes the credentials.";
        explain.each(["pod", "spec", "volumes", volumes.length], home.volume, "creds-init-home", note);
        explain.each([...at, mounts.length], home.mount, "creds-init-home", note);
      }
      volumes.push(home.volume);
      mounts.push(home.mount);
    }
    explain?.each(
      ["pod", "spec", "volumes", volumes.length],
      runVolume(i),
      "run-volume",
      `Step ${i}'s own state directory, /tekton/run/${i}.`,
    );
    volumes.push(runVolume(i));
    if (explain !== undefined)
      for (let j = 0; j < stepContainers.length; j++)
        explain.each(
          [...at, mounts.length + j],
          runMount(j, i !== j),
          "run-volume",
          i === j
            ? "This step's own state directory, writable."
            : `Step ${j}'s state directory, read-only here: steps see each other's outcome.`,
        );
    const requested = new Set(mounts.map((m) => cleanPath(m.mountPath)));
    for (let j = 0; j < stepContainers.length; j++) mounts.push(runMount(j, i !== j));
    for (let k = 0; k < volumeMounts.length; k++) {
      const m = volumeMounts[k] as VolumeMount;
      if (shadowedByRunMount[k] === true || requested.has(podMountPaths[k] as string)) continue;
      const why = mountWhy?.[k];
      if (why !== undefined) explain?.each([...at, mounts.length], m, why.rule, why.note, why.from);
      mounts.push(m);
    }
    c.volumeMounts = mounts;
  });

  let sidecarContainers = converted.sidecars;
  if (resultsSidecar) {
    sidecarContainers = sidecarContainers.map((s) => {
      if (s.name !== RESULTS_SIDECAR_NAME) return s;
      const mounts = [...(s.volumeMounts ?? [])];
      const at: Location = ["taskSpec", "sidecars", sidecarContainers.indexOf(s), "volumeMounts"];
      for (let j = 0; j < stepContainers.length; j++) {
        explain?.each(
          [...at, mounts.length],
          runMount(j, true),
          "results-sidecar",
          "The results sidecar reads each step's state.",
        );
        mounts.push(runMount(j, true));
      }
      const requested = new Set(mounts.map((m) => cleanPath(m.mountPath)));
      volumeMounts.forEach((m, k) => {
        if (requested.has(podMountPaths[k] as string)) return;
        const why = mountWhy?.[k];
        if (why !== undefined) explain?.each([...at, mounts.length], m, why.rule, why.note, why.from);
        mounts.push(m);
      });
      return copyWith(s, { volumeMounts: mounts });
    });
  }

  stepContainers.forEach((c, i) => {
    c.name = restrictLength(stepName(steps[i]?.name, i));
  });
  if (explain !== undefined) {
    stepContainers.forEach((_, i) => {
      explain.drop(["taskSpec", "steps", i, "name"]);
      explain.add(
        ["taskSpec", "steps", i, "name"],
        "container-name",
        "Step containers are named step-<name> (step-unnamed-<index> without a name).",
        [...input.stepPath(i), "name"],
      );
    });
    (taskSpec.volumes ?? []).forEach((_, k) => {
      explain.move(["taskSpec", "volumes", k], ["pod", "spec", "volumes", volumes.length + k]);
    });
    const base = volumes.length + (taskSpec.volumes ?? []).length;
    (podTemplate.volumes ?? []).forEach((v, k) => {
      explainPodTemplate(explain, ["pod", "spec", "volumes", base + k], ["volumes", k], v);
    });
  }
  append(volumes, taskSpec.volumes ?? []);
  append(volumes, podTemplate.volumes ?? []);
  checkVolumes(volumes, taskRun);

  const containers = [...stepContainers];
  const allInit = [...initContainers];
  const native = flags.enableKubernetesSidecar && nativeSidecarSupport(config.kubernetesVersion);
  if (explain !== undefined) {
    stepContainers.forEach((_, i) => {
      explain.move(["taskSpec", "steps", i], ["pod", "spec", "containers", i]);
    });
    sidecarContainers.forEach((s, k) => {
      const at: Location = native
        ? ["pod", "spec", "initContainers", allInit.length + k]
        : ["pod", "spec", "containers", containers.length + k];
      explain.move(["taskSpec", "sidecars", k], at);
      explain.drop([...at, "name"]);
      explain.add(
        [...at, "name"],
        "container-name",
        "Sidecar containers are named sidecar-<name>.",
        s.name === RESULTS_SIDECAR_NAME ? undefined : [...specPath, "sidecars", k, "name"],
      );
      if (native) {
        explain.add(
          [...at, "restartPolicy"],
          "native-sidecar",
          "With enable-kubernetes-sidecar, sidecars run as Kubernetes native sidecars: init containers that keep running.",
          ["config", "featureFlags", "enable-kubernetes-sidecar"],
        );
        const command = s.command ?? [];
        if (
          s.name === RESULTS_SIDECAR_NAME &&
          !command.some((a, j, all) => a === "-kubernetes-sidecar-mode" && j + 1 < all.length)
        )
          explainSpan(
            explain,
            [...at, "command"],
            command.length,
            command.length + 2,
            "native-sidecar",
            "The results sidecar is told it runs as a native sidecar.",
            ["config", "featureFlags", "enable-kubernetes-sidecar"],
          );
      }
    });
  }
  if (native) {
    for (const s of sidecarContainers) {
      const sc = copyObject(s);
      sc.restartPolicy = "Always";
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
    for (const s of sidecarContainers) {
      const sc = copyObject(s);
      sc.name = restrictLength(`${SIDECAR_PREFIX}${s.name}`);
      containers.push(sc);
    }
  }

  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(taskRun.metadata?.annotations ?? {}))
    if (k !== MANAGED_BY) setRecord(annotations, k, v);
  annotations[RELEASE_ANNOTATION] = config.version;
  if (readyImmediately) annotations[READY_ANNOTATION] = READY_ANNOTATION_VALUE;

  const timeout =
    parseGoDuration(taskRun.spec.timeout ?? "") ?? BigInt(config.defaults.timeoutMinutes) * 60_000_000_000n;
  const activeDeadlineSeconds = timeout === 0n ? MAX_INT32 : Math.trunc((Number(timeout) / 1e9) * 1.5);

  const labels = copyRecord(taskRun.metadata?.labels);
  labels["tekton.dev/taskRun"] = taskRun.metadata?.name ?? "";
  labels["tekton.dev/taskRunUID"] = taskRun.metadata?.uid ?? "";
  labels[MANAGED_BY] = config.defaults.managedByLabelValue;

  const retries = Array.isArray(taskRun.status?.["retriesStatus"])
    ? (taskRun.status["retriesStatus"] as unknown[]).length
    : 0;
  const name = podName(taskRun.metadata?.name ?? "", retries > 0 ? `-pod-retry${retries}` : "-pod");

  if (explain !== undefined) explainMetadata(explain, annotations, labels, readyImmediately, retries);

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
  if (explain !== undefined) explainPodSpec(explain, spec, taskRun, timeout === 0n);

  // Transformers, in the order createPod passes them.
  applyDefaultResourceRequirements(
    { init: allInit, main: containers },
    config.defaults.containerResourceRequirements,
    explain &&
      ((c, position, key) =>
        explain.each(
          position < allInit.length
            ? ["pod", "spec", "initContainers", position, "resources"]
            : ["pod", "spec", "containers", position - allInit.length, "resources"],
          c.resources,
          "default-container-resources",
          `This container sets no resources, so it takes config-defaults default-container-resource-requirements ${JSON.stringify(key)}.`,
          ["config", "defaults", "default-container-resource-requirements", key],
        )),
  );
  applyLimitRangeDefaults(
    containers,
    input.limitRanges,
    explain &&
      ((index, name) =>
        explain.add(
          ["pod", "spec", "containers", index, "resources", "requests", name],
          "limitrange-default-request",
          `The step requests no ${name}, so it takes the LimitRange's default request divided among the steps (at least its min).`,
          ["limitRanges"],
        )),
  );
  const assistant = taskRun.metadata?.annotations?.[AFFINITY_ASSISTANT_ANNOTATION];
  if (assistant !== undefined && assistant !== "") {
    const affinity = spec.affinity ?? {};
    const podAffinity = affinity.podAffinity ?? {};
    const term = {
      labelSelector: {
        matchLabels: { "app.kubernetes.io/component": "affinity-assistant", "app.kubernetes.io/instance": assistant },
      },
      topologyKey: "kubernetes.io/hostname",
    };
    const terms = podAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    explain?.each(
      ["pod", "spec", "affinity", "podAffinity", "requiredDuringSchedulingIgnoredDuringExecution", terms.length],
      term,
      "affinity-assistant",
      "The TaskRun belongs to a PipelineRun whose workspace is pinned by an affinity assistant: the Pod is scheduled next to it.",
      ["taskRun", "metadata", "annotations", AFFINITY_ASSISTANT_ANNOTATION],
    );
    podAffinity.requiredDuringSchedulingIgnoredDuringExecution = [...terms, term];
    spec.affinity = copyWith(affinity, { podAffinity });
  }

  // Every container here is this build's own object (a literal or a copy): finished in place.
  for (const c of allInit) c.resources = canonicalResources(c.resources) ?? {};
  for (const c of containers) c.resources = canonicalResources(c.resources) ?? {};
  if (explain !== undefined) {
    for (const list of ["initContainers", "containers"] as const) {
      (spec[list] ?? []).forEach((c, k) => {
        if (Object.keys(c.resources ?? {}).length === 0)
          explain.add(
            ["pod", "spec", list, k, "resources"],
            "empty-resources",
            "Nothing sets this container's resources; Kubernetes writes them as {}.",
          );
      });
    }
  }

  const owner = ownerReference(taskRun);
  const metadata: NonNullable<Pod["metadata"]> = { name };
  if (taskRun.metadata?.namespace !== undefined) metadata.namespace = taskRun.metadata.namespace;
  metadata.labels = labels;
  metadata.annotations = annotations;
  metadata.ownerReferences = [owner];
  const pod: Pod = { kind: "Pod", apiVersion: "v1", metadata, spec, status: {} };
  if (explain !== undefined) {
    explain.each(
      ["pod", "metadata", "ownerReferences", 0],
      owner,
      "owner-reference",
      "The TaskRun owns its Pod: deleting the TaskRun deletes the Pod.",
      ["taskRun", "metadata"],
    );
    for (const key of ["kind", "apiVersion", "status"] as const)
      explain.add(["pod", key], "pod-kind", "The controller makes one Pod per TaskRun; a new Pod has no status yet.");
  }
  return pod;
}
