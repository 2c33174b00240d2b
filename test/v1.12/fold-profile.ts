/**
 * The one place the v1.12 status tests reach the fold: the public entry with
 * `{ now, tekton: "v1.12" }` (the sources, or the built package with TEST_DIST=1).
 */
import type { FoldInputV112, FoldResultV112, Now } from "../../src/index.js";
import { api } from "../support/api.js";

export type { FoldInputV112 as FoldInput, FoldResultV112 as FoldResult };

/** Folds with Tekton v1.12's `MakeTaskRunStatus`. */
export function foldV112(input: unknown, now: Now): FoldResultV112 {
  return api.foldTaskRunStatusWithWarnings(input as FoldInputV112, { now, tekton: "v1.12" });
}
