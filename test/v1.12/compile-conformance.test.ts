/**
 * The v1.12 golden conformance suite: one test per `kind: compile` case of
 * ../shared/conformance/v1.12 (project, example and catalog cases), its expected output produced
 * by Tekton v1.12.2. Pods are compared after the README's normalization; errors by stage and
 * reason. A case listed in SKIP must still fail: a skipped case that passes fails the suite, so
 * the list can only be honest.
 */
import { describe, expect, it } from "vitest";
import { type ConformanceCase, loadV112Corpus, normalize } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { CompileError, compileTaskRun } from "./profile.js";

/** Cases that do not pass yet, each with the reason. Expected to shrink to empty. */
const SKIP: Readonly<Record<string, string>> = {};

/** The case format's stage names, as `CompileError.stage` spells them. */
const STAGES: Readonly<Record<string, string>> = {
  validation: "admission",
  resolution: "resolution",
  build: "build",
  cancelled: "cancelled",
  pending: "pending",
};

function run(testCase: ConformanceCase): void {
  const input = deepFreeze(structuredClone(testCase.input));
  const expected = testCase.expected;
  if (expected.error !== undefined) {
    let caught: unknown;
    try {
      compileTaskRun(input as never);
    } catch (error) {
      caught = error;
    }
    expect(caught, "expected a CompileError").toBeInstanceOf(CompileError);
    const error = caught as CompileError;
    expect({ stage: error.stage, reason: error.reason }).toEqual({
      stage: STAGES[expected.error.stage] ?? expected.error.stage,
      reason: expected.error.reason,
    });
    expect(error.issues.length).toBeGreaterThan(0);
    return;
  }
  const result = compileTaskRun(input as never);
  expect(normalize(result.pod)).toEqual(normalize(expected.pod));
  expect(normalize(result.persistentVolumeClaims ?? [])).toEqual(normalize(expected.persistentVolumeClaims ?? []));
}

const corpus = loadV112Corpus();
const cases = corpus.cases.filter((c) => c.kind === "compile");

describe(`conformance: ${corpus.name} compile`, () => {
  if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});
  for (const testCase of cases) {
    const reason = SKIP[testCase.name];
    const title = `${testCase.area}: ${testCase.name}`;
    // `it.fails` passes only while the case still fails: a fixed case must leave SKIP.
    if (reason !== undefined) it.fails(`${title} (skipped: ${reason})`, () => run(testCase));
    else it(title, () => run(testCase));
  }
  it("SKIP names only cases of the corpus", () => {
    if (corpus.missing !== undefined) return;
    const names = new Set(cases.map((c) => c.name));
    expect(Object.keys(SKIP).filter((n) => !names.has(n))).toEqual([]);
  });
});
