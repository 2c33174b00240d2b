/**
 * The first thing the Tekton v1.12 reconciler does with a TaskRun that has not started and is
 * not pending (pkg/reconciler/taskrun/taskrun.go `ReconcileKind`, pkg/apis/pipeline/v1
 * `TaskRunStatus.InitializeConditions`): `startTime` becomes now — or the TaskRun's creation
 * time, if the clock is behind it — and the `Succeeded` condition becomes Unknown with reason
 * `Started`. A TaskRun with `spec.status: TaskRunPending` is left as it is (v0.20.1 had no
 * pending runs).
 */
import type { Condition, Immutable, TaskRun } from "../../api/types.js";
import { formatMetaTime, GO_ZERO_TIME_NS, toNanoseconds } from "../../k8s/go-time.js";
import { field } from "../../read-values.js";
import { type Now, requireNow } from "../../status-shared/require-now.js";
import { getCondition, setCondition } from "../../status-shared/set-condition.js";
import type { TaskRunV1 } from "../api/types.js";
import { readTaskRun, type TaskRunView } from "./read-task-run.js";
import { toV1beta1Status } from "./to-v1beta1.js";
import type { TaskRunStatus, TaskRunStatusV1beta1 } from "./types.js";

/** `Succeeded` reason of a TaskRun the controller has just started. */
export const REASON_STARTED = "Started";

const PENDING = "TaskRunPending";

/** The v1 status after `InitializeConditions` at `nowNs` (unchanged for a run that has started). */
export function startStatus(view: TaskRunView, taskRun: unknown, nowNs: bigint): TaskRunStatus {
  const status: TaskRunStatus = { ...view.status };
  if (status.startTime !== undefined && toNanoseconds(status.startTime) !== GO_ZERO_TIME_NS) return status;
  const nowText = formatMetaTime(nowNs);
  // Not before the TaskRun existed: the controller's node clock may lag the API server's.
  const created = toNanoseconds(field(field(taskRun, "metadata"), "creationTimestamp"));
  const startTime = created !== undefined && nowNs < created ? formatMetaTime(created) : nowText;
  let conditions: readonly Condition[] = status.conditions ?? [];
  if (getCondition(conditions, "Succeeded") === undefined) {
    conditions = setCondition(conditions, { type: "Succeeded", status: "Unknown" }, nowText);
  }
  const { lastTransitionTime: _time, ...initial } = getCondition(conditions, "Succeeded") as Condition;
  conditions = setCondition(conditions, { ...initial, reason: REASON_STARTED }, nowText);
  return inStatusOrder({ ...status, conditions: [...conditions], ...(startTime !== undefined ? { startTime } : {}) });
}

/** The status's fields in Go's order (`v1.TaskRunStatus`), so the JSON reads like Tekton's. */
export function inStatusOrder(s: TaskRunStatus): TaskRunStatus {
  const out = {} as TaskRunStatus;
  if (s.observedGeneration !== undefined) out.observedGeneration = s.observedGeneration;
  if (s.conditions !== undefined) out.conditions = s.conditions;
  if (s.annotations !== undefined) out.annotations = s.annotations;
  out.podName = s.podName;
  if (s.startTime !== undefined) out.startTime = s.startTime;
  if (s.completionTime !== undefined) out.completionTime = s.completionTime;
  if (s.steps !== undefined) out.steps = s.steps;
  if (s.retriesStatus !== undefined) out.retriesStatus = s.retriesStatus;
  if (s.results !== undefined) out.results = s.results;
  if (s.artifacts !== undefined) out.artifacts = s.artifacts;
  if (s.sidecars !== undefined) out.sidecars = s.sidecars;
  if (s.taskSpec !== undefined) out.taskSpec = s.taskSpec;
  if (s.provenance !== undefined) out.provenance = s.provenance;
  if (s.spanContext !== undefined) out.spanContext = s.spanContext;
  return out;
}

/** The status in the TaskRun's own version: v1, or v1beta1 for a `tekton.dev/v1beta1` TaskRun. */
export function inTaskRunForm(view: TaskRunView, status: TaskRunStatus): TaskRunStatus | TaskRunStatusV1beta1 {
  return view.form === "v1beta1" ? toV1beta1Status(status, view.extras) : status;
}

/**
 * The TaskRun's status after the v1.12 controller's first look at it at `now`, in the TaskRun's
 * own version (v1, or v1beta1 for a `tekton.dev/v1beta1` TaskRun): when it has no
 * `status.startTime` (or Go's zero time) and is not pending, `startTime` is set and `Succeeded`
 * is Unknown with reason `Started`; otherwise the status is kept as it is. Returns a new object.
 *
 * @example
 * ```ts
 * const status = initializeTaskRunStatus(taskRun, "2026-01-15T10:00:00Z");
 * status.conditions?.[0]?.reason; // "Started"
 * ```
 */
export function initializeTaskRunStatus(
  taskRun: Immutable<TaskRunV1> | Immutable<TaskRun>,
  now: Now,
): TaskRunStatus | TaskRunStatusV1beta1 {
  const nowNs = requireNow(now, ["now"]);
  const view = readTaskRun(taskRun);
  const pending = field(field(taskRun, "spec"), "status") === PENDING;
  return inTaskRunForm(view, pending ? inStatusOrder(view.status) : startStatus(view, taskRun, nowNs));
}
