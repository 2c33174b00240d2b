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

/** One `status.conditions` entry of a Pod, decoded. */
export interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

/** What the fold needs from a Pod. */
export interface PodView {
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  readonly message: string;
  /** Decoded on demand: only a Pending Pod's conditions are ever read. */
  readonly conditions: () => readonly PodCondition[];
  readonly containerNames: readonly string[];
  readonly containerStatuses: readonly PodContainerStatus[];
}

/** Decodes the parts of a Pod the fold reads. */
export function readPod(pod: unknown): PodView {
  const metadata = field(pod, "metadata");
  const status = field(pod, "status");
  const containers = asList(field(field(pod, "spec"), "containers"));
  const containerNames: string[] = [];
  for (const c of containers) containerNames.push(stringOrEmpty(field(c, "name")));
  const statuses = asList(field(status, "containerStatuses"));
  const containerStatuses: PodContainerStatus[] = [];
  for (let index = 0; index < statuses.length; index++) {
    const s = statuses[index];
    containerStatuses.push({
      index,
      name: stringOrEmpty(field(s, "name")),
      imageID: stringOrEmpty(field(s, "imageID")),
      ready: field(s, "ready") === true,
      state: readContainerState(field(s, "state")),
    });
  }
  return {
    name: stringOrEmpty(field(metadata, "name")),
    namespace: stringOrEmpty(field(metadata, "namespace")),
    phase: stringOrEmpty(field(status, "phase")),
    message: stringOrEmpty(field(status, "message")),
    conditions: () =>
      asList(field(status, "conditions")).map((c) => ({
        type: stringOrEmpty(field(c, "type")),
        status: stringOrEmpty(field(c, "status")),
        reason: stringOrEmpty(field(c, "reason")),
        message: stringOrEmpty(field(c, "message")),
      })),
    containerNames,
    containerStatuses,
  };
}

/**
 * A `ContainerState` with Go's field set and `metav1.Time` timestamps. Each object is built
 * field by field in Go's order (no spreads or deletions): the fold calls this for every
 * container on every Pod event, so it is most of the fold's fixed cost.
 */
export function readContainerState(value: unknown): ContainerState {
  const out: ContainerState = {};
  const waiting = asRecord(field(value, "waiting"));
  if (waiting !== undefined) {
    const w: { reason?: string; message?: string } = {};
    const reason = stringOrEmpty(field(waiting, "reason"));
    if (reason !== "") w.reason = reason;
    const message = stringOrEmpty(field(waiting, "message"));
    if (message !== "") w.message = message;
    out.waiting = w;
  }
  const running = asRecord(field(value, "running"));
  if (running !== undefined) {
    const startedAt = normalizeMetaTime(field(running, "startedAt"));
    out.running = startedAt === undefined ? {} : { startedAt };
  }
  const terminated = asRecord(field(value, "terminated"));
  if (terminated !== undefined) {
    const t: NonNullable<ContainerState["terminated"]> = { exitCode: int(field(terminated, "exitCode")) };
    const reason = stringOrEmpty(field(terminated, "reason"));
    if (reason !== "") t.reason = reason;
    const message = stringOrEmpty(field(terminated, "message"));
    if (message !== "") t.message = message;
    const signal = int(field(terminated, "signal"));
    if (signal !== 0) t.signal = signal;
    const startedAt = normalizeMetaTime(field(terminated, "startedAt"));
    if (startedAt !== undefined) t.startedAt = startedAt;
    const finishedAt = normalizeMetaTime(field(terminated, "finishedAt"));
    if (finishedAt !== undefined) t.finishedAt = finishedAt;
    const containerID = stringOrEmpty(field(terminated, "containerID"));
    if (containerID !== "") t.containerID = containerID;
    out.terminated = t;
  }
  return out;
}

/** A decoded `status.steps[]` / `status.sidecars[]` entry. */
export function readStepState(value: unknown): StepState {
  const out: StepState = readContainerState(value);
  const name = stringOrEmpty(field(value, "name"));
  if (name !== "") out.name = name;
  const container = stringOrEmpty(field(value, "container"));
  if (container !== "") out.container = container;
  const imageID = stringOrEmpty(field(value, "imageID"));
  if (imageID !== "") out.imageID = imageID;
  return out;
}

/** A decoded condition, Go field order, empty fields omitted. */
export function readCondition(value: unknown): Condition {
  const c: Condition = { type: stringOrEmpty(field(value, "type")), status: stringOrEmpty(field(value, "status")) };
  const severity = stringOrEmpty(field(value, "severity"));
  if (severity !== "") c.severity = severity;
  const ltt = normalizeMetaTime(field(value, "lastTransitionTime"));
  if (ltt !== undefined) c.lastTransitionTime = ltt;
  const reason = stringOrEmpty(field(value, "reason"));
  if (reason !== "") c.reason = reason;
  const message = stringOrEmpty(field(value, "message"));
  if (message !== "") c.message = message;
  return c;
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
 * and drops `undefined`, functions and cycles.
 */
export function cloneData(value: unknown, ancestors: readonly object[] = []): unknown {
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" || typeof value === "bigint" ? undefined : value;
  }
  if (value instanceof Date) return normalizeMetaTime(value);
  if (ancestors.includes(value)) return undefined;
  const path = [...ancestors, value];
  if (Array.isArray(value)) return value.map((v) => cloneData(v, path) ?? null);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = cloneData((value as Record<string, unknown>)[key], path);
    if (v !== undefined) setRecord(out, key, v);
  }
  return out;
}

/** Go's `omitempty` for string fields. */
export function omitEmpty<T extends Record<string, string>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (fields[key] !== "") out[key] = fields[key];
  }
  return out;
}

/**
 * A decoded `TaskRunStatus` (what Go's `json.Unmarshal` would keep): known fields only,
 * timestamps as `metav1.Time`, `retriesStatus` decoded recursively, `taskSpec` and
 * `cloudEvents` copied as data. `podName` is always present, as Go always writes it.
 *
 * With `states: false` the top-level `steps` and `sidecars` are not read: the fold replaces
 * both (Tekton resets them before filling them from the Pod), and decoding them on every Pod
 * event would be wasted work. Retries always keep theirs.
 */
export function readTaskRunStatus(
  value: unknown,
  { states = true }: { readonly states?: boolean } = {},
  ancestors: readonly object[] = [],
): TaskRunStatus {
  const record = asRecord(value);
  if (record === undefined || ancestors.includes(record)) return { podName: "" };
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
  const steps = states ? asList(field(record, "steps")).map(readStepState) : [];
  if (steps.length > 0) out.steps = steps;
  const cloudEvents = cloneData(field(record, "cloudEvents"), path);
  if (Array.isArray(cloudEvents) && cloudEvents.length > 0) out.cloudEvents = cloudEvents as CloudEventDelivery[];
  const retries = asList(field(record, "retriesStatus")).map((r) => readTaskRunStatus(r, {}, path));
  if (retries.length > 0) out.retriesStatus = retries;
  const resourcesResult = asList(field(record, "resourcesResult")).map(readResourceResult);
  if (resourcesResult.length > 0) out.resourcesResult = resourcesResult;
  const taskResults = asList(field(record, "taskResults")).map(readTaskRunResult);
  if (taskResults.length > 0) out.taskResults = taskResults;
  const sidecars = states ? asList(field(record, "sidecars")).map(readStepState) : [];
  if (sidecars.length > 0) out.sidecars = sidecars;
  const taskSpec = cloneData(field(record, "taskSpec"), path);
  if (asRecord(taskSpec) !== undefined) out.taskSpec = taskSpec as TaskSpec;
  return out;
}
