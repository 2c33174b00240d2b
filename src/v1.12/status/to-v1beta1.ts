/**
 * The status as a `tekton.dev/v1beta1` client reads it back: the conversion webhook's
 * `ConvertFrom` (pkg/apis/pipeline/v1beta1/taskrun_conversion.go). `results` become
 * `taskResults`; steps lose `terminationReason`; `artifacts` and `spanContext` have no v1beta1
 * field and are dropped; the `cloudEvents` and `resourcesResult` the TaskRun had come back (Tekton
 * keeps them in annotations across the round trip, for the top-level status only).
 */
import type { TaskSpec } from "../../api/types.js";
import type { V1beta1Extras } from "./read-task-run.js";
import type { StepStateV1beta1, TaskRunStatus, TaskRunStatusV1beta1 } from "./types.js";

/** Converts a v1 status to v1beta1; `extras` are the v1beta1-only fields to restore. */
export function toV1beta1Status(status: TaskRunStatus, extras: V1beta1Extras): TaskRunStatusV1beta1 {
  const out = {} as TaskRunStatusV1beta1;
  if (status.observedGeneration !== undefined) out.observedGeneration = status.observedGeneration;
  if (status.conditions !== undefined) out.conditions = status.conditions;
  if (status.annotations !== undefined) out.annotations = status.annotations;
  out.podName = status.podName;
  if (status.startTime !== undefined) out.startTime = status.startTime;
  if (status.completionTime !== undefined) out.completionTime = status.completionTime;
  if (status.steps !== undefined) out.steps = status.steps.map(stepToV1beta1);
  if (extras.cloudEvents !== undefined) out.cloudEvents = extras.cloudEvents;
  if (status.retriesStatus !== undefined) out.retriesStatus = status.retriesStatus.map((r) => toV1beta1Status(r, {}));
  if (extras.resourcesResult !== undefined) out.resourcesResult = extras.resourcesResult;
  if (status.results !== undefined) out.taskResults = status.results;
  if (status.sidecars !== undefined) out.sidecars = status.sidecars;
  // Tekton converts the spec to v1 and back; the round trip gives the v1beta1 spec it started from.
  if (status.taskSpec !== undefined) out.taskSpec = status.taskSpec as TaskSpec;
  if (status.provenance !== undefined) out.provenance = status.provenance;
  return out;
}

function stepToV1beta1(step: TaskRunStatus["steps"] extends (infer S)[] | undefined ? S : never): StepStateV1beta1 {
  // The steps the fold writes for a v1beta1 TaskRun have none (see foldV1): kept as they are.
  if (step.terminationReason === undefined) return step;
  // The same fields in the same order but `terminationReason`. (Copied key by key: an object
  // rest pattern that leaves a key out takes the engine's slow generic path.)
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(step)) if (key !== "terminationReason") out[key] = step[key as keyof typeof step];
  return out as StepStateV1beta1;
}
