/**
 * What Tekton v1.12.2's `MakeTaskRunStatus` does that the conformance cases do not show: typed
 * results from JSON, Go's number rules for entry types, `ExitCode` entries, the failure-reason
 * priorities, native sidecars, sidecar-log results, artifacts, Go 1.25's JSON escapes and the
 * v1beta1 round trip.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompileError } from "../../src/errors.js";
import { extractStepResultReference } from "../../src/v1.12/status/result-values.js";
import { deepFreeze } from "../support/freeze.js";
import { foldV112 } from "./fold-profile.js";

const NOW = "2026-01-15T10:05:00Z";

interface Container {
  name: string;
  state: Record<string, unknown>;
}

function terminated(
  name: string,
  exitCode: number,
  message?: unknown,
  reason = exitCode === 0 ? "Completed" : "Error",
): Container {
  const t: Record<string, unknown> = { exitCode, reason };
  if (message !== undefined) t.message = typeof message === "string" ? message : JSON.stringify(message);
  return { name, state: { terminated: t } };
}

function running(name: string): Container {
  return { name, state: { running: { startedAt: "2026-01-15T10:00:05Z" } } };
}

function pod(
  phase: string,
  containers: Container[],
  extra: { init?: Container[]; reason?: string; message?: string } = {},
) {
  return {
    metadata: { name: "tr-pod", namespace: "default" },
    spec: { containers: containers.map((c) => ({ name: c.name })) },
    status: {
      phase,
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
      ...(extra.message !== undefined ? { message: extra.message } : {}),
      containerStatuses: containers.map((c) => ({ name: c.name, imageID: `img-${c.name}`, state: c.state })),
      ...(extra.init !== undefined
        ? { initContainerStatuses: extra.init.map((c) => ({ name: c.name, state: c.state })) }
        : {}),
    },
  };
}

function taskRun(spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "tekton.dev/v1",
    kind: "TaskRun",
    metadata: { name: "tr", namespace: "default" },
    spec,
    ...extra,
  };
}

function fold(input: Record<string, unknown>) {
  return foldV112(deepFreeze(input), NOW);
}

/** `status.results` of a v1 status. */
function resultsOf(status: object): unknown {
  return (status as { results?: unknown }).results;
}

function condition(result: ReturnType<typeof fold>) {
  return result.status.conditions?.find((c) => c.type === "Succeeded");
}

describe("v1.12 fold: typed results", () => {
  const entries = [
    { key: "declared", value: '["kept","verbatim"]', type: 1 },
    { key: "list", value: '["a","b"]', type: 1 },
    { key: "map", value: '{"k":"v","n":null}', type: 1 },
    { key: "quoted", value: '"q"', type: 1 },
    { key: "number", value: "42", type: 1 },
    { key: "mixed", value: '["a",1]', type: 1 },
  ];
  const spec = {
    taskSpec: {
      results: [
        { name: "declared", type: "string" },
        { name: "list", type: "array" },
      ],
      steps: [{ name: "s" }],
    },
  };

  it("keeps a declared string verbatim and reads the others as ResultValue JSON", () => {
    const { status } = fold({ taskRun: taskRun(spec), pod: pod("Succeeded", [terminated("step-s", 0, entries)]) });
    expect(resultsOf(status)).toEqual([
      { name: "declared", type: "string", value: '["kept","verbatim"]' },
      { name: "list", type: "array", value: ["a", "b"] },
      { name: "map", type: "object", value: { k: "v", n: "" } },
      { name: "mixed", type: "string", value: '["a",1]' },
      { name: "number", type: "string", value: "42" },
      { name: "quoted", type: "string", value: "q" },
    ]);
  });

  it("takes no results while the run is not done", () => {
    const { status } = fold({
      taskRun: taskRun(spec),
      pod: pod("Running", [terminated("step-s", 0, entries), running("step-t")]),
    });
    expect(condition({ status, warnings: [] })?.reason).toBe("Running");
    expect("results" in status).toBe(false);
  });

  it("turns a step result into the Task result that fetches it, and reports a value that is no reference", () => {
    const steps = [{ name: "p", results: [{ name: "digest", type: "string" }] }];
    const fetching = {
      taskSpec: { steps, results: [{ name: "out", type: "string", value: "$(steps.p.results.digest)" }] },
    };
    const message = [{ key: "digest", value: "sha256:1", type: 4 }];
    const ok = fold({ taskRun: taskRun(fetching), pod: pod("Succeeded", [terminated("step-p", 0, message)]) });
    expect(ok.status.steps?.[0]?.results).toEqual([{ name: "digest", type: "string", value: "sha256:1" }]);
    expect(resultsOf(ok.status)).toEqual([{ name: "out", type: "string", value: "sha256:1" }]);

    const broken = { taskSpec: { steps, results: [{ name: "out", type: "string", value: "literal" }] } };
    const bad = fold({ taskRun: taskRun(broken), pod: pod("Succeeded", [terminated("step-p", 0, message)]) });
    expect(resultsOf(bad.status)).toBeUndefined();
    expect(bad.warnings.map((w) => w.code)).toEqual(["invalid-step-result-reference"]);
  });
});

