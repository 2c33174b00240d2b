/**
 * The explanation over every v0.20.1 conformance case (../shared/conformance/cases and the
 * catalog): explainTaskRun gives exactly compileTaskRun's result, and every leaf of every Pod and
 * PVC has at least one entry at its own pointer.
 */
import { describe, expect, it } from "vitest";
import { unexplainedLeaves } from "../../src/explain/index.js";
import { compileTaskRun, explainTaskRun } from "../../src/index.js";
import { loadV0201Corpora } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";

for (const corpus of loadV0201Corpora()) {
  describe(`explain: ${corpus.name}`, () => {
    if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});
    const cases = corpus.cases.filter((c) => c.kind === "compile" && c.expected.error === undefined);
    it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, testCase) => {
      const input = deepFreeze(structuredClone(testCase.input)) as never;
      const compiled = compileTaskRun(input);
      const explained = explainTaskRun(input);
      const { explanation, ...rest } = explained;
      expect(rest).toEqual(compiled);
      expect(unexplainedLeaves(explained.pod, ["pod"], explanation)).toEqual([]);
      if (explained.persistentVolumeClaims !== undefined) {
        expect(unexplainedLeaves(explained.persistentVolumeClaims, ["persistentVolumeClaims"], explanation)).toEqual(
          [],
        );
      }
    });
  });
}
