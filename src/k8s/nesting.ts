/**
 * Nesting depth. The API server decodes every request with Go's JSON decoder, which refuses
 * text nested deeper than 10,000 levels, so no object Kubernetes stores is deeper than that.
 * The v1.12 stages walk free-form values (`fieldsV1`, a param's JSON value, a Pod template's
 * affinity) recursively, as Go does, and several such walks run one inside another; they
 * exhaust a default Node stack at about 2,000 levels. So this package refuses nesting past
 * {@link MAX_NESTING_DEPTH} — a tenth of Go's limit, and still far deeper than any Kubernetes
 * or Tekton schema nests (its typed fields stop within a few dozen levels; only free-form data
 * nests further) — before those walks run, instead of exhausting the stack.
 */
import { type Issue, issue, type PathSegment } from "../errors.js";

/** Go's `encoding/json` decodes nesting up to 10,000 levels (its `maxNestingDepth`), and so does the API server. */
export const GO_JSON_MAX_NESTING = 10_000;

/** The deepest nesting the v1.12 profile compiles: see the module comment for why it is below {@link GO_JSON_MAX_NESTING}. */
export const MAX_NESTING_DEPTH = 1_000;

/**
 * A `limit-exceeded` issue for the first place where `value` nests objects or lists deeper than
 * `limit`, or undefined when it does not. Iterative: any depth is measured without recursion.
 * Reads plain data only (own enumerable keys), as checked by `checkPlainData` beforehand.
 *
 * @param prefix path segments of `value` within the input, for the issue's path.
 * @example
 * ```ts
 * let v: unknown = {};
 * for (let i = 0; i < 2_000; i++) v = { a: v };
 * nestingIssue(v, ["taskRun"])?.code; // "limit-exceeded"
 * ```
 */
export function nestingIssue(
  value: unknown,
  prefix: readonly PathSegment[],
  limit = MAX_NESTING_DEPTH,
): Issue | undefined {
  interface Frame {
    readonly value: unknown;
    readonly depth: number;
    readonly parent: Frame | undefined;
    readonly key: PathSegment;
  }
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const current = frame.value;
    if (typeof current !== "object" || current === null) continue;
    if (frame.depth >= limit) {
      // Only the first offending place keeps its path: built once, not per level.
      const segments: PathSegment[] = [];
      for (let f: Frame | undefined = frame; f !== undefined && f.parent !== undefined; f = f.parent)
        segments.push(f.key);
      segments.reverse();
      return issue(
        "limit-exceeded",
        [...prefix, ...segments],
        `nested more than ${limit} levels deep, the most this compiler reads (the Kubernetes API server ` +
          `decodes no JSON deeper than ${GO_JSON_MAX_NESTING} levels); flatten the value`,
      );
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], depth: frame.depth + 1, parent: frame, key: i });
    } else {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: record[key], depth: frame.depth + 1, parent: frame, key });
      }
    }
  }
  return undefined;
}
