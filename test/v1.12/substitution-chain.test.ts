/**
 * A chain of substitution passes applied in one walk (replaceChainInTaskSpec) leaves a Task spec
 * exactly as the passes applied one after another do: values that hold references of later
 * passes, whole-array and whole-object references, steps' own passes and step params included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StepV1, TaskSpecV1 } from "../../src/v1.12/api/types.js";
import {
  mentions,
  type Pass,
  replaceChainInTaskSpec,
  replaceInTaskSpec,
  replaceStep,
  type StepPass,
} from "../../src/v1.12/compile/substitute.js";
import { SEED } from "../support/seed.js";

const REFERENCES = [
  "$(params.a)",
  "$(params.b)",
  "$(params.arr)",
  "$(params.arr[*])",
  "$(params.obj)",
  "$(params.obj.k)",
  "$(context.taskRun.name)",
  "$(results.r.path)",
  "$(step.results.s.path)",
  "$(step.artifacts.path)",
  "$(tasks.artifacts.path)",
  "$(steps.step-one.exitCode.path)",
  "$(unknown)",
];
// A lone "$" or "(" beside a reference lets a value make a new one with the text around it.
const FRAGMENTS = [...REFERENCES, "$(", ")", "$", "(", "params.a", "context.taskRun.name", "x", " ", "[*]"];

const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join(""));
const texts = fc.array(text, { maxLength: 3 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const step: fc.Arbitrary<StepV1> = fc
  .record({
    name: fc.constantFrom(undefined, "one", "two"),
    image: optional(text),
    script: optional(text),
    args: optional(texts),
    command: optional(texts),
    workingDir: optional(text),
    env: optional(
      fc.array(fc.record({ name: fc.constant("E"), value: text }), {
        maxLength: 2,
      }),
    ),
    volumeMounts: optional(fc.array(fc.record({ name: text, mountPath: text }), { maxLength: 2 })),
    when: optional(fc.array(fc.record({ input: text, operator: fc.constant("in"), values: texts }), { maxLength: 2 })),
    params: optional(fc.array(fc.record({ name: fc.constant("p"), value: fc.oneof(text, texts) }), { maxLength: 2 })),
    results: optional(fc.constant([{ name: "s" }])),
  })
  .map((s) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v;
    return out as StepV1;
  });

const spec: fc.Arbitrary<TaskSpecV1> = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 3 }),
  stepTemplate: fc.record({ image: text, args: texts }),
  volumes: fc.array(fc.record({ name: text, configMap: fc.record({ name: text }) }), { maxLength: 2 }),
  workspaces: fc.array(fc.record({ name: fc.constant("w"), mountPath: text }), {
    maxLength: 2,
  }),
  sidecars: fc.array(fc.record({ name: fc.constant("s"), image: text, script: text }), { maxLength: 2 }),
  results: fc.constant([{ name: "r" }]),
}) as fc.Arbitrary<TaskSpecV1>;

/** The parameter pass of a Task with string params a and b, array param arr and object param obj {k}. */
function paramPass({ a, b, arr, k }: { a: string; b: string; arr: string[]; k: string }): Pass {
  return {
    strings: new Map([
      ["params.a", a],
      ["params.b", b],
      ["params.obj.k", k],
    ]),
    arrays: new Map([["params.arr", arr]]),
    objects: new Map([["params.obj", { k }]]),
  };
}

const params: fc.Arbitrary<Pass> = fc.record({ a: text, b: text, arr: texts, k: text }).map(paramPass);

const stepOwn = (key: string) => (s: StepV1, i: number) =>
  new Map(s.results === undefined && key.startsWith("step.results") ? [] : [[key, `/${s.name ?? i}/${key}`]]);

/** The passes one after another, as the compiler applied them before the chain. */
function sequential(input: TaskSpecV1, chain: readonly (Pass | StepPass)[]): TaskSpecV1 {
  let out = input;
  for (const p of chain) {
    if (!("forStep" in p)) {
      out = replaceInTaskSpec(out, p);
      continue;
    }
    const steps = (out.steps ?? []).map((s, i) => {
      const pass = p.forStep(s, i);
      return pass === undefined || pass.strings.size === 0 || !mentions(s, pass) ? s : replaceStep(s, pass);
    });
    out = { ...out, steps };
  }
  return out;
}

describe("v1.12 substitution chain", () => {
  it("leaves a spec as the passes one after another do", () => {
    fc.assert(
      fc.property(spec, params, text, (s, p, name) => {
        const chain: (Pass | StepPass)[] = [
          p,
          { strings: new Map([["context.taskRun.name", name]]) },
          {
            forStep: (st, i) => ({
              strings: stepOwn("step.results.s.path")(st, i),
            }),
          },
          { strings: new Map([["results.r.path", "/tekton/results/r"]]) },
          {
            forStep: (st, i) => ({
              strings: stepOwn("step.artifacts.path")(st, i),
            }),
          },
          {
            strings: new Map([["steps.step-one.exitCode.path", "/tekton/steps/step-one/exitCode"]]),
          },
        ];
        expect(JSON.stringify(replaceChainInTaskSpec(s, chain))).toBe(JSON.stringify(sequential(s, chain)));
      }),
      { seed: SEED + 4100, numRuns: 2000 },
    );
  });
});

/**
 * Texts of shell `$(…)` holding references: heads no key starts with, and heads a value put in
 * may complete into a key (`$(con` + `text.taskRun.name`).
 */
