/**
 * How the Tekton v1.12 controller lets the first step start once the sidecars are ready
 * (`sidecarsReady`, shared with v0.20.1): pkg/pod/entrypoint.go `UpdateReady` patches the
 * `tekton.dev/ready` annotation the first step waits for through the Downward API — but, unlike
 * v0.20.1, not when the annotation already says READY (a Pod without sidecars is created ready,
 * and a later reconcile need not patch again).
 */
import type { Immutable, Pod } from "../../api/types.js";
import { field } from "../../read-values.js";
import type { JsonPatchOperation } from "../../status-shared/json-patch.js";
import { READY_ANNOTATION, READY_ANNOTATION_VALUE } from "../compile/pod/constants.js";

/**
 * The JSON Patch that marks the Pod ready, or `[]` when `pod` already carries
 * `tekton.dev/ready: READY`. The operation is the same as the v0.20.1 helper's:
 * `[{"op":"add","path":"/metadata/annotations/tekton.dev~1ready","value":"READY"}]` — an `add`
 * rather than Tekton's `replace`, so a strict RFC 6902 applier accepts it when the annotation
 * does not exist yet. Without a Pod, the patch is always returned.
 *
 * @example
 * ```ts
 * const patch = readyAnnotationPatch(pod);
 * if (patch.length > 0) await client.patch(pod, patch);
 * ```
 */
export function readyAnnotationPatch(pod?: Immutable<Pod>): JsonPatchOperation[] {
  const current = field(field(field(pod, "metadata"), "annotations"), READY_ANNOTATION);
  if (current === READY_ANNOTATION_VALUE) return [];
  return [
    { op: "add", path: `/metadata/annotations/${READY_ANNOTATION.replace("/", "~1")}`, value: READY_ANNOTATION_VALUE },
  ];
}
