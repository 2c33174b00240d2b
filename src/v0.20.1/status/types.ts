/** Types of the status fold and the controller lifecycle helpers. */
import type { Immutable, Pod, TaskRun, TaskRunStatus } from "../../api/types.js";
import type { Issue } from "../../errors.js";

/** What the fold reads: the TaskRun (its current `status`, if any) and its Pod with status. */
export interface FoldInput {
  readonly taskRun: Immutable<TaskRun>;
  readonly pod: Immutable<Pod>;
}

import type { Now } from "../../status-shared/require-now.js";

export type { Now };

/** Options of the status fold. */
export interface FoldOptions {
  /** Stands in for `time.Now()`: used for `completionTime` and changed conditions. */
  readonly now: Now;
}

/** The status together with what the controller would only have logged. */
export interface FoldResult {
  readonly status: TaskRunStatus;
  /**
   * Problems that do not stop the fold: a termination message that is not Tekton's JSON, an
   * unparsable `StartedAt` entry. Tekton v0.20.1 logs these and still writes the status.
   */
  readonly warnings: readonly Issue[];
}

export type { TimeoutOptions } from "../../status-shared/check-timeout.js";
export type { JsonPatchOperation } from "../../status-shared/json-patch.js";
