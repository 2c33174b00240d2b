/**
 * When the controller lets the first step start: Tekton waits until every non-step container
 * (Task sidecars and anything a webhook injected) is ready or has exited (pkg/pod/status.go
 * `SidecarsReady`, the same test in v0.20.1 and v1.12), then patches the `tekton.dev/ready`
 * annotation that the first step waits for through the Downward API.
 */
import type { Immutable, Pod } from "../api/types.js";
import { readPod } from "./read-objects.js";

/**
 * Whether the Pod is Running and every container that is not a step (a name without the
 * `step-` prefix) is running and ready, or terminated. Injected sidecars count too: they need
 * not carry the `sidecar-` prefix.
 *
 * @example
 * ```ts
 * if (sidecarsReady(pod)) await client.patch(pod, readyAnnotationPatch());
 * ```
 */
export function sidecarsReady(pod: Immutable<Pod>): boolean {
  const view = readPod(pod);
  if (view.phase !== "Running") return false;
  return view.containerStatuses.every(
    (s) => s.name.startsWith("step-") || (s.state.running !== undefined && s.ready) || s.state.terminated !== undefined,
  );
}
