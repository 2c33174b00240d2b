/**
 * knative.dev/pkg/apis `ConditionSet.SetCondition` (condition_set.go, the same in the knative
 * versions Tekton v0.20.1 and v1.12 vendor): a condition replaces the one of the same type only when something other than its
 * time changed, and then gets `lastTransitionTime` = now; conditions stay sorted by type.
 */
import type { Condition } from "../api/types.js";
import { compareGoStrings } from "../k8s/go-strings.js";

/** The fields of a condition a controller sets; the time comes from the set itself. */
export type ConditionChange = Omit<Condition, "lastTransitionTime">;

/**
 * Returns the conditions after setting `change` at time `now` (already formatted as
 * `metav1.Time`). The input list is not modified; if nothing but the time would change the same
 * list is returned.
 */
export function setCondition(
  conditions: readonly Condition[],
  change: ConditionChange,
  now: string | undefined,
): readonly Condition[] {
  return holdsCondition(conditions, change) ? conditions : replaceCondition(conditions, change, now);
}

/** Whether a condition of the change's type already reads like it but for the time: setting it changes nothing. */
export function holdsCondition(conditions: readonly Condition[], change: ConditionChange): boolean {
  for (const c of conditions) if (c.type === change.type && sameExceptTime(c, change)) return true;
  return false;
}

/**
 * Like {@link setCondition}, but the condition is written with `lastTransitionTime` = now even
 * when only its time would change: the outcome of two sets in a row where the second changes
 * what the first wrote.
 */
export function replaceCondition(
  conditions: readonly Condition[],
  change: ConditionChange,
  now: string | undefined,
): readonly Condition[] {
  const others: Condition[] = [];
  for (const c of conditions) if (c.type !== change.type) others.push(c);
  const next: Condition = { type: change.type, status: change.status };
  if (change.severity !== undefined && change.severity !== "") next.severity = change.severity;
  if (now !== undefined) next.lastTransitionTime = now;
  if (change.reason !== undefined && change.reason !== "") next.reason = change.reason;
  if (change.message !== undefined && change.message !== "") next.message = change.message;
  // The usual case, a TaskRun with only its Succeeded condition: nothing to sort.
  if (others.length === 0) return [next];
  // Array.prototype.sort is stable, like the insertion sort Go uses for short lists.
  others.push(next);
  return others.sort((a, b) => compareGoStrings(a.type, b.type));
}

/** The first condition of `type`, as knative's `GetCondition` finds it. */
export function getCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

function sameExceptTime(a: Condition, b: ConditionChange): boolean {
  return (
    a.status === b.status &&
    (a.severity ?? "") === (b.severity ?? "") &&
    (a.reason ?? "") === (b.reason ?? "") &&
    (a.message ?? "") === (b.message ?? "")
  );
}