describe("v1.12 fold: termination messages", () => {
  it("refuses an entry type Go cannot read as an int, keeping the message as written", () => {
    for (const type of ["1.0", "1e0", "9223372036854775808", "true"]) {
      const message = `[{"key":"r","value":"v","type":${type}}]`;
      const { status, warnings } = fold({
        taskRun: taskRun(),
        pod: pod("Succeeded", [terminated("step-s", 0, message)]),
      });
      expect(status.steps?.[0]?.terminated?.message).toBe(message);
      expect(warnings.map((w) => w.code)).toEqual(["invalid-termination-message"]);
    }
  });

  it("reads the old type names, drops empty entries and internal ones, and writes Go 1.25's escapes", () => {
    const message =
      '[{},{"key":"r","value":"a\\bb\\fc<","type":"TaskRunResult"},{"key":"x","value":"y","type":"Odd"},{"key":"StartedAt","value":"2026-01-15T10:00:01.500Z","type":3}]';
    const { status } = fold({ taskRun: taskRun(), pod: pod("Succeeded", [terminated("step-s", 0, message)]) });
    const step = status.steps?.[0];
    expect(step?.terminated?.message).toBe(
      '[{"key":"r","value":"a\\bb\\fc\\u003c","type":1},{"key":"x","value":"y","type":10}]',
    );
    expect(step?.terminated?.startedAt).toBe("2026-01-15T10:00:01Z");
  });

  it("takes the exit code from an ExitCode entry, and says the step continued", () => {
    const message = [{ key: "ExitCode", value: "3", type: 3 }];
    const { status } = fold({ taskRun: taskRun(), pod: pod("Succeeded", [terminated("step-s", 0, message)]) });
    expect(status.steps?.[0]?.terminated?.exitCode).toBe(3);
    expect(status.steps?.[0]).toMatchObject({ terminationReason: "Continued" });
    expect(condition({ status, warnings: [] })?.reason).toBe("Succeeded");
  });

  it("reports an ExitCode entry that is not a 32-bit integer", () => {
    const message = [{ key: "ExitCode", value: "2147483648", type: 3 }];
    const { status, warnings } = fold({
      taskRun: taskRun(),
      pod: pod("Succeeded", [terminated("step-s", 0, message)]),
    });
    expect(status.steps?.[0]?.terminated?.exitCode).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual(["invalid-step-exit-code"]);
  });
});

describe("v1.12 fold: failure reasons", () => {
  it("ignores the failure for a Pipeline task that may fail", () => {
    const tr = taskRun(
      {},
      { metadata: { name: "tr", annotations: { "pipeline.tekton.dev/pipeline-task-on-error": "continue" } } },
    );
    const result = fold({ taskRun: tr, pod: pod("Failed", [terminated("step-s", 2)]) });
    expect(condition(result)).toMatchObject({
      status: "False",
      reason: "FailureIgnored",
      message: '"step-s" exited with code 2: Error',
    });
  });

  it("names an evicted Pod with the Pod's message", () => {
    const result = fold({
      taskRun: taskRun(),
      pod: pod("Failed", [terminated("step-s", 137)], { reason: "Evicted", message: "low on ephemeral-storage" }),
    });
    expect(condition(result)).toMatchObject({ reason: "PodEvicted", message: "low on ephemeral-storage" });
  });

  it("puts a sidecar's OOM before a step's failure, and a native sidecar's before both", () => {
    const containers = [terminated("step-s", 1), terminated("sidecar-db", 137, undefined, "OOMKilled")];
    expect(condition(fold({ taskRun: taskRun(), pod: pod("Failed", containers) }))).toMatchObject({
      reason: "SidecarOOM",
      message: '"sidecar-db" exited with code 137: OOMKilled',
    });
    const init = [terminated("prepare", 0), terminated("sidecar-cache", 1)];
    expect(condition(fold({ taskRun: taskRun(), pod: pod("Failed", containers, { init }) }))).toMatchObject({
      reason: "SidecarFailed",
      message: 'init container failed, "sidecar-cache" exited with code 1: Error',
    });
  });

  it("says a step ran out of time", () => {
    const message = [{ key: "Reason", value: "TimeoutExceeded", type: 3 }];
    const result = fold({ taskRun: taskRun(), pod: pod("Failed", [terminated("step-s", 1, message)]) });
    expect(condition(result)).toMatchObject({
      reason: "StepFailed",
      message: '"step-s" exited because the step exceeded the specified timeout limit',
    });
    expect(result.status.steps?.[0]).toMatchObject({ terminationReason: "TimeoutExceeded" });
  });
});

