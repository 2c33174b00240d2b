/** Tekton v1.12's status fold (public surface of src/v1.12/status/). */
export { foldTaskRunStatus, foldTaskRunStatusWithWarnings } from "./fold-task-run-status.js";
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
