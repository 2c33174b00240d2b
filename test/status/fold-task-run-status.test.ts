/** Fold behaviours the conformance cases do not pin: warnings, knative time rules, Go quirks. */
import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { TaskRun } from "../../src/api/types.js";
import { CompileError } from "../../src/errors.js";
import { foldTaskRunStatus, foldTaskRunStatusWithWarnings } from "../../src/index.js";
import { loadCase } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";

const NOW = "2020-12-01T12:00:00Z";
const RUNNING_MESSAGE = "Not all Steps in the Task have finished executing";

function taskRun(status?: TaskRun["status"]): TaskRun {
  return deepFreeze({
    metadata: { name: "tr", namespace: "ci" },
    spec: { taskRef: { name: "t" } },
    ...(status ? { status } : {}),
  });
}

function pod(phase: string, statuses: unknown[], containers?: string[], extra: Record<string, unknown> = {}): Pod {
  const names = containers ?? statuses.map((s) => (s as { name: string }).name);
  return deepFreeze({
    metadata: { name: "tr-pod-abcde", namespace: "ci" },
    spec: { containers: names.map((name) => ({ name, image: "alpine" })) },
    status: { phase, containerStatuses: statuses, ...extra },
  }) as Pod;
}

function done(name: string, message?: string, exitCode = 0, extra: Record<string, unknown> = {}) {
  return {
    name,
    imageID: `docker-pullable://alpine@sha256:${"a".repeat(64)}`,
    state: {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? "Completed" : "Error",
        startedAt: "2020-12-01T11:00:00Z",
        finishedAt: "2020-12-01T11:00:05Z",
        ...(message === undefined ? {} : { message }),
        ...extra,
      },
    },
  };
}

const result = (key: string, value: string, type = "TaskRunResult") => ({ key, value, type });

