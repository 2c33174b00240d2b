/**
 * How the Tekton v0.20.1 controller lets the first step start once the sidecars are ready
 * (`sidecarsReady`, shared): it patches the `tekton.dev/ready` annotation that the first step
 * waits for through the Downward API (pkg/pod/entrypoint.go `UpdateReady`).
 */
import { READY_ANNOTATION, READY_ANNOTATION_VALUE } from "../contract.js";
import type { JsonPatchOperation } from "./types.js";

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
