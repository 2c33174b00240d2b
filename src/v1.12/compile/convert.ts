/**
 * `tekton.dev/v1beta1` → `tekton.dev/v1`, as Tekton v1.12.2's conversion webhook does it
 * (`ConvertTo` in pkg/apis/pipeline/v1beta1/{taskrun,task,container,param,result,taskref,
 * workspace,resolver}_conversion.go). Plain data in, v1 objects out; the input is never
 * mutated, and the values conversion carries over unchanged (a step's env, a volume) are the
 * input's own, read-only like the rest of it (the output encoder copies what is returned).
 *
 * What the conversion does, field by field, including what it drops on purpose:
 * - step `resources` → `computeResources`; the Container fields v1 steps no longer have (ports,
 *   probes, lifecycle, termination message settings, stdin/tty) and the stepTemplate's `name`
 *   are dropped from the spec and recorded in the `tekton.dev/v1beta1.task-deprecations`
 *   annotation (keyed by the Task's name, or the TaskRun's for an embedded spec);
 * - TaskRun `stepOverrides` → `stepSpecs`, `sidecarOverrides` → `sidecarSpecs` (their
 *   `resources` → `computeResources`);
 * - `taskRef.bundle` is dropped (v1beta1 admission refuses it on create anyway), as are a
 *   TaskRun's `managedBy` and a sidecar's `restartPolicy`, which v1.12's ConvertTo does not copy;
 * - a declared param without `type` becomes `type: string` (v1beta1 admission has normally
 *   inferred it from the default already); object `properties` keep only their `type`;
 * - fields the v1 types do not have (v1beta1 `resources` PipelineResources, unknown keys) are
 *   not carried over; v1beta1 admission rejects `resources` before conversion.
 */

import { copyObject } from "../../k8s/copy-object.js";
import { isRecord } from "../../read-values.js";
import type {
  Immutable,
  ParamSpecV1,
  ParamV1,
  SidecarV1,
  StepTemplateV1,
  StepV1,
  TaskRunSpecV1,
  TaskRunV1,
  TaskSpecV1,
  TaskV1,
} from "../api/types.js";
import { encodeTaskDeprecations, TASK_DEPRECATIONS_ANNOTATION, taskDeprecation } from "./encode-task-deprecations.js";

type JsonObject = Readonly<Record<string, unknown>>;

/** The apiVersion of the objects conversion produces. */
export const API_VERSION_V1 = "tekton.dev/v1";

function asObject(value: unknown): JsonObject {
  return isRecord(value) ? value : {};
}

/** Carries `from[name]` over to `to[as ?? name]` when it is present (Go's zero values stay out). */
function copyField(to: Record<string, unknown>, from: JsonObject, name: string, as: string = name): void {
  if (Object.hasOwn(from, name) && from[name] !== undefined && from[name] !== null) to[as] = from[name];
}

/** `items.map(convert)` for a list field; absent or not a list → absent. */
function mapList<T>(value: unknown, convert: (item: JsonObject) => T): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => convert(asObject(item)));
}

function setList(to: Record<string, unknown>, name: string, value: unknown[] | undefined): void {
  if (value !== undefined && value.length > 0) to[name] = value;
}

function convertParam(p: JsonObject): ParamV1 {
  const out: Record<string, unknown> = {};
  copyField(out, p, "name");
  copyField(out, p, "value");
  return out as unknown as ParamV1;
}

function convertProperties(value: unknown): Record<string, { type?: string }> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(
    Object.keys(value).map((key) => {
      const type = asObject(value[key])["type"];
      return [key, typeof type === "string" && type !== "" ? { type } : {}];
    }),
  );
}

function convertParamSpec(p: JsonObject): ParamSpecV1 {
  const out: Record<string, unknown> = {};
  copyField(out, p, "name");
  out["type"] = typeof p["type"] === "string" && p["type"] !== "" ? p["type"] : "string";
  copyField(out, p, "description");
  copyField(out, p, "enum");
  const properties = convertProperties(p["properties"]);
  if (properties !== undefined) out["properties"] = properties;
  copyField(out, p, "default");
  return out as unknown as ParamSpecV1;
}

