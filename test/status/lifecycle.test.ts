/** The controller lifecycle helpers around the fold: readiness, sidecar stop, timeout, cancel. */
import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { TaskRun } from "../../src/api/types.js";
import { CompileError } from "../../src/errors.js";
import type { JsonPatchOperation } from "../../src/index.js";
import { compileTaskRun } from "../../src/index.js";
import {
  cancel,
  hasTimedOut,
  initializeTaskRunStatus,
  readyAnnotationPatch,
  sidecarsReady,
  sidecarsToStop,
  stopSidecars,
  taskRunTimeout,
  taskRunTimeoutDuration,
  taskRunTimeoutMilliseconds,
  timeout,
} from "../../src/v0.20.1/status/index.js";
import { deepFreeze } from "../support/freeze.js";

const NOP = "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/nop:v0.20.1";

function pod(phase: string, statuses: unknown[], containers = ["step-a", "sidecar-db", "istio-proxy"]): Pod {
  return deepFreeze({
    metadata: { name: "run-pod-abcde", namespace: "ci" },
    spec: { containers: containers.map((name) => ({ name, image: `img/${name}` })) },
    status: { phase, containerStatuses: statuses },
  }) as Pod;
}

const running = (name: string, ready: boolean) => ({
  name,
  ready,
  state: { running: { startedAt: "2020-12-01T10:00:00Z" } },
});
const waiting = (name: string) => ({ name, ready: false, state: { waiting: { reason: "ContainerCreating" } } });
const terminated = (name: string) => ({ name, ready: false, state: { terminated: { exitCode: 0 } } });

describe("sidecarsReady", () => {
  it("is true when every non-step container runs ready or has exited", () => {
    expect(
      sidecarsReady(pod("Running", [waiting("step-a"), running("sidecar-db", true), terminated("istio-proxy")])),
    ).toBe(true);
  });
  it("counts injected containers without the sidecar- prefix", () => {
    expect(
      sidecarsReady(pod("Running", [waiting("step-a"), running("sidecar-db", true), running("istio-proxy", false)])),
    ).toBe(false);
  });
  it("is false while a sidecar runs but is not ready, or still waits", () => {
    expect(sidecarsReady(pod("Running", [running("sidecar-db", false)]))).toBe(false);
    expect(sidecarsReady(pod("Running", [waiting("sidecar-db")]))).toBe(false);
  });
  it("is false unless the Pod is Running", () => {
    expect(sidecarsReady(pod("Pending", [running("sidecar-db", true)]))).toBe(false);
    expect(sidecarsReady(pod("Succeeded", []))).toBe(false);
  });
  it("is true for a Running Pod with only steps", () => {
    expect(sidecarsReady(pod("Running", [waiting("step-a")]))).toBe(true);
  });
  it("does not throw on garbage", () => {
    expect(sidecarsReady(42 as unknown as Pod)).toBe(false);
    expect(sidecarsReady({ status: { phase: "Running", containerStatuses: "x" } } as unknown as Pod)).toBe(true);
  });
});

/** RFC 6902 add/replace on object members, as strictly as the RFC says (section 4.3: replace needs the member). */
function applyStrictly<T>(doc: T, patch: readonly JsonPatchOperation[]): T {
  const out = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  for (const op of patch) {
    const keys = op.path
      .split("/")
      .slice(1)
      .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop() as string;
    let target: Record<string, unknown> = out;
    for (const k of keys) {
      const next = target[k];
      if (typeof next !== "object" || next === null) throw new Error(`path ${op.path}: missing parent ${k}`);
      target = next as Record<string, unknown>;
    }
    if (op.op === "replace" && !Object.hasOwn(target, last)) throw new Error(`replace ${op.path}: missing member`);
    if (op.op !== "add" && op.op !== "replace") throw new Error(`unsupported op ${op.op}`);
    target[last] = op.value;
  }
  return out as T;
}

