/** Tekton v1.12's status fold and controller lifecycle helpers (public surface of src/v1.12/status/). */

export { cancel, REASON_CANCELLED, REASON_TIMED_OUT, type TimeoutStatusOptions, timeout } from "./fail-task-run.js";
export { foldTaskRunStatus, foldTaskRunStatusWithWarnings } from "./fold-task-run-status.js";
export type { TaskRunReason } from "./reasons.js";
export { TASK_RUN_REASONS } from "./reasons.js";
export { readyAnnotationPatch } from "./signal-ready.js";
export { initializeTaskRunStatus, REASON_STARTED } from "./start-task-run.js";
export { sidecarsToStop, stopSidecars } from "./stop-sidecars.js";
export type {
  Artifact,
  Artifacts,
  ArtifactValue,
  FoldConfig,
  FoldInput,
  FoldOptions,
  FoldResult,
  Now,
  Provenance,
  ResultValue,
  SidecarState,
  StepState,
  StepStateV1beta1,
  TaskRunResult,
  TaskRunStatus,
  TaskRunStatusV1beta1,
  TaskRunStepResult,
} from "./types.js";