function convertResult(r: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyField(out, r, "name");
  copyField(out, r, "type");
  copyField(out, r, "description");
  const properties = convertProperties(r["properties"]);
  if (properties !== undefined) out["properties"] = properties;
  copyField(out, r, "value");
  return out;
}

function convertWorkspaceUsage(w: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyField(out, w, "name");
  copyField(out, w, "mountPath");
  return out;
}

function convertResolverRef(ref: JsonObject, out: Record<string, unknown>): void {
  copyField(out, ref, "resolver");
  setList(out, "params", mapList(ref["params"], convertParam));
}

function convertStep(s: JsonObject): StepV1 {
  const out: Record<string, unknown> = {};
  for (const name of ["name", "displayName", "image", "command", "args", "workingDir", "envFrom", "env"])
    copyField(out, s, name);
  copyField(out, s, "resources", "computeResources");
  for (const name of ["volumeMounts", "volumeDevices", "imagePullPolicy", "securityContext", "script", "timeout"])
    copyField(out, s, name);
  setList(out, "workspaces", mapList(s["workspaces"], convertWorkspaceUsage));
  for (const name of ["onError", "stdoutConfig", "stderrConfig"]) copyField(out, s, name);
  if (isRecord(s["ref"])) {
    const ref: Record<string, unknown> = {};
    copyField(ref, s["ref"], "name");
    convertResolverRef(s["ref"], ref);
    out["ref"] = ref;
  }
  setList(out, "params", mapList(s["params"], convertParam));
  copyField(out, s, "results");
  setList(
    out,
    "when",
    mapList(s["when"], (w) => {
      const when: Record<string, unknown> = {};
      for (const name of ["input", "operator", "values", "cel"]) copyField(when, w, name);
      return when;
    }),
  );
  return out as StepV1;
}

function convertStepTemplate(t: JsonObject): StepTemplateV1 {
  const out: Record<string, unknown> = {};
  for (const name of ["image", "command", "args", "workingDir", "envFrom", "env"]) copyField(out, t, name);
  copyField(out, t, "resources", "computeResources");
  for (const name of ["volumeMounts", "volumeDevices", "imagePullPolicy", "securityContext"]) copyField(out, t, name);
  return out as StepTemplateV1;
}

function convertSidecar(s: JsonObject): SidecarV1 {
  const out: Record<string, unknown> = {};
  for (const name of ["name", "image", "command", "args", "workingDir", "ports", "envFrom", "env"])
    copyField(out, s, name);
  copyField(out, s, "resources", "computeResources");
  for (const name of [
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
    "script",
  ]) {
    copyField(out, s, name);
  }
  setList(out, "workspaces", mapList(s["workspaces"], convertWorkspaceUsage));
  return out as SidecarV1;
}

type Annotations = Record<string, string>;

/**
 * Converts a v1beta1 Task spec; records its deprecated fields in `annotations` under
 * `taskName`, as Tekton does in the metadata of the object being converted.
 */
function convertTaskSpec(spec: JsonObject, annotations: Annotations, taskName: string): TaskSpecV1 {
  const deprecation = taskDeprecation(spec);
  if (deprecation !== undefined) {
    annotations[TASK_DEPRECATIONS_ANNOTATION] = encodeTaskDeprecations(
      annotations[TASK_DEPRECATIONS_ANNOTATION],
      taskName,
      deprecation,
    );
  }
  const out: Record<string, unknown> = {};
  setList(out, "steps", mapList(spec["steps"], convertStep));
  copyField(out, spec, "volumes");
  if (isRecord(spec["stepTemplate"])) out["stepTemplate"] = convertStepTemplate(spec["stepTemplate"]);
  setList(out, "sidecars", mapList(spec["sidecars"], convertSidecar));
  setList(
    out,
    "workspaces",
    mapList(spec["workspaces"], (w) => {
      const ws: Record<string, unknown> = {};
      for (const name of ["name", "description", "mountPath", "readOnly", "optional"]) copyField(ws, w, name);
      return ws;
    }),
  );
  setList(out, "results", mapList(spec["results"], convertResult));
  setList(out, "params", mapList(spec["params"], convertParamSpec));
  copyField(out, spec, "displayName");
  copyField(out, spec, "description");
  return out as TaskSpecV1;
}

