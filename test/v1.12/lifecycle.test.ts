/**
 * The controller lifecycle helpers with `{ tekton: "v1.12" }`, through the public entry: each
 * place where Tekton v1.12.2 differs from v0.20.1 (pkg/pod/entrypoint.go `UpdateReady`,
 * `buildSidecarStopPatch`; pkg/reconciler/taskrun/taskrun.go `ReconcileKind`, `failTaskRun`,
 * `terminateStepsInPod`), next to the v0.20.1 answer for the same input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileError, Pod, TaskRun, TaskRunStatusV1, TaskRunV1 } from "../../src/index.js";
import { api } from "../support/api.js";
import { containsFrozen, deepFreeze } from "../support/freeze.js";

const V112 = { tekton: "v1.12" } as const;
const NOP = "ghcr.io/tektoncd/pipeline/nop-8eac7c133edad5df719dc37b36b62482:v1.12.2";
const STARTED = "2026-01-15T10:00:00Z";

type ContainerSpec = readonly [name: string, image?: string];

function pod(
  phase: string,
  statuses: readonly unknown[],
  containers: readonly ContainerSpec[],
  annotations: Record<string, string> = {},
): Pod {
  return deepFreeze({
    metadata: { name: "build-pod", namespace: "ci", annotations },
    spec: { containers: containers.map(([name, image]) => ({ name, image: image ?? `img/${name}` })) },
    status: { phase, containerStatuses: statuses },
  }) as Pod;
}

const running = (name: string, ready = true) => ({ name, ready, state: { running: { startedAt: STARTED } } });
const waiting = (name: string) => ({ name, ready: false, state: { waiting: { reason: "PodInitializing" } } });
const images = (p: Pod) => p.spec?.containers.map((c) => c.image);

describe("sidecarsReady and readyAnnotationPatch", () => {
  it("decides readiness as v0.20.1 does", () => {
    const ready = pod(
      "Running",
      [waiting("step-a"), running("sidecar-db"), running("istio-proxy")],
      [["step-a"], ["sidecar-db"], ["istio-proxy"]],
    );
    const notReady = pod("Running", [waiting("step-a"), running("istio-proxy", false)], [["step-a"], ["istio-proxy"]]);
    expect(api.sidecarsReady(ready, V112)).toBe(true);
    expect(api.sidecarsReady(notReady, V112)).toBe(false);
    expect(api.sidecarsReady(pod("Pending", [], []), V112)).toBe(false);
  });

  it("sends the same patch bytes, and none when the Pod is already READY", () => {
    const fresh = pod("Running", [], [["step-a"]], { "tekton.dev/ready": "" });
    const ready = pod("Running", [], [["step-a"]], { "tekton.dev/ready": "READY" });
    const bytes = JSON.stringify(api.readyAnnotationPatch());
    expect(bytes).toBe('[{"op":"add","path":"/metadata/annotations/tekton.dev~1ready","value":"READY"}]');
    expect(JSON.stringify(api.readyAnnotationPatch({ ...V112, pod: fresh }))).toBe(bytes);
    expect(JSON.stringify(api.readyAnnotationPatch(V112))).toBe(bytes);
    expect(api.readyAnnotationPatch({ ...V112, pod: ready })).toEqual([]);
    // v0.20.1's UpdateReady patches whatever the annotation says.
    expect(JSON.stringify(api.readyAnnotationPatch({ pod: ready }))).toBe(bytes);
    expect(JSON.stringify(api.readyAnnotationPatch({ tekton: "v0.20.1", pod: ready }))).toBe(bytes);
  });
});

describe("stopSidecars", () => {
  const withResults = pod(
    "Running",
    [waiting("step-a"), running("sidecar-tekton-log-results"), running("sidecar-db")],
    [["step-a"], ["sidecar-tekton-log-results"], ["sidecar-db"]],
  );
  const sidecarLogs = { featureFlags: { "results-from": "sidecar-logs" } };

  it("leaves the results sidecar running under results-from: sidecar-logs", () => {
    expect(api.sidecarsToStop(withResults, NOP, { ...V112, config: sidecarLogs })).toEqual(["sidecar-db"]);
    expect(images(api.stopSidecars(withResults, NOP, { ...V112, config: sidecarLogs }))).toEqual([
      "img/step-a",
      "img/sidecar-tekton-log-results",
      NOP,
    ]);
    // Read case-insensitively, as Tekton's config loader does.
    expect(
      api.sidecarsToStop(withResults, NOP, { ...V112, config: { featureFlags: { "results-from": "Sidecar-Logs" } } }),
    ).toEqual(["sidecar-db"]);
  });

  it("stops the results sidecar like any other without that flag, and always under v0.20.1", () => {
    const both = ["sidecar-tekton-log-results", "sidecar-db"];
    expect(api.sidecarsToStop(withResults, NOP, V112)).toEqual(both);
    expect(
      api.sidecarsToStop(withResults, NOP, {
        ...V112,
        config: { featureFlags: { "results-from": "termination-message" } },
      }),
    ).toEqual(both);
    expect(api.sidecarsToStop(withResults, NOP, { config: sidecarLogs })).toEqual(both);
  });

  it("stops nothing with native sidecars (enable-kubernetes-sidecar)", () => {
    for (const on of ["true", "True", "1", "t"]) {
      const options = { ...V112, config: { featureFlags: { "enable-kubernetes-sidecar": on } } };
      expect(api.sidecarsToStop(withResults, NOP, options)).toEqual([]);
      expect(api.stopSidecars(withResults, NOP, options)).toEqual(withResults);
    }
    const off = { ...V112, config: { featureFlags: { "enable-kubernetes-sidecar": "false" } } };
    expect(api.sidecarsToStop(withResults, NOP, off)).toEqual(["sidecar-tekton-log-results", "sidecar-db"]);
  });

  it("replaces only the first container of a name not already on the nop image", () => {
    const twice = pod(
      "Running",
      [running("sidecar-db")],
      [
        ["sidecar-db", "img/one"],
        ["sidecar-db", "img/two"],
      ],
    );
    expect(images(api.stopSidecars(twice, NOP, V112))).toEqual([NOP, "img/two"]);
    expect(images(api.stopSidecars(twice, NOP))).toEqual([NOP, NOP]);
    const firstStopped = pod(
      "Running",
      [running("sidecar-db")],
      [
        ["sidecar-db", NOP],
        ["sidecar-db", "img/two"],
      ],
    );
    expect(images(api.stopSidecars(firstStopped, NOP, V112))).toEqual([NOP, NOP]);
    expect(api.sidecarsToStop(firstStopped, NOP, V112)).toEqual(["sidecar-db"]);
  });

  it("follows status.containerStatuses order, where v0.20.1 follows spec.containers", () => {
    const p = pod(
      "Running",
      [running("istio-proxy"), waiting("step-a"), running("sidecar-db")],
      [["step-a"], ["sidecar-db"], ["istio-proxy"]],
    );
    expect(api.sidecarsToStop(p, NOP, V112)).toEqual(["istio-proxy", "sidecar-db"]);
    expect(api.sidecarsToStop(p, NOP)).toEqual(["sidecar-db", "istio-proxy"]);
  });

  it("touches only a Running Pod, never a step, never a container that is not running", () => {
    const p = pod(
      "Running",
      [running("step-a"), waiting("sidecar-db"), running("istio-proxy")],
      [["step-a"], ["sidecar-db"], ["istio-proxy"]],
    );
    expect(api.sidecarsToStop(p, NOP, V112)).toEqual(["istio-proxy"]);
    const done = pod("Succeeded", [running("sidecar-db")], [["sidecar-db"]]);
    expect(api.stopSidecars(done, NOP, V112)).toEqual(done);
  });

  it("returns a new Pod that shares nothing with the frozen input", () => {
    const out = api.stopSidecars(withResults, NOP, V112);
    expect(containsFrozen(out)).toBe(false);
    expect(images(withResults)).toEqual(["img/step-a", "img/sidecar-tekton-log-results", "img/sidecar-db"]);
  });
});

const CREATED = "2026-01-15T09:59:58Z";

function v1TaskRun(spec: Record<string, unknown>, status?: Record<string, unknown>): TaskRunV1 {
  return deepFreeze({
    apiVersion: "tekton.dev/v1",
    kind: "TaskRun",
    metadata: { name: "build", namespace: "ci", creationTimestamp: CREATED },
    spec: { taskRef: { name: "build" }, ...spec },
    ...(status !== undefined ? { status } : {}),
  }) as unknown as TaskRunV1;
}

const runningCondition = {
  type: "Succeeded",
  status: "Unknown",
  lastTransitionTime: "2026-01-15T10:00:05Z",
  reason: "Running",
  message: "Not all Steps in the Task have finished executing",
};

const status = {
  conditions: [runningCondition],
  podName: "build-pod",
  startTime: STARTED,
  steps: [
    {
      terminated: {
        exitCode: 0,
        reason: "Completed",
        startedAt: "2026-01-15T10:00:02Z",
        finishedAt: "2026-01-15T10:00:03Z",
      },
      name: "a",
      container: "step-a",
      terminationReason: "Completed",
    },
    { running: { startedAt: "2026-01-15T10:00:04Z" }, name: "b", container: "step-b", imageID: "img@sha256:b" },
    { waiting: { reason: "PodInitializing" }, name: "c", container: "step-c" },
  ],
  sidecars: [{ running: { startedAt: "2026-01-15T10:00:01Z" }, name: "db", container: "sidecar-db" }],
};

const NOW = "2026-01-15T10:05:00Z";

/** The steps v1.12 writes for `status.steps` stopped at NOW with `reason`. */
function stoppedSteps(reason: string): Record<string, unknown>[] {
  return [
    status.steps[0] as Record<string, unknown>,
    {
      terminated: {
        exitCode: 1,
        reason,
        message: "Step b terminated as pod build-pod is terminated",
        startedAt: "2026-01-15T10:00:04Z",
        finishedAt: NOW,
      },
      name: "b",
      container: "step-b",
      imageID: "img@sha256:b",
      terminationReason: reason,
    },
    {
      terminated: {
        exitCode: 1,
        reason,
        message: "Step c terminated as pod build-pod is terminated",
        startedAt: CREATED,
        finishedAt: NOW,
      },
      name: "c",
      container: "step-c",
      terminationReason: reason,
    },
  ];
}

