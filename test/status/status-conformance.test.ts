/** One test per `kind: status` v0.20.1 conformance case (project and shared corpora): the fold must equal Tekton v0.20.1's status. */
import { describe, expect, it } from "vitest";
import { foldTaskRunStatus } from "../../src/index.js";
import type { FoldInput } from "../../src/v0.20.1/status/types.js";
import { loadV0201Corpora, normalize } from "../support/cases.js";

const cases = loadV0201Corpora().flatMap((corpus) => corpus.cases.filter((c) => c.kind === "status"));

describe("status conformance", () => {
  it("has the status cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(59);
  });

  for (const c of cases) {
    it(c.name, () => {
      expect(c.now, "status cases carry their clock").toBeTypeOf("string");
      const status = foldTaskRunStatus(c.input as unknown as FoldInput, { now: c.now as string });
      expect(normalize(status)).toEqual(normalize(c.expected.status));
    });
  }
});
