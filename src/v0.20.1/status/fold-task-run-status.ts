/**
 * The TaskRun status a Tekton v0.20.1 controller writes after looking at the TaskRun's Pod:
 * `MakeTaskRunStatus` in pkg/pod/status.go, with knative's condition semantics, and the seed's
 * "Monitoring execution status" rules (steps in Task order).
 *
 * Order of the work, as in Tekton: mark the run Running unless it already finished; decide
 * complete / failed / pending from the Pod; record the Pod name; turn step and sidecar container
 * statuses into states, reading each step's termination message for results and its real start
 * time; keep Task results only when the run succeeded; deduplicate Task results.
 */

import type { ContainerStateTerminated } from "kubernetes-types/core/v1.js";
import type { Condition, PipelineResourceResult, StepState, TaskRunResult, TaskRunStatus } from "../../api/types.js";
import { type Issue, issue } from "../../errors.js";
import { goQuote } from "../../k8s/go-quote.js";
import { metaTimeOf } from "../../k8s/go-time.js";
import { appendAll, field } from "../../read-values.js";
import { type PodContainerStatus, readPod } from "../../status-shared/read-objects.js";
import { requireNowMetaTime } from "../../status-shared/require-now.js";
import { getCondition, setCondition } from "../../status-shared/set-condition.js";
import { mayShareNames } from "../../status-shared/share-names.js";
import { didTaskRunFail, invalidTerminationMessage } from "../../status-shared/step-outcome.js";
import { waitingMessage } from "../../status-shared/waiting-message.js";
import { SIDECAR_PREFIX, STEP_PREFIX } from "../contract.js";
import {
  areStepsComplete,
  failureMessage,
  isPodExceedingNodeResources,
  isPodHitConfigError,
  isSidecarContainer,
  isStepContainer,
  MESSAGE_EXCEEDED_NODE_RESOURCES,
  MESSAGE_RUNNING,
  MESSAGE_SUCCEEDED,
  orderContainerStatuses,
  REASON_CREATE_CONTAINER_CONFIG_ERROR,
  REASON_EXCEEDED_NODE_RESOURCES,
  REASON_FAILED,
  REASON_PENDING,
  REASON_RUNNING,
  REASON_SUCCEEDED,
} from "./describe-pod.js";
import {
  formatTerminationMessage,
  parseTerminationMessage,
  splitResults,
  toResourceResult,
} from "./parse-termination-message.js";
import { readTaskRunStatus } from "./read-task-run-status.js";
import type { FoldInput, FoldOptions, FoldResult } from "./types.js";

const SUCCEEDED = "Succeeded";

/**
 * Folds the Pod's state into the TaskRun status Tekton v0.20.1 would write, and returns the
 * problems it would only have logged (see {@link FoldResult}). Never throws on any TaskRun or
 * Pod, however malformed; throws a `CompileError` only when `options.now` is not a time.
 *
 * @example
 * ```ts
 * const { status, warnings } = foldTaskRunStatusWithWarnings({ taskRun, pod }, { now: "2020-12-01T10:05:00Z" });
 * for (const w of warnings) console.warn(`${w.path}: ${w.message}`);
 * ```
 */
export function foldTaskRunStatusWithWarnings(input: FoldInput, options: FoldOptions): FoldResult {
  const now = requireNowMetaTime(options?.now, ["now"]);
  const base = readTaskRunStatus(field(field(input, "taskRun"), "status"), { states: false });
  const pod = readPod(field(input, "pod"));
  const warnings: Issue[] = [];

  let conditions: readonly Condition[] = base.conditions ?? [];
  const mark = (status: string, reason: string, message: string) => {
    conditions = setCondition(conditions, { type: SUCCEEDED, status, reason, message }, now);
  };
  const before = getCondition(conditions, SUCCEEDED);
  if (before === undefined || before.status === "Unknown") mark("Unknown", REASON_RUNNING, MESSAGE_RUNNING);

  const statuses = orderContainerStatuses(pod.containerStatuses, pod.containerNames);
  let completionTime = base.completionTime;
  if (areStepsComplete(pod, statuses) || pod.phase === "Succeeded" || pod.phase === "Failed") {
    if (didTaskRunFail(pod, statuses, isStepContainer)) mark("False", REASON_FAILED, failureMessage(pod, statuses));
    else mark("True", REASON_SUCCEEDED, MESSAGE_SUCCEEDED);
    completionTime = now;
  } else if (pod.phase === "Running") {
    mark("Unknown", REASON_RUNNING, MESSAGE_RUNNING);
  } else if (pod.phase === "Pending") {
    if (isPodExceedingNodeResources(pod))
      mark("Unknown", REASON_EXCEEDED_NODE_RESOURCES, MESSAGE_EXCEEDED_NODE_RESOURCES);
    else if (isPodHitConfigError(statuses))
      mark("Unknown", REASON_CREATE_CONTAINER_CONFIG_ERROR, waitingMessage(pod, statuses));
    else mark("Unknown", REASON_PENDING, waitingMessage(pod, statuses));
  }

  const successful = getCondition(conditions, SUCCEEDED)?.status === "True";
  const taskResults: TaskRunResult[] = [...(base.taskResults ?? [])];
  const resourcesResult: PipelineResourceResult[] = [...(base.resourcesResult ?? [])];
  const steps: StepState[] = [];
  const sidecars: StepState[] = [];
  for (const s of statuses) {
    if (isStepContainer(s.name)) {
      const folded = foldStep(s, warnings);
      if (successful) {
        appendAll(taskResults, folded.taskResults);
        appendAll(resourcesResult, folded.resourceResults);
      }
      steps.push(folded.state);
    } else if (isSidecarContainer(s.name)) {
      sidecars.push(stepState(s, s.name.slice(SIDECAR_PREFIX.length)));
    }
  }

  // Built in Go's field order, part by part (readTaskRunStatus orders what it keeps from the
  // TaskRun the same way), so the result needs no reordering copy.
  const status: TaskRunStatus = {};
  if (base.observedGeneration !== undefined) status.observedGeneration = base.observedGeneration;
  if (conditions.length > 0) status.conditions = [...conditions];
  if (base.annotations !== undefined) status.annotations = base.annotations;
  status.podName = pod.name;
  if (base.startTime !== undefined) status.startTime = base.startTime;
  if (completionTime !== undefined) status.completionTime = completionTime;
  if (steps.length > 0) status.steps = steps;
  if (base.cloudEvents !== undefined) status.cloudEvents = base.cloudEvents;
  if (base.retriesStatus !== undefined) status.retriesStatus = base.retriesStatus;
  if (resourcesResult.length > 0) status.resourcesResult = resourcesResult;
  const uniqueResults = dedupeTaskResults(taskResults);
  if (uniqueResults.length > 0) status.taskResults = uniqueResults;
  if (sidecars.length > 0) status.sidecars = sidecars;
  if (base.taskSpec !== undefined) status.taskSpec = base.taskSpec;
  return { status, warnings };
}