describe("cancel", () => {
  it("writes v1.12's message with spec.statusMessage and terminates running and waiting steps", () => {
    const tr = v1TaskRun({ status: "TaskRunCancelled", statusMessage: "cancelled by ci" }, status);
    const out = api.cancel(tr, NOW, V112);
    expect(out).toEqual({
      conditions: [
        {
          type: "Succeeded",
          status: "False",
          lastTransitionTime: NOW,
          reason: "TaskRunCancelled",
          message: 'TaskRun "build" was cancelled. cancelled by ci',
        },
      ],
      podName: "build-pod",
      startTime: STARTED,
      completionTime: NOW,
      steps: stoppedSteps("TaskRunCancelled"),
      sidecars: status.sidecars,
    });
    // Go's field order, as the fold writes it.
    expect(Object.keys(out)).toEqual(["conditions", "podName", "startTime", "completionTime", "steps", "sidecars"]);
    expect(Object.keys(out.steps?.[1] ?? {})).toEqual([
      "terminated",
      "name",
      "container",
      "imageID",
      "terminationReason",
    ]);
    expect(Object.keys(out.steps?.[1]?.terminated ?? {})).toEqual([
      "exitCode",
      "reason",
      "message",
      "startedAt",
      "finishedAt",
    ]);
    expect(containsFrozen(out)).toBe(false);
  });

  it("keeps the trailing space when there is no status message; v0.20.1 has neither", () => {
    const tr = v1TaskRun({ status: "TaskRunCancelled" }, status);
    expect(api.cancel(tr, NOW, V112).conditions?.[0]?.message).toBe('TaskRun "build" was cancelled. ');
    const v1beta1 = { ...tr, apiVersion: "tekton.dev/v1beta1" } as unknown as TaskRun;
    expect(api.cancel(v1beta1, NOW).conditions?.[0]?.message).toBe('TaskRun "build" was cancelled');
    expect(api.cancel(v1beta1, NOW).steps?.[2]).toEqual({
      name: "c",
      container: "step-c",
      terminated: { exitCode: 1, reason: "TaskRunCancelled", finishedAt: NOW },
    });
  });

  it("writes the v1beta1 form for a v1beta1 TaskRun: taskResults, no terminationReason", () => {
    const v1beta1Status = {
      ...status,
      steps: status.steps.map(({ terminationReason: _r, ...s }) => s),
      taskResults: [{ name: "digest", type: "string", value: "sha256:1" }],
    };
    const tr = deepFreeze({
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "build", creationTimestamp: CREATED },
      spec: { status: "TaskRunCancelled", taskRef: { name: "build" } },
      status: v1beta1Status,
    }) as unknown as TaskRun;
    const out = api.cancel(tr, NOW, V112);
    expect(out).toEqual({
      conditions: [expect.objectContaining({ reason: "TaskRunCancelled", message: 'TaskRun "build" was cancelled. ' })],
      podName: "build-pod",
      startTime: STARTED,
      completionTime: NOW,
      steps: stoppedSteps("TaskRunCancelled").map(({ terminationReason: _r, ...s }) => s),
      taskResults: [{ name: "digest", type: "string", value: "sha256:1" }],
      sidecars: status.sidecars,
    });
  });

  it("leaves steps alone when no Pod was recorded, and starts a run that never started", () => {
    const tr = v1TaskRun({ status: "TaskRunCancelled" }, { steps: status.steps });
    const out = api.cancel(tr, NOW, V112);
    expect(out.steps).toEqual(status.steps);
    expect(out.startTime).toBe(NOW);
    expect(out.completionTime).toBe(NOW);
    expect(out.conditions).toEqual([
      {
        type: "Succeeded",
        status: "False",
        lastTransitionTime: NOW,
        reason: "TaskRunCancelled",
        message: 'TaskRun "build" was cancelled. ',
      },
    ]);
  });

  it("gives a running step with no known start no startedAt", () => {
    const tr = v1TaskRun(
      { status: "TaskRunCancelled" },
      { ...status, steps: [{ running: {}, name: "b", container: "step-b" }] },
    );
    expect(api.cancel(tr, NOW, V112).steps?.[0]?.terminated).toEqual({
      exitCode: 1,
      reason: "TaskRunCancelled",
      message: "Step b terminated as pod build-pod is terminated",
      finishedAt: NOW,
    });
  });
});

