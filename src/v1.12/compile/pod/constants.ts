/**
 * The paths, volumes and mounts Tekton v1.12's Pod builder injects (pkg/pod/pod.go,
 * entrypoint.go, script.go).
 */
import type { Volume, VolumeMount } from "kubernetes-types/core/v1.js";

/** The implicit working volume every step mounts. */
export const WORKSPACE_DIR = "/workspace";
/** The implicit home volume (no longer `$HOME` in v1.12; still mounted). */
export const HOME_DIR = "/tekton/home";
/** Where steps write Task results. */
export const RESULTS_DIR = "/tekton/results";
/** Per-step directories the entrypoint keeps (step results, exit codes, artifacts). */
export const STEPS_DIR = "/tekton/steps";
/** Where Task artifacts are written. */
export const ARTIFACTS_DIR = "/tekton/artifacts";
/** Each step's own credential home, and the value of `$(credentials.path)`. */
export const CREDS_DIR = "/tekton/creds";
/** Where `prepare` copies the entrypoint binary. */
export const BIN_DIR = "/tekton/bin";
/** The entrypoint every step runs as its command. */
export const ENTRYPOINT_BINARY = `${BIN_DIR}/entrypoint`;
/** Per-step state directories (`/tekton/run/<i>`): post files and step metadata. */
export const RUN_DIR = "/tekton/run";
/** Where `place-scripts` writes step and sidecar scripts. */
export const SCRIPTS_DIR = "/tekton/scripts";
/** Where the downward-API volume (ready and cancel files) is mounted. */
export const DOWNWARD_DIR = "/tekton/downward";
/** Every step's termination message path. */
export const TERMINATION_PATH = "/tekton/termination";

/** Step containers are named `step-<name>`. */
export const STEP_PREFIX = "step-";
/** Sidecar containers are named `sidecar-<name>`. */
export const SIDECAR_PREFIX = "sidecar-";
/** The annotation the first step waits on through the downward API. */
export const READY_ANNOTATION = "tekton.dev/ready";
/** Its value once sidecars are ready (set at creation when nothing waits). */
export const READY_ANNOTATION_VALUE = "READY";
/** The annotation naming the controller's release. */
export const RELEASE_ANNOTATION = "pipeline.tekton.dev/release";
/** The sidecar that reads results from step logs (`results-from: sidecar-logs`). */
export const RESULTS_SIDECAR_NAME = "tekton-log-results";

const emptyDir = (name: string): Volume => ({ name, emptyDir: {} });

/** The five implicit volumes every Pod gets first. */
export function implicitVolumes(): Volume[] {
  return [
    "tekton-internal-workspace",
    "tekton-internal-home",
    "tekton-internal-results",
    "tekton-internal-steps",
    "tekton-internal-artifacts",
  ].map(emptyDir);
}

/** Their mounts, given to every step (and the working-dir initializer). */
export function implicitVolumeMounts(): VolumeMount[] {
  return [
    { name: "tekton-internal-workspace", mountPath: WORKSPACE_DIR },
    { name: "tekton-internal-home", mountPath: HOME_DIR },
    { name: "tekton-internal-results", mountPath: RESULTS_DIR },
    { name: "tekton-internal-steps", readOnly: true, mountPath: STEPS_DIR },
    { name: "tekton-internal-artifacts", mountPath: ARTIFACTS_DIR },
  ];
}

/** The volume the entrypoint binary is copied into. */
export const binVolume = (): Volume => emptyDir("tekton-internal-bin");
/** Its read-write mount (in `prepare` and `place-scripts`). */
export const binMount = (): VolumeMount => ({ name: "tekton-internal-bin", mountPath: BIN_DIR });
/** Its read-only mount (in every step). */
export const binReadOnlyMount = (): VolumeMount => ({
  name: "tekton-internal-bin",
  readOnly: true,
  mountPath: BIN_DIR,
});
/** The steps directory, writable, for `prepare`. */
export const internalStepsMount = (): VolumeMount => ({ name: "tekton-internal-steps", mountPath: STEPS_DIR });
/** The volume scripts are written to. */
export const scriptsVolume = (): Volume => emptyDir("tekton-internal-scripts");
/** Its read-only mount in a container that runs a script. */
export const scriptsReadOnlyMount = (): VolumeMount => ({
  name: "tekton-internal-scripts",
  readOnly: true,
  mountPath: SCRIPTS_DIR,
});
/** Its writable mount in `place-scripts`. */
export const scriptsWriteMount = (): VolumeMount => ({ name: "tekton-internal-scripts", mountPath: SCRIPTS_DIR });
/** The downward-API mount of the first step (of every step with `keep-pod-on-cancel`). */
export const downwardMount = (): VolumeMount => ({
  name: "tekton-internal-downward",
  readOnly: true,
  mountPath: DOWNWARD_DIR,
});

/** The downward-API volume: the ready file, and the cancel file with `keep-pod-on-cancel`. */
export function downwardVolume(withCancel: boolean): Volume {
  const items = [{ path: "ready", fieldRef: { fieldPath: `metadata.annotations['${READY_ANNOTATION}']` } }];
  if (withCancel) items.push({ path: "cancel", fieldRef: { fieldPath: "metadata.annotations['tekton.dev/cancel']" } });
  return { name: "tekton-internal-downward", downwardAPI: { items } };
}

/** `tekton-internal-run-<i>`: step i's own state directory. */
export const runVolume = (i: number): Volume => emptyDir(`tekton-internal-run-${i}`);
/** Step i's mount of run volume `i`: read-write in step i, read-only in the others. */
export function runMount(i: number, readOnly: boolean): VolumeMount {
  return readOnly
    ? { name: `tekton-internal-run-${i}`, readOnly: true, mountPath: `${RUN_DIR}/${i}` }
    : { name: `tekton-internal-run-${i}`, mountPath: `${RUN_DIR}/${i}` };
}

/** `StepName`: `step-<name>`, or `step-unnamed-<i>` for an unnamed step. */
export function stepName(name: string | undefined, index: number): string {
  return name !== undefined && name !== "" ? `${STEP_PREFIX}${name}` : `${STEP_PREFIX}unnamed-${index}`;
}