/**
 * Folds the Pod's state into the TaskRun status Tekton v0.20.1 would write — `MakeTaskRunStatus`
 * with the clock replaced by `options.now`. Total on any TaskRun and Pod; problems Tekton only
 * logs (an unparsable termination message) are dropped here — use
 * {@link foldTaskRunStatusWithWarnings} to get them.
 *
 * @example
 * ```ts
 * const status = foldTaskRunStatus({ taskRun, pod }, { now: "2020-12-01T10:05:00Z" });
 * status.conditions?.[0]?.reason; // "Succeeded"
 * ```
 */
export function foldTaskRunStatus(input: FoldInput, options: FoldOptions): TaskRunStatus {
  return foldTaskRunStatusWithWarnings(input, options).status;
}

interface FoldedStep {
  readonly state: StepState;
  readonly taskResults: readonly TaskRunResult[];
  readonly resourceResults: readonly PipelineResourceResult[];
}

/**
 * One step's state. A terminated step's message is parsed: its Task and PipelineResource
 * results are offered to the TaskRun, the internal entries are removed from the message, and
 * the entrypoint's `StartedAt` replaces the kubelet's start time.
 */
function foldStep(s: PodContainerStatus, warnings: Issue[]): FoldedStep {
  const state = stepState(s, s.name.slice(STEP_PREFIX.length));
  const terminated = state.terminated;
  const message = terminated?.message ?? "";
  if (terminated === undefined || message === "") return { state, taskResults: [], resourceResults: [] };
  const path = ["pod", "status", "containerStatuses", s.index, "state", "terminated", "message"];
  const parsed = parseTerminationMessage(message);
  if (!parsed.ok) {
    warnings.push(invalidTerminationMessage(path, s.name, parsed.error));
    return { state, taskResults: [], resourceResults: [] };
  }
  let startedAt = terminated.startedAt;
  const entry = parsed.results.find((r) => r.key === "StartedAt");
  if (entry !== undefined) {
    const formatted = metaTimeOf(entry.value, "startedAt");
    if (formatted === null) {
      warnings.push(
        issue(
          "invalid-step-start-time",
          path,
          `the StartedAt entry ${goQuote(entry.value)} of ${goQuote(s.name)} is not a time like ` +
            `"2020-12-01T10:05:00.000Z" (RFC 3339 with milliseconds); the kubelet's startedAt is kept`,
        ),
      );
    } else {
      startedAt = formatted;
    }
  }
  const split = splitResults(parsed.results);
  // The terminated state again, in Go's field order, with the rewritten message and start time.
  const rewritten: ContainerStateTerminated = { exitCode: terminated.exitCode };
  if (terminated.signal !== undefined) rewritten.signal = terminated.signal;
  if (terminated.reason !== undefined) rewritten.reason = terminated.reason;
  const newMessage = formatTerminationMessage(split.visible);
  if (newMessage !== "") rewritten.message = newMessage;
  if (startedAt !== undefined) rewritten.startedAt = startedAt;
  if (terminated.finishedAt !== undefined) rewritten.finishedAt = terminated.finishedAt;
  if (terminated.containerID !== undefined) rewritten.containerID = terminated.containerID;
  state.terminated = rewritten;
  return {
    state,
    taskResults: split.taskResults,
    resourceResults: split.resourceResults.map(toResourceResult),
  };
}

function stepState(s: PodContainerStatus, name: string): StepState {
  // The decoded state is this call's own (readPod builds it fresh, and each container status
  // becomes exactly one step or sidecar state), so its parts are taken over, not copied.
  const out: StepState = {};
  if (s.state.waiting !== undefined) out.waiting = s.state.waiting;
  if (s.state.running !== undefined) out.running = s.state.running;
  if (s.state.terminated !== undefined) out.terminated = s.state.terminated;
  if (name !== "") out.name = name;
  if (s.name !== "") out.container = s.name;
  if (s.imageID !== "") out.imageID = s.imageID;
  return out;
}

/** `removeDuplicateResults`: one entry per name, at its first position, with its last value. */
function dedupeTaskResults(results: readonly TaskRunResult[]): TaskRunResult[] {
  // Each result is this call's own object (decoded from the TaskRun or a termination message).
  if (!mayShareNames(results)) return [...results];
  const latest = new Map<string, string>();
  for (const r of results) latest.set(r.name, r.value);
  const seen = new Set<string>();
  const out: TaskRunResult[] = [];
  for (const r of results) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    out.push({ name: r.name, value: latest.get(r.name) as string });
  }
  return out;
}
