/**
 * `SetDefaults` of Tekton v1.12's `tekton.dev/v1` TaskRun and Task (taskrun_defaults.go,
 * task_defaults.go, param_types.go, result_defaults.go, pod/template.go), run by the admission
 * webhook on create and again by the reconciler's prepare.
 */

import type { EnvVar, Volume } from "kubernetes-types/core/v1.js";
import type { Explainer } from "../../explain/index.js";
import { copyObject, copyWith } from "../../k8s/copy-object.js";
import { copyRecord, setRecord } from "../../k8s/records.js";
import type {
  Immutable,
  ParamSpecV1,
  PodTemplateV1,
  StepResult,
  TaskResultV1,
  TaskRunV1,
  TaskSpecV1,
  TaskV1,
} from "../api/types.js";
import type { ResolvedConfigV112 } from "./config.js";

/** The label the managed-by default is written to. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** Annotations matching this are dropped when a TaskRun is created (`TektonReservedAnnotationExpr`). */
const RESERVED_ANNOTATION = /(chains.tekton.dev)\/.*/;

/** `ParamSpec.SetDefaults`: the type is inferred from properties, then from the default's shape. */
function defaultParamSpec(p: ParamSpecV1): ParamSpecV1 {
  // Most params have a type and no properties: nothing to default, the param itself is kept.
  const typed = p.type !== undefined && (p.type as string) !== "";
  if (typed && !(p.type === "object" && p.properties !== undefined)) return p;
  const out = copyObject(p);
  if (p.type === undefined || (p.type as string) === "") {
    if (p.properties !== undefined) out.type = "object";
    else if (p.default === undefined) out.type = "string";
    else if (Array.isArray(p.default)) out.type = "array";
    else if (typeof p.default === "object") out.type = "object";
    else out.type = "string";
  }
  if (out.type === "object" && p.properties !== undefined) out.properties = defaultProperties(p.properties);
  return out;
}

function defaultProperties(
  props: Record<string, { type?: string }>,
): Record<string, { type?: "string" | "array" | "object" }> {
  const out: Record<string, { type?: "string" | "array" | "object" }> = {};
  for (const [k, v] of Object.entries(props)) {
    out[k] =
      v.type === undefined || v.type === ""
        ? copyWith(v, { type: "string" as const })
        : (v as { type?: "string" | "array" | "object" });
  }
  return out;
}

function defaultResult<T extends TaskResultV1 | StepResult>(r: T): T {
  if (r.type !== undefined && (r.type as string) !== "" && r.properties === undefined) return r;
  const out = copyObject(r);
  if (r.type === undefined || (r.type as string) === "") out.type = r.properties !== undefined ? "object" : "string";
  if (r.properties !== undefined) out.properties = defaultProperties(r.properties);
  return out;
}

/** `TaskSpec.SetDefaults`: param and result types; a step `ref` without name or resolver takes the default resolver. */
export function defaultTaskSpec(spec: Immutable<TaskSpecV1>, config: ResolvedConfigV112): TaskSpecV1 {
  // Copies only what changes: the input is never modified, and the rest is shared read-only.
  const out = { ...spec } as TaskSpecV1;
  const resolver = config.defaults.resolverType;
  if (out.steps !== undefined && resolver !== "") {
    out.steps = out.steps.map((step) => {
      const ref = step.ref;
      return ref !== undefined && (ref.name ?? "") === "" && (ref.resolver ?? "") === ""
        ? { ...step, ref: copyWith(ref, { resolver }) }
        : step;
    });
  }
  if (out.params !== undefined) out.params = out.params.map(defaultParamSpec);
  if (out.results !== undefined) out.results = out.results.map(defaultResult);
  return out;
}

/** `Task.SetDefaults`. */
export function defaultTask(task: Immutable<TaskV1>, config: ResolvedConfigV112): TaskV1 {
  return { ...(task as TaskV1), spec: defaultTaskSpec(task.spec, config) };
}

function mergeByName<T extends { name?: string }>(
  base: readonly T[] | undefined,
  overrides: readonly T[] | undefined,
): T[] | undefined {
  if (overrides === undefined || overrides.length === 0) return base as T[] | undefined;
  const seen = new Set<string>();
  const merged: T[] = [];
  for (const item of overrides) {
    if (item.name !== undefined && item.name !== "") {
      merged.push(item);
      seen.add(item.name);
    }
  }
  for (const item of base ?? []) {
    if (item.name !== undefined && item.name !== "" && !seen.has(item.name)) merged.push(item);
  }
  return merged;
}

/** `MergePodTemplateWithDefault`: the TaskRun's template, each unset field taken from the default. */
export function mergePodTemplate(
  template: PodTemplateV1 | undefined,
  fallback: Immutable<PodTemplateV1> | undefined,
): PodTemplateV1 | undefined {
  if (fallback === undefined) return template;
  const d = structuredClone(fallback) as PodTemplateV1;
  if (template === undefined) return d;
  const t = copyObject(template) as Record<string, unknown>;
  const fromDefault = d as Record<string, unknown>;
  const fill = (key: string) => {
    if (t[key] === undefined && fromDefault[key] !== undefined) t[key] = fromDefault[key];
  };
  fill("nodeSelector");
  const env = mergeByName<EnvVar>(d.env, template.env);
  if (env !== undefined) t["env"] = env;
  fill("tolerations");
  fill("affinity");
  fill("securityContext");
  const volumes = mergeByName<Volume>(d.volumes, template.volumes);
  if (volumes !== undefined) t["volumes"] = volumes;
  for (const key of [
    "runtimeClassName",
    "automountServiceAccountToken",
    "dnsPolicy",
    "dnsConfig",
    "enableServiceLinks",
    "priorityClassName",
  ])
    fill(key);
  if (t["schedulerName"] === "") delete t["schedulerName"];
  fill("schedulerName");
  for (const key of ["imagePullSecrets", "hostAliases"]) fill(key);
  if (t["hostNetwork"] !== true && d.hostNetwork === true) t["hostNetwork"] = true;
  for (const key of ["hostUsers", "topologySpreadConstraints"]) fill(key);
  return t as PodTemplateV1;
}