describe("warnings", () => {
  it("reports an unparsable termination message and still computes the status", () => {
    const c = loadCase("status-succeeded-plain-text-termination-message");
    const { status, warnings } = foldTaskRunStatusWithWarnings(c.input as never, { now: c.now as string });
    expect(status.conditions?.[0]?.reason).toBe("Succeeded");
    expect(status.steps?.[0]?.terminated?.message).toBe("done\n");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: "invalid-termination-message",
      path: "pod.status.containerStatuses[0].state.terminated.message",
    });
    expect(warnings[0]?.message).toContain('"step-write"');
  });

  it("treats a JSON value of the wrong shape as unparsable, like Go's typed decode", () => {
    for (const message of ['{"key":"a"}', '[{"key":1}]', '["a"]', '[{"resourceRef":"x"}]']) {
      const { status, warnings } = foldTaskRunStatusWithWarnings(
        { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", message)]) },
        { now: NOW },
      );
      expect(
        warnings.map((w) => w.code),
        message,
      ).toEqual(["invalid-termination-message"]);
      expect(status.steps?.[0]?.terminated?.message).toBe(message);
      expect(status.taskResults).toBeUndefined();
    }
  });

  it("reports an unparsable StartedAt, keeps the kubelet time and still rewrites the message", () => {
    const message = JSON.stringify([
      result("StartedAt", "2020-12-01T11:00:01Z", "InternalTektonResult"),
      result("r", "v"),
    ]);
    const { status, warnings } = foldTaskRunStatusWithWarnings(
      { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", message)]) },
      { now: NOW },
    );
    expect(warnings.map((w) => w.code)).toEqual(["invalid-step-start-time"]);
    expect(status.steps?.[0]?.terminated?.startedAt).toBe("2020-12-01T11:00:00Z");
    expect(status.steps?.[0]?.terminated?.message).toBe('[{"key":"r","value":"v","type":"TaskRunResult"}]');
    expect(status.taskResults).toEqual([{ name: "r", value: "v" }]);
  });

  it("has no warnings for a clean fold, and foldTaskRunStatus returns the same status", () => {
    const input = { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", JSON.stringify([result("r", "v")]))]) };
    const both = foldTaskRunStatusWithWarnings(input, { now: NOW });
    expect(both.warnings).toEqual([]);
    expect(foldTaskRunStatus(input, { now: NOW })).toEqual(both.status);
  });
});

describe("conditions and lastTransitionTime (knative SetCondition)", () => {
  const runningCondition = {
    type: "Succeeded",
    status: "Unknown",
    reason: "Running",
    message: RUNNING_MESSAGE,
    lastTransitionTime: "2020-12-01T11:00:00Z",
  };

  it("keeps the time when only the time would change", () => {
    const status = foldTaskRunStatus(
      {
        taskRun: taskRun({ podName: "p", conditions: [runningCondition] }),
        pod: pod("Running", [{ name: "step-a", state: { running: {} } }]),
      },
      { now: NOW },
    );
    expect(status.conditions).toEqual([runningCondition]);
  });

  it("moves the time of an unchanged Pending condition, because Running is set first", () => {
    const pending = {
      type: "Succeeded",
      status: "Unknown",
      reason: "Pending",
      message: "Pending",
      lastTransitionTime: "2020-12-01T11:00:00Z",
    };
    const status = foldTaskRunStatus(
      { taskRun: taskRun({ podName: "p", conditions: [pending] }), pod: pod("Pending", []) },
      { now: NOW },
    );
    expect(status.conditions).toEqual([{ ...pending, lastTransitionTime: NOW }]);
  });

  it("keeps a finished run's condition and time when the Pod phase says nothing new", () => {
    const failed = {
      type: "Succeeded",
      status: "False",
      reason: "Failed",
      message: "boom",
      lastTransitionTime: "2020-12-01T11:00:00Z",
    };
    const status = foldTaskRunStatus(
      { taskRun: taskRun({ podName: "p", conditions: [failed] }), pod: pod("Unknown", []) },
      { now: NOW },
    );
    expect(status.conditions).toEqual([failed]);
    expect(status.completionTime).toBeUndefined();
  });

  it("keeps other condition types, sorted by type", () => {
    const other = { type: "Alpha", status: "True" };
    const status = foldTaskRunStatus(
      { taskRun: taskRun({ podName: "p", conditions: [other] }), pod: pod("Pending", []) },
      { now: NOW },
    );
    expect(status.conditions?.map((c) => c.type)).toEqual(["Alpha", "Succeeded"]);
  });

  it("writes now in UTC at whole seconds and accepts a Date", () => {
    const input = { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a")]) };
    expect(foldTaskRunStatus(input, { now: "2020-12-01T13:00:00.987+01:00" }).completionTime).toBe(NOW);
    expect(
      foldTaskRunStatus(input, { now: new Date("2020-12-01T12:00:00.5Z") }).conditions?.[0]?.lastTransitionTime,
    ).toBe(NOW);
  });

  it("rejects a now that is not a time", () => {
    const input = { taskRun: taskRun(), pod: pod("Running", []) };
    expect(() => foldTaskRunStatus(input, { now: "noon" })).toThrow(CompileError);
    expect(() => foldTaskRunStatus(input, { now: new Date(Number.NaN) })).toThrow(CompileError);
  });
});

describe("failure messages", () => {
  it("reports OOMKilled with exit code 0 as a failure", () => {
    const status = foldTaskRunStatus(
      { taskRun: taskRun(), pod: pod("Running", [done("step-a", undefined, 0, { reason: "OOMKilled" })]) },
      { now: NOW },
    );
    expect(status.conditions?.[0]).toMatchObject({ status: "False", reason: "Failed", message: "OOMKilled" });
  });

  it("quotes the container and image with %q and ends with a newline", () => {
    const status = foldTaskRunStatus(
      { taskRun: taskRun(), pod: pod("Failed", [done("step-a", undefined, 2)]) },
      { now: NOW },
    );
    expect(status.conditions?.[0]?.message).toBe(
      `"step-a" exited with code 2 (image: "docker-pullable://alpine@sha256:${"a".repeat(64)}"); for logs run: kubectl -n ci logs tr-pod-abcde -c step-a\n`,
    );
  });
});

describe("termination messages", () => {
  it("escapes the rewritten message as Go's json.Marshal does", () => {
    const message = JSON.stringify([
      result("r", "<a&b>\u0001\b\f\t\u2028é😀"),
      result("StartedAt", "2020-12-01T11:00:01.250Z", "InternalTektonResult"),
    ]);
    const status = foldTaskRunStatus(
      { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", message)]) },
      { now: NOW },
    );
    expect(status.steps?.[0]?.terminated?.message).toBe(
      '[{"key":"r","value":"\\u003ca\\u0026b\\u003e\\u0001\\u0008\\u000c\\t\\u2028é😀","type":"TaskRunResult"}]',
    );
    expect(status.steps?.[0]?.terminated?.startedAt).toBe("2020-12-01T11:00:01Z");
    expect(status.taskResults).toEqual([{ name: "r", value: "<a&b>\u0001\b\f\t\u2028é😀" }]);
  });

  it("matches keys case-insensitively and writes them back canonically", () => {
    const message = '[{"KEY":"r","Value":"v","TYPE":"TaskRunResult","extra":1}]';
    const status = foldTaskRunStatus(
      { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", message)]) },
      { now: NOW },
    );
    expect(status.taskResults).toEqual([{ name: "r", value: "v" }]);
    expect(status.steps?.[0]?.terminated?.message).toBe('[{"key":"r","value":"v","type":"TaskRunResult"}]');
  });

  it("reproduces Go's swap when erasing an empty entry: the moved duplicate loses", () => {
    const message = JSON.stringify([{}, result("r", "first"), result("r", "second")]);
    const status = foldTaskRunStatus(
      { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", message)]) },
      { now: NOW },
    );
    expect(status.taskResults).toEqual([{ name: "r", value: "first" }]);
  });

  it("drops a message that holds no entries, without a warning", () => {
    for (const message of [
      "null",
      "[]",
      "[{}]",
      '[{"key":"StartedAt","value":"2020-12-01T11:00:01.000Z","type":"InternalTektonResult"}]',
    ]) {
      const { status, warnings } = foldTaskRunStatusWithWarnings(
        { taskRun: taskRun(), pod: pod("Succeeded", [done("step-a", message)]) },
        { now: NOW },
      );
      expect(status.steps?.[0]?.terminated?.message, message).toBeUndefined();
      expect(warnings).toEqual([]);
    }
  });

  it("keeps results only when the run succeeded, and appends resource results", () => {
    const message = JSON.stringify([result("digest", "sha256:1", "PipelineResourceResult"), result("r", "v")]);
    const failed = foldTaskRunStatus(
      { taskRun: taskRun(), pod: pod("Failed", [done("step-a", message)]) },
      { now: NOW },
    );
    expect(failed.taskResults).toBeUndefined();
    expect(failed.resourcesResult).toBeUndefined();
    const prior = {
      podName: "p",
      resourcesResult: [{ key: "digest", value: "sha256:0" }],
      taskResults: [{ name: "r", value: "old" }],
    };
    const ok = foldTaskRunStatus(
      { taskRun: taskRun(prior), pod: pod("Succeeded", [done("step-a", message)]) },
      { now: NOW },
    );
    expect(ok.resourcesResult).toEqual([
      { key: "digest", value: "sha256:0" },
      { key: "digest", value: "sha256:1", type: "PipelineResourceResult" },
    ]);
    expect(ok.taskResults).toEqual([{ name: "r", value: "v" }]);
  });
});

describe("steps", () => {
  it("follows the Pod's container order even with 13 or more steps", () => {
    const names = Array.from({ length: 15 }, (_, i) => `step-s${i}`);
    const statuses = names.map((n) => ({ name: n, state: { waiting: { reason: "PodInitializing" } } })).reverse();
    const status = foldTaskRunStatus({ taskRun: taskRun(), pod: pod("Pending", statuses, names) }, { now: NOW });
    expect(status.steps?.map((s) => s.container)).toEqual(names);
  });

  it("normalizes timestamps as metav1.Time writes them and drops unknown fields", () => {
    const statuses = [
      { name: "step-a", bogus: true, state: { running: { startedAt: "2020-12-01T12:30:00.9+01:00", extra: 1 } } },
      {
        name: "sidecar-db",
        state: { terminated: { exitCode: 0, finishedAt: "2020-12-01T11:00:00Z", startedAt: "0001-01-01T00:00:00Z" } },
      },
    ];
    const status = foldTaskRunStatus({ taskRun: taskRun(), pod: pod("Running", statuses) }, { now: NOW });
    expect(status.steps).toEqual([{ running: { startedAt: "2020-12-01T11:30:00Z" }, name: "a", container: "step-a" }]);
    expect(status.sidecars).toEqual([
      { terminated: { exitCode: 0, finishedAt: "2020-12-01T11:00:00Z" }, name: "db", container: "sidecar-db" },
    ]);
  });

  it("lists neither init containers nor containers without a step- or sidecar- prefix", () => {
    const status = foldTaskRunStatus(
      {
        taskRun: taskRun(),
        pod: pod("Running", [
          { name: "istio-proxy", state: { running: {} } },
          { name: "step-a", state: { running: {} } },
        ]),
      },
      { now: NOW },
    );
    expect(status.steps?.map((s) => s.name)).toEqual(["a"]);
    expect(status.sidecars).toBeUndefined();
  });

  it("never lets hostile keys reach a prototype", () => {
    const hostile = JSON.parse(
      '{"podName":"p","annotations":{"__proto__":"x","ok":"y"},"taskSpec":{"__proto__":{"polluted":true}}}',
    );
    const status = foldTaskRunStatus({ taskRun: taskRun(hostile), pod: pod("Running", []) }, { now: NOW });
    expect(Object.keys(status.annotations ?? {})).toEqual(["__proto__", "ok"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(status.taskSpec)).toBe(Object.prototype);
  });
});
