/**
 * One test per `kind: status` case of the v1.12 corpus: the fold must equal what Tekton v1.12.2's
 * `MakeTaskRunStatus` wrote — `expected.statusV1beta1` when the TaskRun is `tekton.dev/v1beta1`
 * (the status in the TaskRun's own version), else `expected.status`.
 */
import { describe, expect, it } from "vitest";
import { type ConformanceCase, loadV112Corpus, normalize } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { foldV112 } from "./fold-profile.js";

const corpus = loadV112Corpus();
const cases = corpus.cases.filter((c) => c.kind === "status");

/** Cases the fold does not reproduce yet, with the reason. */
const SKIP: Readonly<Record<string, string>> = {};

function expectedOf(c: ConformanceCase): unknown {
  return c.expected.statusV1beta1 ?? c.expected.status;
}

function actualOf(c: ConformanceCase): unknown {
  expect(c.now, "status cases carry their clock").toBeTypeOf("string");
  return foldV112(deepFreeze(structuredClone(c.input)), c.now as string).status;
}

describe("v1.12 status conformance", () => {
  it("reads the v1.12 status cases", () => {
    expect(corpus.missing, corpus.missing).toBeUndefined();
    expect(cases.length).toBeGreaterThanOrEqual(78);
  });

  it("skips only cases that exist and still fail", () => {
    const names = new Set(cases.map((c) => c.name));
    for (const name of Object.keys(SKIP)) {
      expect(names.has(name), `skipped case ${name} exists`).toBe(true);
      const c = cases.find((k) => k.name === name) as ConformanceCase;
      expect(normalize(actualOf(c)), `${name} passes now: remove it from SKIP`).not.toEqual(normalize(expectedOf(c)));
    }
  });

  for (const c of cases) {
    it.skipIf(Object.hasOwn(SKIP, c.name))(c.name, () => {
      expect(normalize(actualOf(c))).toEqual(normalize(expectedOf(c)));
    });
  }
});
