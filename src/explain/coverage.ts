/**
 * The coverage rule of an explanation, as a function tests (and tools) can call: which leaves
 * of an output have no entry at their own pointer.
 */
import type { PathSegment } from "../errors.js";
import type { Explanation } from "./explainer.js";
import { forEachLeaf } from "./leaves.js";
import { toPointer } from "./pointer.js";

/**
 * The pointers of the leaves of `output` (placed at `at`, e.g. `["pod"]`) that `explanation`
 * gives no entry; `[]` when every leaf is explained.
 */
export function unexplainedLeaves(output: unknown, at: readonly PathSegment[], explanation: Explanation): string[] {
  const missing: string[] = [];
  forEachLeaf(output, (path) => {
    const pointer = toPointer([...at, ...path]);
    if ((explanation[pointer]?.length ?? 0) === 0) missing.push(pointer);
  });
  return missing;
}