describe("readyAnnotationPatch", () => {
  it("adds tekton.dev/ready (an RFC 6902 add: the annotation does not exist yet)", () => {
    expect(JSON.stringify(readyAnnotationPatch())).toBe(
      '[{"op":"add","path":"/metadata/annotations/tekton.dev~1ready","value":"READY"}]',
    );
  });
  it("applies with a strict RFC 6902 applier to a freshly compiled Pod with a sidecar", () => {
    const { pod: compiled } = compileTaskRun({
      taskRun: {
        metadata: { name: "r", namespace: "ci", uid: "u" },
        spec: {
          taskSpec: {
            steps: [{ name: "s", image: "alpine", command: ["true"] }],
            sidecars: [{ name: "db", image: "postgres" }],
          },
        },
      },
    } as never);
    expect(compiled.metadata?.annotations?.["tekton.dev/ready"]).toBeUndefined();
    const patched = applyStrictly(compiled, readyAnnotationPatch());
    expect(patched.metadata?.annotations?.["tekton.dev/ready"]).toBe("READY");
    // What Tekton sends would be refused here.
    expect(() => applyStrictly(compiled, [{ ...readyAnnotationPatch()[0]!, op: "replace" }])).toThrow(/missing member/);
  });
  it("returns a fresh value each time", () => {
    const a = readyAnnotationPatch();
    a.pop();
    expect(readyAnnotationPatch()).toHaveLength(1);
  });
});

describe("stopSidecars", () => {
  const p = pod(
    "Running",
    [terminated("step-a"), running("sidecar-db", true), running("istio-proxy", true)],
    ["step-a", "sidecar-db", "istio-proxy", "sidecar-done"],
  );

  it("gives every running non-step container the nop image", () => {
    const out = stopSidecars(p, NOP);
    expect(out.spec?.containers.map((c) => [c.name, c.image])).toEqual([
      ["step-a", "img/step-a"],
      ["sidecar-db", NOP],
      ["istio-proxy", NOP],
      ["sidecar-done", "img/sidecar-done"],
    ]);
    expect(sidecarsToStop(p, NOP)).toEqual(["sidecar-db", "istio-proxy"]);
  });

  it("never stops a step, even a running one", () => {
    const q = pod("Running", [running("step-a", true)]);
    expect(sidecarsToStop(q, NOP)).toEqual([]);
    expect(stopSidecars(q, NOP).spec?.containers[0]?.image).toBe("img/step-a");
  });

  it("leaves containers already on the nop image and Pods that are not Running", () => {
    expect(sidecarsToStop(pod("Running", [running("sidecar-db", true)], ["sidecar-db"]), "img/sidecar-db")).toEqual([]);
    expect(sidecarsToStop(pod("Succeeded", [running("sidecar-db", true)]), NOP)).toEqual([]);
  });

  it("returns a new Pod that shares nothing with the frozen input", () => {
    const out = stopSidecars(p, NOP);
    expect(out).not.toBe(p);
    (out.metadata as { name: string }).name = "changed";
    (out.spec?.containers[0] as { image: string }).image = "changed";
    expect(p.metadata?.name).toBe("run-pod-abcde");
    expect(p.spec?.containers[0]?.image).toBe("img/step-a");
  });
});

function taskRun(spec: Partial<TaskRun["spec"]>, status?: TaskRun["status"], name = "build"): TaskRun {
  return deepFreeze({
    metadata: { name, namespace: "ci", creationTimestamp: "2020-12-01T09:59:59Z" },
    spec: { taskRef: { name: "t" }, ...spec },
    ...(status ? { status } : {}),
  }) as TaskRun;
}

