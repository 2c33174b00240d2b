/** The status fold and the controller lifecycle helpers (public surface of src/v0.20.1/status/). */

export {
  hasTimedOut,
  taskRunTimeout,
  taskRunTimeoutDuration,
  taskRunTimeoutMilliseconds,
} from "../../status-shared/check-timeout.js";
export { sidecarsReady } from "../../status-shared/sidecars-ready.js";
export { READY_ANNOTATION, READY_ANNOTATION_VALUE } from "../contract.js";
export { cancel, REASON_TIMED_OUT, timeout } from "./fail-task-run.js";
export { foldTaskRunStatus, foldTaskRunStatusWithWarnings } from "./fold-task-run-status.js";
export type { TaskRunReason } from "./reasons.js";
export { TASK_RUN_REASONS } from "./reasons.js";
export { readyAnnotationPatch } from "./signal-ready.js";
export { initializeTaskRunStatus, REASON_STARTED } from "./start-task-run.js";
export { sidecarsToStop, stopSidecars } from "./stop-sidecars.js";
export type { FoldInput, FoldOptions, FoldResult, JsonPatchOperation, Now, TimeoutOptions } from "./types.js";
