/**
 * Hostile inputs that once cost quadratic time, overflowed the stack, built strings past V8's
 * limit, echoed Secret data or let the caller's own exceptions escape. Each must now give a
 * Pod or a CompileError (a status, for the fold) within a CPU-time budget. The budgets are
 * generous — several times what the input costs now, and far below what it cost before — and
 * measured with `process.cpuUsage()`, so a busy machine does not fail them.
 */

import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, test } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { SuffixGenerator } from "../../src/k8s/names.js";
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

/** Compiles a frozen input within `budgetMs` of CPU; a Pod or a CompileError, nothing else. */
function compileWithin(input: unknown, budgetMs: number): { pod: Pod } | { error: CompileErrorType } {
  // Frozen: any write to the input throws, so an unchanged input needs no comparison (and a
  // thousand references to one 600 KB script would not even fit in one JSON string).
  deepFreeze(input);
  const { result, ms } = cpuTimed(() => {
    try {
      return { pod: api.compileTaskRun(input as CompileInput).pod } as const;
    } catch (error) {
      if (error instanceof api.CompileError) return { error } as const;
      throw error;
    }
  });
  if (process.env["SHOW_CPU"] === "1") console.log(`cpu ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(budgetMs);
  if ("error" in result) {
    expect(result.error.issues.length).toBeGreaterThan(0);
    // Bounded: no message grows with the input.
    expect(result.error.message.length).toBeLessThan(300_000);
  } else {
    expect(() => JSON.stringify(result.pod)).not.toThrow();
  }
  return result;
}

function errorOf(outcome: { pod: Pod } | { error: CompileErrorType }): CompileErrorType {
  if ("pod" in outcome) throw new Error("expected a CompileError, got a Pod");
  return outcome.error;
}

const metadata = { name: "hostile", namespace: "ns", uid: "0f6b7f0e-0000-4000-8000-000000000000" };

function embedded(taskSpec: object, spec: object = {}): Record<string, unknown> {
  return { taskRun: { apiVersion: "tekton.dev/v1beta1", kind: "TaskRun", metadata, spec: { taskSpec, ...spec } } };
}

const step = (extra: object = {}): object => ({ name: "s", image: "alpine", command: ["echo"], ...extra });

describe("1. quantities with many digits", () => {
  test("a CPU request of 1 followed by 200,000 zeros formats in linear time", () => {
    const cpu = `1${"0".repeat(200_000)}`;
    const outcome = compileWithin(embedded({ steps: [step({ resources: { requests: { cpu } } })] }), 3_000);
    if ("pod" in outcome)
      expect(outcome.pod.spec?.containers[0]?.resources?.requests?.["cpu"]).toMatch(/^1000*(E|e\d+)?$/);
  });

  test("a memory limit of 200,000 digits with a fraction, and a huge exponent", () => {
    const memory = `0.${"0".repeat(100_000)}1${"0".repeat(100_000)}`;
    compileWithin(embedded({ steps: [step({ resources: { limits: { memory, cpu: "1e2147483647" } } })] }), 3_000);
  });
});

describe("2. regular expressions over names", () => {
  test("a step name of 40,000 dashes between two letters", () => {
    const name = `a${"-".repeat(40_000)}a`;
    const error = errorOf(compileWithin(embedded({ steps: [step({ name })] }), 1_000));
    expect(error.issues[0]?.code).toBe("invalid-name");
    expect(error.message.length).toBeLessThan(2_000);
  });

  test("names of 40,000 dashes in results, volumes, params and workspaces", () => {
    const name = `a${"-".repeat(40_000)}!`;
    compileWithin(
      embedded({
        steps: [step()],
        results: [{ name }],
        volumes: [{ name, emptyDir: {} }],
        params: [{ name }],
        workspaces: [{ name }],
      }),
      1_000,
    );
  });
});

describe("3. param errors over many params", () => {
  const count = 10_000;
  const names = Array.from({ length: count }, (_, i) => `param-with-a-longish-name-${i}`);

  test("10,000 undeclared params", () => {
    const error = errorOf(
      compileWithin(embedded({ steps: [step()] }, { params: names.map((name) => ({ name, value: "v" })) }), 3_000),
    );
    expect(error.issues.some((i) => i.code === "extra-param")).toBe(true);
  });

  test("10,000 missing params", () => {
    const error = errorOf(compileWithin(embedded({ params: names.map((name) => ({ name })), steps: [step()] }), 3_000));
    expect(error.issues.some((i) => i.code === "missing-param")).toBe(true);
  });

  test("10,000 params given the wrong type", () => {
    const error = errorOf(
      compileWithin(
        embedded(
          { params: names.map((name) => ({ name, type: "string" })), steps: [step()] },
          { params: names.map((name) => ({ name, value: ["a"] })) },
        ),
        3_000,
      ),
    );
    expect(error.issues.some((i) => i.code === "param-type-mismatch")).toBe(true);
  });

  test("10,000 array params given strings", () => {
    compileWithin(
      embedded(
        { params: names.map((name) => ({ name, type: "array" })), steps: [step()] },
        { params: names.map((name) => ({ name, value: "s" })) },
      ),
      3_000,
    );
  });
});

describe("4. large arrays are never spread into a call", () => {
  const n = 130_000;

  test("a step with 130,000 args", () => {
    const args = Array.from({ length: n }, (_, i) => `a${i}`);
    const outcome = compileWithin(embedded({ steps: [step({ args })] }), 5_000);
    if ("pod" in outcome) expect(outcome.pod.spec?.containers[0]?.args?.slice(-1)).toEqual([`a${n - 1}`]);
  });

  test("a Task with 130,000 volumes", () => {
    const volumes = Array.from({ length: n }, (_, i) => ({ name: `v${i}`, emptyDir: {} }));
    compileWithin(embedded({ steps: [step()], volumes }), 8_000);
  });

  test("an array param of 130,000 elements used as [*]", () => {
    const value = Array.from({ length: n }, (_, i) => `e${i}`);
    const outcome = compileWithin(
      embedded(
        { params: [{ name: "xs", type: "array" }], steps: [step({ args: ["$(params.xs[*])"] })] },
        { params: [{ name: "xs", value }] },
      ),
      5_000,
    );
    if ("pod" in outcome) expect(outcome.pod.spec?.containers[0]?.args?.slice(-1)).toEqual([`e${n - 1}`]);
  });

  test("100,000 invalid step names", () => {
    const steps = Array.from({ length: 100_000 }, () => ({ name: "Not_A_Label", image: "alpine", command: ["x"] }));
    const error = errorOf(compileWithin(embedded({ steps }), 8_000));
    expect(error.issues[0]?.code).toBe("invalid-name");
  });

  test("the fold of a termination message holding 150,000 results", () => {
    const message = JSON.stringify(
      Array.from({ length: 150_000 }, (_, i) => ({ key: `r${i}`, value: "v", type: "TaskRunResult" })),
    );
    const taskRun = { metadata: { name: "tr" }, spec: {}, status: { podName: "p" } };
    const pod = {
      metadata: { name: "p" },
      status: {
        phase: "Succeeded",
        containerStatuses: [{ name: "step-a", state: { terminated: { exitCode: 0, message } } }],
      },
    };
    const input = deepFreeze({ taskRun, pod });
    const { result, ms } = cpuTimed(() => api.foldTaskRunStatus(input as never, { now: "2020-12-01T10:05:00Z" }));
    expect(ms).toBeLessThan(8_000);
    expect(result.conditions?.[0]?.status).toBeDefined();
  });
});

describe("5. strings past V8's maximum length", () => {
  test("1,000 steps sharing one 600 KB script", () => {
    const script = `#!/bin/sh\n${"echo x\n".repeat(600_000 / 7)}`;
    const steps = Array.from({ length: 1_000 }, (_, i) => ({ name: `s${i}`, image: "alpine", script }));
    const error = errorOf(compileWithin(embedded({ steps }), 5_000));
    expect(error.message).toMatch(/limit/);
  });

  test("a 100 KB param value referenced 10,000 times in one arg", () => {
    const value = "v".repeat(100_000);
    const arg = "$(params.x)".repeat(10_000);
    const error = errorOf(
      compileWithin(
        embedded({ params: [{ name: "x" }], steps: [step({ args: [arg] })] }, { params: [{ name: "x", value }] }),
        5_000,
      ),
    );
    expect(error.message).toMatch(/limit/);
  });

  test("a 100,000-element array param expanded in 1,000 steps", () => {
    const value = Array.from({ length: 100_000 }, (_, i) => `e${i}`);
    const steps = Array.from({ length: 1_000 }, (_, i) => step({ name: `s${i}`, args: ["$(params.xs[*])"] }));
    const error = errorOf(
      compileWithin(
        embedded({ params: [{ name: "xs", type: "array" }], steps }, { params: [{ name: "xs", value }] }),
        10_000,
      ),
    );
    expect(error.message).toMatch(/limit/);
  });
});

