/**
 * The explanation of the v1.12 profile leaves nothing in the Pod unexplained: every leaf of
 * every Pod (and PVC) it produces has at least one entry at its own pointer — over every compile
 * case of ../shared/conformance/v1.12 and over generated TaskRuns. explainTaskRun gives exactly
 * compileTaskRun's result (Pod, PVCs, Task spec, warnings) beside it, and refuses what it refuses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unexplainedLeaves } from "../../src/explain/index.js";
import type { CompileInputV112, CompileResultV112, Immutable } from "../../src/index.js";
import { CompileError, compileTaskRun, explainTaskRun } from "../../src/index.js";
import { v112InputArb } from "../support/arbitraries/compile-input-v112.js";
import { loadV112Corpus } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";

const V112 = { tekton: "v1.12" } as const;

/**
 * Explains an input and compiles it plainly; `undefined` for an input the profile refuses
 * (then explaining it must refuse it the same way).
 */
function explained(input: Immutable<CompileInputV112>): { missing: string[]; same: boolean } | undefined {
  let plain: CompileResultV112;
  try {
    plain = compileTaskRun(input, V112);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    expect(() => explainTaskRun(input, V112)).toThrow(error.message);
    return undefined;
  }
  const { explanation, ...rest } = explainTaskRun(input, V112);
  const missing = [
    ...unexplainedLeaves(rest.pod, ["pod"], explanation),
    ...(rest.persistentVolumeClaims ?? []).flatMap((claim, k) =>
      unexplainedLeaves(claim, ["persistentVolumeClaims", k], explanation),
    ),
  ];
  return { missing, same: JSON.stringify(rest) === JSON.stringify(plain) };
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
