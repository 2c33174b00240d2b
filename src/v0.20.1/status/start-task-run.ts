/**
 * The first thing the Tekton v0.20.1 reconciler does with a TaskRun that has not started
 * (pkg/reconciler/taskrun/taskrun.go `ReconcileKind`, `TaskRunStatus.InitializeConditions`):
 * `startTime` becomes now — or the TaskRun's creation time, if the clock is behind it — and the
 * `Succeeded` condition becomes Unknown with reason `Started`. Without a `startTime` a run can
 * never time out, so an embedding controller calls this before anything else.
 */

import type { Condition, Immutable, TaskRun, TaskRunStatus } from "../../api/types.js";
import { goStruct, inGoOrder } from "../../k8s/field-order.js";
import { formatMetaTime, GO_ZERO_TIME_NS, toNanoseconds } from "../../k8s/go-time.js";
import { field } from "../../read-values.js";
import { requireNow } from "../../status-shared/require-now.js";
import { getCondition, setCondition } from "../../status-shared/set-condition.js";
import { readTaskRunStatus } from "./read-task-run-status.js";
import type { Now } from "./types.js";

const TASK_RUN_STATUS = goStruct("v0.20.1/v1beta1.TaskRunStatus");

/** `Succeeded` reason of a TaskRun the controller has just started. */
export const REASON_STARTED = "Started";

/**
 * The TaskRun's status after the controller's first look at it at `now`: when it has no
 * `status.startTime` (or Go's zero time), `startTime` is set and `Succeeded` is Unknown with
 * reason `Started`; a TaskRun that has started keeps its status as it is. Returns a new object.
 *
 * @example
 * ```ts
 * const status = initializeTaskRunStatus(taskRun, "2020-12-01T10:00:00Z");
 * status.startTime; // "2020-12-01T10:00:00Z"
 * status.conditions?.[0]?.reason; // "Started"
 * ```
 */
export function initializeTaskRunStatus(taskRun: Immutable<TaskRun>, now: Now): TaskRunStatus {
  const nowNs = requireNow(now, ["now"]);
  const nowText = formatMetaTime(nowNs);
  const status = readTaskRunStatus(field(taskRun, "status"));
  if (status.startTime !== undefined && toNanoseconds(status.startTime) !== GO_ZERO_TIME_NS)
    return inGoOrder(status, TASK_RUN_STATUS);

  // Not before the TaskRun existed: the controller's node clock may lag the API server's.
  const created = toNanoseconds(field(field(taskRun, "metadata"), "creationTimestamp"));
  const startTime = created !== undefined && nowNs < created ? formatMetaTime(created) : nowText;
  if (startTime === undefined) delete status.startTime;
  else status.startTime = startTime;
  let conditions: readonly Condition[] = status.conditions ?? [];
  if (getCondition(conditions, "Succeeded") === undefined) {
    conditions = setCondition(conditions, { type: "Succeeded", status: "Unknown" }, nowText);
  }
  const { lastTransitionTime: _time, ...initial } = getCondition(conditions, "Succeeded") as Condition;
  conditions = setCondition(conditions, { ...initial, reason: REASON_STARTED }, nowText);
  return inGoOrder({ ...status, conditions: [...conditions] }, TASK_RUN_STATUS);
}
