/**
 * Total readers for the Pod and TaskRun fields the status fold looks at. They decode the way
 * Go's `encoding/json` fills `corev1.Pod` / `v1beta1.TaskRunStatus` for Tekton v0.20.1: a field
 * of the wrong type reads as Go's zero value, unknown fields are ignored, timestamps come back as
 * `metav1.Time` writes them. Nothing here throws, whatever the input: a garbage Pod is simply an
 * empty one.
 */
import type { ContainerState } from "kubernetes-types/core/v1.js";
import type {
  CloudEventDelivery,
  Condition,
  PipelineResourceRef,
  PipelineResourceResult,
  StepState,
  TaskRunResult,
  TaskRunStatus,
  TaskSpec,
} from "../../api/types.js";
import { setRecord } from "../../k8s/records.js";
import { asList, isRecord, stringOrEmpty } from "../../read-values.js";
import { normalizeMetaTime } from "./go-time.js";

/** A plain-object view of `value`, or `undefined` for anything else (arrays included). */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isRecord(value) ? value : undefined;
}

/** Own property `key` of `value` when it is a plain object (prototype keys never count). */
export function field(value: unknown, key: string): unknown {
  const record = asRecord(value);
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function int(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) ? value : 0;
}

/** One `containerStatuses` entry, decoded. */
export interface PodContainerStatus {
  /** Position in `pod.status.containerStatuses`, for issue paths. */
  readonly index: number;
  readonly name: string;
  readonly imageID: string;
  readonly ready: boolean;
  readonly state: ContainerState;
}

/** What the fold needs from a Pod. */
export interface PodView {
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  readonly message: string;
  readonly conditions: readonly { readonly type: string; readonly status: string; readonly reason: string; readonly message: string }[];
  readonly containerNames: readonly string[];
  readonly containerStatuses: readonly PodContainerStatus[];
}

/** Decodes the parts of a Pod the fold reads. */
export function readPod(pod: unknown): PodView {
  const metadata = field(pod, "metadata");
  const spec = field(pod, "spec");
  const status = field(pod, "status");
  return {
    name: stringOrEmpty(field(metadata, "name")),
    namespace: stringOrEmpty(field(metadata, "namespace")),
    phase: stringOrEmpty(field(status, "phase")),
    message: stringOrEmpty(field(status, "message")),
    conditions: asList(field(status, "conditions")).map((c) => ({
      type: stringOrEmpty(field(c, "type")),
      status: stringOrEmpty(field(c, "status")),
      reason: stringOrEmpty(field(c, "reason")),
      message: stringOrEmpty(field(c, "message")),
    })),
    containerNames: asList(field(spec, "containers")).map((c) => stringOrEmpty(field(c, "name"))),
    containerStatuses: asList(field(status, "containerStatuses")).map((s, index) => ({
      index,
      name: stringOrEmpty(field(s, "name")),
      imageID: stringOrEmpty(field(s, "imageID")),
      ready: field(s, "ready") === true,
      state: readContainerState(field(s, "state")),
    })),
  };
}

/** A `ContainerState` with Go's field set and `metav1.Time` timestamps. */
export function readContainerState(value: unknown): ContainerState {
  const out: ContainerState = {};
  const waiting = asRecord(field(value, "waiting"));
  if (waiting !== undefined) {
    out.waiting = omitEmpty({ reason: stringOrEmpty(field(waiting, "reason")), message: stringOrEmpty(field(waiting, "message")) });
  }
  const running = asRecord(field(value, "running"));
  if (running !== undefined) out.running = withTime({}, "startedAt", field(running, "startedAt"));
  const terminated = asRecord(field(value, "terminated"));
  if (terminated !== undefined) {
    const t = {
      exitCode: int(field(terminated, "exitCode")),
      ...omitEmpty({ reason: stringOrEmpty(field(terminated, "reason")), message: stringOrEmpty(field(terminated, "message")) }),
    };
    const signal = int(field(terminated, "signal"));
    if (signal !== 0) Object.assign(t, { signal });
    withTime(t, "startedAt", field(terminated, "startedAt"));
    withTime(t, "finishedAt", field(terminated, "finishedAt"));
    const containerID = stringOrEmpty(field(terminated, "containerID"));
    out.terminated = containerID === "" ? t : { ...t, containerID };
  }
  return out;
}