describe("hasTimedOut", () => {
  const started = { podName: "p", startTime: "2020-12-01T10:00:00Z" };
  it("is true only strictly after the timeout", () => {
    const tr = taskRun({ timeout: "10m" }, started);
    expect(hasTimedOut(tr, "2020-12-01T10:10:00Z")).toBe(false);
    expect(hasTimedOut(tr, "2020-12-01T10:10:00.000000001Z")).toBe(true);
    expect(hasTimedOut(tr, new Date("2020-12-01T10:10:01Z"))).toBe(true);
  });
  it("reads Go durations", () => {
    const tr = taskRun({ timeout: "1h30m" }, started);
    expect(hasTimedOut(tr, "2020-12-01T11:29:59Z")).toBe(false);
    expect(hasTimedOut(tr, "2020-12-01T11:30:01Z")).toBe(true);
    expect(taskRunTimeout(taskRun({ timeout: "1.5s" }))).toBe(1_500_000_000n);
  });
  it("never times out with timeout 0", () => {
    expect(hasTimedOut(taskRun({ timeout: "0s" }, started), "2030-01-01T00:00:00Z")).toBe(false);
    expect(hasTimedOut(taskRun({ timeout: "0" }, started), "2030-01-01T00:00:00Z")).toBe(false);
  });
  it("uses the 60 minute default, or the configured one, without spec.timeout", () => {
    const tr = taskRun({}, started);
    expect(hasTimedOut(tr, "2020-12-01T10:59:59Z")).toBe(false);
    expect(hasTimedOut(tr, "2020-12-01T11:00:01Z")).toBe(true);
    expect(hasTimedOut(tr, "2020-12-01T10:05:01Z", { defaultTimeoutMinutes: 5 })).toBe(true);
    expect(hasTimedOut(tr, "2030-01-01T00:00:00Z", { defaultTimeoutMinutes: 0 })).toBe(false);
  });
  it("is false before the run started", () => {
    expect(hasTimedOut(taskRun({ timeout: "1s" }), "2030-01-01T00:00:00Z")).toBe(false);
    expect(hasTimedOut(taskRun({ timeout: "1s" }, { startTime: "0001-01-01T00:00:00Z" }), "2030-01-01T00:00:00Z")).toBe(
      false,
    );
  });
  it("compares against startTime with an offset correctly", () => {
    const tr = taskRun({ timeout: "1h" }, { startTime: "2020-12-01T11:00:00+01:00" });
    expect(hasTimedOut(tr, "2020-12-01T11:00:00Z")).toBe(false);
    expect(hasTimedOut(tr, "2020-12-01T11:00:01Z")).toBe(true);
  });
  it("rejects what is not a duration or not a time with a CompileError", () => {
    expect(() => hasTimedOut(taskRun({ timeout: "ten minutes" }, started), "2020-12-01T10:00:00Z")).toThrow(
      CompileError,
    );
    expect(() => hasTimedOut(taskRun({ timeout: "1h" }, started), "yesterday")).toThrow(/now must be an RFC 3339 time/);
    const error = thrown(() => hasTimedOut(taskRun({ timeout: "10" }, started), "2020-12-01T10:00:00Z"));
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).issues[0]).toMatchObject({ code: "invalid-duration", path: "taskRun.spec.timeout" });
  });
});

