/**
 * Stopping sidecars once the steps are done, as Tekton v1.12 does (pkg/pod/entrypoint.go
 * `StopSidecars`, `buildSidecarStopPatch`; pkg/reconciler/taskrun/taskrun.go `ReconcileKind`).
 * A Pod's containers cannot be removed, so a running non-step container gets the nop image,
 * which exits at once when the kubelet restarts it. Where v1.12 differs from v0.20.1:
 * - with `results-from: sidecar-logs` the results sidecar (`sidecar-tekton-log-results`) keeps
 *   running: the controller reads the results from its logs, so it must exit on its own;
 * - with `enable-kubernetes-sidecar` the sidecars are native (init containers with
 *   `restartPolicy: Always`, which the kubelet stops itself) and nothing is stopped — this
 *   assumes a cluster that supports native sidecars, as the v1.12 compile does;
 * - the patch is built from `status.containerStatuses`, in their order, and each running
 *   container's image is replaced only in the first `spec.containers` entry of that name whose
 *   image is not already the nop image.
 * Only a Running Pod is touched.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import type { Immutable, Pod } from "../../api/types.js";
import { asList, field, stringOrEmpty } from "../../read-values.js";
import { cloneData, readPod } from "../../status-shared/read-objects.js";
import { isStepContainer, RESULTS_SIDECAR } from "./describe-pod.js";
import { readFeatureFlags } from "./feature-flags.js";
import type { FoldConfig } from "./types.js";

/** Indexes in `spec.containers` whose image `StopSidecars` replaces, in the patch's order (no repeats). */
function stopIndexes(pod: Immutable<Pod>, nopImage: string, config: Immutable<FoldConfig> | undefined): number[] {
  const flags = readFeatureFlags(field(config, "featureFlags"));
  if (flags.kubernetesSidecars) return [];
  const view = readPod(pod);
  if (view.phase !== "Running") return [];
  const containers = asList(field(field(pod, "spec"), "containers"));
  const out: number[] = [];
  for (const s of view.containerStatuses) {
    if (flags.sidecarLogs && s.name === RESULTS_SIDECAR) continue;
    if (isStepContainer(s.name) || s.state.running === undefined) continue;
    const index = containers.findIndex(
      (c) => stringOrEmpty(field(c, "name")) === s.name && field(c, "image") !== nopImage,
    );
    // Two statuses of one name patch the same index twice in Tekton; once is the same Pod.
    if (index >= 0 && !out.includes(index)) out.push(index);
  }
  return out;
}

/**
 * Names of the containers `stopSidecars` switches to `nopImage`, in `status.containerStatuses`
 * order. `config.featureFlags` is the data of ConfigMap `feature-flags`.
 *
 * @example
 * ```ts
 * sidecarsToStop(pod, nopImage, { featureFlags: { "results-from": "sidecar-logs" } }); // ["sidecar-db"]
 * ```
 */
export function sidecarsToStop(pod: Immutable<Pod>, nopImage: string, config?: Immutable<FoldConfig>): string[] {
  const containers = asList(field(field(pod, "spec"), "containers"));
  return stopIndexes(pod, nopImage, config).map((i) => stringOrEmpty(field(containers[i], "name")));
}

/**
 * A copy of the Pod with the nop image on every container {@link sidecarsToStop} names (the
 * first entry of that name not already on it). The input is not modified and shares nothing
 * with the result; a Pod with nothing to stop comes back as an equal copy.
 *
 * @example
 * ```ts
 * const updated = stopSidecars(pod, "ghcr.io/tektoncd/pipeline/nop-8eac7c133edad5df719dc37b36b62482:v1.12.2", { featureFlags: {} });
 * ```
 */
export function stopSidecars(pod: Immutable<Pod>, nopImage: string, config?: Immutable<FoldConfig>): Pod {
  const stop = new Set(stopIndexes(pod, nopImage, config));
  const copy = (cloneData(pod) ?? {}) as Pod;
  const containers = copy.spec?.containers;
  if (stop.size === 0 || !Array.isArray(containers)) return copy;
  copy.spec = {
    ...copy.spec,
    containers: containers.map((c: Container, i) => (stop.has(i) ? { ...c, image: nopImage } : c)),
  };
  return copy;
}
