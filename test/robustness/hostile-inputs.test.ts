/**
 * Hostile inputs, each of which must give a Pod or a CompileError (never another exception,
 * a hang or a polluted prototype): prototype-named keys and params, a 10 MB script, 10,000-deep
 * nesting, 100,000 steps, 100,000 params, pathological `$(` nesting, scripts whose lines equal
 * the heredoc delimiter (placed byte-exactly, checked with a real `sh`), NUL and lone
 * surrogates. Every input is deep-frozen. No timings are asserted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import { afterEach, describe, expect, test } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { api } from "../support/api.js";
import { judge } from "../support/arbitraries/hostile.js";
import { loadCases } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";

type Outcome = { pod: Pod } | { error: InstanceType<typeof api.CompileError> };

/** Compiles a frozen input; fails the test on anything but a Pod or a CompileError. */
function compile(input: unknown): Outcome {
  deepFreeze(input);
  try {
    return { pod: api.compileTaskRun(input as CompileInput).pod };
  } catch (error) {
    if (error instanceof api.CompileError) {
      expect(error.issues.length).toBeGreaterThan(0);
      return { error };
    }
    throw error;
  }
}

function podOf(outcome: Outcome): Pod {
  if ("error" in outcome) throw new Error(`expected a Pod, got ${outcome.error.message.slice(0, 2000)}`);
  return outcome.pod;
}

const metadata = { name: "hostile", namespace: "ns", uid: "0f6b7f0e-0000-4000-8000-000000000000" };

function embedded(taskSpec: object, spec: object = {}): Record<string, unknown> {
  return { taskRun: { apiVersion: "tekton.dev/v1beta1", kind: "TaskRun", metadata, spec: { taskSpec, ...spec } } };
}

const scriptStep = (script: string, extra: object = {}): object => ({ name: "run", image: "alpine", script, ...extra });

function containers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

afterEach(() => {
  expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("x");
});