describe("6. YAML inside config-defaults is checked before use", () => {
  const withDefaults = (defaults: Record<string, string>): unknown => ({
    ...embedded({ steps: [step()], workspaces: [{ name: "w" }] }),
    config: { defaults },
  });

  test.each([
    ["default-pod-template", "volumes: 5", "config.defaults.default-pod-template.volumes"],
    ["default-pod-template", "nodeSelector: {a: 1}", "config.defaults.default-pod-template.nodeSelector.a"],
    ["default-pod-template", "affinity: &a {nodeAffinity: *a}", "config.defaults.default-pod-template"],
    ["default-pod-template", "nodeSelector: &a {x: *a}", "config.defaults.default-pod-template"],
    ["default-pod-template", "tolerations: [5]", "config.defaults.default-pod-template.tolerations[0]"],
    [
      "default-task-run-workspace-binding",
      "persistentVolumeClaim: {}",
      "config.defaults.default-task-run-workspace-binding.persistentVolumeClaim.claimName",
    ],
    [
      "default-task-run-workspace-binding",
      "configMap: {items: 5}",
      "config.defaults.default-task-run-workspace-binding.configMap.items",
    ],
    [
      "default-task-run-workspace-binding",
      "emptyDir: &a {x: *a}",
      "config.defaults.default-task-run-workspace-binding",
    ],
  ])("%s: %s", (key, yaml, path) => {
    const error = errorOf(compileWithin(withDefaults({ [key]: yaml }), 2_000));
    // Tekton reads the pod template with the config map, the workspace binding when it binds one.
    expect(error.stage).toBe(key === "default-pod-template" ? "config" : "resolution");
    // A cycle is reported where the alias closes it, inside the value.
    expect(error.issues.some((i) => i.path === path || (yaml.includes("*a") && i.path.startsWith(`${path}.`)))).toBe(
      true,
    );
  });

  test("a valid default pod template and workspace binding still apply", () => {
    const outcome = compileWithin(
      withDefaults({
        "default-pod-template": "nodeSelector: {disk: ssd}\ntolerations: [{key: k, operator: Exists}]",
        "default-task-run-workspace-binding": "emptyDir: {}",
      }),
      2_000,
    );
    if ("error" in outcome) throw outcome.error;
    expect(outcome.pod.spec?.nodeSelector).toEqual({ disk: "ssd" });
    expect(outcome.pod.spec?.volumes?.some((v) => v.emptyDir !== undefined)).toBe(true);
  });
});