/** The object's metadata, copied, with its annotations in a map the conversion may add to. */
function copyMetadata(object: JsonObject): { metadata: Record<string, unknown>; annotations: Annotations } {
  // Copies fields may be added to (annotations, the deprecations annotation): copyObject, not a
  // spread; either keeps a key such as "__proto__" as plain data.
  const metadata = copyObject(asObject(object["metadata"]) as Record<string, unknown>);
  const existing = metadata["annotations"];
  const annotations: Annotations = isRecord(existing) ? copyObject(existing as Annotations) : {};
  return { metadata, annotations };
}

function finishMetadata(metadata: Record<string, unknown>, annotations: Annotations): Record<string, unknown> {
  if (Object.keys(annotations).length > 0) metadata["annotations"] = annotations;
  return metadata;
}

function convertOverride(o: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyField(out, o, "name");
  copyField(out, o, "resources", "computeResources");
  return out;
}

function convertTaskRunSpec(spec: JsonObject, annotations: Annotations, taskRunName: string): TaskRunSpecV1 {
  const out: Record<string, unknown> = {};
  if (isRecord(spec["debug"])) {
    const debug: Record<string, unknown> = {};
    const breakpoints = spec["debug"]["breakpoints"];
    if (isRecord(breakpoints)) {
      const bp: Record<string, unknown> = {};
      copyField(bp, breakpoints, "onFailure");
      if (Array.isArray(breakpoints["beforeSteps"]) && breakpoints["beforeSteps"].length > 0)
        bp["beforeSteps"] = breakpoints["beforeSteps"];
      debug["breakpoints"] = bp;
    }
    out["debug"] = debug;
  }
  setList(out, "params", mapList(spec["params"], convertParam));
  // Not omitempty in Go: the converted object always carries it, "" when unset.
  out["serviceAccountName"] = typeof spec["serviceAccountName"] === "string" ? spec["serviceAccountName"] : "";
  if (isRecord(spec["taskRef"])) {
    const ref: Record<string, unknown> = {};
    for (const name of ["name", "kind", "apiVersion"]) copyField(ref, spec["taskRef"], name);
    convertResolverRef(spec["taskRef"], ref);
    out["taskRef"] = ref;
  }
  if (isRecord(spec["taskSpec"])) out["taskSpec"] = convertTaskSpec(spec["taskSpec"], annotations, taskRunName);
  for (const name of ["status", "statusMessage", "retries", "timeout", "podTemplate"]) copyField(out, spec, name);
  setList(
    out,
    "workspaces",
    mapList(spec["workspaces"], (w) => {
      const ws: Record<string, unknown> = {};
      for (const name of [
        "name",
        "subPath",
        "volumeClaimTemplate",
        "persistentVolumeClaim",
        "emptyDir",
        "configMap",
        "secret",
        "projected",
        "csi",
      ]) {
        copyField(ws, w, name);
      }
      return ws;
    }),
  );
  setList(out, "stepSpecs", mapList(spec["stepOverrides"], convertOverride));
  setList(out, "sidecarSpecs", mapList(spec["sidecarOverrides"], convertOverride));
  copyField(out, spec, "computeResources");
  return out as TaskRunSpecV1;
}