describe("v1.12 fold: feature flags", () => {
  it("with native sidecars, waits for every init container before completing", () => {
    const config = { featureFlags: { "enable-kubernetes-sidecar": "true" } };
    const init = [terminated("prepare", 0), running("sidecar-db")];
    const p = pod("Running", [terminated("step-s", 0)], { init });
    expect(condition(fold({ taskRun: taskRun(), pod: p, config }))?.reason).toBe("Running");
    expect(condition(fold({ taskRun: taskRun(), pod: p }))?.reason).toBe("Succeeded");
    expect(fold({ taskRun: taskRun(), pod: p, config }).status.sidecars?.map((s) => s.container)).toEqual([
      "sidecar-db",
    ]);
  });

  it("with sidecar-log results, waits for the results sidecar and says its logs are not read", () => {
    const config = { featureFlags: { "results-from": "sidecar-logs" } };
    const tr = taskRun(
      {},
      { status: { podName: "tr-pod", taskSpec: { results: [{ name: "r" }], steps: [{ name: "s" }] } } },
    );
    const waiting = fold({
      taskRun: tr,
      pod: pod("Running", [terminated("step-s", 0), running("sidecar-tekton-log-results")]),
      config,
    });
    expect(condition(waiting)?.reason).toBe("Running");
    const done = fold({
      taskRun: tr,
      pod: pod("Running", [terminated("step-s", 0), terminated("sidecar-tekton-log-results", 0)]),
      config,
    });
    expect(condition(done)?.reason).toBe("Succeeded");
    expect(done.warnings.map((w) => w.code)).toEqual(["sidecar-log-results-not-read"]);
  });
});

describe("v1.12 fold: artifacts", () => {
  it("records a step's artifacts on the step and merges them into the TaskRun's", () => {
    const artifacts = {
      outputs: [{ name: "image", values: [{ uri: "pkg:oci/app", digest: { sha256: "abc" } }], buildOutput: true }],
    };
    const message = [{ key: "step-s", value: JSON.stringify(artifacts), type: 5 }];
    const { status } = fold({
      taskRun: taskRun(),
      pod: pod("Succeeded", [terminated("step-s", 0, message), terminated("step-t", 0, message)]),
    });
    expect(status.steps?.[0]).toMatchObject({ outputs: artifacts.outputs });
    expect((status as { artifacts?: unknown }).artifacts).toEqual(artifacts);
  });
});

describe("v1.12 fold: v1beta1 TaskRuns", () => {
  it("answers in v1beta1: taskResults, no terminationReason or artifacts, cloudEvents and resourcesResult kept", () => {
    const tr = {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "tr" },
      spec: { taskSpec: { results: [{ name: "r" }], steps: [{ name: "s" }] } },
      status: {
        podName: "tr-pod",
        cloudEvents: [{ target: "http://sink", status: { condition: "Sent", retryCount: 1 } }],
        resourcesResult: [{ key: "commit", value: "abc", resourceName: "src" }],
        taskResults: [{ name: "old", type: "string", value: "1" }],
        provenance: {
          configSource: { uri: "git+https://example.com/repo" },
          refSource: { uri: "git+https://example.com/repo" },
        },
        steps: [{ name: "s", provenance: { refSource: { entryPoint: "task.yaml" } } }],
      },
    };
    const { status } = fold({
      taskRun: tr,
      pod: pod("Succeeded", [terminated("step-s", 0, [{ key: "r", value: "v", type: 1 }])]),
    });
    expect(status).toMatchObject({
      cloudEvents: tr.status.cloudEvents,
      resourcesResult: tr.status.resourcesResult,
      taskResults: [
        { name: "old", type: "string", value: "1" },
        { name: "r", type: "string", value: "v" },
      ],
    });
    expect(status.provenance).toEqual({ refSource: { uri: "git+https://example.com/repo" } });
    expect(status.steps?.[0]?.provenance).toEqual({ refSource: { entryPoint: "task.yaml" } });
    expect(Object.keys(status)).not.toContain("artifacts");
    expect(Object.keys(status)).not.toContain("results");
    expect(Object.keys(status.steps?.[0] ?? {})).not.toContain("terminationReason");
  });
});

describe("v1.12 fold: container order", () => {
  it("takes statuses by the Pod's container order, as many as there are statuses (Tekton's sort)", () => {
    const p = pod("Running", [running("step-a"), running("step-b")]);
    // Two containers, one status (the second's): position 0 gets step-a's, which is missing.
    const oneStatus = { ...p, status: { ...p.status, containerStatuses: [p.status.containerStatuses[1]] } };
    expect(fold({ taskRun: taskRun(), pod: oneStatus }).status.steps).toBeUndefined();
  });
});

describe("v1.12 fold: the clock", () => {
  it("refuses a now that is not a time", () => {
    expect(() => foldV112({ taskRun: taskRun(), pod: pod("Running", []) }, "yesterday")).toThrow(CompileError);
  });
});

describe("v1.12 fold: step result references", () => {
  it("finds what Go's \\$\\(steps\\.(.*?)\\.results\\.(.*?)\\) finds, in linear time", () => {
    // Go's `.` is JavaScript's [^\n] here (the pieces hold no \r, U+2028 or U+2029).
    const go = /\$\(steps\.([^\n]*?)\.results\.([^\n]*?)\)/;
    const piece = fc.constantFrom("$(steps.", ".results.", ")", "a", "\n", ".", "$(", "steps");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((p) => p.join("")),
        (text) => {
          const m = go.exec(text);
          expect(extractStepResultReference(text)).toEqual(m === null ? undefined : { step: m[1], result: m[2] });
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });
});
