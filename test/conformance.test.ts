/**
 * The golden conformance suite: one test per compile case whose expected output Tekton v0.20.1
 * produced — every case of ../shared/conformance/cases (the project's own, seed-* and the Tekton
 * examples) and of ../shared/conformance/catalog/cases. Compared after the README's
 * normalization. Without ../shared, the project's copies in fixtures/conformance run instead.
 * Set TEST_DIST=1 to run it against the built package instead of the sources.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api } from "./support/api.js";
import { CASES_DIR, type ConformanceCase, loadV0201Corpora, normalize, SHARED_CASES_DIR } from "./support/cases.js";
import { deepFreeze } from "./support/freeze.js";

/** Cases that may not pass yet, each with the reason. Expected to shrink to empty. */
const SKIP: Readonly<Record<string, string>> = {};

const STAGES: Readonly<Record<string, string>> = { validation: "admission", resolution: "resolution", build: "build" };

function run(testCase: ConformanceCase): void {
  const { compileTaskRun, CompileError } = api;
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
    const error = caught as InstanceType<typeof CompileError>;
    if (expected.error.stage !== "panic") {
      expect({ stage: error.stage, reason: error.reason }).toEqual({
        stage: STAGES[expected.error.stage],
        reason: expected.error.reason,
      });
    }
    expect(error.issues.length).toBeGreaterThan(0);
    return;
  }
  const result = compileTaskRun(input as never);
  expect(normalize(result.pod)).toEqual(normalize(expected.pod));
  expect(normalize(result.persistentVolumeClaims ?? [])).toEqual(normalize(expected.persistentVolumeClaims ?? []));
}

for (const corpus of loadV0201Corpora()) {
  describe(`conformance: ${corpus.name}`, () => {
    // Said out loud, never a silent pass: a clone without ../shared cannot run these.
    if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});
    for (const testCase of corpus.cases.filter((c) => c.kind === "compile")) {
      const reason = SKIP[testCase.name];
      const title = `${testCase.area}: ${testCase.name}`;
      if (reason !== undefined) it.skip(`${title} — ${reason}`, () => run(testCase));
      else it(title, () => run(testCase));
    }
  });
}

describe("fixtures/conformance: the project's copies of its own cases", () => {
  // They stand in for ../shared when it is absent, so they must be the shared cases exactly.
  const files = readdirSync(CASES_DIR).filter((f) => f.endsWith(".yaml"));
  it.runIf(existsSync(SHARED_CASES_DIR)).each(files)("%s is byte for byte the case in ../shared", (file) => {
    expect(readFileSync(join(CASES_DIR, file), "utf8")).toBe(readFileSync(join(SHARED_CASES_DIR, file), "utf8"));
  });
});
