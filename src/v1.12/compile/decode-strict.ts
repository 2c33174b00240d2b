/**
 * The first thing Tekton v1.12's webhook does with a TaskRun or Task: decode it into the Go
 * struct of its API version with unknown fields disallowed (knative's admission decoder), so a
 * field the version does not have is refused ("cannot decode incoming new object: json:
 * unknown field …") before defaults or validation — a sidecar `timeout`, a step `resources` in
 * v1 (there it is `computeResources`), a v1 `stepOverrides`.
 *
 * This checks the Tekton structs of each version (field lists of pkg/apis/pipeline/v1 and
 * v1beta1 at v1.12.2), not the Kubernetes types inside them, whose fields the input shape
 * check owns. Go matches JSON keys to struct fields ignoring case, so `Image` is `image`.
 */
import { issue } from "../../errors.js";
import type { Issue, PathSegment } from "../../errors.js";

type JsonObject = Readonly<Record<string, unknown>>;
type Path = readonly PathSegment[];

/** A Go struct: its JSON field names, and how to descend into the fields that are Tekton structs. */
interface Struct {
  readonly name: string;
  readonly fields: readonly string[];
  readonly children?: Readonly<Record<string, { readonly struct: () => Struct; readonly list: boolean }>>;
}

const CONTAINER_V1BETA1 = [
  "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "volumeMounts", "volumeDevices",
  "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy",
  "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
];

const one = (struct: () => Struct) => ({ struct, list: false });
const many = (struct: () => Struct) => ({ struct, list: true });

const PARAM: Struct = { name: "Param", fields: ["name", "value"] };
const WORKSPACE_USAGE: Struct = { name: "WorkspaceUsage", fields: ["name", "mountPath"] };
const OUTPUT_CONFIG: Struct = { name: "StepOutputConfig", fields: ["path"] };
const REF: Struct = { name: "Ref", fields: ["name", "resolver", "params"], children: { params: many(() => PARAM) } };
const WHEN: Struct = { name: "WhenExpression", fields: ["input", "operator", "values", "cel"] };
const STEP_RESULT: Struct = { name: "StepResult", fields: ["name", "type", "properties", "description"] };
const PARAM_SPEC: Struct = { name: "ParamSpec", fields: ["name", "type", "description", "properties", "default", "enum"] };
const TASK_RESULT: Struct = { name: "TaskResult", fields: ["name", "type", "properties", "description", "value"] };
const WORKSPACE_DECLARATION: Struct = { name: "WorkspaceDeclaration", fields: ["name", "description", "mountPath", "readOnly", "optional"] };
const WORKSPACE_BINDING: Struct = {
  name: "WorkspaceBinding",
  fields: ["name", "subPath", "volumeClaimTemplate", "persistentVolumeClaim", "emptyDir", "configMap", "secret", "projected", "csi"],
};
const POD_TEMPLATE: Struct = {
  name: "PodTemplate",
  fields: [
    "nodeSelector", "env", "tolerations", "affinity", "securityContext", "volumes", "runtimeClassName",
    "automountServiceAccountToken", "dnsPolicy", "dnsConfig", "enableServiceLinks", "priorityClassName", "schedulerName",
    "imagePullSecrets", "hostAliases", "hostNetwork", "hostUsers", "topologySpreadConstraints",
  ],
};
const DEBUG: Struct = {
  name: "TaskRunDebug",
  fields: ["breakpoints"],
  children: { breakpoints: one(() => ({ name: "TaskBreakpoints", fields: ["onFailure", "beforeSteps"] })) },
};
const OBJECT_META: Struct = {
  name: "ObjectMeta",
  fields: [
    "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
    "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
  ],
};

const STEP_CHILDREN = {
  workspaces: many(() => WORKSPACE_USAGE),
  stdoutConfig: one(() => OUTPUT_CONFIG),
  stderrConfig: one(() => OUTPUT_CONFIG),
  ref: one(() => REF),
  params: many(() => PARAM),
  results: many(() => STEP_RESULT),
  when: many(() => WHEN),
};
const STEP_OWN = ["displayName", "script", "timeout", "workspaces", "onError", "stdoutConfig", "stderrConfig", "ref", "params", "results", "when"];

