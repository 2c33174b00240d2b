/**
 * A hand-written TaskRun has no `metadata.uid`; the API server assigns one. Without it every
 * release writes the owner references of the Pod (and of the PVCs it creates) with `uid: ""`,
 * exactly as Tekton would, and the Kubernetes API server refuses such an owner reference. The
 * output stays Tekton's; the caller gets this warning.
 */
import { type Issue, issue } from "../errors.js";

/** The `missing-uid` warning, or `undefined` when the TaskRun has its uid. */
export function missingUidWarning(uid: string | undefined, withClaims: boolean): Issue | undefined {
  if (uid !== undefined && uid !== "") return undefined;
  return issue(
    "missing-uid",
    ["taskRun", "metadata", "uid"],
    `the TaskRun has no metadata.uid, so the Pod's ownerReferences[0].uid${withClaims ? " (and the PVCs')" : ""} is "", ` +
      "which the Kubernetes API server refuses; give the uid the cluster assigned (kubectl get taskrun NAME -o yaml), " +
      "or any UUID for a preview",
  );
}