/** A decoded `status.steps[]` / `status.sidecars[]` entry. */
export function readStepState(value: unknown): StepState {
  return {
    ...readContainerState(value),
    ...omitEmpty({
      name: stringOrEmpty(field(value, "name")),
      container: stringOrEmpty(field(value, "container")),
      imageID: stringOrEmpty(field(value, "imageID")),
    }),
  };
}

/** A decoded condition, Go field order, empty fields omitted. */
export function readCondition(value: unknown): Condition {
  const c: Condition = { type: stringOrEmpty(field(value, "type")), status: stringOrEmpty(field(value, "status")) };
  const severity = stringOrEmpty(field(value, "severity"));
  if (severity !== "") c.severity = severity;
  const ltt = normalizeMetaTime(field(value, "lastTransitionTime"));
  if (ltt !== undefined) c.lastTransitionTime = ltt;
  return { ...c, ...omitEmpty({ reason: stringOrEmpty(field(value, "reason")), message: stringOrEmpty(field(value, "message")) }) };
}

/** A decoded `taskResults[]` entry. */
export function readTaskRunResult(value: unknown): TaskRunResult {
  return { name: stringOrEmpty(field(value, "name")), value: stringOrEmpty(field(value, "value")) };
}

/** A decoded `resourcesResult[]` entry. */
export function readResourceResult(value: unknown): PipelineResourceResult {
  const out: PipelineResourceResult = { key: stringOrEmpty(field(value, "key")), value: stringOrEmpty(field(value, "value")) };
  const resourceName = stringOrEmpty(field(value, "resourceName"));
  if (resourceName !== "") out.resourceName = resourceName;
  const ref = asRecord(field(value, "resourceRef"));
  if (ref !== undefined) {
    // Go omits an empty name too; the shared type declares it required for TaskRun bindings.
    const fields = omitEmpty({ name: stringOrEmpty(field(ref, "name")), apiVersion: stringOrEmpty(field(ref, "apiVersion")) });
    out.resourceRef = fields as PipelineResourceRef;
  }
  const type = stringOrEmpty(field(value, "type"));
  if (type !== "") out.type = type;
  return out;
}

/**
 * A deep copy of plain data (objects, arrays, primitives, Dates as strings) that never shares
 * structure with the input, defines hostile keys such as `__proto__` as ordinary properties,
 * and drops `undefined`, functions and cycles (in a list, a dropped item becomes `null`).
 * Iterative, so any depth of nesting is copied without exhausting the stack; `ancestors` are
 * objects that count as enclosing `value` for cycle detection.
 */
export function cloneData(value: unknown, ancestors: readonly object[] = []): unknown {
  const onPath = new Set<object>(ancestors);
  interface Frame { readonly source: object; readonly copy: unknown[] | Record<string, unknown>; readonly keys: readonly string[] | undefined; next: number }
  /** A scalar's copy, or a fresh container to fill (with its frame pushed), or undefined. */
  const stack: Frame[] = [];
  const start = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") {
      return typeof v === "function" || typeof v === "symbol" || typeof v === "bigint" ? undefined : v;
    }
    if (v instanceof Date) return normalizeMetaTime(v);
    if (onPath.has(v)) return undefined;
    onPath.add(v);
    const list = Array.isArray(v);
    const copy: unknown[] | Record<string, unknown> = list ? [] : {};
    stack.push({ source: v, copy, keys: list ? undefined : Object.keys(v), next: 0 });
    return copy;
  };
  const root = start(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const count = frame.keys === undefined ? (frame.source as unknown[]).length : frame.keys.length;
    if (frame.next >= count) {
      stack.pop();
      onPath.delete(frame.source);
      continue;
    }
    const i = frame.next++;
    if (frame.keys === undefined) {
      (frame.copy as unknown[]).push(start((frame.source as unknown[])[i]) ?? null);
    } else {
      const key = frame.keys[i] as string;
      const v = start((frame.source as Record<string, unknown>)[key]);
      if (v !== undefined) setRecord(frame.copy as Record<string, unknown>, key, v);
    }
  }
  return root;
}

