/**
 * `TASK_RUN_REASONS_V112` holds every `Succeeded` reason Tekton v1.12.2 writes: those in the
 * statuses the real controller wrote for the conformance cases, those the fold and the
 * lifecycle helpers write, and the reasons of the compile errors.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CompileError,
  TASK_RUN_REASONS,
  TASK_RUN_REASONS_V112,
  type TaskRunReason,
  type TaskRunReasonV112,
  type TaskRunV1,
} from "../../src/index.js";
import { api } from "../support/api.js";
import { loadV112Corpus } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { foldV112 } from "./fold-profile.js";

const reasons = new Set<string>(Object.values(TASK_RUN_REASONS_V112));
const cases = loadV112Corpus().cases;

const conditionReasons = (status: unknown): string[] =>
  ((status as { conditions?: { type?: string; reason?: string }[] } | undefined)?.conditions ?? [])
    .filter((c) => c.type === "Succeeded" && c.reason !== undefined)
    .map((c) => c.reason as string);

describe("TASK_RUN_REASONS_V112", () => {
  it("names each reason by itself, as literal types", () => {
    for (const [key, value] of Object.entries(TASK_RUN_REASONS_V112)) expect(value).toBe(key);
    expectTypeOf(TASK_RUN_REASONS_V112.StepOOM).toEqualTypeOf<"StepOOM">();
    expectTypeOf<"InitContainerFailed">().toExtend<TaskRunReasonV112>();
    expectTypeOf<"StepOOM">().not.toExtend<TaskRunReason>();
  });

  it("holds every reason in the statuses Tekton v1.12.2 wrote for the status cases, and the fold's", () => {
    const status = cases.filter((c) => c.kind === "status");
    expect(status.length).toBeGreaterThan(50);
    const written = status.flatMap((c) => [
      ...conditionReasons(c.expected.status),
      ...conditionReasons(c.expected.statusV1beta1),
      ...conditionReasons(foldV112(c.input, c.now as string).status),
    ]);
    // The corpus exercises the Pod-derived failures v1.12 added.
    for (const named of ["Running", "Succeeded", "StepFailed", "StepOOM", "PodEvicted"])
      expect(written).toContain(named);
    expect(written.filter((r) => !reasons.has(r))).toEqual([]);
  });

  it("holds the reason of every compile error", () => {
    const expected = cases.flatMap((c) => (c.expected.error?.reason !== undefined ? [c.expected.error.reason] : []));
    expect(expected.length).toBeGreaterThan(3);
    const thrown: string[] = [];
    for (const c of cases.filter((k) => k.kind === "compile" && k.expected.error !== undefined)) {
      try {
        api.compileTaskRun(c.input as never, { tekton: "v1.12" });
      } catch (e) {
        const reason = (e as CompileError).reason;
        if (reason !== undefined) thrown.push(reason);
      }
    }
    expect(thrown.length).toBeGreaterThan(3);
    expect([...expected, ...thrown].filter((r) => !reasons.has(r))).toEqual([]);
  });

  it("holds what the lifecycle helpers write", () => {
    const taskRun = deepFreeze({
      apiVersion: "tekton.dev/v1",
      kind: "TaskRun",
      metadata: { name: "build", creationTimestamp: "2026-01-15T10:00:00Z" },
      spec: { taskRef: { name: "build" }, timeout: "1m" },
    }) as unknown as TaskRunV1;
    const now = "2026-01-15T10:05:00Z";
    const v112 = { tekton: "v1.12" } as const;
    const written = [
      api.initializeTaskRunStatus(taskRun, now, v112),
      api.cancel(taskRun, now, v112),
      api.timeout(taskRun, now, v112),
    ].flatMap(conditionReasons);
    expect(written).toEqual([
      TASK_RUN_REASONS_V112.Started,
      TASK_RUN_REASONS_V112.TaskRunCancelled,
      TASK_RUN_REASONS_V112.TaskRunTimeout,
    ]);
  });

  it("keeps every v0.20.1 reason, which v1.12 still sets", () => {
    expect(Object.values(TASK_RUN_REASONS).filter((r) => !reasons.has(r))).toEqual([]);
  });
});
