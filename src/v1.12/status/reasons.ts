/**
 * The `Succeeded` condition reasons a Tekton v1.12 TaskRun status can carry: every reason the
 * v1.12.2 controller sets on a TaskRun — the `TaskRunReason` values of
 * pkg/apis/pipeline/v1/taskrun_types.go, the Pod-derived reasons of pkg/pod/status.go, and the
 * one of pkg/reconciler/volumeclaim — whether this package writes it (the fold, the lifecycle
 * helpers, `CompileError.reason`) or only a live controller does (resolution, retries, Pod
 * creation errors the API server returns). One object to compare against instead of string
 * literals; each key is its value.
 */

import { REASON_FAILURE_IGNORED, REASON_RUNNING, REASON_SUCCEEDED } from "./describe-pod.js";
import { REASON_CANCELLED, REASON_TIMED_OUT } from "./fail-task-run.js";
import { REASON_STARTED } from "./start-task-run.js";

/**
 * Every reason of the `Succeeded` condition of a Tekton v1.12 TaskRun, by name.
 *
 * @example
 * ```ts
 * if (status.conditions?.[0]?.reason === TASK_RUN_REASONS.StepOOM) raiseMemoryLimit();
 * ```
 */
export const TASK_RUN_REASONS = {
  // Unknown: the run is starting, waiting or running.
  Started: REASON_STARTED,
  Running: REASON_RUNNING,
  TaskRunPending: "TaskRunPending",
  ResolvingTaskRef: "ResolvingTaskRef",
  ResolvingStepActionRef: "ResolvingStepActionRef",
  Pending: "Pending",
  ExceededNodeResources: "ExceededNodeResources",
  ExceededResourceQuota: "ExceededResourceQuota",
  PullImageFailed: "PullImageFailed",
  ToBeRetried: "ToBeRetried",
  // True.
  Succeeded: REASON_SUCCEEDED,
  // False, read from the Pod.
  Failed: "Failed",
  FailureIgnored: REASON_FAILURE_IGNORED,
  StepFailed: "StepFailed",
  StepOOM: "StepOOM",
  SidecarFailed: "SidecarFailed",
  SidecarOOM: "SidecarOOM",
  InitContainerFailed: "InitContainerFailed",
  InitContainerOOM: "InitContainerOOM",
  PodEvicted: "PodEvicted",
  CreateContainerConfigError: "CreateContainerConfigError",
  // False, decided by the reconciler.
  TaskRunCancelled: REASON_CANCELLED,
  TaskRunTimeout: REASON_TIMED_OUT,
  TaskRunImagePullFailed: "TaskRunImagePullFailed",
  PodCreationFailed: "PodCreationFailed",
  PodAdmissionFailed: "PodAdmissionFailed",
  CouldntCreateWorkspacePVC: "CouldntCreateWorkspacePVC",
  TaskRunResultLargerThanAllowedLimit: "TaskRunResultLargerThanAllowedLimit",
  TaskRunStopSidecarFailed: "TaskRunStopSidecarFailed",
  InvalidParamValue: "InvalidParamValue",
  TaskRunResolutionFailed: "TaskRunResolutionFailed",
  TaskRunValidationFailed: "TaskRunValidationFailed",
  TaskValidationFailed: "TaskValidationFailed",
  ResourceVerificationFailed: "ResourceVerificationFailed",
} as const;

/** A reason of the `Succeeded` condition of a Tekton v1.12 TaskRun (see {@link TASK_RUN_REASONS}). */
export type TaskRunReason = (typeof TASK_RUN_REASONS)[keyof typeof TASK_RUN_REASONS];
