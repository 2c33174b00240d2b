/**
 * Stopping sidecars once the steps are done, as Tekton v0.20.1 does (pkg/pod/entrypoint.go
 * `StopSidecars`): a Pod's containers cannot be removed, so every running non-step container
 * gets the nop image, which exits at once when the kubelet restarts it. Only a Running Pod is
 * touched; containers already on the nop image are left alone.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import type { Immutable, Pod } from "../../api/types.js";
import { asList, field, stringOrEmpty } from "../../read-values.js";
import { cloneData, readPod } from "../../status-shared/read-objects.js";
import { isStepContainer } from "./describe-pod.js";

/**
 * Names of the containers `stopSidecars` switches to `nopImage`, in `spec.containers` order.
 *
 * @example
 * ```ts
 * sidecarsToStop(pod, nopImage); // ["sidecar-db", "istio-proxy"]
 * ```
 */
export function sidecarsToStop(pod: Immutable<Pod>, nopImage: string): string[] {
  const view = readPod(pod);
  if (view.phase !== "Running") return [];
  const running = new Set(
    view.containerStatuses.filter((s) => !isStepContainer(s.name) && s.state.running !== undefined).map((s) => s.name),
  );
  const names = asList(field(field(pod, "spec"), "containers"))
    .filter((c) => running.has(stringOrEmpty(field(c, "name"))) && field(c, "image") !== nopImage)
    .map((c) => stringOrEmpty(field(c, "name")));
  return [...new Set(names)];
}

/**
 * A copy of the Pod in which every running sidecar (any non-step container) runs `nopImage`.
 * The input is not modified and shares nothing with the result; a Pod with nothing to stop
 * comes back as an equal copy.
 *
 * @example
 * ```ts
 * const updated = stopSidecars(pod, "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/nop:v0.20.1");
 * ```
 */
export function stopSidecars(pod: Immutable<Pod>, nopImage: string): Pod {
  const stop = new Set(sidecarsToStop(pod, nopImage));
  const copy = (cloneData(pod) ?? {}) as Pod;
  const containers = copy.spec?.containers;
  if (stop.size === 0 || !Array.isArray(containers)) return copy;
  copy.spec = {
    ...copy.spec,
    containers: containers.map((c: Container) =>
      stop.has(stringOrEmpty(field(c, "name"))) && field(c, "image") !== nopImage ? { ...c, image: nopImage } : c,
    ),
  };
  return copy;
}