describe("7. heredoc delimiters", () => {
  test("a script listing the next 40,000 delimiter candidates", () => {
    // Candidates are drawn deterministically, so a script can list the ones the compiler will
    // try, in order: the search must not rescan the whole script for each of them.
    const names = new SuffixGenerator(`${metadata.namespace}/${metadata.name}/${metadata.uid}`);
    names.withSuffix("script-0");
    const lines = Array.from({ length: 40_000 }, () => names.withSuffix("script-heredoc-randomly-generated"));
    const script = `#!/bin/sh\n${lines.join("\n")}`;
    const outcome = compileWithin(embedded({ steps: [{ name: "s", image: "alpine", script }] }), 3_000);
    if ("error" in outcome) throw outcome.error;
    const command = outcome.pod.spec?.initContainers?.find((c) => c.name === "place-scripts")?.args?.[1] ?? "";
    const delimiter = /<< '([^']+)'\n/.exec(command)?.[1];
    expect(delimiter).toBeDefined();
    expect(lines).not.toContain(delimiter);
  });
});

describe("8. Secret data is never echoed", () => {
  const secretInput = (secret: object): unknown => ({
    ...embedded({ steps: [step()] }),
    secrets: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, ...secret }],
  });
  const SECRET = "c3VwZXJzZWNyZXRwYXNzd29yZA==";

  test.each([
    ["data as a string", { data: SECRET }],
    ["stringData as a string", { stringData: SECRET }],
    ["a numeric stringData value", { stringData: { password: 271828182845 } }],
    ["a numeric data value", { data: { password: 271828182845 } }],
    ["a list in data", { data: [SECRET] }],
    ["a mapping as a data value", { data: { password: { nested: SECRET } } }],
  ])("%s", (_name, secret) => {
    const error = errorOf(compileWithin(secretInput(secret), 2_000));
    const everything = `${error.message}\n${JSON.stringify(error.issues)}`;
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("271828182845");
  });

  test("a 1 MB image reference is cut in messages", () => {
    const image = `registry.example/${"a".repeat(1_000_000)}`;
    const error = errorOf(compileWithin(embedded({ steps: [{ name: "s", image }] }), 2_000));
    expect(error.message.length).toBeLessThan(5_000);
  });
});

