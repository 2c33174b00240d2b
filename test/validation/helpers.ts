/** Test helpers for the validation tests: deep freezing and running every admission check. */
import { checkInputShape } from "../../src/api/schema.js";
import type { CompileInput, Immutable, Task, TaskRun } from "../../src/api/types.js";
import type { Issue } from "../../src/errors.js";
import { validateTask, validateTaskRun } from "../../src/v0.20.1/compile/validate.js";

/** Shape check, then (if the shape is right) TaskRun and Task admission validation. */
export function admissionIssues(input: unknown): Issue[] {
  const shape = checkInputShape(input);
  if (shape.length > 0) return shape;
  const { taskRun, task, config } = input as Immutable<CompileInput>;
  const bundles = config?.featureFlags?.["enable-tekton-oci-bundles"] === "true";
  return [
    ...validateTaskRun(taskRun as Immutable<TaskRun>, { enableTektonOCIBundles: bundles }),
    ...(task === undefined ? [] : validateTask(task as Immutable<Task>)),
  ];
}
