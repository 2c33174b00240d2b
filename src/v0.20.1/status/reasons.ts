/**
 * The `Succeeded` condition reasons a Tekton v0.20.1 TaskRun status can carry, as the helpers
 * of this folder write them — one object to compare against instead of string literals.
 */

import { TASK_RUN_CANCELLED } from "../contract.js";
import {
  REASON_CREATE_CONTAINER_CONFIG_ERROR,
  REASON_EXCEEDED_NODE_RESOURCES,
  REASON_FAILED,
  REASON_PENDING,
  REASON_RUNNING,
  REASON_SUCCEEDED,
} from "./describe-pod.js";
import { REASON_TIMED_OUT } from "./fail-task-run.js";
import { REASON_STARTED } from "./start-task-run.js";

/**
 * Every reason of the `Succeeded` condition of a Tekton v0.20.1 TaskRun, by name (for v1.12,
 * whose reasons name the failing container, see `TASK_RUN_REASONS_V112`).
 *
 * @example
 * ```ts
 * if (status.conditions?.[0]?.reason === TASK_RUN_REASONS.TaskRunTimeout) retry();
 * ```
 */
export const TASK_RUN_REASONS = {
  Started: REASON_STARTED,
  Running: REASON_RUNNING,
  Pending: REASON_PENDING,
  ExceededNodeResources: REASON_EXCEEDED_NODE_RESOURCES,
  CreateContainerConfigError: REASON_CREATE_CONTAINER_CONFIG_ERROR,
  Succeeded: REASON_SUCCEEDED,
  Failed: REASON_FAILED,
  TaskRunCancelled: TASK_RUN_CANCELLED,
  TaskRunTimeout: REASON_TIMED_OUT,
} as const;

/** A reason of the `Succeeded` condition (see {@link TASK_RUN_REASONS}). */
export type TaskRunReason = (typeof TASK_RUN_REASONS)[keyof typeof TASK_RUN_REASONS];
