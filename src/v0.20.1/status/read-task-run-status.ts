/**
 * Reads the TaskRun status a Tekton v0.20.1 controller starts from: Go's `encoding/json` into
 * `v1beta1.TaskRunStatus` (known fields only, timestamps as `metav1.Time`, `retriesStatus`
 * decoded recursively, `taskSpec` and `cloudEvents` copied as data).
 */
import type {
  CloudEventDelivery,
  PipelineResourceRef,
  PipelineResourceResult,
  TaskRunResult,
  TaskRunStatus,
  TaskSpec,
} from "../../api/types.js";
import { goKeyOrder, goStruct, inGoOrder } from "../../k8s/field-order.js";
import { normalizeMetaTime } from "../../k8s/go-time.js";
import { setRecord } from "../../k8s/records.js";
import { asRecord, field, stringOrEmpty } from "../../read-values.js";
import {
  cloneData,
  intOrZero,
  omitEmpty,
  own,
  readCondition,
  readStepState,
} from "../../status-shared/read-objects.js";

const CLOUD_EVENT_DELIVERY = goStruct("v0.20.1/v1beta1.CloudEventDelivery");
const TASK_SPEC = goStruct("v0.20.1/v1beta1.TaskSpec");

/** A decoded `taskResults[]` entry. */
export function readTaskRunResult(value: unknown): TaskRunResult {
  return { name: stringOrEmpty(field(value, "name")), value: stringOrEmpty(field(value, "value")) };
}

/** A decoded `resourcesResult[]` entry. */
export function readResourceResult(value: unknown): PipelineResourceResult {
  const out: PipelineResourceResult = {
    key: stringOrEmpty(field(value, "key")),
    value: stringOrEmpty(field(value, "value")),
  };
  const resourceName = stringOrEmpty(field(value, "resourceName"));
  if (resourceName !== "") out.resourceName = resourceName;
  const ref = asRecord(field(value, "resourceRef"));
  if (ref !== undefined) {
    // Go omits an empty name too; the shared type declares it required for TaskRun bindings.
    const fields = omitEmpty({
      name: stringOrEmpty(field(ref, "name")),
      apiVersion: stringOrEmpty(field(ref, "apiVersion")),
    });
    out.resourceRef = fields as PipelineResourceRef;
  }
  const type = stringOrEmpty(field(value, "type"));
  if (type !== "") out.type = type;
  return out;
}

/** Whether `value` is a list with entries (most lists of a status are absent or empty). */
function isNonEmptyList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && value.length > 0;
}

/** How deep `retriesStatus` entries are read inside one another. */
const MAX_RETRY_NESTING = 1000;

/**
 * A decoded `TaskRunStatus` (what Go's `json.Unmarshal` would keep): known fields only,
 * timestamps as `metav1.Time`, `retriesStatus` decoded recursively, `taskSpec` and
 * `cloudEvents` copied as data. `podName` is always present, as Go always writes it. Every
 * object is in the order Go would write it back (struct fields in order, map keys sorted).
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
  // Go's encoding/json refuses input nested more than 10,000 levels deep; retries nested
  // beyond a thousand are dropped rather than recursed into (each level is two in JSON).
  if (record === undefined || ancestors.length > MAX_RETRY_NESTING || ancestors.includes(record))
    return { podName: "" };
  const out: TaskRunStatus = {};
  const generation = intOrZero(own(record, "observedGeneration", record.observedGeneration));
  if (generation !== 0) out.observedGeneration = generation;
  const conditions = own(record, "conditions", record.conditions);
  if (isNonEmptyList(conditions)) out.conditions = conditions.map(readCondition);
  const annotations = asRecord(own(record, "annotations", record.annotations));
  if (annotations !== undefined) {
    // A Go map: written with its keys sorted.
    const copy: Record<string, string> = {};
    let kept = 0;
    for (const key of goKeyOrder(annotations, undefined)) {
      const v = annotations[key];
      if (typeof v === "string") {
        setRecord(copy, key, v);
        kept++;
      }
    }
    if (kept > 0) out.annotations = copy;
  }
  out.podName = stringOrEmpty(own(record, "podName", record.podName));
  const startTime = normalizeMetaTime(own(record, "startTime", record.startTime));
  if (startTime !== undefined) out.startTime = startTime;
  const completionTime = normalizeMetaTime(own(record, "completionTime", record.completionTime));
  if (completionTime !== undefined) out.completionTime = completionTime;
  const steps = own(record, "steps", record.steps);
  if (states && isNonEmptyList(steps)) out.steps = steps.map(readStepState);
  // What is copied as data is checked for cycles through the statuses enclosing it.
  const rawCloudEvents = own(record, "cloudEvents", record.cloudEvents);
  const cloudEvents = rawCloudEvents === undefined ? undefined : cloneData(rawCloudEvents, [...ancestors, record]);
  if (Array.isArray(cloudEvents) && cloudEvents.length > 0)
    out.cloudEvents = inGoOrder(cloudEvents, CLOUD_EVENT_DELIVERY) as CloudEventDelivery[];
  const retries = own(record, "retriesStatus", record.retriesStatus);
  if (isNonEmptyList(retries)) {
    const path = [...ancestors, record];
    out.retriesStatus = retries.map((r) => readTaskRunStatus(r, {}, path));
  }
  const resourcesResult = own(record, "resourcesResult", record.resourcesResult);
  if (isNonEmptyList(resourcesResult)) out.resourcesResult = resourcesResult.map(readResourceResult);
  const taskResults = own(record, "taskResults", record.taskResults);
  if (isNonEmptyList(taskResults)) out.taskResults = taskResults.map(readTaskRunResult);
  const sidecars = own(record, "sidecars", record.sidecars);
  if (states && isNonEmptyList(sidecars)) out.sidecars = sidecars.map(readStepState);
  const rawTaskSpec = own(record, "taskSpec", record.taskSpec);
  const taskSpec = rawTaskSpec === undefined ? undefined : cloneData(rawTaskSpec, [...ancestors, record]);
  if (asRecord(taskSpec) !== undefined) out.taskSpec = inGoOrder(taskSpec, TASK_SPEC) as TaskSpec;
  return out;
}
