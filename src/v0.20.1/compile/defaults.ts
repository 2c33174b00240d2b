/**
 * The admission webhook's defaulting (v1beta1 taskrun_defaults.go, task_defaults.go,
 * param_types.go in v0.20.1): taskRef kind, timeout, service account, pod template,
 * the managed-by label and parameter types. Returns new objects; the input is untouched.
 */
import type { Immutable, ParamSpec, ParamValue, Task, TaskRef, TaskRun, TaskSpec } from "../../api/types.js";
import type { Explainer } from "../../explain/index.js";
import { copyObject } from "../../k8s/copy-object.js";
import { formatGoMinutes } from "../../k8s/duration.js";
import { copyRecord, hasKey, setRecord } from "../../k8s/records.js";
import type { ResolvedConfig } from "./config.js";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** A param's type, inferred from its default's shape when not written (ParamSpec.SetDefaults). */
function defaultParamSpec(spec: Immutable<ParamSpec>): ParamSpec {
  if (spec.type !== undefined && (spec.type as string) !== "") return spec as ParamSpec;
  const type = spec.default === undefined ? "string" : Array.isArray(spec.default) ? "array" : "string";
  // In Go's field order, which the output encoder then only has to confirm.
  const out: ParamSpec = { name: spec.name, type };
  if (spec.description !== undefined) out.description = spec.description;
  if (spec.default !== undefined) out.default = spec.default as ParamValue;
  return out;
}

/** TaskSpec.SetDefaults: every param gets a type. */
export function defaultTaskSpec(spec: Immutable<TaskSpec>): TaskSpec {
  if (spec.params === undefined) return spec as TaskSpec;
  // Copied, then changed: a spread with overriding fields takes V8's slow path.
  const out = { ...(spec as TaskSpec) };
  out.params = spec.params.map(defaultParamSpec);
  return out;
}

/** Task.SetDefaults, for the Task or ClusterTask the TaskRun references. */
export function defaultTask(task: Immutable<Task>): Task {
  const out = { ...(task as Task) };
  out.spec = defaultTaskSpec(task.spec);
  return out;
}

/**
 * TaskRun.SetDefaults with the cluster's config-defaults. `explain` (at `["taskRun", …]`)
 * learns which fields the defaults set.
 */
export function defaultTaskRun(taskRun: Immutable<TaskRun>, config: ResolvedConfig, explain?: Explainer): TaskRun {
  // Copies that fields are added to (see copyObject).
  const spec = copyObject(taskRun.spec as TaskRun["spec"]);
  if (spec.taskRef !== undefined && (spec.taskRef.kind === undefined || spec.taskRef.kind === "")) {
    // In Go's field order: name, kind, apiVersion, bundle.
    const ref = spec.taskRef;
    const defaulted: TaskRef = {};
    if (ref.name !== undefined) defaulted.name = ref.name;
    defaulted.kind = "Task";
    if (ref.apiVersion !== undefined) defaulted.apiVersion = ref.apiVersion;
    if (ref.bundle !== undefined) defaulted.bundle = ref.bundle;
    spec.taskRef = defaulted;
  }
  if (spec.timeout === undefined) {
    spec.timeout = formatGoMinutes(config.defaults.timeoutMinutes);
  }
  if (
    (spec.serviceAccountName === undefined || spec.serviceAccountName === "") &&
    config.defaults.serviceAccount !== ""
  ) {
    spec.serviceAccountName = config.defaults.serviceAccount;
    explain?.drop(["taskRun", "spec", "serviceAccountName"]);
    explain?.add(
      ["taskRun", "spec", "serviceAccountName"],
      "default-service-account",
      `The TaskRun names no ServiceAccount, so the config-defaults default ${JSON.stringify(spec.serviceAccountName)} is used.`,
      ["config", "defaults", "default-service-account"],
    );
  }
  if (spec.podTemplate === undefined && config.defaults.podTemplate !== undefined) {
    spec.podTemplate = config.defaults.podTemplate as TaskRun["spec"]["podTemplate"] & object;
    explain?.each(
      ["taskRun", "spec", "podTemplate"],
      spec.podTemplate,
      "default-pod-template",
      "The TaskRun has no podTemplate, so the config-defaults default-pod-template is used.",
      ["config", "defaults", "default-pod-template"],
    );
  }
  if (spec.taskSpec !== undefined) spec.taskSpec = defaultTaskSpec(spec.taskSpec);

  const metadata = copyObject((taskRun.metadata ?? {}) as NonNullable<TaskRun["metadata"]>);
  const labels = copyRecord(metadata.labels);
  if (!hasKey(labels, MANAGED_BY_LABEL)) {
    setRecord(labels, MANAGED_BY_LABEL, config.defaults.managedByLabelValue);
    explain?.add(
      ["taskRun", "metadata", "labels", MANAGED_BY_LABEL],
      "managed-by-label",
      "Admission labels every TaskRun with the controller that manages it (config-defaults default-managed-by-label-value).",
      ["config", "defaults", "default-managed-by-label-value"],
    );
  }
  metadata.labels = labels;
  const out = copyObject(taskRun as TaskRun);
  out.metadata = metadata;
  out.spec = spec;
  return out;
}
