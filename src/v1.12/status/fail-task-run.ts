/**
 * The status the Tekton v1.12 controller writes when it stops a TaskRun that was cancelled
 * (`spec.status: TaskRunCancelled`) or ran out of time (pkg/reconciler/taskrun/taskrun.go
 * `ReconcileKind`, `failTaskRun`, `terminateStepsInPod`): `Succeeded` becomes False with reason
 * `TaskRunCancelled` or `TaskRunTimeout` and v1.12's message, `completionTime` is now, and —
 * when a Pod was recorded — every step still running or waiting is terminated with exit code 1,
 * that reason as both `reason` and `terminationReason`, a message naming the Pod, and a start
 * time (the running state's, or the TaskRun's creation for a step that never ran).
 *
 * Where v0.20.1 differs: its cancel message has no `spec.statusMessage`, and its terminated steps
 * carry no message, no `terminationReason`, and no start time for a waiting step.
 *
 * Before a timeout (not a cancel), v1.12 first refreshes `status.steps` from the Pod
 * (`updateStepStatusesFromPod`): when the caller passes the Pod named by `status.podName`, the
 * steps become those `MakeTaskRunStatus` would write for it — and only the steps; the rest of the
 * status is the TaskRun's own — so a step that finished since the last reconcile keeps its real
 * ending instead of being marked as stopped by the timeout. As in Tekton, the refresh is skipped
 * when no Pod is recorded, when the Pod is not there, and when the fold of that Pod fails (a
 * termination message, start time, exit code, artifacts entry or result reference that Tekton
 * cannot read: `MakeTaskRunStatus` then returns an error and the reconciler only logs it).
 *
 * Like the controller, a TaskRun that has not started yet first gets its `startTime`. Whether
 * to cancel or time out at all is the caller's decision, as it is the reconciler's.
 */
import type { ContainerStateTerminated } from "kubernetes-types/core/v1.js";
import type { Immutable, Pod, TaskRun } from "../../api/types.js";
import { formatGoDuration } from "../../k8s/duration.js";
import { goQuote } from "../../k8s/go-quote.js";
import { formatMetaTime, normalizeMetaTime } from "../../k8s/go-time.js";
import { field, stringOrEmpty } from "../../read-values.js";
import { type TimeoutOptions, taskRunTimeout } from "../../status-shared/check-timeout.js";
import { type Now, requireNow } from "../../status-shared/require-now.js";
import { markFailed } from "../../status-shared/step-outcome.js";
import type { TaskRunV1 } from "../api/types.js";
import { foldV1 } from "./fold-task-run-status.js";
import { readTaskRun, type TaskRunView } from "./read-task-run.js";
import { inStatusOrder, inTaskRunForm, startStatus } from "./start-task-run.js";
import type { StepState, TaskRunStatus, TaskRunStatusV1beta1 } from "./types.js";

/** `Succeeded` reason of a TaskRun the controller cancelled. */
export const REASON_CANCELLED = "TaskRunCancelled";
/** `Succeeded` reason of a TaskRun the controller timed out. */
export const REASON_TIMED_OUT = "TaskRunTimeout";

type AnyTaskRun = Immutable<TaskRunV1> | Immutable<TaskRun>;

/** Options of the v1.12 {@link timeout}: the default timeout, and the Pod to refresh the steps from. */
export interface TimeoutStatusOptions extends TimeoutOptions {
  /**
   * The TaskRun's Pod as the controller's informer sees it at `now`. Used only when its
   * `metadata.name` is `status.podName` (the reconciler looks the Pod up by that name); absent,
   * the steps are those already in `status.steps`, as when Tekton finds no Pod.
   */
  readonly pod?: Immutable<Pod> | undefined;
  /**
   * `defaults` (`config-defaults`) for the default timeout; `featureFlags` (`feature-flags`) for
   * the refresh, which reads the Pod as the fold does.
   */
  readonly config?: {
    readonly defaults?: Readonly<Record<string, string>>;
    readonly featureFlags?: Readonly<Record<string, string>>;
  };
}

// The one fold warning that is not an error of MakeTaskRunStatus: the results sidecar's logs are
// not part of the input, and Tekton reads them without failing the fold.
const NOT_A_FOLD_ERROR = new Set<string>(["sidecar-log-results-not-read"]);

/**
 * The status after the v1.12 controller cancels the TaskRun at `now`; the message is
 * `TaskRun "<name>" was cancelled. <spec.statusMessage>` (with the trailing space when there is
 * no status message).
 *
 * @example
 * ```ts
 * cancel({ ...taskRun, spec: { ...taskRun.spec, status: "TaskRunCancelled", statusMessage: "by ci" } }, "2026-01-15T10:05:00Z")
 *   .conditions?.[0]?.message; // 'TaskRun "build" was cancelled. by ci'
 * ```
 */
export function cancel(taskRun: AnyTaskRun, now: Now): TaskRunStatus | TaskRunStatusV1beta1 {
  const name = stringOrEmpty(field(field(taskRun, "metadata"), "name"));
  const statusMessage = stringOrEmpty(field(field(taskRun, "spec"), "statusMessage"));
  return failTaskRun(taskRun, now, REASON_CANCELLED, `TaskRun ${goQuote(name)} was cancelled. ${statusMessage}`);
}

