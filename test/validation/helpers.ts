/** Test helpers for the validation tests: deep freezing and running every admission check. */
import { checkInputShape } from "../../src/api/schema.js";
import type { CompileInput, Immutable, Task, TaskRun } from "../../src/api/types.js";
import type { Issue } from "../../src/errors.js";
import { validateTask, validateTaskRun } from "../../src/compile/validate.js";

/** Freezes a value and everything reachable from it, so a mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    Object.freeze(v);
    for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  return value;
}

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