/** Status fields v1 keeps under another name or shape; the rest is copied. */
function convertTaskRunStatus(
  status: JsonObject,
  annotations: Annotations,
  taskRunName: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [
    "conditions",
    "observedGeneration",
    "annotations",
    "podName",
    "startTime",
    "completionTime",
    "provenance",
  ]) {
    copyField(out, status, name);
  }
  const state = (s: JsonObject, kind: "step" | "sidecar"): Record<string, unknown> => {
    const st: Record<string, unknown> = {};
    for (const name of ["waiting", "running", "terminated", "name"]) copyField(st, s, name);
    copyField(st, s, "container");
    copyField(st, s, "imageID");
    if (kind === "step") {
      const terminated = asObject(s["terminated"]);
      if (typeof terminated["reason"] === "string" && terminated["reason"] !== "")
        st["terminationReason"] = terminated["reason"];
      for (const name of ["results", "provenance", "inputs", "outputs"]) copyField(st, s, name);
    }
    return st;
  };
  setList(
    out,
    "steps",
    mapList(status["steps"], (s) => state(s, "step")),
  );
  setList(
    out,
    "retriesStatus",
    mapList(status["retriesStatus"], (r) => convertTaskRunStatus(r, annotations, taskRunName)),
  );
  setList(
    out,
    "results",
    mapList(status["taskResults"], (r) => {
      const result: Record<string, unknown> = {};
      for (const name of ["name", "type", "value"]) copyField(result, r, name);
      return result;
    }),
  );
  setList(
    out,
    "sidecars",
    mapList(status["sidecars"], (s) => state(s, "sidecar")),
  );
  if (isRecord(status["taskSpec"])) out["taskSpec"] = convertTaskSpec(status["taskSpec"], annotations, taskRunName);
  return out;
}

/**
 * Converts a `tekton.dev/v1beta1` TaskRun to `tekton.dev/v1` as Tekton v1.12's conversion
 * webhook does (see the module comment for what moves and what is dropped). The input should
 * already have passed v1beta1 admission (defaults, then validation).
 *
 * @example
 * ```ts
 * convertTaskRunToV1({ apiVersion: "tekton.dev/v1beta1", kind: "TaskRun", metadata: { name: "r" },
 *   spec: { taskRef: { name: "t" }, stepOverrides: [{ name: "s", resources: { limits: { cpu: "1" } } }] } });
 * // → { apiVersion: "tekton.dev/v1", kind: "TaskRun", metadata: { name: "r" },
 * //     spec: { serviceAccountName: "", taskRef: { name: "t" },
 * //             stepSpecs: [{ name: "s", computeResources: { limits: { cpu: "1" } } }] } }
 * ```
 */
export function convertTaskRunToV1(taskRun: unknown): TaskRunV1 {
  const source = asObject(taskRun);
  const { metadata, annotations } = copyMetadata(source);
  const name = typeof metadata["name"] === "string" ? metadata["name"] : "";
  // Tekton converts the status first: a status taskSpec's deprecations land in the annotation too.
  const status = isRecord(source["status"]) ? convertTaskRunStatus(source["status"], annotations, name) : undefined;
  const spec = convertTaskRunSpec(asObject(source["spec"]), annotations, name);
  const out: Record<string, unknown> = {
    apiVersion: API_VERSION_V1,
    kind: "TaskRun",
    metadata: finishMetadata(metadata, annotations),
    spec,
  };
  if (status !== undefined && Object.keys(status).length > 0) out["status"] = status;
  return out as unknown as TaskRunV1;
}

/**
 * Converts a `tekton.dev/v1beta1` Task to `tekton.dev/v1` as Tekton v1.12's conversion webhook
 * does (see the module comment). The input should already have passed v1beta1 admission.
 *
 * @example
 * ```ts
 * convertTaskToV1({ apiVersion: "tekton.dev/v1beta1", kind: "Task", metadata: { name: "t" },
 *   spec: { params: [{ name: "p" }], steps: [{ image: "alpine", resources: { requests: { cpu: "1" } } }] } });
 * // → { apiVersion: "tekton.dev/v1", kind: "Task", metadata: { name: "t" },
 * //     spec: { steps: [{ image: "alpine", computeResources: { requests: { cpu: "1" } } }],
 * //             params: [{ name: "p", type: "string" }] } }
 * ```
 */
export function convertTaskToV1(task: unknown): TaskV1 {
  const source = asObject(task);
  const { metadata, annotations } = copyMetadata(source);
  const name = typeof metadata["name"] === "string" ? metadata["name"] : "";
  const spec = convertTaskSpec(asObject(source["spec"]), annotations, name);
  return { apiVersion: API_VERSION_V1, kind: "Task", metadata: finishMetadata(metadata, annotations), spec } as TaskV1;
}

/** Whether an object is written in `tekton.dev/v1beta1` (and so goes through conversion). */
export function isV1beta1(object: Immutable<unknown>): boolean {
  return isRecord(object) && object["apiVersion"] === "tekton.dev/v1beta1";
}
