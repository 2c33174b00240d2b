/**
 * What both releases' folds conclude from a step's container the same way: whether the run
 * failed (`DidTaskRunFail`, the same in v0.20.1 and v1.12 but for which containers are steps),
 * the warning for a termination message that is not Tekton's, and the status of a run failed
 * by a controller helper (timeout, cancel).
 */
import type { Condition } from "../api/types.js";
import { type Issue, issue, type PathSegment } from "../errors.js";
import { goQuote } from "../k8s/go-quote.js";
import type { PodContainerStatus, PodView } from "./read-objects.js";
import { setCondition } from "./set-condition.js";

/** `DidTaskRunFail`: the Pod failed, or a step (as `isStep` names them) terminated non-zero or OOMKilled. */
export function didTaskRunFail(
  pod: PodView,
  statuses: readonly PodContainerStatus[],
  isStep: (containerName: string) => boolean,
): boolean {
  return (
    pod.phase === "Failed" ||
    statuses.some((s) => {
      const t = s.state.terminated;
      return isStep(s.name) && t !== undefined && (t.exitCode !== 0 || t.reason === "OOMKilled");
    })
  );
}

/** The warning for container `name`'s termination message (at `path`), which did not decode: `error` says why. */
export function invalidTerminationMessage(path: readonly PathSegment[], name: string, error: string): Issue {
  return issue(
    "invalid-termination-message",
    path,
    `the termination message of ${goQuote(name)} is not Tekton's JSON array of results: ${error}; ` +
      "the message is kept as written and no results are taken from it " +
      "(a step reports results by writing files under /tekton/results, not the termination log)",
  );
}

/**
 * `status` with its `Succeeded` condition False for `reason`, and completed at `now` (formatted;
 * `undefined` leaves no completion time), as the reconciler's `failTaskRun` marks it.
 */
export function markFailed<S extends { conditions?: Condition[]; completionTime?: string }>(
  status: S,
  reason: string,
  message: string,
  now: string | undefined,
): S {
  const conditions = setCondition(
    status.conditions ?? [],
    { type: "Succeeded", status: "False", reason, message },
    now,
  );
  const result: S = { ...status, conditions: [...conditions] };
  if (now === undefined) delete result.completionTime;
  else result.completionTime = now;
  return result;
}
