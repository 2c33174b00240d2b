/**
 * Names and paths of the v0.20.1 Pod contract (pkg/pod/{pod,entrypoint,script}.go,
 * pkg/apis/pipeline/paths.go): shared by every pod-building stage.
 */
import type { Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { PathSegment } from "../errors.js";

/** Where in the input step `index` of the spec being built was written, for issue paths. */
export type StepPath = (index: number) => PathSegment[];

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

export const STEP_PREFIX = "step-";
export const SIDECAR_PREFIX = "sidecar-";

export const READY_ANNOTATION = "tekton.dev/ready";
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
