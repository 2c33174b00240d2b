/**
 * tekton-pod-compiler: compile a Tekton TaskRun into the exact Pod the Tekton controller
 * creates, and fold that Pod's status back into TaskRun status — purely and deterministically.
 * Two releases, chosen per call: v0.20.1 (the default) and v1.12 (`{ tekton: "v1.12" }`).
 *
 * @module
 */

export type * from "./api/types.js";
export type { CompileStage, FailureReason, Issue, IssueCode, PathSegment } from "./errors.js";
export { CompileError, formatPath } from "./errors.js";
export type { ExplainResult } from "./explain/explain-task-run.js";
export { explainTaskRun } from "./explain/explain-task-run.js";
export type { Explanation, ExplanationEntry, RuleCode, RuleDescription } from "./explain/index.js";
export { RULE_CODES, RULES } from "./explain/index.js";
export type {
  JsonPatchOperation,
  LifecycleOptions,
  ReadyPatchOptions,
  SidecarStopConfig,
  SidecarStopOptions,
  TimeoutOptions,
  TimeoutStatusOptions,
} from "./lifecycle.js";
export {
  cancel,
  hasTimedOut,
  initializeTaskRunStatus,
  readyAnnotationPatch,
  sidecarsReady,
  sidecarsToStop,
  stopSidecars,
  taskRunTimeout,
  taskRunTimeoutDuration,
  taskRunTimeoutMilliseconds,
  timeout,
} from "./lifecycle.js";
export type {
  CompileInputFor,
  CompileOptions,
  CompileResult,
  CompileResultV112,
  FoldInput,
  FoldInputV112,
  FoldOptions,
  FoldResult,
  FoldResultV112,
  Now,
  SafeCompileResult,
  TaskRunStatusV1,
  TaskRunStatusV1beta1,
  TektonRelease,
} from "./profiles.js";
export {
  compileTaskRun,
  DEFAULT_TEKTON_RELEASE,
  foldTaskRunStatus,
  foldTaskRunStatusWithWarnings,
  safeCompileTaskRun,
  TEKTON_RELEASES,
} from "./profiles.js";
export type { TaskRunReason } from "./v0.20.1/status/index.js";
export { READY_ANNOTATION, READY_ANNOTATION_VALUE, TASK_RUN_REASONS } from "./v0.20.1/status/index.js";
export type * from "./v1.12/api/types.js";
export type { TaskRunReason as TaskRunReasonV112 } from "./v1.12/status/index.js";
export { TASK_RUN_REASONS as TASK_RUN_REASONS_V112 } from "./v1.12/status/index.js";