/** The Tekton structs of one API version. */
function structs(version: "v1" | "v1beta1"): { taskRun: Struct; task: Struct } {
  const v1 = version === "v1";
  const step: Struct = {
    name: "Step",
    fields: v1
      ? ["name", "image", "command", "args", "workingDir", "envFrom", "env", "computeResources", "volumeMounts", "volumeDevices",
        "imagePullPolicy", "securityContext", ...STEP_OWN]
      : [...CONTAINER_V1BETA1, ...STEP_OWN],
    children: STEP_CHILDREN,
  };
  const stepTemplate: Struct = {
    name: "StepTemplate",
    fields: v1
      ? ["image", "command", "args", "workingDir", "envFrom", "env", "computeResources", "volumeMounts", "volumeDevices", "imagePullPolicy", "securityContext"]
      : CONTAINER_V1BETA1,
  };
  const sidecar: Struct = {
    name: "Sidecar",
    fields: [...CONTAINER_V1BETA1.map((f) => (v1 && f === "resources" ? "computeResources" : f)), "script", "workspaces", "restartPolicy"],
    children: { workspaces: many(() => WORKSPACE_USAGE) },
  };
  const taskSpec: Struct = {
    name: "TaskSpec",
    fields: [...(v1 ? [] : ["resources"]), "params", "displayName", "description", "steps", "volumes", "stepTemplate", "sidecars", "workspaces", "results"],
    children: {
      params: many(() => PARAM_SPEC),
      steps: many(() => step),
      stepTemplate: one(() => stepTemplate),
      sidecars: many(() => sidecar),
      workspaces: many(() => WORKSPACE_DECLARATION),
      results: many(() => TASK_RESULT),
    },
  };
  const override = (name: string): Struct => ({ name, fields: ["name", v1 ? "computeResources" : "resources"] });
  const taskRef: Struct = {
    name: "TaskRef",
    fields: ["name", "kind", "apiVersion", ...(v1 ? [] : ["bundle"]), "resolver", "params"],
    children: { params: many(() => PARAM) },
  };
  const taskRunSpec: Struct = {
    name: "TaskRunSpec",
    fields: [
      "debug", "params", ...(v1 ? [] : ["resources"]), "serviceAccountName", "taskRef", "taskSpec", "status", "statusMessage",
      "retries", "timeout", "podTemplate", "workspaces", v1 ? "stepSpecs" : "stepOverrides", v1 ? "sidecarSpecs" : "sidecarOverrides",
      "computeResources", "managedBy",
    ],
    children: {
      debug: one(() => DEBUG),
      params: many(() => PARAM),
      taskRef: one(() => taskRef),
      taskSpec: one(() => taskSpec),
      podTemplate: one(() => POD_TEMPLATE),
      workspaces: many(() => WORKSPACE_BINDING),
      [v1 ? "stepSpecs" : "stepOverrides"]: many(() => override(v1 ? "TaskRunStepSpec" : "TaskRunStepOverride")),
      [v1 ? "sidecarSpecs" : "sidecarOverrides"]: many(() => override(v1 ? "TaskRunSidecarSpec" : "TaskRunSidecarOverride")),
    },
  };
  return {
    taskRun: {
      name: "TaskRun",
      fields: ["apiVersion", "kind", "metadata", "spec", "status"],
      children: { metadata: one(() => OBJECT_META), spec: one(() => taskRunSpec) },
    },
    task: {
      name: "Task",
      fields: ["apiVersion", "kind", "metadata", "spec"],
      children: { metadata: one(() => OBJECT_META), spec: one(() => taskSpec) },
    },
  };
}

const STRUCTS = { v1: structs("v1"), v1beta1: structs("v1beta1") };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function check(value: unknown, struct: Struct, path: Path, version: string, issues: Issue[]): void {
  if (!isObject(value)) return;
  const known = new Map(struct.fields.map((f) => [f.toLowerCase(), f]));
  for (const key of Object.keys(value)) {
    const field = known.get(key.toLowerCase());
    if (field === undefined) {
      issues.push(issue("unknown-field", [...path, key],
        `json: unknown field ${JSON.stringify(key)}: a ${version} ${struct.name} has no such field${hintFor(struct.name, key, version)}`));
      continue;
    }
    const child = struct.children?.[field];
    if (child === undefined) continue;
    const target = value[key];
    if (child.list) {
      if (Array.isArray(target)) target.forEach((item, i) => check(item, child.struct(), [...path, key, i], version, issues));
    } else {
      check(target, child.struct(), [...path, key], version, issues);
    }
  }
}

function hintFor(struct: string, key: string, version: string): string {
  if (struct === "Sidecar" && key === "timeout") return ' (only steps have a "timeout")';
  if (version === "tekton.dev/v1" && key === "resources" && (struct === "Step" || struct === "StepTemplate" || struct === "Sidecar")) {
    return ' (in tekton.dev/v1 it is "computeResources")';
  }
  if (version === "tekton.dev/v1" && (key === "stepOverrides" || key === "sidecarOverrides")) {
    return ` (in tekton.dev/v1 it is "${key === "stepOverrides" ? "stepSpecs" : "sidecarSpecs"}")`;
  }
  if (version === "tekton.dev/v1" && key === "resources") return " (PipelineResources were removed; use workspaces)";
  return "; remove or rename it";
}

/**
 * The fields of a TaskRun (root `"taskRun"`) or Task (root `"task"`) that its API version does
 * not have — what the webhook's strict decode refuses. `[]` when every Tekton-level field is
 * known. Objects that are neither `tekton.dev/v1` nor `tekton.dev/v1beta1` are checked as v1.
 *
 * @example
 * ```ts
 * unknownFields({ apiVersion: "tekton.dev/v1", kind: "TaskRun", spec: { taskSpec: { sidecars: [{ name: "db", timeout: "5m" }] } } }, "taskRun");
 * // → [{ code: "unknown-field", path: "taskRun.spec.taskSpec.sidecars[0].timeout", message: 'json: unknown field "timeout": …' }]
 * ```
 */
export function unknownFields(object: unknown, root: "taskRun" | "task"): Issue[] {
  const v1beta1 = isObject(object) && object["apiVersion"] === "tekton.dev/v1beta1";
  const issues: Issue[] = [];
  check(object, (v1beta1 ? STRUCTS.v1beta1 : STRUCTS.v1)[root], [root], v1beta1 ? "tekton.dev/v1beta1" : "tekton.dev/v1", issues);
  return issues;
}