/**
 * The status after the v1.12 controller times the TaskRun out at `now`: the message names the
 * timeout as Go prints a duration (`TaskRun "build" failed to finish within "1h0m0s"`). Throws a
 * `CompileError` if `spec.timeout` is not a Go duration.
 *
 * @example
 * ```ts
 * timeout(taskRun, "2026-01-15T11:00:01Z").conditions?.[0]?.reason; // "TaskRunTimeout"
 * ```
 */
export function timeout(
  taskRun: AnyTaskRun,
  now: Now,
  options: TimeoutStatusOptions = {},
): TaskRunStatus | TaskRunStatusV1beta1 {
  const name = stringOrEmpty(field(field(taskRun, "metadata"), "name"));
  const limit = formatGoDuration(taskRunTimeout(taskRun as Immutable<TaskRun>, options));
  const refresh = (view: TaskRunView, status: TaskRunStatus, nowText: string | undefined) =>
    refreshSteps(view, status, options.pod, field(options.config, "featureFlags"), nowText);
  return failTaskRun(
    taskRun,
    now,
    REASON_TIMED_OUT,
    `TaskRun ${goQuote(name)} failed to finish within ${goQuote(limit)}`,
    refresh,
  );
}

/**
 * `updateStepStatusesFromPod`: the status with the steps `MakeTaskRunStatus` writes for the Pod,
 * or as it is when there is no Pod to read or the fold of it fails.
 */
function refreshSteps(
  view: TaskRunView,
  status: TaskRunStatus,
  pod: unknown,
  featureFlags: unknown,
  nowText: string | undefined,
): TaskRunStatus {
  if (status.podName === "" || pod === undefined) return status;
  if (stringOrEmpty(field(field(pod, "metadata"), "name")) !== status.podName) return status;
  const folded = foldV1(view.withStatus(status), pod, featureFlags, nowText);
  if (folded.warnings.some((w) => !NOT_A_FOLD_ERROR.has(w.code))) return status;
  const out: TaskRunStatus = { ...status };
  if (folded.status.steps === undefined) delete out.steps;
  else out.steps = folded.status.steps;
  return out;
}

type Refresh = (view: TaskRunView, status: TaskRunStatus, nowText: string | undefined) => TaskRunStatus;

function failTaskRun(
  taskRun: AnyTaskRun,
  now: Now,
  reason: string,
  message: string,
  refresh?: Refresh,
): TaskRunStatus | TaskRunStatusV1beta1 {
  const nowNs = requireNow(now, ["now"]);
  const nowText = formatMetaTime(nowNs);
  const view = readTaskRun(taskRun);
  // Like the controller, a run that never started gets its start first; a timeout then reads
  // the Pod's step states before stopping the steps.
  const started = startStatus(view, taskRun, nowNs);
  const status = refresh === undefined ? started : refresh(view, started, nowText);
  const result: TaskRunStatus = markFailed(status, reason, message, nowText);
  if (result.podName !== "" && result.steps !== undefined) {
    const created = normalizeMetaTime(field(field(taskRun, "metadata"), "creationTimestamp"));
    const context: StopContext = { reason, podName: result.podName, created, finished: nowText };
    result.steps = result.steps.map((step) => stopStep(step, context));
  }
  return inTaskRunForm(view, inStatusOrder(result));
}

interface StopContext {
  readonly reason: string;
  readonly podName: string;
  /** The TaskRun's `creationTimestamp`: a waiting step's start (the CRD schema wants one). */
  readonly created: string | undefined;
  readonly finished: string | undefined;
}

/**
 * `terminateStepsInPod` for one step: a running step, then (in the same pass) a waiting one, is
 * terminated; a step in neither state is kept as it is.
 */
function stopStep(step: StepState, context: StopContext): StepState {
  if (step.running === undefined && step.waiting === undefined) return step;
  // The waiting branch comes second in Tekton, so it wins for a step that claims both states.
  const terminated =
    step.waiting !== undefined
      ? terminatedState(step, context.created, context)
      : terminatedState(step, step.running?.startedAt, context);
  const terminationReason = context.reason;
  // Fields in Go's order (`v1.StepState`); the running or waiting state is gone.
  const out: StepState = {};
  out.terminated = terminated;
  if (step.name !== undefined) out.name = step.name;
  if (step.container !== undefined) out.container = step.container;
  if (step.imageID !== undefined) out.imageID = step.imageID;
  if (step.results !== undefined) out.results = step.results;
  if (step.provenance !== undefined) out.provenance = step.provenance;
  out.terminationReason = terminationReason;
  if (step.inputs !== undefined) out.inputs = step.inputs;
  if (step.outputs !== undefined) out.outputs = step.outputs;
  return out;
}

function terminatedState(
  step: StepState,
  startedAt: string | undefined,
  context: StopContext,
): ContainerStateTerminated {
  const out: ContainerStateTerminated = {
    exitCode: 1,
    reason: context.reason,
    message: `Step ${step.name ?? ""} terminated as pod ${context.podName} is terminated`,
  };
  // Go's zero time (no start known) is written as null; like the fold, it is left out here.
  if (startedAt !== undefined) out.startedAt = startedAt;
  if (context.finished !== undefined) out.finishedAt = context.finished;
  return out;
}
