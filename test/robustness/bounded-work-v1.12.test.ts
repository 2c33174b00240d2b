/**
 * Issue 14 for the v1.12 profile: hostile inputs that overflowed the stack (free-form data
 * nested 100,000 deep) or ran out of heap (130,000 steps, each mounting every step's run
 * directory) must give a Pod or a CompileError (a status, for the fold) within a CPU-time
 * budget. Budgets are generous, several times what the inputs cost now, and measured with
 * `process.cpuUsage()` so a busy machine does not fail them.
 */
import { describe, expect, test } from "vitest";
import { api } from "../support/api.js";
import { deepFreeze } from "../support/freeze.js";

type CompileErrorType = InstanceType<typeof api.CompileError>;

/** Runs `f`, returning its result and the CPU milliseconds it used. */
function cpuTimed<T>(f: () => T): { result: T; ms: number } {
  const start = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Compiles a frozen input under v1.12 within `budgetMs` of CPU; the CompileError it must raise. */
function errorWithin(input: unknown, budgetMs: number): CompileErrorType {
  deepFreeze(input);
  const { result, ms } = cpuTimed(() => {
    try {
      api.compileTaskRun(input as never, { tekton: "v1.12" });
      return undefined;
    } catch (error) {
      if (error instanceof api.CompileError) return error;
      throw error;
    }
  });
  expect(ms).toBeLessThan(budgetMs);
  expect(result).toBeInstanceOf(api.CompileError);
  return result as CompileErrorType;
}

const step = (name = "a") => ({ name, image: `x@sha256:${"a".repeat(64)}`, command: ["echo"] });

/** A v1 TaskRun with an embedded Task of one step, changed by `edit`. */
function taskRun(edit: (tr: Record<string, any>) => void = () => {}): { taskRun: Record<string, any> } {
  const tr: Record<string, any> = {
    apiVersion: "tekton.dev/v1",
    kind: "TaskRun",
    metadata: { name: "t", namespace: "n", uid: "u" },
    spec: { taskSpec: { steps: [step()] } },
  };
  edit(tr);
  return { taskRun: tr };
}

function nested(depth: number): unknown {
  let value: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("v1.12: free-form data nested 100,000 deep", () => {
  test.each([
    [
      "managedFields' fieldsV1",
      ["taskRun", "metadata", "managedFields", 0, "fieldsV1"],
      (tr: Record<string, any>, d: unknown) => {
        tr["metadata"].managedFields = [{ fieldsV1: d }];
      },
    ],
    [
      "a step's securityContext",
      ["taskRun", "spec", "taskSpec", "steps", 0, "securityContext"],
      (tr: Record<string, any>, d: unknown) => {
        tr["spec"].taskSpec.steps[0].securityContext = d;
      },
    ],
    [
      "a param's value",
      ["taskRun", "spec", "params", 0, "value"],
      (tr: Record<string, any>, d: unknown) => {
        tr["spec"].params = [{ name: "p", value: d }];
      },
    ],
    [
      "the Pod template's affinity",
      ["taskRun", "spec", "podTemplate", "affinity"],
      (tr: Record<string, any>, d: unknown) => {
        tr["spec"].podTemplate = { affinity: d };
      },
    ],
  ])("in %s: refused at admission with its path", (_name, prefix, edit) => {
    const error = errorWithin(
      taskRun((tr) => edit(tr, nested(100_000))),
      3_000,
    );
    expect(error.stage).toBe("admission");
    expect(error.issues[0]?.code).toBe("limit-exceeded");
    expect(error.issues[0]?.segments.slice(0, prefix.length)).toEqual(prefix);
  });

  test("outside the TaskRun and Task (StepActions): refused as input", () => {
    const error = errorWithin({ ...taskRun(), stepActions: [nested(100_000)] }, 3_000);
    expect(error.stage).toBe("input");
    expect(error.issues[0]?.code).toBe("limit-exceeded");
    expect(error.issues[0]?.segments[0]).toBe("stepActions");
  });

  test("nesting just within the limit still compiles", () => {
    // 1,000 levels below the TaskRun: the deepest the profile accepts, with the value itself 995 deep.
    const input = deepFreeze(
      taskRun((tr) => {
        tr["spec"].taskSpec.steps[0].securityContext = nested(990);
      }),
    );
    const { result, ms } = cpuTimed(() => api.compileTaskRun(input as never, { tekton: "v1.12" }));
    expect(ms).toBeLessThan(3_000);
    expect(result.pod.spec?.containers).toHaveLength(1);
  });

  test("one value used at two depths counts at the deeper one", () => {
    // Within the limit where the step uses it; ten levels deeper in the Pod template, past it.
    const shared = nested(990);
    const error = errorWithin(
      taskRun((tr) => {
        tr["spec"].taskSpec.steps[0].securityContext = shared;
        tr["spec"].podTemplate = { affinity: { a: { a: { a: { a: { a: { a: { a: { a: { a: shared } } } } } } } } } };
      }),
      3_000,
    );
    expect(error.issues[0]?.code).toBe("limit-exceeded");
    expect(error.issues[0]?.segments.slice(0, 4)).toEqual(["taskRun", "spec", "podTemplate", "affinity"]);
  });
});

describe("v1.12: steps whose run-directory mounts grow quadratically", () => {
  test("130,000 steps are refused before the Pod is built", () => {
    const input = taskRun((tr) => {
      tr["spec"].taskSpec.steps = Array.from({ length: 130_000 }, (_, i) => step(`s${i}`));
    });
    const error = errorWithin(input, 5_000);
    expect(error.issues[0]?.code).toBe("limit-exceeded");
    expect(error.issues[0]?.path).toBe("taskRun.spec.taskSpec.steps");
  });

  test("130,000 steps of a referenced Task are refused too", () => {
    const task = {
      apiVersion: "tekton.dev/v1",
      kind: "Task",
      metadata: { name: "k", namespace: "n" },
      spec: { steps: Array.from({ length: 130_000 }, (_, i) => step(`s${i}`)) },
    };
    const input = {
      ...taskRun((tr) => {
        tr["spec"] = { taskRef: { name: "k" } };
      }),
      task,
    };
    const error = errorWithin(input, 5_000);
    expect(error.issues[0]?.code).toBe("limit-exceeded");
    expect(error.issues[0]?.path).toBe("task.spec.steps");
  });
});

describe("v1.12: the fold with data nested 100,000 deep", () => {
  const now = "2020-12-01T10:05:00Z";
  const run = {
    apiVersion: "tekton.dev/v1",
    kind: "TaskRun",
    metadata: { name: "tr", namespace: "n" },
    spec: { taskSpec: { steps: [step()] } },
    status: { podName: "p" },
  };
  const terminated = (message: string) => ({
    phase: "Succeeded",
    containerStatuses: [{ name: "step-a", state: { terminated: { exitCode: 0, message } } }],
  });
  test.each([
    ["the Pod status", () => ({ phase: "Running", extra: nested(100_000) })],
    [
      "a termination message (JSON lists)",
      () => terminated(`[{"key":"r","value":"x","type":1},${"[".repeat(100_000)}${"]".repeat(100_000)}]`),
    ],
    [
      "a termination message (JSON objects)",
      () => terminated(`[{"key":"r","value":"x","type":1,"extra":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}]`),
    ],
  ])("in %s: a status", (_name, status) => {
    const input = deepFreeze({ taskRun: run, pod: { metadata: { name: "p" }, status: status() } });
    const { result, ms } = cpuTimed(() => api.foldTaskRunStatusWithWarnings(input as never, { now, tekton: "v1.12" }));
    expect(ms).toBeLessThan(3_000);
    expect(result.status.podName).toBe("p");
  });
});

describe("v1.12: variable references in a long line of unterminated heads", () => {
  // Tekton's pattern run by a backtracking engine rescans the rest of the line from every
  // `$(params.` or `$(params["` with no terminator after it: 32,000 of them took 5–6.5 s of CPU.
  test.each([
    ["dotted heads", "$(params.".repeat(50_000)],
    ["bracket heads, one `)` at the end", `${'$(params["'.repeat(50_000)})`],
    ["quoted heads, one `)` at the end", `${"$(params['".repeat(50_000)})`],
  ])("%s: a Pod or a CompileError within the budget", (_label, script) => {
    const input = deepFreeze(
      taskRun((tr) => {
        tr.spec.taskSpec.steps = [{ name: "a", image: `x@sha256:${"a".repeat(64)}`, script }];
      }),
    );
    const { ms } = cpuTimed(() => api.safeCompileTaskRun(input as never, { tekton: "v1.12" }));
    expect(ms).toBeLessThan(3000);
  });
});

describe("v1.12: configured default resources whose YAML aliases form a cycle", () => {
  // The configured requirements are copied into each container without a schema check of
  // their own: a copy that followed the cycle overflowed the stack.
  test("a Pod or a CompileError, not a stack overflow", () => {
    const input = deepFreeze({
      ...taskRun(),
      config: {
        defaults: { "default-container-resource-requirements": "default: &a\n  limits:\n    cpu: '1'\n    x: *a\n" },
      },
    });
    const { result, ms } = cpuTimed(() => api.safeCompileTaskRun(input as never, { tekton: "v1.12" }));
    expect(ms).toBeLessThan(3000);
    expect(result.ok ? "pod" : result.error).toSatisfy(
      (outcome: unknown) => outcome === "pod" || outcome instanceof api.CompileError,
    );
  });
});