describe("timeout, hasTimedOut and taskRunTimeout", () => {
  it("writes reason TaskRunTimeout, v1.12's message and terminated steps", () => {
    const tr = v1TaskRun({ timeout: "90s" }, status);
    const out = api.timeout(tr, NOW, V112);
    expect(out.conditions).toEqual([
      {
        type: "Succeeded",
        status: "False",
        lastTransitionTime: NOW,
        reason: "TaskRunTimeout",
        message: 'TaskRun "build" failed to finish within "1m30s"',
      },
    ]);
    expect(out.completionTime).toBe(NOW);
    expect(out.steps).toEqual(stoppedSteps("TaskRunTimeout"));
  });

  it("names the configured default timeout when the TaskRun has none", () => {
    const tr = v1TaskRun({}, status);
    const message = (minutes: string) =>
      api.timeout(tr, NOW, { ...V112, config: { defaults: { "default-timeout-minutes": minutes } } }).conditions?.[0]
        ?.message;
    expect(message("5")).toBe('TaskRun "build" failed to finish within "5m0s"');
    expect(api.timeout(tr, NOW, V112).conditions?.[0]?.message).toBe(
      'TaskRun "build" failed to finish within "1h0m0s"',
    );
  });

  it("decides timeouts exactly as v0.20.1 does", () => {
    const duration = fc.oneof(
      fc.constantFrom(undefined, "0", "0s", "1h", "90s", "1m30s", "1.5h"),
      fc.nat({ max: 7200 }).map((s) => `${s}s`),
    );
    fc.assert(
      fc.property(
        duration,
        fc.nat({ max: 8000 }),
        fc.option(fc.nat({ max: 120 }), { nil: undefined }),
        (timeout, elapsed, minutes) => {
          const tr = v1TaskRun(timeout === undefined ? {} : { timeout }, { podName: "", startTime: STARTED });
          const now = new Date(Date.parse(STARTED) + elapsed * 1000);
          const options = minutes === undefined ? {} : { defaultTimeoutMinutes: minutes };
          const v0201 = tr as unknown as TaskRun;
          expect(api.hasTimedOut(tr, now, { ...options, ...V112 })).toBe(api.hasTimedOut(v0201, now, options));
          expect(api.taskRunTimeout(tr, { ...options, ...V112 })).toBe(api.taskRunTimeout(v0201, options));
          expect(api.taskRunTimeoutDuration(tr, { ...options, ...V112 })).toBe(
            api.taskRunTimeoutDuration(v0201, options),
          );
        },
      ),
      { numRuns: 200 },
    );
    expect(api.hasTimedOut(v1TaskRun({ timeout: "10m" }, { startTime: STARTED }), "2026-01-15T10:10:01Z", V112)).toBe(
      true,
    );
    expect(api.hasTimedOut(v1TaskRun({ timeout: "10m" }, { startTime: STARTED }), "2026-01-15T10:10:00Z", V112)).toBe(
      false,
    );
    expect(api.hasTimedOut(v1TaskRun({ timeout: "10m" }), "2027-01-01T00:00:00Z", V112)).toBe(false);
  });
});

