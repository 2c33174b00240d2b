/**
 * When the controller lets the first step start: Tekton v0.20.1 waits until every non-step
 * container (Task sidecars and anything a webhook injected) is ready or has exited
 * (pkg/pod/status.go `SidecarsReady`), then patches the `tekton.dev/ready` annotation that the
 * first step waits for through the Downward API (pkg/pod/entrypoint.go `UpdateReady`).
 */
import type { Immutable, Pod } from "../../api/types.js";
import { READY_ANNOTATION, READY_ANNOTATION_VALUE } from "../contract.js";
import { isStepContainer } from "./describe-pod.js";
import { readPod } from "../../status-shared/read-objects.js";
import type { JsonPatchOperation } from "./types.js";


/**
 * Whether the Pod is Running and every container that is not a step is running and ready, or
 * terminated. Injected sidecars count too: they need not carry the `sidecar-` prefix.
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
    (s) =>
      isStepContainer(s.name) ||
      (s.state.running !== undefined && s.ready) ||
      s.state.terminated !== undefined,
  );
}

/**
 * The JSON Patch (RFC 6902, `application/json-patch+json`) that marks the Pod ready:
 * `[{"op":"add","path":"/metadata/annotations/tekton.dev~1ready","value":"READY"}]`.
 *
 * Tekton sends `replace`, which the API server's lenient patcher accepts; but the annotation
 * does not exist yet on a Pod with sidecars, and a strict RFC 6902 applier refuses to replace
 * a missing member. `add` sets it whether it exists or not (every compiled Pod has
 * `metadata.annotations`), so the patch means the same to every applier.
 *
 * @example
 * ```ts
 * JSON.stringify(readyAnnotationPatch());
 * ```
 */
export function readyAnnotationPatch(): JsonPatchOperation[] {
  return [
    {
      op: "add",
      path: `/metadata/annotations/${READY_ANNOTATION.replace("/", "~1")}`,
      value: READY_ANNOTATION_VALUE,
    },
  ];
}
