/**
 * No valid input is rejected: every conformance case that Tekton v0.20.1 let through its
 * admission webhook (all compile cases, except those whose expected error is at stage
 * `validation`) passes the shape check and admission validation with no issue.
 */
import { describe, expect, test } from "vitest";
import { checkInputShape } from "../../src/api/schema.js";
import type { Immutable, TaskRun } from "../../src/api/types.js";
import { validateTaskRun } from "../../src/v0.20.1/compile/validate.js";
import { loadV0201Corpora } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { admissionIssues } from "./helpers.js";

const cases = loadV0201Corpora().flatMap((corpus) => corpus.cases);
const admitted = cases.filter((c) => c.kind === "compile" && c.expected.error?.stage !== "validation");
const statusCases = cases.filter((c) => c.kind === "status");

describe("inputs Tekton admits are accepted", () => {
  test("there are cases to check", () => {
    expect(admitted.length).toBeGreaterThan(200);
  });
  test.each(admitted.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(admissionIssues(deepFreeze(c.input))).toEqual([]);
  });
});

describe("TaskRuns of status cases are accepted", () => {
  test.each(statusCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const taskRun = deepFreeze(c.input["taskRun"]);
    expect(checkInputShape({ taskRun })).toEqual([]);
    expect(validateTaskRun(taskRun as Immutable<TaskRun>)).toEqual([]);
  });
});
