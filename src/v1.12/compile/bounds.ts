/**
 * What is refused before any v1.12 stage runs, because the stages could not finish it within
 * bounded stack or memory and Kubernetes would never store the result anyway:
 * - content nested deeper than the API server decodes (see `src/k8s/nesting.ts`): at stage
 *   `admission` inside the TaskRun or Task, at `input` elsewhere;
 * - more steps than fit in the Pod the package builds at most: v1.12 mounts every step's
 *   `tekton-internal-run-<i>` directory into every step, so the Pod grows with the square of
 *   the step count, and is past etcd's object limit long before the count itself is large.
 */
import { CompileError, type Issue, type PathSegment } from "../../errors.js";
import { limitExceeded, MAX_GENERATED_TEXT } from "../../k8s/limits.js";
import { MAX_NESTING_DEPTH, nestingIssue } from "../../k8s/nesting.js";
import { field } from "../../read-values.js";
import type { CompileInputV112, Immutable } from "../api/types.js";

/**
 * About the fewest characters one run-directory mount of another step takes written out as
 * JSON (`{"name":"tekton-internal-run-0","readOnly":true,"mountPath":"/tekton/run/0"}` is 74).
 */
const MIN_RUN_MOUNT_CHARS = 74;

/** Most steps whose run-directory mounts alone stay within what the package builds. */
export const MAX_STEPS = Math.floor(Math.sqrt(MAX_GENERATED_TEXT / MIN_RUN_MOUNT_CHARS));

/** What the shared input check measured of the input (see `checkPlainData`). */
export interface InputMeasure {
  /** How deep objects and lists nest in the input, its own level included. */
  readonly depth: number;
}

/**
 * Refuses input that is too deep or has too many steps, cheaply and before the stages run.
 *
 * @param measured the input's nesting depth, as the shared input check measured it.
 * @throws {CompileError} `admission` (`limit-exceeded`) for TaskRun or Task content nested past
 *   the API server's limit, `input` for other parts of the input, `build` for too many steps.
 */
export function refuseUnboundedInput(input: Immutable<CompileInputV112>, measured: InputMeasure): void {
  const record = input as unknown as Record<string, unknown>;
  const admission: Issue[] = [];
  const rest: Issue[] = [];
  // The input's own level is not part of its values' nesting: only past the limit is each
  // value walked again, to find the place and judge whose it is.
  const nestedTooDeep = measured.depth - 1 > MAX_NESTING_DEPTH;
  for (const key of nestedTooDeep ? Object.keys(record) : []) {
    const found = nestingIssue(record[key], [key]);
    if (found !== undefined) (key === "taskRun" || key === "task" ? admission : rest).push(found);
  }
  if (rest.length > 0) throw new CompileError("input", rest);
  if (admission.length > 0) throw new CompileError("admission", admission);

  const counted: [readonly PathSegment[], unknown][] = [
    [["taskRun", "spec", "taskSpec", "steps"], stepsAt(record["taskRun"])],
    [["task", "spec", "steps"], stepsAt(record["task"])],
  ];
  for (const [path, steps] of counted) {
    if (Array.isArray(steps) && steps.length > MAX_STEPS) {
      throw limitExceeded(
        path,
        `${steps.length} steps (more than ${MAX_STEPS}), each mounting every step's run directory,`,
      );
    }
  }
}

/** `object.spec.taskSpec.steps` (TaskRun) or `object.spec.steps` (Task), when present. */
function stepsAt(object: unknown): unknown {
  const spec = field(object, "spec");
  return field(field(spec, "taskSpec"), "steps") ?? field(spec, "steps");
}