describe("cancel and timeout", () => {
  const status: TaskRun["status"] = {
    podName: "build-pod-abcde",
    startTime: "2020-12-01T10:00:00Z",
    conditions: [
      {
        type: "Succeeded",
        status: "Unknown",
        reason: "Running",
        message: "Not all Steps in the Task have finished executing",
        lastTransitionTime: "2020-12-01T10:00:05Z",
      },
    ],
    steps: [
      {
        name: "a",
        container: "step-a",
        terminated: {
          exitCode: 0,
          reason: "Completed",
          startedAt: "2020-12-01T10:00:02Z",
          finishedAt: "2020-12-01T10:00:03Z",
        },
      },
      { name: "b", container: "step-b", running: { startedAt: "2020-12-01T10:00:04Z" } },
      { name: "c", container: "step-c", waiting: { reason: "PodInitializing" } },
    ],
    sidecars: [{ name: "db", container: "sidecar-db", running: { startedAt: "2020-12-01T10:00:01Z" } }],
  };

  it("cancel marks the run False/TaskRunCancelled with Tekton's message and ends running steps", () => {
    const tr = taskRun({ status: "TaskRunCancelled" }, status);
    const out = cancel(tr, "2020-12-01T10:05:00Z");
    expect(out.conditions).toEqual([
      {
        type: "Succeeded",
        status: "False",
        lastTransitionTime: "2020-12-01T10:05:00Z",
        reason: "TaskRunCancelled",
        message: 'TaskRun "build" was cancelled',
      },
    ]);
    expect(out.completionTime).toBe("2020-12-01T10:05:00Z");
    expect(out.startTime).toBe("2020-12-01T10:00:00Z");
    expect(out.podName).toBe("build-pod-abcde");
    expect(out.steps).toEqual([
      status.steps?.[0],
      {
        name: "b",
        container: "step-b",
        terminated: {
          exitCode: 1,
          reason: "TaskRunCancelled",
          startedAt: "2020-12-01T10:00:04Z",
          finishedAt: "2020-12-01T10:05:00Z",
        },
      },
      {
        name: "c",
        container: "step-c",
        terminated: { exitCode: 1, reason: "TaskRunCancelled", finishedAt: "2020-12-01T10:05:00Z" },
      },
    ]);
    expect(out.sidecars).toEqual(status.sidecars);
  });

  it("timeout names the timeout as Go prints a duration", () => {
    const out = timeout(taskRun({ timeout: "90m" }, status), "2020-12-01T11:30:01Z");
    expect(out.conditions?.[0]).toMatchObject({
      status: "False",
      reason: "TaskRunTimeout",
      message: 'TaskRun "build" failed to finish within "1h30m0s"',
    });
    expect(out.steps?.[1]?.terminated?.reason).toBe("TaskRunTimeout");
    expect(timeout(taskRun({}, status), "2020-12-01T11:30:01Z").conditions?.[0]?.message).toBe(
      'TaskRun "build" failed to finish within "1h0m0s"',
    );
  });

  it("quotes names with Go's %q", () => {
    expect(cancel(taskRun({}, status, 'we"ird'), "2020-12-01T10:05:00Z").conditions?.[0]?.message).toBe(
      'TaskRun "we\\"ird" was cancelled',
    );
  });

  it("keeps the transition time when the run was already cancelled", () => {
    const already = cancel(taskRun({}, status), "2020-12-01T10:05:00Z");
    const again = cancel(taskRun({}, already), "2020-12-01T10:06:00Z");
    expect(again.conditions?.[0]?.lastTransitionTime).toBe("2020-12-01T10:05:00Z");
    expect(again.completionTime).toBe("2020-12-01T10:06:00Z");
  });

  it("leaves steps alone when no Pod was recorded", () => {
    const out = cancel(taskRun({}, { ...status, podName: "" }), "2020-12-01T10:05:00Z");
    expect(out.steps).toEqual(status.steps);
  });

  it("starts a run that never started, not before its creation", () => {
    const out = cancel(taskRun({}), "2020-12-01T10:05:00Z");
    expect(out.startTime).toBe("2020-12-01T10:05:00Z");
    expect(out.podName).toBe("");
    expect(out.conditions).toHaveLength(1);
    expect(cancel(taskRun({}), "2020-12-01T09:00:00Z").startTime).toBe("2020-12-01T09:59:59Z");
  });

  it("keeps other conditions, sorted by type", () => {
    const withOther = {
      ...status,
      conditions: [...(status.conditions ?? []), { type: "Convertible", status: "False", reason: "x" }],
    };
    expect(cancel(taskRun({}, withOther), "2020-12-01T10:05:00Z").conditions?.map((c) => c.type)).toEqual([
      "Convertible",
      "Succeeded",
    ]);
  });
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("initializeTaskRunStatus", () => {
  const fresh = deepFreeze({ metadata: { name: "build" }, spec: { timeout: "1m" } }) as TaskRun;

  it("starts a run that has no startTime: startTime now, Succeeded Unknown/Started", () => {
    const status = initializeTaskRunStatus(fresh, "2020-12-01T10:00:00Z");
    expect(status.startTime).toBe("2020-12-01T10:00:00Z");
    expect(status.conditions).toEqual([
      { type: "Succeeded", status: "Unknown", lastTransitionTime: "2020-12-01T10:00:00Z", reason: "Started" },
    ]);
    // from then on the run can time out
    expect(hasTimedOut({ ...fresh, status }, "2020-12-01T10:01:01Z")).toBe(true);
    expect(hasTimedOut(fresh, "2020-12-01T10:01:01Z")).toBe(false);
  });

  it("never starts a run before it was created (a controller clock behind the API server's)", () => {
    const created = deepFreeze({
      ...fresh,
      metadata: { name: "build", creationTimestamp: "2020-12-01T10:00:05Z" },
    }) as TaskRun;
    expect(initializeTaskRunStatus(created, "2020-12-01T10:00:00Z").startTime).toBe("2020-12-01T10:00:05Z");
  });

  it("leaves a started run's status as it is", () => {
    const status = {
      podName: "build-pod-abcde",
      startTime: "2020-12-01T09:00:00Z",
      conditions: [{ type: "Succeeded", status: "Unknown", reason: "Running" }],
    };
    const started = deepFreeze({ ...fresh, status }) as TaskRun;
    expect(initializeTaskRunStatus(started, "2020-12-01T10:00:00Z")).toEqual(status);
  });
});

describe("timeouts that serialise, and the config-defaults timeout", () => {
  const noTimeout = deepFreeze({ metadata: { name: "build" }, spec: {} }) as TaskRun;
  const config = deepFreeze({ defaults: { "default-timeout-minutes": "5" } });

  it("gives the timeout as a Go duration and in milliseconds, both JSON-safe", () => {
    const run = deepFreeze({ metadata: { name: "build" }, spec: { timeout: "90s" } }) as TaskRun;
    expect(taskRunTimeoutDuration(run)).toBe("1m30s");
    expect(taskRunTimeoutMilliseconds(run)).toBe(90_000);
    expect(JSON.stringify({ t: taskRunTimeoutDuration(run), ms: taskRunTimeoutMilliseconds(run) })).toBe(
      '{"t":"1m30s","ms":90000}',
    );
    expect(taskRunTimeoutDuration(noTimeout)).toBe("1h0m0s");
    expect(taskRunTimeoutMilliseconds(deepFreeze({ spec: { timeout: "0" } }) as TaskRun)).toBe(0);
  });

  it("takes default-timeout-minutes from the compile config, as the controller does", () => {
    expect(taskRunTimeoutDuration(noTimeout, { config })).toBe("5m0s");
    expect(taskRunTimeoutDuration(noTimeout, { config, defaultTimeoutMinutes: 7 })).toBe("7m0s");
    const started = { ...noTimeout, status: { startTime: "2020-12-01T10:00:00Z" } } as TaskRun;
    expect(hasTimedOut(started, "2020-12-01T10:05:01Z", { config })).toBe(true);
    expect(hasTimedOut(started, "2020-12-01T10:05:01Z")).toBe(false);
    expect(timeout(started, "2020-12-01T10:05:01Z", { config }).conditions?.[0]?.message).toBe(
      'TaskRun "build" failed to finish within "5m0s"',
    );
    const bad = { defaults: { "default-timeout-minutes": "five" } };
    expect(() => taskRunTimeout(noTimeout, { config: bad })).toThrow(/default-timeout-minutes/);
  });
});
