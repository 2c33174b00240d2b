/**
 * Input that Tekton v1.12 does not serve at all, refused before admission looks at anything:
 * a ClusterTask (the kind was removed; creating one fails with "no matches for kind", which is
 * an admission-time refusal in our stages), PipelineResources (removed in v0.50: nothing in
 * v1.12 reads them, so their presence is a mistake in the input), and a TaskRun or Task in an
 * API version v1.12 does not serve. Also what the v1beta1 → v1 conversion silently drops,
 * reported as warnings.
 */

import type { Issue, PathSegment } from "../../errors.js";
import { CompileError, issue } from "../../errors.js";
import { isRecord } from "../../read-values.js";

/** Whether v1.12 serves TaskRuns and Tasks in `apiVersion` (compared directly: `includes` on a list of strings is several times slower). */
function isServed(apiVersion: string): boolean {
  return apiVersion === "tekton.dev/v1" || apiVersion === "tekton.dev/v1beta1";
}

function servedProblem(object: unknown, path: PathSegment, expectedKind: string): Issue | undefined {
  if (!isRecord(object)) return undefined;
  const kind = typeof object["kind"] === "string" ? object["kind"] : "";
  const apiVersion = typeof object["apiVersion"] === "string" ? object["apiVersion"] : "";
  if (kind === "ClusterTask") {
    return issue(
      "unsupported-input",
      [path, "kind"],
      `no matches for kind "ClusterTask" in version ${JSON.stringify(apiVersion || "tekton.dev/v1beta1")} (not served by Tekton v1.12): ` +
        "ClusterTasks were removed; make it a namespaced Task (kind: Task) and reference that, or use the cluster resolver",
    );
  }
  if (kind !== "" && kind !== expectedKind) {
    return issue(
      "unsupported-input",
      [path, "kind"],
      `expected a ${expectedKind} here, got kind ${JSON.stringify(kind)}`,
    );
  }
  if (apiVersion !== "" && !isServed(apiVersion)) {
    return issue(
      "unsupported-input",
      [path, "apiVersion"],
      `no matches for kind ${JSON.stringify(kind || expectedKind)} in version ${JSON.stringify(apiVersion)} (not served by Tekton v1.12): use tekton.dev/v1 (or tekton.dev/v1beta1)`,
    );
  }
  return undefined;
}

/**
 * Throws what v1.12 does with input it does not serve: a ClusterTask, or a TaskRun/Task in an
 * unserved API version, is refused at stage `admission`; `pipelineResources` (or an input that
 * is not a mapping at all) at stage `input`.
 *
 * @throws {CompileError} as above; returns normally when everything is served.
 * @example
 * ```ts
 * refuseUnserved({ taskRun, task: { apiVersion: "tekton.dev/v1beta1", kind: "ClusterTask", … } });
 * // throws CompileError(stage "admission", code "unsupported-input", 'no matches for kind "ClusterTask" …')
 * ```
 */
export function refuseUnserved(input: unknown): void {
  if (!isRecord(input)) {
    throw new CompileError("input", [
      issue("invalid-type", [], 'the input must be a mapping with at least a "taskRun"'),
    ]);
  }
  const admission = [
    servedProblem(input["taskRun"], "taskRun", "TaskRun"),
    servedProblem(input["task"], "task", "Task"),
  ].filter((i): i is Issue => i !== undefined);
  if (admission.length > 0) throw new CompileError("admission", admission);
  if (Object.hasOwn(input, "pipelineResources") && input["pipelineResources"] !== undefined) {
    throw new CompileError("input", [
      issue(
        "unsupported-input",
        ["pipelineResources"],
        "PipelineResources were removed in Tekton v0.50 and v1.12 does not read them; drop pipelineResources and use workspaces and steps " +
          '(e.g. the git-clone Task) instead, or compile with tekton: "v0.20.1"',
      ),
    ]);
  }
}

/**
 * What the v1beta1 → v1 conversion drops from a v1beta1 TaskRun or Task without a word, so that
 * the Pod is built without it: a sidecar's `restartPolicy`, a TaskRun's `managedBy`. (Fields
 * v1 moves elsewhere — deprecated step fields into an annotation, `taskRef.bundle` refused by
 * admission — are not listed.) Warnings: the TaskRun still runs.
 *
 * @example
 * ```ts
 * conversionWarnings({ spec: { managedBy: "kueue.x-k8s.io/multikueue", taskRef: { name: "t" } } }, "taskRun");
 * // → [{ code: "dropped-by-conversion", path: "taskRun.spec.managedBy", … }]
 * ```
 */
export function conversionWarnings(object: unknown, root: "taskRun" | "task"): Issue[] {
  if (!isRecord(object) || !isRecord(object["spec"])) return [];
  const spec = object["spec"];
  const warnings: Issue[] = [];
  if (root === "taskRun" && spec["managedBy"] !== undefined) {
    warnings.push(
      issue(
        "dropped-by-conversion",
        ["taskRun", "spec", "managedBy"],
        "managedBy is not carried over by Tekton v1.12's v1beta1 → v1 conversion: the controller sees the TaskRun without it; write the TaskRun as tekton.dev/v1 to keep it",
      ),
    );
  }
  const taskSpec = root === "taskRun" ? spec["taskSpec"] : spec;
  const specPath: PathSegment[] = root === "taskRun" ? ["taskRun", "spec", "taskSpec"] : ["task", "spec"];
  if (isRecord(taskSpec) && Array.isArray(taskSpec["sidecars"])) {
    taskSpec["sidecars"].forEach((s, i) => {
      if (isRecord(s) && s["restartPolicy"] !== undefined) {
        warnings.push(
          issue(
            "dropped-by-conversion",
            [...specPath, "sidecars", i, "restartPolicy"],
            "a sidecar's restartPolicy is not carried over by Tekton v1.12's v1beta1 → v1 conversion: the Pod is built without it; write the Task as tekton.dev/v1 to keep it",
          ),
        );
      }
    });
  }
  return warnings;
}
