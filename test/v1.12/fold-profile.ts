/**
 * The one place the v1.12 status tests reach the fold. It imports the release's module directly
 * until the profile table registers it; then it becomes `foldTaskRunStatusWithWarnings(input,
 * { now, tekton: "v1.12" })` from the public entry, and no test changes.
 */
import { foldTaskRunStatusWithWarnings } from "../../src/v1.12/status/index.js";
import type { FoldInput, FoldResult, Now } from "../../src/v1.12/status/index.js";

export type { FoldInput, FoldResult };

/** Folds with Tekton v1.12's `MakeTaskRunStatus`. */
export function foldV112(input: unknown, now: Now): FoldResult {
  return foldTaskRunStatusWithWarnings(input as FoldInput, { now });
}
