/**
 * How Tekton v1.12 reads a Pod's state (pkg/pod/status.go): the order of container statuses,
 * when the run is complete, whether it failed, and the reason and message of the `Succeeded`
 * condition — v1.12 names the cause (`StepFailed`, `SidecarOOM`, `InitContainerFailed`,
 * `PodEvicted`, …) where v0.20.1 said `Failed`, and drops the `kubectl logs` hint.
 */
import type { ContainerState, ContainerStateWaiting } from "kubernetes-types/core/v1.js";
import { goQuote } from "../../k8s/go-quote.js";
import type { PodContainerStatus, PodView } from "../../status-shared/read-objects.js";
import { didTaskRunFail } from "../../status-shared/step-outcome.js";
import { mayNameTimeout } from "../../status-shared/timeout-entry.js";
import { waitingMessage } from "../../status-shared/waiting-message.js";
import { RESULTS_SIDECAR_NAME, SIDECAR_PREFIX, STEP_PREFIX } from "../compile/pod/constants.js";
import { parseTerminationMessage, RESULT_TYPE } from "./termination-message.js";

/** The sidecar container that reports results when `results-from: sidecar-logs`, as the Pod names it. */
export const RESULTS_SIDECAR = `${SIDECAR_PREFIX}${RESULTS_SIDECAR_NAME}`;

/** `Succeeded` reason while the Pod runs. */
export const REASON_RUNNING = "Running";
/** Message that goes with {@link REASON_RUNNING}. */
export const MESSAGE_RUNNING = "Not all Steps in the Task have finished executing";
/** `Succeeded` reason of a run whose steps all completed. */
export const REASON_SUCCEEDED = "Succeeded";
/** Message that goes with {@link REASON_SUCCEEDED}. */
export const MESSAGE_SUCCEEDED = "All Steps have completed executing";
/** `Succeeded` reason of a failed run whose Pipeline task may fail (`pipeline-task-on-error: continue`). */
export const REASON_FAILURE_IGNORED = "FailureIgnored";

/** What the `Succeeded` condition should say. */
export interface ConditionMark {
  readonly status: "True" | "False" | "Unknown";
  readonly reason: string;
  readonly message: string;
}

/** Whether a container is a step (its name starts with `step-`). */
export function isStepContainer(name: string): boolean {
  return name.startsWith(STEP_PREFIX);
}

/** Whether a container is a sidecar (its name starts with `sidecar-`). */
export function isSidecarContainer(name: string): boolean {
  return name.startsWith(SIDECAR_PREFIX);
}

const EMPTY_STATUS: PodContainerStatus = { index: -1, name: "", imageID: "", ready: false, state: {} };

/**
 * `sortPodContainerStatuses`: position `i` gets the status named like the Pod's `i`-th container
 * (an empty status when there is none; the last one when several share the name), for as many
 * positions as there are statuses; statuses past the number of containers stay where they are.
 * A status that is placed gets a copy of its state, so that no two positions share one (the
 * fold puts each position's state objects into its output as they are).
 */
export function sortContainerStatuses(
  statuses: readonly PodContainerStatus[],
  containerNames: readonly string[],
): readonly PodContainerStatus[] {
  if (inContainerOrder(statuses, containerNames)) return statuses;
  const byName = new Map<string, PodContainerStatus>();
  for (const s of statuses) byName.set(s.name, s);
  const out = [...statuses];
  const n = Math.min(containerNames.length, statuses.length);
  for (let i = 0; i < n; i++) out[i] = copyStatus(byName.get(containerNames[i] as string) ?? EMPTY_STATUS);
  return out;
}

function copyStatus(s: PodContainerStatus): PodContainerStatus {
  const state: ContainerState = {};
  if (s.state.waiting !== undefined) state.waiting = { ...s.state.waiting };
  if (s.state.running !== undefined) state.running = { ...s.state.running };
  if (s.state.terminated !== undefined) state.terminated = { ...s.state.terminated };
  return { index: s.index, name: s.name, imageID: s.imageID, ready: s.ready, state };
}

/** Beyond this many statuses the order check costs more than the sort it saves. */
const MAX_CHECKED_ORDER = 16;

/**
 * Whether sorting would leave `statuses` as they are: each sits at its container's position and
 * no two share a name (the kubelet's usual report, checked without building a map).
 */