const SHELL_FRAGMENTS = [
  "$(echo ",
  "$(context.",
  "$(con",
  "$(res",
  "$(",
  "$(params.a)",
  "$(params.b)",
  "$(params.arr)",
  "$(context.taskRun.name)",
  "$(results.r.path)",
  ")",
  " ",
  "$",
  "(",
];
const shellText = fc.array(fc.constantFrom(...SHELL_FRAGMENTS), { maxLength: 6 }).map((parts) => parts.join(""));
const VALUE_FRAGMENTS = [
  "taskRun.name",
  "text.taskRun.name",
  "ults.r.path",
  "context.taskRun.name",
  "x",
  ")",
  "$",
  "(",
];
const shellValue = fc.array(fc.constantFrom(...VALUE_FRAGMENTS), { maxLength: 2 }).map((parts) => parts.join(""));

/** {@link params} with values that may complete a key around them. */
const shellParams: fc.Arbitrary<Pass> = fc
  .record({ a: shellValue, b: shellValue, arr: fc.array(shellValue, { maxLength: 3 }), k: shellValue })
  .map(paramPass);

/** `pass` with the prefixes the compiler gives its kind of keys. */
function withPrefixes<P extends Pass | StepPass>(pass: P, prefixes: readonly string[]): P {
  if (!("forStep" in pass)) return { ...pass, keyPrefixes: prefixes };
  return {
    forStep: (s: StepV1, i: number) => {
      const own = pass.forStep(s, i);
      return own === undefined ? undefined : { ...own, keyPrefixes: prefixes };
    },
  } as P;
}

describe("v1.12 substitution chain with prefixes", () => {
  it("leaves a spec as the passes one after another do, shell $(…) holding references included", () => {
    const shellStep = step.chain((st) =>
      fc
        .record({ script: shellText, args: fc.array(shellText, { maxLength: 3 }) })
        .map((extra) => ({ ...st, ...extra })),
    );
    const shellSpec = spec.chain((sp) =>
      fc.array(shellStep, { minLength: 1, maxLength: 3 }).map((steps) => ({ ...sp, steps })),
    );
    fc.assert(
      fc.property(shellSpec, shellParams, shellText, (s, p, name) => {
        const chain: (Pass | StepPass)[] = [
          withPrefixes(p, ["params.", "params[", "inputs.params."]),
          withPrefixes({ strings: new Map([["context.taskRun.name", name]]) }, ["context."]),
          withPrefixes({ forStep: (st, i) => ({ strings: stepOwn("step.results.s.path")(st, i) }) }, ["step.results"]),
          withPrefixes({ strings: new Map([["results.r.path", "/tekton/results/r"]]) }, ["results"]),
          withPrefixes({ forStep: (st, i) => ({ strings: stepOwn("step.artifacts.path")(st, i) }) }, [
            "step.artifacts.path",
            "tasks.artifacts.path",
          ]),
          withPrefixes({ strings: new Map([["steps.step-one.exitCode.path", "/tekton/steps/step-one/exitCode"]]) }, [
            "steps.",
          ]),
        ];
        expect(JSON.stringify(replaceChainInTaskSpec(s, chain))).toBe(JSON.stringify(sequential(s, chain)));
      }),
      { seed: SEED + 4101, numRuns: 2000 },
    );
  });

  it("passes over a shell $(…) whose head no key starts with, and not one a reference inside may make a key", () => {
    const prefixed = (script: string, a: string) =>
      replaceChainInTaskSpec({ steps: [{ name: "one", image: "busybox", script }] }, [
        { strings: new Map([["params.a", a]]), keyPrefixes: ["params."] },
        { strings: new Map([["context.taskRun.name", "run"]]), keyPrefixes: ["context."] },
      ]).steps?.[0]?.script;
    expect(prefixed("X=$(mvn -s $(params.a)/s.xml $(context.taskRun.name))", "/ws")).toBe("X=$(mvn -s /ws/s.xml run)");
    expect(prefixed("$(context.$(params.a))", "taskRun.name")).toBe("run");
    expect(prefixed("$(con$(params.a))", "text.taskRun.name")).toBe("run");
  });
});

describe("v1.12 substitution chain, where a pass sees what an earlier one put in", () => {
  // Each text becomes `$(context.taskRun.name)` only once the params are in, which the context
  // pass after them then replaces: a chain must not take it in a single scan.
  const cases: [string, string, string][] = [
    ["a reference inside another", "$($(params.a))", "context.taskRun.name"],
    ["a value that holds a reference", "$(params.a)", "$(context.taskRun.name)"],
    ["a value ending in $ before (", "$(params.a)(context.taskRun.name)", "$"],
    ["a value starting with ( after $", "$$(params.a)", "(context.taskRun.name)"],
    ["an empty value between $ and (", "$$(params.a)(context.taskRun.name)", ""],
  ];
  it.each(cases)("%s", (_, script, a) => {
    const spec: TaskSpecV1 = { steps: [{ name: "one", image: "busybox", script }] };
    const chain: Pass[] = [
      { strings: new Map([["params.a", a]]) },
      { strings: new Map([["context.taskRun.name", "run"]]) },
    ];
    expect(replaceChainInTaskSpec(spec, chain).steps?.[0]?.script).toBe("run");
    expect(sequential(spec, chain).steps?.[0]?.script).toBe("run");
  });
});