describe("9. only plain data is read", () => {
  test("a revoked Proxy in the input", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [
      proxy,
      { taskRun: proxy },
      embedded({ steps: [proxy] }),
      embedded({ steps: [step({ args: proxy })] }),
    ]) {
      let thrown: unknown;
      try {
        api.compileTaskRun(input as CompileInput);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(api.CompileError);
    }
  });

  test("an array with an own constructor property", () => {
    const args = ["$(params.x)"];
    Object.defineProperty(args, "constructor", { value: 5, enumerable: true });
    const outcome = compileWithin(embedded({ params: [{ name: "x", default: "y" }], steps: [step({ args })] }), 2_000);
    expect("error" in outcome).toBe(true);
  });

  test("class instances, Maps, Dates and objects without a prototype", () => {
    class Step {
      name = "s";
      image = "alpine";
      command = ["x"];
    }
    for (const odd of [new Step(), new Map([["name", "s"]]), new Date(0), Object.assign(Object.create(null), step())]) {
      const outcome = compileWithin(embedded({ steps: [odd] }), 2_000);
      if (odd instanceof Step || odd instanceof Map || odd instanceof Date) expect("error" in outcome).toBe(true);
    }
  });

  test("a Proxy over plain data is read as that data, once checked", () => {
    const proxied = new Proxy(step(), {});
    compileWithin(embedded({ steps: [proxied] }), 2_000);
  });

  test("a cycle, and a symbol-keyed iterator on a list", () => {
    const cyclic: Record<string, unknown> = { name: "s", image: "alpine" };
    cyclic["env"] = [cyclic];
    expect("error" in compileWithin(embedded({ steps: [cyclic] }), 2_000)).toBe(true);
    const args = ["a"];
    Object.defineProperty(args, Symbol.iterator, {
      value: function* () {
        for (;;) yield "x";
      },
    });
    expect("error" in compileWithin(embedded({ steps: [step({ args })] }), 2_000)).toBe(true);
  });

  test("the fold of a revoked Proxy", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [
      { taskRun: proxy, pod: proxy },
      { taskRun: {}, pod: { status: proxy } },
    ]) {
      const status = api.foldTaskRunStatus(input as never, { now: "2020-12-01T10:05:00Z" });
      expect(status).toBeTypeOf("object");
    }
  });
});

describe("free-form data nested 100,000 deep", () => {
  const deep = (): unknown => {
    let value: unknown = { leaf: 1 };
    for (let i = 0; i < 100_000; i++) value = { a: value };
    return value;
  };

  test("in a volumeClaimTemplate's managedFields (copied into the PVC)", () => {
    const outcome = compileWithin(
      embedded(
        { workspaces: [{ name: "w" }], steps: [step()] },
        {
          workspaces: [
            {
              name: "w",
              volumeClaimTemplate: { metadata: { name: "c", managedFields: [{ fieldsV1: deep() }] }, spec: {} },
            },
          ],
        },
      ),
      3_000,
    );
    expect("pod" in outcome).toBe(true);
  });

  test.each([
    [
      "the TaskRun status's taskSpec",
      (d: unknown) => ({
        taskRun: { metadata: { name: "tr" }, status: { podName: "p", taskSpec: d } },
        pod: { metadata: { name: "p" }, status: { phase: "Running" } },
      }),
    ],
    [
      "the Pod status",
      (d: unknown) => ({
        taskRun: { metadata: { name: "tr" } },
        pod: { metadata: { name: "p" }, status: { phase: "Running", extra: d } },
      }),
    ],
    [
      "20,000 nested retriesStatus",
      () => {
        let status: unknown = { podName: "x" };
        for (let i = 0; i < 20_000; i++) status = { podName: "x", retriesStatus: [status] };
        return {
          taskRun: { metadata: { name: "tr" }, status },
          pod: { metadata: { name: "p" }, status: { phase: "Running" } },
        };
      },
    ],
  ])("the fold, with %s", (_name, make) => {
    const input = deepFreeze(make(deep()));
    const { result, ms } = cpuTimed(() => api.foldTaskRunStatus(input as never, { now: "2020-12-01T10:05:00Z" }));
    expect(ms).toBeLessThan(3_000);
    expect(result.podName).toBeDefined();
  });
});