function inContainerOrder(statuses: readonly PodContainerStatus[], containerNames: readonly string[]): boolean {
  if (statuses.length > MAX_CHECKED_ORDER) return false;
  const n = Math.min(containerNames.length, statuses.length);
  for (let i = 0; i < statuses.length; i++) {
    const name = (statuses[i] as PodContainerStatus).name;
    if (i < n && name !== containerNames[i]) return false;
    for (let j = i + 1; j < statuses.length; j++) if ((statuses[j] as PodContainerStatus).name === name) return false;
  }
  return true;
}

function isOOMKilled(state: ContainerState): boolean {
  return state.terminated?.reason === "OOMKilled";
}

/**
 * `areContainersCompleted || isPodCompleted`, and with native sidecars (`enable-kubernetes-sidecar`)
 * also `areInitContainersDone`.
 */
export function isComplete(
  pod: PodView,
  statuses: readonly PodContainerStatus[],
  flags: { readonly sidecarLogs: boolean; readonly kubernetesSidecars: boolean },
): boolean {
  const running = pod.phase === "Running" || pod.phase === "Succeeded";
  const containersDone =
    statuses.length > 0 &&
    running &&
    statuses.every(
      (s) =>
        !(isStepContainer(s.name) || (flags.sidecarLogs && s.name === RESULTS_SIDECAR)) ||
        s.state.terminated !== undefined,
    );
  const podDone =
    pod.phase === "Succeeded" ||
    pod.phase === "Failed" ||
    statuses.some((s) => isStepContainer(s.name) && isOOMKilled(s.state));
  const complete = containersDone || podDone;
  if (!flags.kubernetesSidecars) return complete;
  const init = pod.initContainerStatuses();
  const initDone =
    pod.phase === "Failed" || (init.length > 0 && running && init.every((s) => s.state.terminated !== undefined));
  return complete && initDone;
}

interface FailureInfo {
  readonly reason: string;
  readonly container?: PodContainerStatus;
  readonly isInit: boolean;
}

/**
 * `getFailureInfo`: the most telling failure, by priority — eviction; OOM then failure of an init
 * container (sidecar before Tekton's own); OOM of a sidecar, then of a step; failure of a sidecar,
 * then of a step.
 */
function failureInfo(pod: PodView, statuses: readonly PodContainerStatus[]): FailureInfo {
  if (pod.reason === "Evicted") return { reason: "PodEvicted", isInit: false };
  return (
    firstFailure(pod.initContainerEndings(), true) ??
    firstFailure(statuses, false) ?? { reason: "Failed", isInit: false }
  );
}

/**
 * `getFailureInfo`'s checks of one list, in one pass: the first terminated container that was
 * OOM-killed, sidecars before the others; then the first that exited non-zero, likewise. The
 * others are every init container that is no sidecar, or among the containers the steps.
 */
function firstFailure(list: readonly PodContainerStatus[], isInit: boolean): FailureInfo | undefined {
  let sidecarOom: PodContainerStatus | undefined;
  let otherOom: PodContainerStatus | undefined;
  let sidecarFailed: PodContainerStatus | undefined;
  let otherFailed: PodContainerStatus | undefined;
  for (const s of list) {
    const t = s.state.terminated;
    if (t === undefined) continue;
    const sidecar = isSidecarContainer(s.name);
    if (!sidecar && !isInit && !isStepContainer(s.name)) continue;
    if (isOOMKilled(s.state)) {
      if (sidecar) sidecarOom ??= s;
      else otherOom ??= s;
    }
    if ((t.exitCode ?? 0) !== 0) {
      if (sidecar) sidecarFailed ??= s;
      else otherFailed ??= s;
    }
  }
  if (sidecarOom !== undefined) return { reason: "SidecarOOM", container: sidecarOom, isInit };
  if (otherOom !== undefined) return { reason: isInit ? "InitContainerOOM" : "StepOOM", container: otherOom, isInit };
  if (sidecarFailed !== undefined) return { reason: "SidecarFailed", container: sidecarFailed, isInit };
  if (otherFailed !== undefined)
    return { reason: isInit ? "InitContainerFailed" : "StepFailed", container: otherFailed, isInit };
  return undefined;
}

/** `getFailureMessage`: the Pod's words when evicted, else those about the container `failureInfo` picked. */
function failureMessage(pod: PodView, statuses: readonly PodContainerStatus[], info: FailureInfo): string {
  if (pod.reason === "Evicted") return pod.message;
  if (info.container !== undefined) {
    const message = containerFailureMessage(info.container);
    if (message !== "") return info.isInit ? `init container failed, ${message}` : message;
  }
  if (pod.message !== "") return pod.message;
  const oomKilled = statuses.some(
    (s) => (isStepContainer(s.name) || isSidecarContainer(s.name)) && isOOMKilled(s.state),
  );
  return oomKilled ? "OOMKilled" : "build failed for unspecified reasons.";
}

