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
import { hasKey, setRecord } from "../../k8s/records.js";
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
import { WORKSPACE_SOURCES } from "./validate-workspaces.js";

type JsonObject = Readonly<Record<string, unknown>>;

/** The apiVersion of the objects conversion produces. */
export const API_VERSION_V1 = "tekton.dev/v1";

function asObject(value: unknown): JsonObject {
  return isRecord(value) ? value : {};
}

/** Carries `from[name]` over to `to[as ?? name]` when it is present (Go's zero values stay out). */
function copyField(to: Record<string, unknown>, from: JsonObject, name: string, as: string = name): void {
  // One read first: most fields asked for are absent, and the own-property check costs another lookup.
  const value = from[name];
  if (value !== undefined && value !== null && Object.hasOwn(from, name)) to[as] = value;
}

/** `items.map(convert)` for a list field; absent or not a list → absent. */
function mapList<T>(value: unknown, convert: (item: JsonObject) => T): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => convert(asObject(item)));
}

function setList(to: Record<string, unknown>, name: string, value: unknown[] | undefined): void {
  if (value !== undefined && value.length > 0) to[name] = value;
}

/** Whether a field read is present (Go's zero values stay out of the converted object). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Whether `object` has only fields of `kept`, each set: conversion, which carries those over
 * unchanged, then leaves the object as it is (the input is never written to). Most params,
 * declared params, results, workspaces and steps are so; for…in reads only the fields the
 * object has.
 */
function onlyKept(object: JsonObject, kept: ReadonlySet<string>): boolean {
  for (const key in object) {
    if (!kept.has(key) || !isSet(object[key])) return false;
  }
  return true;
}

const PARAM_KEPT: ReadonlySet<string> = new Set(["name", "value"]);
/** A declared param is kept as it is only when its `type` is also set (see convertParamSpec). */
const PARAM_SPEC_KEPT: ReadonlySet<string> = new Set(["name", "type", "description", "enum", "default"]);
const RESULT_KEPT: ReadonlySet<string> = new Set(["name", "type", "description", "value"]);

/*
 * Otherwise, params, declared params and results, of which a Task has many, are converted field
 * by named field: copyField reads and writes by a computed key, which V8 does several times
 * slower than by a name written out (one place in the code sees every field's name). The fields
 * are none of Object.prototype's, so a read finds only the object's own.
 */

function convertParam(p: JsonObject): ParamV1 {
  if (onlyKept(p, PARAM_KEPT)) return p as unknown as ParamV1;
  const out: Record<string, unknown> = {};
  const { name, value } = p;
  if (isSet(name)) out["name"] = name;
  if (isSet(value)) out["value"] = value;
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
  if (onlyKept(p, PARAM_SPEC_KEPT) && typeof p["type"] === "string" && p["type"] !== "")
    return p as unknown as ParamSpecV1;
  const out: Record<string, unknown> = {};
  const { name, type, description, enum: enumValues, properties, default: value } = p;
  if (isSet(name)) out["name"] = name;
  out["type"] = typeof type === "string" && type !== "" ? type : "string";
  if (isSet(description)) out["description"] = description;
  if (isSet(enumValues)) out["enum"] = enumValues;
  const converted = convertProperties(properties);
  if (converted !== undefined) out["properties"] = converted;
  if (isSet(value)) out["default"] = value;
  return out as unknown as ParamSpecV1;
}

