// One reconcile step of a TaskRun controller, as a pure function: it looks at the TaskRun and
// its Pod (if any) and says what to do. The cluster calls live elsewhere (see
// docs/embedding.md), so this part can be unit-tested without a cluster.
import {
  cancel, foldTaskRunStatus, hasTimedOut, initializeTaskRunStatus, readyAnnotationPatch, safeCompileTaskRun, sidecarsReady, stopSidecars, timeout,
  type CompileInput, type JsonPatchOperation, type PersistentVolumeClaim, type Pod, type TaskRun, type TaskRunStatus,
} from "tekton-pod-compiler";

/** What the controller should do next, in order. */
export type Action =
  | { readonly kind: "create-claims-and-pod"; readonly claims: PersistentVolumeClaim[]; readonly pod: Pod }
  | { readonly kind: "patch-pod"; readonly name: string; readonly patch: JsonPatchOperation[] }
  | { readonly kind: "replace-pod"; readonly pod: Pod }
  | { readonly kind: "delete-pod"; readonly name: string }
  | { readonly kind: "write-status"; readonly status: TaskRunStatus };

/** Everything one reconcile step looks at; the controller fetched it from the cluster. */
export interface Observed {
  readonly taskRun: TaskRun;
  /** The Pod named by `taskRun.status.podName`, if it exists. */
  readonly pod?: Pod;
  /** Task, LimitRanges, ServiceAccount, Secrets, ConfigMaps, image entrypoints… */
  readonly cluster: Omit<CompileInput, "taskRun">;
  readonly nopImage: string;
  readonly now: string;
}

const isDone = (status: TaskRunStatus | undefined): boolean =>
  status?.conditions?.some((c) => c.type === "Succeeded" && c.status !== "Unknown") ?? false;

/** Decides the next actions for one TaskRun. */
export function reconcile({ taskRun: observed, pod, cluster, nopImage, now }: Observed): Action[] {
  if (isDone(observed.status)) return [];
  // First sight of the run: startTime = now, Succeeded Unknown/Started (what the timeout counts from).
  const taskRun: TaskRun = { ...observed, status: initializeTaskRunStatus(observed, now) };
  const podName = pod?.metadata?.name;
  const deletePod: Action[] = podName !== undefined ? [{ kind: "delete-pod", name: podName }] : [];

  if (taskRun.spec.status === "TaskRunCancelled") return [...deletePod, { kind: "write-status", status: cancel(taskRun, now) }];
  if (hasTimedOut(taskRun, now)) return [...deletePod, { kind: "write-status", status: timeout(taskRun, now) }];

  if (pod === undefined) {
    const result = safeCompileTaskRun({ ...cluster, taskRun });
    if (!result.ok) {
      const { error } = result;
      return [{
        kind: "write-status",
        status: {
          ...taskRun.status,
          conditions: [{
            type: "Succeeded", status: "False", lastTransitionTime: now,
            reason: error.reason ?? "TaskRunValidationFailed",
            message: error.issues.map((i) => `${i.path}: ${i.message}`).join("; "),
          }],
        },
      }];
    }
    return [
      { kind: "create-claims-and-pod", claims: result.persistentVolumeClaims ?? [], pod: result.pod },
      { kind: "write-status", status: { ...taskRun.status, podName: result.pod.metadata?.name ?? "" } },
    ];
  }

  const actions: Action[] = [];
  const status = foldTaskRunStatus({ taskRun, pod }, { now });
  if (sidecarsReady(pod) && pod.metadata?.annotations?.["tekton.dev/ready"] !== "READY") {
    actions.push({ kind: "patch-pod", name: podName ?? "", patch: readyAnnotationPatch() });
  }
  if (isDone(status)) {
    // Steps are over: swap running sidecars to the nop image so the Pod can finish.
    const stopped = stopSidecars(pod, nopImage);
    if (JSON.stringify(stopped.spec) !== JSON.stringify(pod.spec)) actions.push({ kind: "replace-pod", pod: stopped });
  }
  actions.push({ kind: "write-status", status });
  return actions;
}