describe("prototype-named keys and params", () => {
  const names = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

  test("params with prototype names are declared, bound and substituted like any other", () => {
    const input = embedded(
      {
        params: names.map((name) => ({ name, type: "string" })),
        steps: [{ name: "echo", image: "alpine", command: ["echo"], args: names.map((n) => `$(params.${n})`) }],
      },
      { params: names.map((name, i) => ({ name, value: `value-${i}` })) },
    );
    const pod = podOf(compile(JSON.parse(JSON.stringify(input))));
    const step = pod.spec?.containers.find((c) => c.name === "step-echo");
    expect(step?.args?.slice(-names.length)).toEqual(names.map((_, i) => `value-${i}`));
  });

  test("an undeclared prototype-named param is reported, not found on Object.prototype", () => {
    const input = embedded({ steps: [{ image: "alpine", command: ["echo"], args: ["$(params.constructor)"] }] });
    const outcome = compile(input);
    expect("error" in outcome && outcome.error.issues[0]?.code).toBe("non-existent-variable");
  });

  test("__proto__, constructor and prototype as keys everywhere", () => {
    const text = JSON.stringify(
      embedded(
        { steps: [scriptStep("echo hi", { env: [{ name: "__proto__", value: "x" }] })] },
        { podTemplate: { nodeSelector: JSON.parse('{"__proto__":"a","constructor":"b","prototype":"c"}') as object } },
      ),
    ).replace(
      '"metadata":{',
      '"metadata":{"labels":{"__proto__":"p","constructor":"c"},"annotations":{"__proto__":"p"},',
    );
    const outcome = compile(JSON.parse(text));
    const pod = podOf(outcome);
    expect(pod.spec?.nodeSelector).toEqual(JSON.parse('{"__proto__":"a","constructor":"b","prototype":"c"}'));
    expect(Object.getPrototypeOf(pod.spec?.nodeSelector)).toBe(Object.prototype);
    expect(pod.metadata?.labels).toMatchObject(JSON.parse('{"__proto__":"p","constructor":"c"}') as object);
  });

  test("__proto__, constructor and prototype as keys everywhere, under v1.12", () => {
    const keys = '{"__proto__":"a","constructor":"b","prototype":"c"}';
    const text = JSON.stringify(
      embedded(
        {
          params: [{ name: "p", default: "v" }],
          steps: [scriptStep("echo $(params.p)", { env: [{ name: "__proto__", value: "x" }] })],
        },
        { podTemplate: { nodeSelector: JSON.parse(keys) as object } },
      ),
    ).replace('"metadata":{', `"metadata":{"labels":${keys},"annotations":${keys},`);
    const input = JSON.parse(text) as object;
    deepFreeze(input);
    const pod = api.compileTaskRun(input as CompileInput, { tekton: "v1.12" }).pod;
    expect(pod.spec?.nodeSelector).toEqual(JSON.parse(keys));
    expect(Object.getPrototypeOf(pod.spec?.nodeSelector)).toBe(Object.prototype);
    expect(pod.metadata?.labels).toMatchObject(JSON.parse(keys) as object);
    expect(pod.metadata?.annotations).toMatchObject(JSON.parse(keys) as object);
  });

  test("a long dotted reference without its parenthesis, for a param of another type (v1.12)", () => {
    // A string given to an array param passes when it holds a variable; deciding that must take
    // linear time on text that almost is one.
    const value = `$(${"a.".repeat(5_000)}!`;
    const input = embedded(
      {
        params: [{ name: "list", type: "array" }],
        steps: [{ name: "s", image: "alpine", args: ["$(params.list[*])"] }],
      },
      { params: [{ name: "list", value }] },
    );
    deepFreeze(input);
    // Refused by the type check that asks whether the value holds a variable (it does not).
    let thrown: unknown;
    try {
      api.compileTaskRun(input as unknown as CompileInput, { tekton: "v1.12" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(api.CompileError);
    expect((thrown as InstanceType<typeof api.CompileError>).issues.map((i) => i.code)).toEqual([
      "param-type-mismatch",
    ]);
  });

  test("an image named like an Object.prototype member is looked up as data", () => {
    const steps = [{ name: "s", image: "constructor" }];
    const missing = compile(embedded({ steps }));
    expect("error" in missing && missing.error.stage).toBe("input");
    const entrypoints = JSON.parse(
      `{"__proto__":{"entrypoint":["/p"]},"toString":["/t"],"constructor":{"entrypoint":["/c"],"digest":"sha256:${"a".repeat(64)}"}}`,
    ) as object;
    const pod = podOf(compile({ ...embedded({ steps }), imageEntrypoints: entrypoints }));
    const args = pod.spec?.containers[0]?.args ?? [];
    expect(args[args.indexOf("-entrypoint") + 1]).toBe("/c");
  });

  test("a __proto__ key holding an object in an unknown place is an unknown field", () => {
    const input = JSON.parse(
      '{"taskRun":{"spec":{"taskSpec":{"steps":[{"image":"a","__proto__":{"polluted":true,"x":1}}]}}},"__proto__":{"polluted":true}}',
    );
    const outcome = compile(input);
    expect("error" in outcome && outcome.error.issues.map((i) => i.code)).toEqual(["unknown-field", "unknown-field"]);
  });
});

describe("sizes", () => {
  test("a 10 MB script", () => {
    const script = `#!/bin/sh\n${"echo 'ten megabytes of script' $(params.x) \\\n".repeat(240_000)}`;
    expect(script.length).toBeGreaterThan(10_000_000);
    const pod = podOf(compile(embedded({ params: [{ name: "x", default: "y" }], steps: [scriptStep(script)] })));
    const placed = containers(pod).find((c) => c.name === "place-scripts");
    expect(placed?.args?.[1]).toContain(script.replace(/\$\(params\.x\)/g, "y"));
  });

  test("10,000-deep nesting in a label, an env list, the status and the Task", () => {
    const deepObject = nested(10_000, "leaf", (inner) => ({ a: inner }));
    const deepArray = nested(10_000, "leaf", (inner) => [inner]);
    const input = embedded({ steps: [scriptStep("echo", { env: deepArray })] });
    (input["taskRun"] as Record<string, unknown>)["status"] = deepObject;
    (input["taskRun"] as { metadata: object }).metadata = { ...metadata, labels: { deep: deepObject } };
    input["task"] = deepObject;
    const outcome = compile(input);
    expect("error" in outcome).toBe(true);
  });

  test("10,000-deep nesting only in the (ignored) TaskRun status", () => {
    const input = embedded({ steps: [scriptStep("echo")] });
    (input["taskRun"] as Record<string, unknown>)["status"] = nested(10_000, 1, (inner) => ({
      podName: "p",
      deep: inner,
    }));
    podOf(compile(input));
  });

  test("100,000 steps", () => {
    const steps = Array.from({ length: 100_000 }, (_, i) => ({
      name: `s${i}`,
      image: "alpine",
      command: ["echo"],
      args: [`${i}`],
    }));
    const pod = podOf(compile(embedded({ steps })));
    expect(pod.spec?.containers).toHaveLength(100_000);
    expect(pod.spec?.containers[99_999]?.name).toBe("step-s99999");
  });

  test("100,000 params", () => {
    const count = 100_000;
    const params = Array.from({ length: count }, (_, i) => ({ name: `p${i}`, default: `d${i}` }));
    const values = Array.from({ length: count }, (_, i) => ({ name: `p${i}`, value: `v${i}` }));
    const steps = [
      {
        name: "echo",
        image: "alpine",
        command: ["echo"],
        args: ["$(params.p0)", "$(params.p99999)", "$(params.p5)$(params.p6)"],
      },
    ];
    const pod = podOf(compile(embedded({ params, steps }, { params: values })));
    expect(pod.spec?.containers[0]?.args?.slice(-3)).toEqual(["v0", "v99999", "v5v6"]);
  });
});

describe("strings", () => {
  test.each([
    ["nested $( openings", `${"$(".repeat(100_000)}params.x${")".repeat(100_000)}`],
    ["unterminated references", "$(params.".repeat(200_000)],
    ["a long name without a closing paren", `$(params.${"a".repeat(1_000_000)}`],
    ["references inside references", "$(params.$(params.$(context.taskRun.$(params.x)))))".repeat(20_000)],
    ["array markers everywhere", `$(params.x[*]${"[*]".repeat(100_000)})`],
  ])("pathological $( nesting: %s", (_name, text) => {
    const input = embedded({
      params: [{ name: "x", default: "y" }],
      steps: [
        { name: "s", image: "alpine", command: ["echo"], args: [text], env: [{ name: "E", value: text }] },
        scriptStep(text),
      ],
      sidecars: [{ image: "alpine", args: [text] }],
    });
    compile(input);
  });

  test("NUL and lone surrogates in scripts, args, env, labels and names", () => {
    const nasty = "a\u0000b\ud800c\udc00d\u{1d518}\ufffe";
    const input = embedded(
      {
        params: [{ name: "x", default: nasty }],
        steps: [
          {
            name: "s",
            image: "alpine",
            command: ["echo"],
            args: [nasty, "$(params.x)"],
            env: [{ name: "E", value: nasty }],
          },
          scriptStep(`#!/bin/sh\necho '${nasty}'\n`),
        ],
      },
      { params: [{ name: "x", value: nasty }], podTemplate: { nodeSelector: { k: nasty } } },
    );
    (input["taskRun"] as { metadata: object }).metadata = {
      ...metadata,
      labels: { l: nasty },
      annotations: { [nasty]: nasty },
    };
    const pod = podOf(compile(input));
    expect(pod.spec?.containers[0]?.args?.slice(-2)).toEqual([nasty, nasty]);
  });

  test("NUL and lone surrogates in names are rejected, not crashed on", () => {
    const outcome = compile(embedded({ steps: [{ name: "a\u0000\ud800", image: "alpine", command: ["x"] }] }));
    expect("error" in outcome && outcome.error.issues[0]?.code).toBe("invalid-name");
    const named = compile({
      taskRun: { metadata: { name: "\ud800\u0000" }, spec: { taskSpec: { steps: [scriptStep("x")] } } },
    });
    expect("pod" in named || "error" in named).toBe(true);
  });
});

describe("scripts whose lines equal the heredoc delimiter", () => {
  const SCRIPTS_DIR = "/tekton/scripts";

  function placement(pod: Pod): string {
    const init = containers(pod).find((c) => c.name === "place-scripts");
    const command = init?.args?.[1];
    if (command === undefined) throw new Error("no place-scripts init container");
    return command;
  }

  function delimiters(command: string): string[] {
    return [...command.matchAll(/<< '([^']+)'\n/g)].map((m) => m[1] ?? "");
  }

  /** Runs the place-scripts command with a real sh, in a temporary directory. */
  function placeWithSh(command: string): Map<string, string> {
    const dir = mkdtempSync(join(tmpdir(), "place-scripts-"));
    try {
      execFileSync("sh", ["-c", command.split(SCRIPTS_DIR).join(dir)]);
      return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("each delimiter the compiler picks, added as a script line, makes it pick another; files stay byte-exact", () => {
    let script = "#!/bin/sh\necho start\nEOF\n'\n$(context.taskRun.name)\n\\\n${tmpfile}";
    const seen: string[] = [];
    for (let round = 0; round < 6; round++) {
      const command = placement(podOf(compile(embedded({ steps: [scriptStep(script)] }))));
      const [delimiter] = delimiters(command);
      expect(delimiter).toBeDefined();
      expect(seen).not.toContain(delimiter);
      expect(script.split("\n")).not.toContain(delimiter);
      seen.push(delimiter ?? "");
      const files = [...placeWithSh(command).values()];
      expect(files).toEqual([`${script.replace("$(context.taskRun.name)", metadata.name)}\n`]);
      script += `\n${delimiter}`;
    }
  });

  test("a script made only of delimiter-like lines, in steps and sidecars", () => {
    const lines = Array.from(
      { length: 200 },
      (_, i) => `script-heredoc-randomly-generated-${"bcdfghjklmnpqrstvwxz2456789"[i % 27]?.repeat(5)}`,
    );
    const script = `#!/bin/sh\n${lines.join("\n")}\nsidecar-script-heredoc-randomly-generated-bbbbb`;
    const steps = [scriptStep(script), scriptStep(script, { name: "again" })];
    const pod = podOf(compile(embedded({ steps, sidecars: [{ image: "a", script }] })));
    const command = placement(pod);
    for (const d of delimiters(command)) expect(script.split("\n")).not.toContain(d);
    expect([...placeWithSh(command).values()]).toEqual([`${script}\n`, `${script}\n`, `${script}\n`]);
  });
});

describe("deep-frozen conformance inputs", () => {
  const cases = loadCases().filter((c) => c.kind === "compile");
  test.each(cases.map((c) => [c.name, c] as const))("%s: same outcome frozen or not, input untouched", (_name, c) => {
    const before = JSON.stringify(c.input);
    const thawed = judge(api, structuredClone(c.input));
    const frozen = judge(api, deepFreeze(c.input));
    expect(frozen.kind).toBe(thawed.kind);
    expect(frozen.kind).not.toBe("exception");
    expect(JSON.stringify(c.input)).toBe(before);
  });
});