describe("timeout reads the Pod's step states first (updateStepStatusesFromPod)", () => {
  // The entrypoint writes its start with milliseconds; the fold reads only that form.
  const startedAt = (at: string) => JSON.stringify([{ key: "StartedAt", value: at.replace("Z", ".000Z"), type: 3 }]);
  const ended = (name: string, start: string, end: string, message = startedAt(start)) => ({
    name,
    ready: false,
    imageID: name === "step-b" ? "img@sha256:b" : "",
    state: { terminated: { exitCode: 0, reason: "Completed", message, startedAt: start, finishedAt: end } },
  });
  // Since the last fold, step b ended and step c started; the sidecar has stopped.
  const later = pod(
    "Running",
    [
      ended("step-a", "2026-01-15T10:00:02Z", "2026-01-15T10:00:03Z"),
      ended("step-b", "2026-01-15T10:00:04Z", "2026-01-15T10:04:30Z"),
      { name: "step-c", ready: true, state: { running: { startedAt: "2026-01-15T10:04:31Z" } } },
      { name: "sidecar-db", ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } },
    ],
    [["step-a"], ["step-b"], ["step-c"], ["sidecar-db"]],
  );
  const tr = v1TaskRun({ timeout: "5m" }, status);
  const refreshedSteps: Record<string, unknown>[] = [
    status.steps[0] as Record<string, unknown>,
    {
      terminated: {
        exitCode: 0,
        reason: "Completed",
        startedAt: "2026-01-15T10:00:04Z",
        finishedAt: "2026-01-15T10:04:30Z",
      },
      name: "b",
      container: "step-b",
      imageID: "img@sha256:b",
      terminationReason: "Completed",
    },
    {
      terminated: {
        exitCode: 1,
        reason: "TaskRunTimeout",
        message: "Step c terminated as pod build-pod is terminated",
        startedAt: "2026-01-15T10:04:31Z",
        finishedAt: NOW,
      },
      name: "c",
      container: "step-c",
      terminationReason: "TaskRunTimeout",
    },
  ];

  it("keeps a step's real ending and a running step's real start; nothing else comes from the Pod", () => {
    const out = api.timeout(tr, NOW, { ...V112, pod: later });
    expect(out).toEqual({
      conditions: [
        {
          type: "Succeeded",
          status: "False",
          lastTransitionTime: NOW,
          reason: "TaskRunTimeout",
          message: 'TaskRun "build" failed to finish within "5m0s"',
        },
      ],
      podName: "build-pod",
      startTime: STARTED,
      completionTime: NOW,
      steps: refreshedSteps,
      // The sidecars are the recorded ones: the reconciler copies only the steps.
      sidecars: status.sidecars,
    });
    expect(containsFrozen(out)).toBe(false);
    // Without the Pod (or under v0.20.1, which never reads it) the recorded steps are stopped.
    expect(api.timeout(tr, NOW, V112).steps).toEqual(stoppedSteps("TaskRunTimeout"));
    const v0201 = api.timeout(tr as unknown as TaskRun, NOW, { pod: later });
    expect(v0201.steps?.[1]?.terminated?.reason).toBe("TaskRunTimeout");
  });

  it("takes step results of a Pod that completed, but no Task result, artifacts or condition from it", () => {
    const declared = v1TaskRun(
      { timeout: "5m" },
      {
        ...status,
        taskSpec: {
          steps: [{ name: "a" }, { name: "b" }, { name: "c" }],
          results: [{ name: "digest", type: "string" }],
        },
      },
    );
    const message = JSON.stringify([
      { key: "StartedAt", value: "2026-01-15T10:04:31.000Z", type: 3 },
      { key: "digest", value: "sha256:1", type: 1 },
    ]);
    const done = pod(
      "Succeeded",
      [
        ended("step-a", "2026-01-15T10:00:02Z", "2026-01-15T10:00:03Z"),
        ended("step-b", "2026-01-15T10:00:04Z", "2026-01-15T10:04:30Z"),
        ended("step-c", "2026-01-15T10:04:31Z", "2026-01-15T10:04:40Z", message),
      ],
      [["step-a"], ["step-b"], ["step-c"]],
    );
    const out = api.timeout(declared, NOW, { ...V112, pod: done }) as TaskRunStatusV1;
    expect(out.conditions?.[0]?.reason).toBe("TaskRunTimeout");
    expect(out.results).toBeUndefined();
    expect(out.artifacts).toBeUndefined();
    expect(out.steps?.[2]).toEqual({
      terminated: {
        exitCode: 0,
        reason: "Completed",
        message: JSON.stringify([{ key: "digest", value: "sha256:1", type: 1 }]),
        startedAt: "2026-01-15T10:04:31Z",
        finishedAt: "2026-01-15T10:04:40Z",
      },
      name: "c",
      container: "step-c",
      terminationReason: "Completed",
    });
    // The fold of the same Pod writes the Task result; the timeout does not.
    const folded = api.foldTaskRunStatus({ taskRun: declared, pod: done }, { now: NOW, tekton: "v1.12" });
    expect((folded as TaskRunStatusV1).results).toEqual([{ name: "digest", type: "string", value: "sha256:1" }]);
  });

  it("reads nothing when no Pod is recorded, when the Pod is another one, or when it has no steps", () => {
    const stopped = stoppedSteps("TaskRunTimeout");
    const other = { ...later, metadata: { ...later.metadata, name: "build-pod-retry1" } } as Pod;
    expect(api.timeout(tr, NOW, { ...V112, pod: other }).steps).toEqual(stopped);
    const noPodName = v1TaskRun({ timeout: "5m" }, { ...status, podName: "" });
    expect(api.timeout(noPodName, NOW, { ...V112, pod: later }).steps).toEqual(status.steps);
    // MakeTaskRunStatus keeps the recorded steps when the Pod lists no step container.
    const empty = pod("Pending", [], [["step-a"], ["step-b"], ["step-c"]]);
    expect(api.timeout(tr, NOW, { ...V112, pod: empty }).steps).toEqual(stopped);
  });

  it("keeps the recorded steps when Tekton's fold of the Pod fails", () => {
    const broken = (message: string) =>
      pod(
        "Running",
        [
          ended("step-a", "2026-01-15T10:00:02Z", "2026-01-15T10:00:03Z"),
          ended("step-b", "2026-01-15T10:00:04Z", "2026-01-15T10:04:30Z", message),
          { name: "step-c", ready: true, state: { running: { startedAt: "2026-01-15T10:04:31Z" } } },
        ],
        [["step-a"], ["step-b"], ["step-c"]],
      );
    const stopped = stoppedSteps("TaskRunTimeout");
    for (const message of [
      "not json",
      JSON.stringify([{ key: "StartedAt", value: "yesterday", type: 3 }]),
      JSON.stringify([{ key: "ExitCode", value: "x", type: 3 }]),
    ]) {
      expect(api.timeout(tr, NOW, { ...V112, pod: broken(message) }).steps).toEqual(stopped);
    }
    // A result sidecar whose logs are not in the input is no failure: the steps are read.
    const sidecarLogs = { featureFlags: { "results-from": "sidecar-logs" } };
    const withSpec = v1TaskRun({ timeout: "5m" }, { ...status, taskSpec: { steps: [], results: [{ name: "r" }] } });
    expect(api.timeout(withSpec, NOW, { ...V112, pod: later, config: sidecarLogs }).steps).toEqual(refreshedSteps);
  });

  it("writes the refreshed steps in v1beta1 form for a v1beta1 TaskRun", () => {
    const v1beta1 = deepFreeze({
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "build", creationTimestamp: CREATED },
      spec: { timeout: "5m", taskRef: { name: "build" } },
      status: { ...status, steps: status.steps.map(({ terminationReason: _r, ...s }) => s) },
    }) as unknown as TaskRun;
    const out = api.timeout(v1beta1, NOW, { ...V112, pod: later });
    expect(out.steps).toEqual(refreshedSteps.map(({ terminationReason: _r, ...s }) => s));
  });
});

