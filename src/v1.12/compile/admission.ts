/**
 * The webhooks' part of Tekton v1.12, in their order, for the TaskRun and the Task it names:
 * refuse what v1.12 does not serve; decode strictly (unknown fields refused); then, for each object, admission in the version it is
 * written in — a `tekton.dev/v1` object is defaulted (v1 SetDefaults, supplied by the caller)
 * and validated; a `tekton.dev/v1beta1` one is defaulted and validated as v1beta1 and then
 * converted to v1 by the conversion webhook. What comes out is what the reconciler reads.
 */

import { CompileError, type Issue } from "../../errors.js";
import { appendAll } from "../../read-values.js";
import type { Immutable, TaskRunV1, TaskV1 } from "../api/types.js";
import { convertTaskRunToV1, convertTaskToV1, isV1beta1 } from "./convert.js";
import { decodeStrict } from "./decode-strict.js";
import { defaultV1beta1Task, defaultV1beta1TaskRun } from "./default-v1beta1.js";
import { conversionWarnings, refuseUnserved } from "./refuse-unserved.js";
import {
  type AdmissionConfig,
  validateTask,
  validateTaskRun,
  validateV1beta1Task,
  validateV1beta1TaskRun,
} from "./validate.js";

/** The v1 SetDefaults of the profile, applied where the webhook applies them. */
export interface V1Defaulting {
  readonly taskRun: (taskRun: Immutable<TaskRunV1>) => Immutable<TaskRunV1>;
  readonly task: (task: Immutable<TaskV1>) => Immutable<TaskV1>;
}

/** What admission lets through: v1 objects, and the warnings to return with the Pod. */
export interface Admitted {
  readonly taskRun: Immutable<TaskRunV1>;
  readonly task: Immutable<TaskV1> | undefined;
  readonly warnings: Issue[];
}

/**
 * Admits the input's TaskRun and Task as v1.12's webhooks do.
 *
 * For a v1beta1 object the returned one is converted but not v1-defaulted: v1beta1 admission
 * defaulted it, and the reconciler (the caller) applies v1 SetDefaults to what it reads.
 *
 * @throws {CompileError} stage `admission` with every issue of both objects (or an unserved
 *   kind/version), stage `input` for `pipelineResources`.
 * @example
 * ```ts
 * const { taskRun, task, warnings } = admitTaskRun(input, config, { taskRun: defaultTaskRun, task: defaultTask });
 * ```
 */
export function admitTaskRun(
  input: Immutable<{ taskRun: unknown; task?: unknown; pipelineResources?: unknown }>,
  config: AdmissionConfig,
  defaults: V1Defaulting,
): Admitted {
  refuseUnserved(input);
  // The webhook decodes strictly before anything else; an undecodable object is not validated.
  const taskRunDecoded = decodeStrict(input.taskRun, "taskRun");
  const taskDecoded = input.task !== undefined ? decodeStrict(input.task, "task") : undefined;
  const undecodable = [...taskRunDecoded.issues, ...(taskDecoded?.issues ?? [])];
  if (undecodable.length > 0) throw new CompileError("admission", undecodable);
  const decoded = { taskRun: taskRunDecoded.value, task: taskDecoded?.value };
  const issues: Issue[] = [];
  const warnings: Issue[] = [];

  let taskRun: Immutable<TaskRunV1>;
  if (isV1beta1(decoded.taskRun)) {
    const defaulted = defaultV1beta1TaskRun(decoded.taskRun, config.defaults.resolverType);
    appendAll(issues, validateV1beta1TaskRun(defaulted, config));
    appendAll(warnings, conversionWarnings(decoded.taskRun, "taskRun"));
    taskRun = convertTaskRunToV1(defaulted);
  } else {
    taskRun = defaults.taskRun(decoded.taskRun as Immutable<TaskRunV1>);
    appendAll(issues, validateTaskRun(taskRun, config));
  }

  let task: Immutable<TaskV1> | undefined;
  if (decoded.task !== undefined) {
    if (isV1beta1(decoded.task)) {
      const defaulted = defaultV1beta1Task(decoded.task);
      appendAll(issues, validateV1beta1Task(defaulted, config));
      appendAll(warnings, conversionWarnings(decoded.task, "task"));
      task = convertTaskToV1(defaulted);
    } else {
      task = defaults.task(decoded.task as Immutable<TaskV1>);
      appendAll(issues, validateTask(task, config));
    }
  }
  if (issues.length > 0) throw new CompileError("admission", issues);
  return { taskRun, task, warnings };
}