function withTime<T extends object>(target: T, key: string, value: unknown): T {
  const time = normalizeMetaTime(value);
  if (time !== undefined) Object.assign(target, { [key]: time });
  return target;
}

/** Go's `omitempty` for string fields. */
export function omitEmpty<T extends Record<string, string>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (fields[key] !== "") out[key] = fields[key];
  }
  return out;
}

/** How deep `retriesStatus` entries are read inside one another. */
const MAX_RETRY_NESTING = 1000;

/**
 * A decoded `TaskRunStatus` (what Go's `json.Unmarshal` would keep): known fields only,
 * timestamps as `metav1.Time`, `retriesStatus` decoded recursively, `taskSpec` and
 * `cloudEvents` copied as data. `podName` is always present, as Go always writes it.
 */
export function readTaskRunStatus(value: unknown, ancestors: readonly object[] = []): TaskRunStatus {
  const record = asRecord(value);
  // Go's encoding/json refuses input nested more than 10,000 levels deep; retries nested
  // beyond a few thousand are dropped rather than recursed into (each level is two in JSON).
  if (record === undefined || ancestors.length > MAX_RETRY_NESTING || ancestors.includes(record)) return { podName: "" };
  const path = [...ancestors, record];
  const out: TaskRunStatus = {};
  const generation = int(field(record, "observedGeneration"));
  if (generation !== 0) out.observedGeneration = generation;
  const conditions = asList(field(record, "conditions")).map(readCondition);
  if (conditions.length > 0) out.conditions = conditions;
  const annotations = asRecord(field(record, "annotations"));
  if (annotations !== undefined) {
    const copy: Record<string, string> = {};
    for (const key of Object.keys(annotations)) {
      const v = annotations[key];
      if (typeof v === "string") setRecord(copy, key, v);
    }
    if (Object.keys(copy).length > 0) out.annotations = copy;
  }
  out.podName = stringOrEmpty(field(record, "podName"));
  const startTime = normalizeMetaTime(field(record, "startTime"));
  if (startTime !== undefined) out.startTime = startTime;
  const completionTime = normalizeMetaTime(field(record, "completionTime"));
  if (completionTime !== undefined) out.completionTime = completionTime;
  const steps = asList(field(record, "steps")).map(readStepState);
  if (steps.length > 0) out.steps = steps;
  const cloudEvents = cloneData(field(record, "cloudEvents"), path);
  if (Array.isArray(cloudEvents) && cloudEvents.length > 0) out.cloudEvents = cloudEvents as CloudEventDelivery[];
  const retries = asList(field(record, "retriesStatus")).map((r) => readTaskRunStatus(r, path));
  if (retries.length > 0) out.retriesStatus = retries;
  const resourcesResult = asList(field(record, "resourcesResult")).map(readResourceResult);
  if (resourcesResult.length > 0) out.resourcesResult = resourcesResult;
  const taskResults = asList(field(record, "taskResults")).map(readTaskRunResult);
  if (taskResults.length > 0) out.taskResults = taskResults;
  const sidecars = asList(field(record, "sidecars")).map(readStepState);
  if (sidecars.length > 0) out.sidecars = sidecars;
  const taskSpec = cloneData(field(record, "taskSpec"), path);
  if (asRecord(taskSpec) !== undefined) out.taskSpec = taskSpec as TaskSpec;
  return out;
}
