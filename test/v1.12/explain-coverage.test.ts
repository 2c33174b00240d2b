/**
 * The explanation of the v1.12 profile leaves nothing in the Pod unexplained: every leaf of
 * every Pod (and PVC) it produces has at least one entry at its own pointer — over every compile
 * case of ../shared/conformance/v1.12 and over generated TaskRuns. Gathering it changes nothing
 * in what is compiled.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileInputV112, Immutable } from "../../src/index.js";
import { Explainer, unexplainedLeaves } from "../../src/explain/index.js";
import { compileTaskRun } from "../../src/v1.12/compile/index.js";
import { v112InputArb } from "../support/arbitraries/compile-input-v112.js";
import { loadV112Corpus } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";

/** Compiles with and without an explanation; `undefined` for an input the profile refuses. */
function explained(input: Immutable<CompileInputV112>): { missing: string[]; same: boolean } | undefined {
  let plain: ReturnType<typeof compileTaskRun>;
  try {
    plain = compileTaskRun(input);
  } catch {
    return undefined;
  }
  const explain = new Explainer();
  const result = compileTaskRun(input, explain);
  const explanation = {
    ...explain.explain(result.pod, ["pod"]),
    ...explain.explain(result.persistentVolumeClaims ?? [], ["persistentVolumeClaims"]),
  };
  const missing = [
    ...unexplainedLeaves(result.pod, ["pod"], explanation),
    ...unexplainedLeaves(result.persistentVolumeClaims ?? [], ["persistentVolumeClaims"], explanation),
  ];
  return { missing, same: JSON.stringify(result) === JSON.stringify(plain) };
}

const corpus = loadV112Corpus();
const cases = corpus.cases.filter((c) => c.kind === "compile" && c.expected.pod !== undefined);

describe("v1.12 explanation: every leaf of the Pod is explained", () => {
  if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, testCase) => {
    const outcome = explained(deepFreeze(structuredClone(testCase.input)) as Immutable<CompileInputV112>);
    expect(outcome).toBeDefined();
    expect(outcome?.missing).toEqual([]);
    expect(outcome?.same).toBe(true);
  });

  it(`holds for generated TaskRuns (seed ${SEED})`, () => {
    fc.assert(
      fc.property(v112InputArb, (input) => {
        const outcome = explained(deepFreeze(structuredClone(input)));
        if (outcome === undefined) return;
        expect(outcome.missing).toEqual([]);
        expect(outcome.same).toBe(true);
      }),
      { seed: SEED + 1600, numRuns: 150 },
    );
  });
});
