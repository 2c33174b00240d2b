/**
 * tekton-pod-compiler: compile a Tekton v1beta1 TaskRun into the exact Pod the Tekton v0.20.1
 * controller creates, and fold that Pod's status back into TaskRun status — purely and
 * deterministically.
 *
 * @module
 */
export { compileTaskRun, safeCompileTaskRun } from "./compile/index.js";
export type { CompileResult, SafeCompileResult } from "./compile/index.js";
export { CompileError, formatPath } from "./errors.js";
export type { CompileStage, FailureReason, Issue, IssueCode, PathSegment } from "./errors.js";
export type * from "./api/types.js";
export {
  foldTaskRunStatus,
  foldTaskRunStatusWithWarnings,
  sidecarsReady,
  readyAnnotationPatch,
  stopSidecars,
  sidecarsToStop,
  hasTimedOut,
  taskRunTimeout,
  cancel,
  timeout,
} from "./status/index.js";
export type { FoldInput, FoldOptions, FoldResult, JsonPatchOperation, Now, TimeoutOptions } from "./status/index.js";
