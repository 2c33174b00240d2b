/** Tekton v1.12's status fold and controller lifecycle helpers (public surface of src/v1.12/status/). */
export { foldTaskRunStatus, foldTaskRunStatusWithWarnings } from "./fold-task-run-status.js";
export { readyAnnotationPatch } from "./signal-ready.js";
export { stopSidecars, sidecarsToStop } from "./stop-sidecars.js";
export { initializeTaskRunStatus, REASON_STARTED } from "./start-task-run.js";
export { cancel, timeout, REASON_CANCELLED, REASON_TIMED_OUT } from "./fail-task-run.js";
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
