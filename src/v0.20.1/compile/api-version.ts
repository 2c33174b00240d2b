/**
 * Tekton v0.20.1 serves TaskRuns and Tasks as `tekton.dev/v1beta1` (and `v1alpha1`) only; the
 * `tekton.dev/v1` API came with Tekton v0.43. A v1 object given to this profile is almost
 * always meant for a current cluster, so it is refused at stage `input` with the way out —
 * the v1.12 profile — rather than compiled against the wrong release or rejected field by field.
 */

import type { Issue } from "../../errors.js";
import { CompileError, issue } from "../../errors.js";

const LATER_VERSIONS = new Set(["tekton.dev/v1"]);

function apiVersionOf(object: unknown): unknown {
  return object !== null && typeof object === "object" && !Array.isArray(object)
    ? (object as Record<string, unknown>)["apiVersion"]
    : undefined;
}

/**
 * Throws a `CompileError` at stage `input` when the TaskRun or Task is written in an API version
 * that only later Tekton releases serve.
 *
 * @example
 * ```ts
 * refuseLaterApiVersions({ taskRun: { apiVersion: "tekton.dev/v1", kind: "TaskRun", … } });
 * // throws CompileError(stage "input", code "unsupported-input", '… choose tekton: "v1.12" …')
 * ```
 */
export function refuseLaterApiVersions(input: unknown): void {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return;
  const issues: Issue[] = [];
  for (const key of ["taskRun", "task"] as const) {
    const version = apiVersionOf((input as Record<string, unknown>)[key]);
    if (typeof version === "string" && LATER_VERSIONS.has(version)) {
      issues.push(
        issue(
          "unsupported-input",
          [key, "apiVersion"],
          `${version} is not served by Tekton v0.20.1 (it serves tekton.dev/v1beta1); to compile a ${version} object, ` +
            'choose tekton: "v1.12" (compileTaskRun(input, { tekton: "v1.12" }), or tekton-pod compile --tekton v1.12), ' +
            "or write it as tekton.dev/v1beta1 for v0.20.1",
        ),
      );
    }
  }
  if (issues.length > 0) throw new CompileError("input", issues);
}
