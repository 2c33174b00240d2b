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
import { type Issue, issue, type PathSegment } from "../../errors.js";
import { goQuote } from "../../k8s/go-quote.js";
import { metaTimeOf } from "../../k8s/go-time.js";
import { field } from "../../read-values.js";
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
import { encodeTerminationEntry, parseTerminationMessage, toResourceResult } from "./parse-termination-message.js";
import { readTaskRunStatus } from "./read-task-run-status.js";
import type { FoldInput, FoldOptions, FoldResult } from "./types.js";

const SUCCEEDED = "Succeeded";
const NOW_PATH = ["now"] as const;
/** The fold replaces the TaskRun's steps and sidecars: they are not decoded. */
const STATES_REPLACED = { states: false } as const;

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
  const now = requireNowMetaTime(options?.now, NOW_PATH);
  const base = readTaskRunStatus(field(field(input, "taskRun"), "status"), STATES_REPLACED);
  const pod = readPod(field(input, "pod"));
  const warnings: Issue[] = [];

  // The TaskRun's conditions are this call's own (readTaskRunStatus decodes them fresh), and
  // setCondition returns a new list whenever it changes one: the result takes the list as it is.
  let conditions = (base.conditions ?? []) as Condition[];
  const before = getCondition(conditions, SUCCEEDED);
  if (before === undefined || before.status === "Unknown")
    conditions = mark(conditions, "Unknown", REASON_RUNNING, MESSAGE_RUNNING, now);

  const statuses = orderContainerStatuses(pod.containerStatuses, pod.containerNames);
  let completionTime = base.completionTime;
  if (areStepsComplete(pod, statuses) || pod.phase === "Succeeded" || pod.phase === "Failed") {
    if (didTaskRunFail(pod, statuses, isStepContainer))
      conditions = mark(conditions, "False", REASON_FAILED, failureMessage(pod, statuses), now);
    else conditions = mark(conditions, "True", REASON_SUCCEEDED, MESSAGE_SUCCEEDED, now);
    completionTime = now;
  } else if (pod.phase === "Running") {
    conditions = mark(conditions, "Unknown", REASON_RUNNING, MESSAGE_RUNNING, now);
  } else if (pod.phase === "Pending") {
    if (isPodExceedingNodeResources(pod))
      conditions = mark(conditions, "Unknown", REASON_EXCEEDED_NODE_RESOURCES, MESSAGE_EXCEEDED_NODE_RESOURCES, now);
    else if (isPodHitConfigError(statuses))
      conditions = mark(
        conditions,
        "Unknown",
        REASON_CREATE_CONTAINER_CONFIG_ERROR,
        waitingMessage(pod, statuses),
        now,
      );
    else conditions = mark(conditions, "Unknown", REASON_PENDING, waitingMessage(pod, statuses), now);
  }

  // Step results reach the TaskRun only when it succeeded: then each step adds its own to the
  // TaskRun's (decoded fresh by readTaskRunStatus, so this call's own to extend).
  const taskResults: TaskRunResult[] = base.taskResults ?? [];
  const resourcesResult: PipelineResourceResult[] = base.resourcesResult ?? [];
  const offered = getCondition(conditions, SUCCEEDED)?.status === "True" ? { taskResults, resourcesResult } : undefined;
  const steps: StepState[] = [];
  const sidecars: StepState[] = [];
  for (const s of statuses) {
    if (isStepContainer(s.name)) steps.push(foldStep(s, offered, warnings));
    else if (isSidecarContainer(s.name)) sidecars.push(stepState(s, s.name.slice(SIDECAR_PREFIX.length)));
  }

  // Built in Go's field order, part by part (readTaskRunStatus orders what it keeps from the
  // TaskRun the same way), so the result needs no reordering copy.
  const status: TaskRunStatus = {};
  if (base.observedGeneration !== undefined) status.observedGeneration = base.observedGeneration;
  if (conditions.length > 0) status.conditions = conditions;
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