function convertResult(r: JsonObject): JsonObject {
  if (onlyKept(r, RESULT_KEPT)) return r;
  const out: Record<string, unknown> = {};
  const { name, type, description, properties, value } = r;
  if (isSet(name)) out["name"] = name;
  if (isSet(type)) out["type"] = type;
  if (isSet(description)) out["description"] = description;
  const converted = convertProperties(properties);
  if (converted !== undefined) out["properties"] = converted;
  if (isSet(value)) out["value"] = value;
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

/**
 * The v1 field each v1beta1 step field is carried over to unchanged. Of the others, `workspaces`,
 * `ref`, `params` and `when` are converted and the rest dropped: the deprecated Container fields
 * (recorded in the annotation) and fields v1 steps do not have.
 */
const STEP_FIELDS_CARRIED: ReadonlyMap<string, string> = new Map([
  ...[
    "name",
    "displayName",
    "image",
    "command",
    "args",
    "workingDir",
    "envFrom",
    "env",
    "volumeMounts",
    "volumeDevices",
    "imagePullPolicy",
    "securityContext",
    "script",
    "timeout",
    "onError",
    "stdoutConfig",
    "stderrConfig",
    "results",
  ].map((name): [string, string] => [name, name]),
  ["resources", "computeResources"],
]);

function convertWhen(w: JsonObject): Record<string, unknown> {
  const when: Record<string, unknown> = {};
  for (const name of ["input", "operator", "values", "cel"]) copyField(when, w, name);
  return when;
}

/** The step fields conversion carries over as they are, under their own names. */
const STEP_KEPT: ReadonlySet<string> = new Set(
  [...STEP_FIELDS_CARRIED].filter(([from, to]) => from === to).map(([name]) => name),
);

function convertStep(s: JsonObject): StepV1 {
  if (onlyKept(s, STEP_KEPT)) return s as StepV1;
  const out: Record<string, unknown> = {};
  // Only the fields the step has are read (for…in lists its own keys): a step has few of the
  // fields conversion knows, and asking an object of one of many shapes for a field it lacks is
  // several times slower than reading one it has.
  for (const key in s) {
    const value = s[key];
    if (value === undefined || value === null) continue;
    const kept = STEP_FIELDS_CARRIED.get(key);
    if (kept !== undefined) out[kept] = value;
    else if (key === "workspaces") setList(out, "workspaces", mapList(value, convertWorkspaceUsage));
    else if (key === "ref" && isRecord(value)) {
      const ref: Record<string, unknown> = {};
      copyField(ref, value, "name");
      convertResolverRef(value, ref);
      out["ref"] = ref;
    } else if (key === "params") setList(out, "params", mapList(value, convertParam));
    else if (key === "when") setList(out, "when", mapList(value, convertWhen));
  }
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

const WORKSPACE_DECLARATION_FIELDS = ["name", "description", "mountPath", "readOnly", "optional"];
const WORKSPACE_DECLARATION_KEPT: ReadonlySet<string> = new Set(WORKSPACE_DECLARATION_FIELDS);

function convertWorkspaceDeclaration(w: JsonObject): JsonObject {
  if (onlyKept(w, WORKSPACE_DECLARATION_KEPT)) return w;
  const ws: Record<string, unknown> = {};
  for (const name of WORKSPACE_DECLARATION_FIELDS) copyField(ws, w, name);
  return ws;
}

const WORKSPACE_BINDING_FIELDS = ["name", "subPath", ...WORKSPACE_SOURCES];
const WORKSPACE_BINDING_KEPT: ReadonlySet<string> = new Set(WORKSPACE_BINDING_FIELDS);

function convertWorkspaceBinding(w: JsonObject): JsonObject {
  if (onlyKept(w, WORKSPACE_BINDING_KEPT)) return w;
  const ws: Record<string, unknown> = {};
  for (const name of WORKSPACE_BINDING_FIELDS) copyField(ws, w, name);
  return ws;
}

type Annotations = Record<string, string>;

/**
 * The annotations of the object being converted: its own, copied only when conversion records
 * one (the deprecations annotation, which few objects need), else the input's own map, read-only.
 */
class ConvertedAnnotations {
  #copy: Annotations | undefined;
  constructor(readonly own: Readonly<Annotations> | undefined) {}

  get(key: string): string | undefined {
    const map = this.#copy ?? this.own;
    return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
  }

  set(key: string, value: string): void {
    this.#copy ??= this.own === undefined ? {} : copyObject(this.own);
    setRecord(this.#copy, key, value);
  }

  /** The map to write into the converted metadata: the copy when one was made. */
  get value(): Readonly<Annotations> | undefined {
    return this.#copy ?? this.own;
  }
}

/**
 * Converts a v1beta1 Task spec; records its deprecated fields in `annotations` under
 * `taskName`, as Tekton does in the metadata of the object being converted.
 */
function convertTaskSpec(spec: JsonObject, annotations: ConvertedAnnotations, taskName: string): TaskSpecV1 {
  const deprecation = taskDeprecation(spec);
  if (deprecation !== undefined) {
    annotations.set(
      TASK_DEPRECATIONS_ANNOTATION,
      encodeTaskDeprecations(annotations.get(TASK_DEPRECATIONS_ANNOTATION), taskName, deprecation),
    );
  }
  const out: Record<string, unknown> = {};
  setList(out, "steps", mapList(spec["steps"], convertStep));
  copyField(out, spec, "volumes");
  if (isRecord(spec["stepTemplate"])) out["stepTemplate"] = convertStepTemplate(spec["stepTemplate"]);
  setList(out, "sidecars", mapList(spec["sidecars"], convertSidecar));
  setList(out, "workspaces", mapList(spec["workspaces"], convertWorkspaceDeclaration));
  setList(out, "results", mapList(spec["results"], convertResult));
  setList(out, "params", mapList(spec["params"], convertParamSpec));
  copyField(out, spec, "displayName");
  copyField(out, spec, "description");
  return out as TaskSpecV1;
}

/** The object's metadata, copied, with its annotations, which the conversion may add to. */
function copyMetadata(object: JsonObject): { metadata: Record<string, unknown>; annotations: ConvertedAnnotations } {
  // Copies fields may be added to (annotations, the deprecations annotation): copyObject, not a
  // spread; either keeps a key such as "__proto__" as plain data.
  const metadata = copyObject(asObject(object["metadata"]) as Record<string, unknown>);
  const existing = metadata["annotations"];
  return {
    metadata,
    annotations: new ConvertedAnnotations(isRecord(existing) ? (existing as Annotations) : undefined),
  };
}

function finishMetadata(metadata: Record<string, unknown>, annotations: ConvertedAnnotations): Record<string, unknown> {
  const value = annotations.value;
  if (value !== undefined && hasAnyKey(value)) metadata["annotations"] = value;
  return metadata;
}

/** Whether `record` has an own enumerable key (for…in lists them without building their list; it also lists inherited ones, which are skipped). */
function hasAnyKey(record: Readonly<Record<string, unknown>>): boolean {
  for (const key in record) if (hasKey(record, key)) return true;
  return false;
}

function convertOverride(o: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyField(out, o, "name");
  copyField(out, o, "resources", "computeResources");
  return out;
}

function convertTaskRunSpec(spec: JsonObject, annotations: ConvertedAnnotations, taskRunName: string): TaskRunSpecV1 {
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
  setList(out, "workspaces", mapList(spec["workspaces"], convertWorkspaceBinding));
  setList(out, "stepSpecs", mapList(spec["stepOverrides"], convertOverride));
  setList(out, "sidecarSpecs", mapList(spec["sidecarOverrides"], convertOverride));
  copyField(out, spec, "computeResources");
  return out as TaskRunSpecV1;
}

/** Status fields v1 keeps under another name or shape; the rest is copied. */
function convertTaskRunStatus(
  status: JsonObject,
  annotations: ConvertedAnnotations,
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
