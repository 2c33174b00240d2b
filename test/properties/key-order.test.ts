/**
 * Output key order (issue 15, item 2): every object the package returns lists its keys in the
 * order of the Kubernetes / Tekton Go structs — the order in which Tekton itself wrote the
 * expected outputs — whatever the order of the input's keys, so a golden file changes only
 * when the Pod does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderSnapshot } from "../../src/testing/index.js";
import { api } from "../support/api.js";
import { type ConformanceCase, loadV0201Corpora } from "../support/cases.js";
import { SEED } from "../support/seed.js";
import { RUNS } from "./helpers.js";

const cases = loadV0201Corpora().flatMap((c) => c.cases);
const compileCases = cases.filter((c) => c.kind === "compile" && c.expected.error === undefined);
const statusCases = cases.filter((c) => c.kind === "status");

/**
 * Every place where `actual` and `expected` both have an object, as the keys they share in
 * `actual`'s order and in `expected`'s; the two lists must be equal everywhere. Keys only one
 * side has (`creationTimestamp: null`, fields the normalization drops) do not count.
 */
function orderMismatches(actual: unknown, expected: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.min(actual.length, expected.length); i++)
      orderMismatches(actual[i], expected[i], `${path}[${i}]`, out);
  } else if (isObject(actual) && isObject(expected)) {
    const a = Object.keys(actual).filter((k) => Object.hasOwn(expected, k));
    const e = Object.keys(expected).filter((k) => Object.hasOwn(actual, k));
    if (a.join() !== e.join()) out.push(`${path}: ${a.join(",")} instead of ${e.join(",")}`);
    for (const k of a) orderMismatches(actual[k], expected[k], `${path}.${k}`, out);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `value` with every object's keys in an order chosen by `pick` (a fresh copy). */
function reorderKeys(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, pick));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const out: Record<string, unknown> = {};
  while (keys.length > 0) {
    const [k] = keys.splice(pick(keys.length), 1) as [string];
    out[k] = reorderKeys(value[k], pick);
  }
  return out;
}

describe("output key order", () => {
  it("has cases to check", () => {
    expect(compileCases.length).toBeGreaterThan(100);
    expect(statusCases.length).toBeGreaterThan(10);
  });

  it("writes Pods and PVCs in the order Tekton v0.20.1 wrote them, for every conformance case", () => {
    const mismatches = compileCases.flatMap((c) => {
      const result = api.compileTaskRun(c.input as never);
      const out: string[] = [];
      orderMismatches(result.pod, c.expected.pod, `${c.name}: pod`, out);
      orderMismatches(
        result.persistentVolumeClaims ?? [],
        c.expected.persistentVolumeClaims ?? [],
        `${c.name}: pvcs`,
        out,
      );
      return out;
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it("writes TaskRun status in the order Tekton v0.20.1 wrote it, for every status case", () => {
    const mismatches = statusCases.flatMap((c) => {
      const status = api.foldTaskRunStatus(c.input as never, { now: c.now as string });
      return orderMismatches(status, c.expected.status, `${c.name}: status`, []);
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it("golden output does not change when only the input's key order changes", () => {
    const golden = new Map<ConformanceCase, string>(
      compileCases.map((c) => [c, renderSnapshot(api.compileTaskRun(c.input as never))]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...compileCases), fc.infiniteStream(fc.nat()), (c, choices) => {
        const shuffled = reorderKeys(c.input, (n) => (choices.next().value as number) % n);
        const result = api.compileTaskRun(shuffled as never);
        expect(renderSnapshot(result)).toBe(golden.get(c));
        expect(JSON.stringify(result.taskSpec)).toBe(JSON.stringify(api.compileTaskRun(c.input as never).taskSpec));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("folded status does not change when only the input's key order changes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...statusCases), fc.infiniteStream(fc.nat()), (c, choices) => {
        const shuffled = reorderKeys(c.input, (n) => (choices.next().value as number) % n);
        const now = c.now as string;
        expect(JSON.stringify(api.foldTaskRunStatus(shuffled as never, { now }))).toBe(
          JSON.stringify(api.foldTaskRunStatus(c.input as never, { now })),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