/** `extractContainerFailureMessage`. */
function containerFailureMessage(s: PodContainerStatus): string {
  const t = s.state.terminated;
  if (t === undefined) return "";
  const message = t.message ?? "";
  const parsed = mayNameTimeout(message) ? parseTerminationMessage(message) : undefined;
  const timedOut =
    parsed?.ok === true &&
    parsed.results.some((r) => r.type === RESULT_TYPE.internal && r.key === "Reason" && r.value === "TimeoutExceeded");
  if (timedOut) return `${goQuote(s.name)} exited because the step exceeded the specified timeout limit`;
  if (t.exitCode === 0) return "";
  const reason = t.reason ?? "";
  return reason !== ""
    ? `${goQuote(s.name)} exited with code ${t.exitCode}: ${reason}`
    : `${goQuote(s.name)} exited with code ${t.exitCode}`;
}

/** `updateCompletedTaskRunStatus`: the condition of a finished run. */
export function completedMark(
  pod: PodView,
  statuses: readonly PodContainerStatus[],
  onError: string | undefined,
): ConditionMark {
  if (!didTaskRunFail(pod, statuses, isStepContainer))
    return { status: "True", reason: REASON_SUCCEEDED, message: MESSAGE_SUCCEEDED };
  const info = failureInfo(pod, statuses);
  const message = failureMessage(pod, statuses, info);
  return { status: "False", reason: onError === "continue" ? REASON_FAILURE_IGNORED : info.reason, message };
}

const SUBPATH_ERROR = "failed to create subPath directory";
const IMAGE_ERROR_REASONS = new Set([
  "ImagePullBackOff",
  "ImageInspectError",
  "ErrImagePull",
  "ErrImageNeverPull",
  "RegistryUnavailable",
  "InvalidImageName",
]);

/** Why containers of a pending Pod wait, as `updateIncompleteTaskRunStatus` tells the causes apart. */
interface WaitingReasons {
  /** One waits for its subPath directory (`CreateContainerConfigError` about the subPath). */
  readonly subPath: boolean;
  /** One has another `CreateContainerConfigError`. */
  readonly configError: boolean;
  /** One cannot pull or inspect its image. */
  readonly imageError: boolean;
}

function waitingReasons(list: readonly (ContainerStateWaiting | undefined)[]): WaitingReasons {
  let subPath = false;
  let configError = false;
  let imageError = false;
  for (const waiting of list) {
    if (waiting === undefined) continue;
    const reason = waiting.reason ?? "";
    if (reason === "CreateContainerConfigError") {
      if ((waiting.message ?? "").includes(SUBPATH_ERROR)) subPath = true;
      else configError = true;
    } else if (IMAGE_ERROR_REASONS.has(reason)) {
      imageError = true;
    }
  }
  return { subPath, configError, imageError };
}

/** `updateIncompleteTaskRunStatus`: the condition of a run still going, or nothing for other phases. */
export function incompleteMark(pod: PodView, statuses: readonly PodContainerStatus[]): ConditionMark | undefined {
  if (pod.phase === "Running") return { status: "Unknown", reason: REASON_RUNNING, message: MESSAGE_RUNNING };
  if (pod.phase !== "Pending") return undefined;
  if (pod.conditions().some((c) => c.reason === "Unschedulable" && c.message.includes("Insufficient"))) {
    return { status: "Unknown", reason: "ExceededNodeResources", message: "TaskRun Pod exceeded available resources" };
  }
  const containers = waitingReasons(statuses.map((s) => s.state.waiting));
  if (containers.subPath) {
    return { status: "Unknown", reason: "Pending", message: "Waiting for subPath directory creation to complete" };
  }
  const init = waitingReasons(pod.initContainerWaitingStates());
  if (init.configError || containers.configError) {
    return {
      status: "False",
      reason: "CreateContainerConfigError",
      message: "Failed to create pod due to config error",
    };
  }
  if (init.imageError || containers.imageError) {
    return { status: "Unknown", reason: "PullImageFailed", message: waitingMessage(pod, statuses) };
  }
  return { status: "Unknown", reason: "Pending", message: waitingMessage(pod, statuses) };
}
