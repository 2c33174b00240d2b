/**
 * The contract between Tekton v0.20.1's controller, the Pods it builds and the TaskRuns it
 * updates: names, paths, annotations and API values that compile writes and status reads back
 * (pkg/pod/{pod,entrypoint,script}.go, pkg/apis/pipeline/paths.go,
 * pkg/apis/pipeline/v1beta1/taskrun_types.go, pkg/apis/resource/v1alpha1). Each is defined
 * here only.
 */
import type { Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import type { Immutable, TaskRun } from "../api/types.js";

/** The API version of the Task and TaskRun objects v0.20.1 serves, and of the Pod's owner reference. */
export const TEKTON_API_VERSION = "tekton.dev/v1beta1";
/** `spec.status` that cancels a TaskRun, and the `Succeeded` reason of a cancelled run. */
export const TASK_RUN_CANCELLED = "TaskRunCancelled";
/** The PipelineResource types v0.20.1 knows (`AllResourceTypes`). */
export const RESOURCE_TYPES: readonly string[] = ["git", "storage", "image", "cluster", "pullRequest", "cloudEvent"];

export const WORKSPACE_DIR = "/workspace";
export const HOME_DIR = "/tekton/home";
export const RESULTS_DIR = "/tekton/results";
export const SCRIPTS_DIR = "/tekton/scripts";
export const TOOLS_DIR = "/tekton/tools";
export const ENTRYPOINT_BINARY = `${TOOLS_DIR}/entrypoint`;
export const DOWNWARD_DIR = "/tekton/downward";
export const DOWNWARD_READY_FILE = "ready";
export const TERMINATION_PATH = "/tekton/termination";
export const CREDS_DIR = "/tekton/creds";

/** Container name prefix of steps. */
export const STEP_PREFIX = "step-";
/** Container name prefix of sidecars declared by the Task. */
export const SIDECAR_PREFIX = "sidecar-";

/** The annotation the first step's entrypoint waits for (through the Downward API). */
export const READY_ANNOTATION = "tekton.dev/ready";
/** The value of {@link READY_ANNOTATION} that lets the first step start. */
export const READY_ANNOTATION_VALUE = "READY";
export const RELEASE_ANNOTATION = "pipeline.tekton.dev/release";
export const TASKRUN_LABEL = "tekton.dev/taskRun";

export const DEFAULT_SCRIPT_PREAMBLE = "#!/bin/sh\nset -xe\n";

const emptyDirVolume = (name: string): Volume => ({ name, emptyDir: {} });

/** Volumes every Pod gets first, so a Task can override them by mount path. */
export function implicitVolumes(): Volume[] {
  return [
    emptyDirVolume("tekton-internal-workspace"),
    emptyDirVolume("tekton-internal-home"),
    emptyDirVolume("tekton-internal-results"),
  ];
}

/** Their mounts, added to every step that does not mount something else at the same path. */
export function implicitVolumeMounts(): VolumeMount[] {
  return [
    { name: "tekton-internal-workspace", mountPath: WORKSPACE_DIR },
    { name: "tekton-internal-home", mountPath: HOME_DIR },
    { name: "tekton-internal-results", mountPath: RESULTS_DIR },
  ];
}

export const scriptsVolume = (): Volume => emptyDirVolume("tekton-internal-scripts");
export const scriptsVolumeMount = (): VolumeMount => ({ name: "tekton-internal-scripts", mountPath: SCRIPTS_DIR });
export const toolsVolume = (): Volume => emptyDirVolume("tekton-internal-tools");
export const toolsVolumeMount = (): VolumeMount => ({ name: "tekton-internal-tools", mountPath: TOOLS_DIR });
export const downwardVolumeMount = (): VolumeMount => ({ name: "tekton-internal-downward", mountPath: DOWNWARD_DIR });
export function downwardVolume(): Volume {
  return {
    name: "tekton-internal-downward",
    downwardAPI: {
      items: [{ path: DOWNWARD_READY_FILE, fieldRef: { fieldPath: `metadata.annotations['${READY_ANNOTATION}']` } }],
    },
  };
}

/** The owner reference to the TaskRun that the Pod and the PVCs made for it carry. */
export function taskRunOwnerReference(taskRun: Immutable<TaskRun>): OwnerReference {
  return {
    apiVersion: TEKTON_API_VERSION,
    kind: "TaskRun",
    name: taskRun.metadata?.name ?? "",
    uid: taskRun.metadata?.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}