describe("initializeTaskRunStatus", () => {
  it("starts a run in the TaskRun's own version, not before its creation", () => {
    const out = api.initializeTaskRunStatus(v1TaskRun({}), "2026-01-15T10:00:00Z", V112);
    expect(out).toEqual({
      conditions: [
        { type: "Succeeded", status: "Unknown", lastTransitionTime: "2026-01-15T10:00:00Z", reason: "Started" },
      ],
      podName: "",
      startTime: "2026-01-15T10:00:00Z",
    });
    expect(api.initializeTaskRunStatus(v1TaskRun({}), "2026-01-15T09:00:00Z", V112).startTime).toBe(CREATED);
  });

  it("leaves a pending run unstarted, where v0.20.1 starts it", () => {
    const pending = v1TaskRun({ status: "TaskRunPending" });
    expect(api.initializeTaskRunStatus(pending, NOW, V112)).toEqual({ podName: "" });
    expect(api.initializeTaskRunStatus(pending as unknown as TaskRun, NOW).startTime).toBe(NOW);
  });

  it("keeps a started run's status", () => {
    const out = api.initializeTaskRunStatus(v1TaskRun({}, status), NOW, V112);
    expect(out).toEqual(status);
  });
});

describe("choosing the release", () => {
  const tr = v1TaskRun({ timeout: "1h" }, status);
  const p = pod("Running", [running("sidecar-db")], [["sidecar-db"]]);
  const bad = { tekton: "v1.9" } as unknown as typeof V112;
  const calls: [string, () => unknown][] = [
    ["sidecarsReady", () => api.sidecarsReady(p, bad)],
    ["readyAnnotationPatch", () => api.readyAnnotationPatch(bad)],
    ["sidecarsToStop", () => api.sidecarsToStop(p, NOP, bad)],
    ["stopSidecars", () => api.stopSidecars(p, NOP, bad)],
    ["initializeTaskRunStatus", () => api.initializeTaskRunStatus(tr, NOW, bad)],
    ["taskRunTimeout", () => api.taskRunTimeout(tr, bad)],
    ["taskRunTimeoutDuration", () => api.taskRunTimeoutDuration(tr, bad)],
    ["taskRunTimeoutMilliseconds", () => api.taskRunTimeoutMilliseconds(tr, bad)],
    ["hasTimedOut", () => api.hasTimedOut(tr, NOW, bad)],
    ["cancel", () => api.cancel(tr, NOW, bad)],
    ["timeout", () => api.timeout(tr, NOW, bad)],
  ];

  it.each(calls)("%s refuses an unknown tekton with a CompileError at stage input", (_name, call) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(api.CompileError);
    const { stage, issues } = error as CompileError;
    expect(stage).toBe("input");
    expect(issues[0]?.message).toBe('tekton must be one of "v0.20.1", "v1.12", got "v1.9"');
  });

  it("takes v0.20.1 when tekton is absent or says so", () => {
    const v0201 = tr as unknown as TaskRun;
    expect(api.cancel(v0201, NOW, { tekton: "v0.20.1" })).toEqual(api.cancel(v0201, NOW));
    expect(api.cancel(v0201, NOW).conditions?.[0]?.message).toBe('TaskRun "build" was cancelled');
  });
});
