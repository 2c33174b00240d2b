/**
 * The explanation on generated TaskRuns (the compile properties' inputs, half of them with
 * PipelineResources): explainTaskRun fails exactly where compileTaskRun does, returns exactly
 * its result otherwise, and explains every leaf of the Pod and PVCs at the leaf's own pointer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { unexplainedLeaves } from "../../src/explain/index.js";
import { CompileError, compileTaskRun, explainTaskRun } from "../../src/index.js";
import { RUNS } from "../properties/helpers.js";
import { compileInputArb } from "../support/arbitraries/compile-input.js";
import { resourceSetupArb, withResources } from "../support/arbitraries/resources.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";

const inputArb: fc.Arbitrary<CompileInput> = fc
  .tuple(compileInputArb, fc.option(resourceSetupArb, { nil: undefined }))
  .map(([input, setup]) => (setup === undefined ? input : structuredClone(withResources(input, setup))));

function outcome<T>(run: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

describe(`explainTaskRun properties (seed ${SEED})`, () => {
  it("is compileTaskRun plus an explanation of every leaf", () => {
    let explained = 0;
    fc.assert(
      fc.property(inputArb, (generated) => {
        const input = deepFreeze(generated);
        const compiled = outcome(() => compileTaskRun(input));
        const result = outcome(() => explainTaskRun(input));
        if (!compiled.ok) {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(CompileError);
            expect((result.error as CompileError).message).toBe((compiled.error as CompileError).message);
          }
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        explained++;
        const { explanation, ...rest } = result.value;
        expect(rest).toEqual(compiled.value);
        expect(unexplainedLeaves(rest.pod, ["pod"], explanation)).toEqual([]);
        if (rest.persistentVolumeClaims !== undefined) {
          expect(unexplainedLeaves(rest.persistentVolumeClaims, ["persistentVolumeClaims"], explanation)).toEqual([]);
        }
        for (const entries of Object.values(explanation)) {
          for (const entry of entries) expect(entry.note).toMatch(/\S/);
        }
      }),
      { seed: SEED + 1600, numRuns: RUNS },
    );
    // Most generated inputs compile: the property is about Pods, not about errors.
    expect(explained).toBeGreaterThan(RUNS / 2);
  });
});
