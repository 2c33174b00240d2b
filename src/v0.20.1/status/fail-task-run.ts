/**
 * The status the Tekton v0.20.1 controller writes when it stops a TaskRun that was cancelled
 * (`spec.status: TaskRunCancelled`) or ran out of time (pkg/reconciler/taskrun/taskrun.go
 * `ReconcileKind` and `failTaskRun`): `Succeeded` becomes False with reason `TaskRunCancelled`
 * or `TaskRunTimeout` and Tekton's message, `completionTime` is now, and — when a Pod was
 * recorded, which the controller then deletes — every step still running or waiting is shown
 * as terminated with exit code 1 and that reason.
 *
 * Like the controller, a TaskRun that has not started yet first gets its `startTime` (now, or
 * its creation time if that is later). Whether to cancel or time out at all (the run is not
 * done yet; `hasTimedOut`) is the caller's decision, as it is the reconciler's.
 */

import type { ContainerStateTerminated } from "kubernetes-types/core/v1.js";
import type { Immutable, StepState, TaskRun, TaskRunStatus } from "../../api/types.js";
import { formatGoDuration } from "../../k8s/duration.js";
import { goStruct, inGoOrder } from "../../k8s/field-order.js";
import { goQuote } from "../../k8s/go-quote.js";
import { formatMetaTime } from "../../k8s/go-time.js";
import { field, stringOrEmpty } from "../../read-values.js";
import { taskRunTimeout } from "../../status-shared/check-timeout.js";
import { requireNow } from "../../status-shared/require-now.js";
import { markFailed } from "../../status-shared/step-outcome.js";
import { TASK_RUN_CANCELLED } from "../contract.js";
import { initializeTaskRunStatus } from "./start-task-run.js";
import type { Now, TimeoutOptions } from "./types.js";

/** `Succeeded` reason of a TaskRun the controller timed out. */
export const REASON_TIMED_OUT = "TaskRunTimeout";

/**
 * The status after the controller cancels the TaskRun at `now`.
 *
 * @example
 * ```ts
 * cancel(taskRun, "2020-12-01T10:05:00Z").conditions;
 * // [{ type: "Succeeded", status: "False", reason: "TaskRunCancelled",
 * //    message: 'TaskRun "build" was cancelled', lastTransitionTime: "2020-12-01T10:05:00Z" }]
 * ```
 */
export function cancel(taskRun: Immutable<TaskRun>, now: Now): TaskRunStatus {
  const name = stringOrEmpty(field(field(taskRun, "metadata"), "name"));
  return failTaskRun(taskRun, now, TASK_RUN_CANCELLED, `TaskRun ${goQuote(name)} was cancelled`);
}

/**
 * The status after the controller times the TaskRun out at `now`; the message names the
 * timeout as Go prints a duration (`"1h0m0s"`). Throws a `CompileError` if `spec.timeout` is
 * not a Go duration.
 *
 * @example
 * ```ts
 * timeout(taskRun, "2020-12-01T11:00:01Z").conditions?.[0]?.message;
 * // 'TaskRun "build" failed to finish within "1h0m0s"'
 * ```
 */
export function timeout(taskRun: Immutable<TaskRun>, now: Now, options: TimeoutOptions = {}): TaskRunStatus {
  const name = stringOrEmpty(field(field(taskRun, "metadata"), "name"));
  const limit = formatGoDuration(taskRunTimeout(taskRun, options));
  return failTaskRun(
    taskRun,
    now,
    REASON_TIMED_OUT,
    `TaskRun ${goQuote(name)} failed to finish within ${goQuote(limit)}`,
  );
}

function failTaskRun(taskRun: Immutable<TaskRun>, now: Now, reason: string, message: string): TaskRunStatus {
  const nowNs = requireNow(now, ["now"]);
  const nowText = formatMetaTime(nowNs);
  // Like the controller, a run that never started gets its start first.
  const status = initializeTaskRunStatus(taskRun, now);
  const result: TaskRunStatus = markFailed(status, reason, message, nowText);
  if (status.podName !== "" && status.steps !== undefined) {
    result.steps = status.steps.map((step) => stopStep(step, reason, nowText));
  }
  return inGoOrder(result, goStruct("v0.20.1/v1beta1.TaskRunStatus"));
}

/** A step the deleted Pod was still running or waiting to run ends with exit code 1. */
function stopStep(step: StepState, reason: string, now: string | undefined): StepState {
  if (step.running === undefined && step.waiting === undefined) return step;
  const { running, waiting, terminated: _previous, ...rest } = step;
  const terminated: ContainerStateTerminated = { exitCode: 1, reason };
  if (waiting === undefined && running?.startedAt !== undefined) terminated.startedAt = running.startedAt;
  if (now !== undefined) terminated.finishedAt = now;
  return { ...rest, terminated: orderTerminated(terminated) };
}

function orderTerminated(t: ContainerStateTerminated): ContainerStateTerminated {
  const out: ContainerStateTerminated = { exitCode: t.exitCode, reason: t.reason as string };
  if (t.startedAt !== undefined) out.startedAt = t.startedAt;
  if (t.finishedAt !== undefined) out.finishedAt = t.finishedAt;
  return out;
}
