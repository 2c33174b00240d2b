/**
 * The paths, volumes and mounts Tekton v1.12's Pod builder injects (pkg/pod/pod.go,
 * entrypoint.go, script.go), and the Go struct field order objects are emitted in.
 */
import type { Container, Volume, VolumeMount } from "kubernetes-types/core/v1.js";

export const WORKSPACE_DIR = "/workspace";
export const HOME_DIR = "/tekton/home";
export const RESULTS_DIR = "/tekton/results";
export const STEPS_DIR = "/tekton/steps";
export const ARTIFACTS_DIR = "/tekton/artifacts";
export const CREDS_DIR = "/tekton/creds";
export const BIN_DIR = "/tekton/bin";
export const ENTRYPOINT_BINARY = `${BIN_DIR}/entrypoint`;
export const RUN_DIR = "/tekton/run";
export const SCRIPTS_DIR = "/tekton/scripts";
export const DOWNWARD_DIR = "/tekton/downward";
export const TERMINATION_PATH = "/tekton/termination";

export const STEP_PREFIX = "step-";
export const SIDECAR_PREFIX = "sidecar-";
export const READY_ANNOTATION = "tekton.dev/ready";
export const READY_ANNOTATION_VALUE = "READY";
export const RELEASE_ANNOTATION = "pipeline.tekton.dev/release";
export const RESULTS_SIDECAR_NAME = "tekton-log-results";

const emptyDir = (name: string): Volume => ({ name, emptyDir: {} });

/** The five implicit volumes every Pod gets first. */
export function implicitVolumes(): Volume[] {
  return ["tekton-internal-workspace", "tekton-internal-home", "tekton-internal-results", "tekton-internal-steps", "tekton-internal-artifacts"].map(emptyDir);
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

export const binVolume = (): Volume => emptyDir("tekton-internal-bin");
export const binMount = (): VolumeMount => ({ name: "tekton-internal-bin", mountPath: BIN_DIR });
export const binReadOnlyMount = (): VolumeMount => ({ name: "tekton-internal-bin", readOnly: true, mountPath: BIN_DIR });
export const internalStepsMount = (): VolumeMount => ({ name: "tekton-internal-steps", mountPath: STEPS_DIR });
export const scriptsVolume = (): Volume => emptyDir("tekton-internal-scripts");
export const scriptsReadOnlyMount = (): VolumeMount => ({ name: "tekton-internal-scripts", readOnly: true, mountPath: SCRIPTS_DIR });
export const scriptsWriteMount = (): VolumeMount => ({ name: "tekton-internal-scripts", mountPath: SCRIPTS_DIR });
export const downwardMount = (): VolumeMount => ({ name: "tekton-internal-downward", readOnly: true, mountPath: DOWNWARD_DIR });

/** The downward-API volume: the ready file, and the cancel file with `keep-pod-on-cancel`. */
export function downwardVolume(withCancel: boolean): Volume {
  const items = [{ path: "ready", fieldRef: { fieldPath: `metadata.annotations['${READY_ANNOTATION}']` } }];
  if (withCancel) items.push({ path: "cancel", fieldRef: { fieldPath: "metadata.annotations['tekton.dev/cancel']" } });
  return { name: "tekton-internal-downward", downwardAPI: { items } };
}

/** `tekton-internal-run-<i>`: step i's own state directory. */
export const runVolume = (i: number): Volume => emptyDir(`tekton-internal-run-${i}`);
export function runMount(i: number, readOnly: boolean): VolumeMount {
  return readOnly
    ? { name: `tekton-internal-run-${i}`, readOnly: true, mountPath: `${RUN_DIR}/${i}` }
    : { name: `tekton-internal-run-${i}`, mountPath: `${RUN_DIR}/${i}` };
}

/** `StepName`: `step-<name>`, or `step-unnamed-<i>` for an unnamed step. */
export function stepName(name: string | undefined, index: number): string {
  return name !== undefined && name !== "" ? `${STEP_PREFIX}${name}` : `${STEP_PREFIX}unnamed-${index}`;
}

const CONTAINER_ORDER = [
  "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy",
  "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
  "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
];

/** The container with its keys in `corev1.Container`'s field order (unknown keys last). */
export function orderContainer(c: Container): Container {
  const out: Record<string, unknown> = {};
  const src = c as unknown as Record<string, unknown>;
  for (const key of CONTAINER_ORDER) if (src[key] !== undefined) out[key] = src[key];
  for (const key of Object.keys(src)) if (!(key in out) && src[key] !== undefined) out[key] = src[key];
  return out as unknown as Container;
}

const POD_SPEC_ORDER = [
  "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds",
  "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
  "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
  "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "dnsConfig",
  "readinessGates", "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
  "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims",
];

/** The Pod spec with its keys in `corev1.PodSpec`'s field order. */
export function orderPodSpec<T extends object>(spec: T): T {
  const out: Record<string, unknown> = {};
  const src = spec as Record<string, unknown>;
  for (const key of POD_SPEC_ORDER) if (src[key] !== undefined) out[key] = src[key];
  for (const key of Object.keys(src)) if (!(key in out) && src[key] !== undefined) out[key] = src[key];
  return out as T;
}
