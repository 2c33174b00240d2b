/**
 * Small v1.12 inputs, each showing a behaviour of Tekton v1.12 the conformance corpus has no Pod
 * for (results through sidecar logs, stdout/stderr files, the Pod template's env and params,
 * step result paths), so that a test can pin the rule its explanation gives.
 */
import type { CompileInputV112 } from "../../src/index.js";

const DIGEST = `sha256:${"ab".repeat(32)}`;

function run(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): CompileInputV112 {
  return {
    taskRun: {
      apiVersion: "tekton.dev/v1",
      kind: "TaskRun",
      metadata: { name: "explained-run", namespace: "ci", uid: "6a0c1d4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e" },
      spec: { taskSpec: spec, ...extra },
    },
  } as unknown as CompileInputV112;
}

const step = { name: "build", image: `docker.io/library/alpine@${DIGEST}`, command: ["make"] };

/** Pinned v1.12 inputs, by what they show. */
export const V112_INPUTS = {
  /** `results-from: sidecar-logs` with a Task result: the results sidecar and `-result_from`. */
  sidecarLogs: {
    ...run({ results: [{ name: "digest" }], steps: [step] }),
    config: { featureFlags: { "results-from": "sidecar-logs" } },
  } as CompileInputV112,
  /** A step's stdout and stderr files (an alpha field), its own results and onError. */
  outputs: {
    ...run({
      steps: [
        {
          ...step,
          onError: "continue",
          stdoutConfig: { path: "/workspace/out.txt" },
          stderrConfig: { path: "/workspace/err.txt" },
          results: [{ name: "sum" }],
          args: ["--into", "$(step.results.sum.path)"],
        },
      ],
    }),
    config: { featureFlags: { "enable-api-fields": "alpha" } },
  } as CompileInputV112,
  /** The Pod template's env, with a param in it. */
  templateEnv: run(
    { params: [{ name: "level", default: "info" }], steps: [step] },
    { podTemplate: { env: [{ name: "LOG_LEVEL", value: "$(params.level)" }] } },
  ),
} as const;