/** `conditions` with the `Succeeded` condition set at `now` (see {@link setCondition}). */
function mark(conditions: Condition[], status: string, reason: string, message: string, now: string | undefined) {
  return setCondition(conditions, { type: SUCCEEDED, status, reason, message }, now) as Condition[];
}

/** Where a step's results go when the run succeeded: the TaskRun's lists, in step order. */
interface OfferedResults {
  readonly taskResults: TaskRunResult[];
  readonly resourcesResult: PipelineResourceResult[];
}

/**
 * One step's state. A terminated step's message is parsed: its Task and PipelineResource
 * results are appended to `offered` (when the run succeeded), the internal entries are removed
 * from the message, and the entrypoint's `StartedAt` replaces the kubelet's start time. One
 * pass over the entries does all three.
 */
function foldStep(s: PodContainerStatus, offered: OfferedResults | undefined, warnings: Issue[]): StepState {
  const state = stepState(s, s.name.slice(STEP_PREFIX.length));
  const terminated = state.terminated;
  const message = terminated?.message ?? "";
  if (terminated === undefined || message === "") return state;
  const parsed = parseTerminationMessage(message);
  if (!parsed.ok) {
    warnings.push(invalidTerminationMessage(messagePath(s), s.name, parsed.error));
    return state;
  }
  let startedAt = terminated.startedAt;
  // The rewritten message: Go's JSON of every entry but the internal ones, `""` when none remain.
  let visible = "";
  for (const r of parsed.results) {
    // Keys are unique once parsed: this is the one StartedAt entry, whatever its type.
    if (r.key === "StartedAt") startedAt = entrypointStartedAt(r.value, startedAt, s, warnings);
    if (r.type === "InternalTektonResult") continue;
    visible += (visible === "" ? "[" : ",") + encodeTerminationEntry(r);
    if (offered === undefined) continue;
    if (r.type === "TaskRunResult") offered.taskResults.push({ name: r.key, value: r.value });
    else offered.resourcesResult.push(toResourceResult(r));
  }
  // The terminated state again, in Go's field order, with the rewritten message and start time.
  const rewritten: ContainerStateTerminated = { exitCode: terminated.exitCode };
  if (terminated.signal !== undefined) rewritten.signal = terminated.signal;
  if (terminated.reason !== undefined) rewritten.reason = terminated.reason;
  if (visible !== "") rewritten.message = `${visible}]`;
  if (startedAt !== undefined) rewritten.startedAt = startedAt;
  if (terminated.finishedAt !== undefined) rewritten.finishedAt = terminated.finishedAt;
  if (terminated.containerID !== undefined) rewritten.containerID = terminated.containerID;
  state.terminated = rewritten;
  return state;
}

/** The step's start time given its `StartedAt` entry: the entry's time, or `kept` (with a warning) when it is not one. */
function entrypointStartedAt(
  value: string,
  kept: string | undefined,
  s: PodContainerStatus,
  warnings: Issue[],
): string | undefined {
  const formatted = metaTimeOf(value, "startedAt");
  if (formatted !== null) return formatted;
  warnings.push(
    issue(
      "invalid-step-start-time",
      messagePath(s),
      `the StartedAt entry ${goQuote(value)} of ${goQuote(s.name)} is not a time like ` +
        `"2020-12-01T10:05:00.000Z" (RFC 3339 with milliseconds); the kubelet's startedAt is kept`,
    ),
  );
  return kept;
}

/** Where a step's termination message is, for warnings about it. */
function messagePath(s: PodContainerStatus): PathSegment[] {
  return ["pod", "status", "containerStatuses", s.index, "state", "terminated", "message"];
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
function dedupeTaskResults(results: TaskRunResult[]): TaskRunResult[] {
  // Each result is this call's own object (decoded from the TaskRun or a termination message),
  // and so is the list.
  if (!mayShareNames(results)) return results;
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
