/**
 * The owner reference Tekton v1.12 puts on everything it creates for a TaskRun (the Pod and the
 * PVCs of volumeClaimTemplate bindings): the TaskRun as a `tekton.dev/v1` controller, so
 * Kubernetes deletes them with it. `uid` is written even when empty, as Go encodes it.
 */
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import type { Immutable } from "../../api/types.js";
import type { TaskRunV1 } from "../api/types.js";

/** The TaskRun as the controlling owner of an object created for it. */
export function ownerReference(taskRun: Immutable<TaskRunV1>): OwnerReference {
  return {
    apiVersion: "tekton.dev/v1",
    kind: "TaskRun",
    name: taskRun.metadata?.name ?? "",
    uid: taskRun.metadata?.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}
