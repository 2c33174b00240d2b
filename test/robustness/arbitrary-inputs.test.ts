/**
 * No input crashes the compiler: arbitrary JSON values and conformance inputs with random
 * mutations always yield a Pod or a CompileError with well-formed issues — never another
 * exception — and never pollute Object.prototype. Inputs are deep-frozen, so a mutation of
 * the input is a crash too. Seeds are fixed; fast-check prints the seed and the failing
 * input's path on failure, so `fc.assert(…, { seed, path })` replays it.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { api } from "../support/api.js";
import { arbitraryJsonInput, judge, loadFixtureInputs, mutatedFixtureInput } from "../support/arbitraries/hostile.js";
import { CASES_DIR } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";

const fixtures = loadFixtureInputs(CASES_DIR);

function neverCrashes(input: unknown): boolean {
  const outcome = judge(api, deepFreeze(input));
  if (outcome.kind === "exception") {
    const error = outcome.error;
    throw new Error(
      `not a Pod nor a CompileError: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  if ((Object.prototype as Record<string, unknown>)["polluted"] !== undefined)
    throw new Error("Object.prototype was polluted");
  return true;
}

describe(`compile is total (seed ${SEED})`, () => {
  test("arbitrary JSON values: 10,000 runs", () => {
    fc.assert(fc.property(arbitraryJsonInput(), neverCrashes), { seed: SEED, numRuns: 10_000 });
  });

  test("mutated conformance inputs: 10,000 runs", () => {
    expect(fixtures.length).toBeGreaterThan(150);
    fc.assert(fc.property(mutatedFixtureInput(fixtures), neverCrashes), { seed: SEED + 1, numRuns: 10_000 });
  });
});
