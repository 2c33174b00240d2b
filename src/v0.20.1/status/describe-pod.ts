/**
 * How Tekton v0.20.1 reads a Pod's state (pkg/pod/status.go): which containers are steps and
 * sidecars, when the steps are complete or have failed, and the reasons and messages of the
 * `Succeeded` condition — including Go `%q` quoting and the trailing newline of the failure
 * message (Tekton adds it so YAML output does not fold the `kubectl logs` hint).
 */

import { goQuote } from "../../k8s/go-quote.js";
import { compareGoStrings } from "../../k8s/go-strings.js";
import type { PodContainerStatus, PodView } from "../../status-shared/read-objects.js";
import { mayNameTimeout } from "../../status-shared/timeout-entry.js";
import { SIDECAR_PREFIX, STEP_PREFIX } from "../contract.js";
import { parseTerminationMessage } from "./parse-termination-message.js";

/** `Succeeded` reason while the Pod runs (and the initial mark of a run that is not finished). */
export const REASON_RUNNING = "Running";
/** `Succeeded` reason while the Pod is Pending for any other reason. */
export const REASON_PENDING = "Pending";
/** `Succeeded` reason of a run whose steps all completed. */
export const REASON_SUCCEEDED = "Succeeded";
/** `Succeeded` reason of a run with a failed step or a failed Pod. */
export const REASON_FAILED = "Failed";
/** `Succeeded` reason while the Pod cannot be scheduled for lack of node resources. */
export const REASON_EXCEEDED_NODE_RESOURCES = "ExceededNodeResources";
/** `Succeeded` reason while a container cannot be created from its configuration. */
export const REASON_CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";
/** Message that goes with {@link REASON_RUNNING}. */
export const MESSAGE_RUNNING = "Not all Steps in the Task have finished executing";
/** Message that goes with {@link REASON_SUCCEEDED}. */
export const MESSAGE_SUCCEEDED = "All Steps have completed executing";
/** Message that goes with {@link REASON_EXCEEDED_NODE_RESOURCES}. */
export const MESSAGE_EXCEEDED_NODE_RESOURCES = "TaskRun Pod exceeded available resources";

/** Whether a container is a step (its name starts with `step-`). */
export function isStepContainer(name: string): boolean {
  return name.startsWith(STEP_PREFIX);
}

/** Whether a container is a Task sidecar (its name starts with `sidecar-`). */
export function isSidecarContainer(name: string): boolean {
  return name.startsWith(SIDECAR_PREFIX);
}

/**
 * Container statuses in the order of the Pod's `spec.containers` — the Task's step order, as the
 * seed document promises (v0.20.1's in-place sort gets this wrong from 13 containers on).
 * Statuses naming no container go last, by name; remaining ties are broken by content so the
 * order never depends on the order the kubelet reported them in.
 */
export function orderContainerStatuses(
  statuses: readonly PodContainerStatus[],
  containerNames: readonly string[],
): readonly PodContainerStatus[] {
  // A Pod's handful of containers is looked up in the list itself, cheaper than building a map.
  const few = statuses.length * containerNames.length <= 1024;
  const position = few ? undefined : firstPositions(containerNames);
  // The kubelet usually reports them in that order already: then there is nothing to sort.
  let previous = -1;
  let ordered = true;
  for (let i = 0; ordered && i < statuses.length; i++) {
    const pos = positionOf((statuses[i] as PodContainerStatus).name, containerNames, position);
    ordered = pos > previous;
    previous = pos;
  }
  if (ordered) return statuses;
  const keyed = statuses.map((s) => ({ s, pos: positionOf(s.name, containerNames, position) }));
  // The content tie-break (only for statuses of the same unknown name) is computed on demand.
  const content = (s: PodContainerStatus): string => JSON.stringify([s.name, s.imageID, s.ready, s.state]);
  keyed.sort(
    (a, b) =>
      (a.pos === b.pos ? 0 : a.pos < b.pos ? -1 : 1) ||
      compareGoStrings(a.s.name, b.s.name) ||
      compareGoStrings(content(a.s), content(b.s)),
  );
  return keyed.map((k) => k.s);
}

/** The first position of container `name` (in `position` when given, else in `names`); infinity for none. */
function positionOf(name: string, names: readonly string[], position: Map<string, number> | undefined): number {
  const found = position === undefined ? names.indexOf(name) : (position.get(name) ?? -1);
  return found < 0 ? Number.POSITIVE_INFINITY : found;
}

/** Each name's first position in `names`. */
function firstPositions(names: readonly string[]): Map<string, number> {
  const position = new Map<string, number>();
  names.forEach((name, i) => {
    if (!position.has(name)) position.set(name, i);
  });
  return position;
}

/** `areStepsComplete`: the Pod runs and every step container has terminated. */
export function areStepsComplete(pod: PodView, statuses: readonly PodContainerStatus[]): boolean {
  return (
    statuses.length > 0 &&
    pod.phase === "Running" &&
    statuses.every((s) => !isStepContainer(s.name) || s.state.terminated !== undefined)
  );
}

/** `getFailureMessage`: the first failed container (steps and sidecars alike), else the Pod's words. */
export function failureMessage(pod: PodView, statuses: readonly PodContainerStatus[]): string {
  const logs = (container: string) => `for logs run: kubectl -n ${pod.namespace} logs ${pod.name} -c ${container}\n`;
  for (const s of statuses) {
    const t = s.state.terminated;
    if (t === undefined) continue;
    const message = t.message ?? "";
    const parsed = mayNameTimeout(message) ? parseTerminationMessage(message) : undefined;
    const timedOut =
      parsed?.ok === true &&
      parsed.results.some(
        (r) => r.type === "InternalTektonResult" && r.key === "Reason" && r.value === "TimeoutExceeded",
      );
    if (timedOut) {
      return `${goQuote(s.name)} exited because the step exceeded the specified timeout limit; ${logs(s.name)}`;
    }
    if (t.exitCode !== 0) {
      return `${goQuote(s.name)} exited with code ${t.exitCode} (image: ${goQuote(s.imageID)}); ${logs(s.name)}`;
    }
  }
  if (pod.message !== "") return pod.message;
  const oomKilled = statuses.some((s) => isStepContainer(s.name) && s.state.terminated?.reason === "OOMKilled");
  return oomKilled ? "OOMKilled" : "build failed for unspecified reasons.";
}

/** `IsPodExceedingNodeResources`: unschedulable for lack of CPU, memory or the like. */
export function isPodExceedingNodeResources(pod: PodView): boolean {
  return pod.conditions().some((c) => c.reason === "Unschedulable" && c.message.includes("Insufficient"));
}

/** `IsPodHitConfigError`: a container waits with `CreateContainerConfigError`. */
export function isPodHitConfigError(statuses: readonly PodContainerStatus[]): boolean {
  return statuses.some((s) => s.state.waiting?.reason === "CreateContainerConfigError");
}
