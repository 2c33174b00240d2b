/** Pods whose container names would repeat are refused the way the API server refuses them. */
import { describe, expect, it } from "vitest";
import { api } from "../support/api.js";

const { compileTaskRun, CompileError } = api;

function runWith(steps: unknown[], sidecars?: unknown[]) {
  return () =>
    compileTaskRun({
      taskRun: {
        metadata: { name: "dup", namespace: "default", uid: "u" },
        spec: { taskSpec: { steps, ...(sidecars === undefined ? {} : { sidecars }) } },
      },
    } as never);
}

function stageOf(run: () => unknown): unknown {
  try {
    run();
    return "compiled";
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    return { stage: error.stage, reason: error.reason, code: error.issues[0]?.code, path: error.issues[0]?.path };
  }
}

describe("container names", () => {
  it("rejects a step named like the generated name of an unnamed step", () => {
    const steps = [
      { name: "unnamed-1", image: "alpine", command: ["true"] },
      { image: "alpine", command: ["true"] },
    ];
    expect(stageOf(runWith(steps))).toEqual({
      stage: "build",
      reason: "CouldntGetTask",
      code: "duplicate-name",
      path: "taskRun.spec.taskSpec.steps[1].name",
    });
  });

  it("rejects two unnamed sidecars", () => {
    const sidecar = { image: "redis", command: ["redis-server"] };
    expect(stageOf(runWith([{ name: "a", image: "alpine", command: ["true"] }], [sidecar, sidecar]))).toMatchObject({
      code: "duplicate-name",
      path: "taskRun.spec.taskSpec.sidecars[1].name",
    });
  });

  it("accepts distinct names that share a long prefix beyond the cut", () => {
    const long = "x".repeat(50);
    const steps = [
      { name: `${long}-a`, image: "alpine", command: ["true"] },
      { name: `${long}-b`, image: "alpine", command: ["true"] },
    ];
    expect(stageOf(runWith(steps))).toBe("compiled");
  });
});
