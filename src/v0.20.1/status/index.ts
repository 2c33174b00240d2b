/** The status fold and the controller lifecycle helpers (public surface of src/status/). */
export { foldTaskRunStatus, foldTaskRunStatusWithWarnings } from "./fold-task-run-status.js";
export { sidecarsReady, readyAnnotationPatch } from "./signal-ready.js";
export { READY_ANNOTATION, READY_ANNOTATION_VALUE } from "../contract.js";
export { stopSidecars, sidecarsToStop } from "./stop-sidecars.js";
export { initializeTaskRunStatus, REASON_STARTED } from "./start-task-run.js";
export { hasTimedOut, taskRunTimeout } from "./check-timeout.js";
export { cancel, timeout, REASON_TIMED_OUT } from "./fail-task-run.js";
export type { FoldInput, FoldOptions, FoldResult, JsonPatchOperation, Now, TimeoutOptions } from "./types.js";