/**
 * `TaskRun.SetDefaults`: the task kind, timeout, ServiceAccount, Pod template and embedded spec
 * defaults, the managed-by label and, on create, reserved annotations dropped.
 */
export function defaultTaskRun(
  taskRun: Immutable<TaskRunV1>,
  config: ResolvedConfigV112,
  create: boolean,
  explain?: Explainer,
): TaskRunV1 {
  // Copies only what changes: the input is never modified, and the rest is shared read-only.
  const source = taskRun as TaskRunV1;
  // Copies that defaults are added to are made by copyObject (a spread makes each added field slow).
  const tr = copyObject(source);
  tr.metadata = copyObject(source.metadata ?? {});
  tr.spec = copyObject(source.spec);
  const d = config.defaults;
  const spec = tr.spec;
  if (spec.taskRef !== undefined) {
    spec.taskRef = copyObject(spec.taskRef);
    const noName = spec.taskRef.name === undefined || spec.taskRef.name === "";
    const noResolver = spec.taskRef.resolver === undefined || spec.taskRef.resolver === "";
    if (noName && noResolver) {
      // The default resolver type is "" unless configured; an empty one leaves the field unset.
      const resolver = d.resolverType;
      if (resolver !== "") spec.taskRef.resolver = resolver;
    }
    if (
      (spec.taskRef.kind === undefined || spec.taskRef.kind === "") &&
      (spec.taskRef.resolver === undefined || spec.taskRef.resolver === "")
    ) {
      spec.taskRef.kind = "Task";
    }
  }
  if (spec.timeout === undefined) {
    spec.timeout = formatMinutes(d.timeoutMinutes);
    explain?.add(
      ["taskRun", "spec", "timeout"],
      "default-timeout",
      "The TaskRun sets no timeout, so it takes config-defaults default-timeout-minutes.",
      ["config", "defaults", "default-timeout-minutes"],
    );
  }
  if ((spec.serviceAccountName === undefined || spec.serviceAccountName === "") && d.serviceAccount !== "") {
    spec.serviceAccountName = d.serviceAccount;
    explain?.drop(["taskRun", "spec", "serviceAccountName"]);
    explain?.add(
      ["taskRun", "spec", "serviceAccountName"],
      "default-service-account",
      "The TaskRun names no ServiceAccount, so it takes config-defaults default-service-account.",
      ["config", "defaults", "default-service-account"],
    );
  }
  const template = mergePodTemplate(spec.podTemplate, d.podTemplate);
  if (explain !== undefined && template !== undefined && template !== spec.podTemplate)
    explainDefaultPodTemplate(explain, spec.podTemplate, template);
  if (template !== undefined) spec.podTemplate = template;
  if (spec.taskSpec !== undefined) spec.taskSpec = defaultTaskSpec(spec.taskSpec, config);
  if (create && tr.metadata.annotations !== undefined) {
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(tr.metadata.annotations))
      if (!RESERVED_ANNOTATION.test(k)) setRecord(kept, k, v);
    tr.metadata.annotations = kept;
  }
  tr.metadata.labels = copyRecord(tr.metadata.labels);
  if (!Object.hasOwn(tr.metadata.labels, MANAGED_BY_LABEL))
    tr.metadata.labels[MANAGED_BY_LABEL] = d.managedByLabelValue;
  return tr;
}

/**
 * `MergePodTemplateWithDefault` for an explanation: each field (each env var and volume) of
 * `merged` the TaskRun's own template did not give came from config-defaults `default-pod-template`.
 */
function explainDefaultPodTemplate(explain: Explainer, own: PodTemplateV1 | undefined, merged: PodTemplateV1): void {
  const at = ["taskRun", "spec", "podTemplate"];
  const from = ["config", "defaults", "default-pod-template"];
  const note = "The TaskRun's Pod template leaves it out, so it comes from config-defaults default-pod-template.";
  const mine = (own ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(merged as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (key === "env" || key === "volumes") {
      const list = value as readonly unknown[];
      const ownList = (mine[key] ?? []) as readonly unknown[];
      explain.move([...at, key], ["default-pod-template", ...at, key]);
      list.forEach((item, k) => {
        const j = ownList.indexOf(item);
        if (j >= 0) explain.move(["default-pod-template", ...at, key, j], [...at, key, k]);
        else explain.each([...at, key, k], item, "default-pod-template", note, [...from, key]);
      });
      explain.drop(["default-pod-template", ...at, key]);
    } else if (mine[key] !== value) {
      explain.drop([...at, key]);
      explain.each([...at, key], value, "default-pod-template", note, [...from, key]);
    }
  }
}

/** A whole number of minutes as Go's `time.Duration.String()` prints it (`60m0s` → `1h0m0s`). */
function formatMinutes(minutes: number): string {
  if (minutes === 0) return "0s";
  const sign = minutes < 0 ? "-" : "";
  const m = Math.abs(minutes);
  const h = Math.floor(m / 60);
  return h > 0 ? `${sign}${h}h${m % 60}m0s` : `${sign}${m}m0s`;
}
