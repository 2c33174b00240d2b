/**
 * The v1.12 termination-message reader decodes the entrypoint's own layout directly and any
 * other text through a JSON tree. Both must read the same entries the same way: the same
 * message with white space added (which only the tree accepts) gives the same result.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseTerminationMessage,
  RESULT_TYPE,
  readInternalEntries,
} from "../../src/v1.12/status/termination-message.js";
import { bothLayouts, terminationEntries } from "../support/arbitraries/termination-entries.js";
import { SEED as BASE_SEED } from "../support/seed.js";

const SEED = BASE_SEED + 31;

const entries = terminationEntries(
  ["StartedAt", "Reason", "ExitCode", "2026-01-15T10:00:01.000Z"],
  [
    0,
    1,
    3,
    4,
    5,
    6,
    10,
    123456789012345,
    -1,
    1.5,
    2 ** 60,
    "TaskRunResult",
    "StepResult",
    "InternalTektonResult",
    "Other",
    "",
  ],
);

describe("v1.12 termination messages", () => {
  it("reads the entrypoint's layout as the general decode does", () => {
    fc.assert(
      fc.property(entries, (list) => {
        const [compact, spaced] = bothLayouts(list);
        expect(parseTerminationMessage(compact)).toEqual(parseTerminationMessage(spaced));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("reads a message of internal entries only as the general decode does", () => {
    const internal = terminationEntries(
      ["StartedAt", "Reason", "ExitCode", "2026-01-15T10:00:01.000Z", "0"],
      [3, "InternalTektonResult"],
    ).map((list) => list.map(({ resourceName: _, ...entry }) => entry));
    fc.assert(
      fc.property(fc.oneof(internal, entries), (list) => {
        const message = JSON.stringify(list);
        const read = readInternalEntries(message);
        if (read === undefined) return;
        const parsed = parseTerminationMessage(message);
        if (!parsed.ok) throw new Error(`the general decode refuses ${message}`);
        expect(parsed.results.every((r) => r.type === RESULT_TYPE.internal)).toBe(true);
        const first = (key: string) => parsed.results.find((r) => r.key === key)?.value;
        expect(read).toEqual({ startedAt: first("StartedAt"), exitCode: first("ExitCode"), reason: first("Reason") });
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(
      readInternalEntries('[{"key":"StartedAt","value":"x","type":3},{"key":"StartedAt","value":"y","type":3}]'),
    ).toEqual({ startedAt: "y", exitCode: undefined, reason: undefined });
    expect(
      readInternalEntries('[{"key":"StartedAt","value":"x","type":3},{"key":"a","value":"1","type":1}]'),
    ).toBeUndefined();
  });

  it("leaves duplicate and case-folded keys to the general decode", () => {
    const duplicate = '[{"key":"a","value":"1","type":1},{"key":"a","value":"2","type":4}]';
    expect(parseTerminationMessage(duplicate)).toEqual({
      ok: true,
      results: [{ key: "a", value: "2", resourceName: "", type: 4, typeText: "4" }],
    });
    expect(parseTerminationMessage('[{"key":"a","value":"1","type":1,"Type":3}]')).toMatchObject({
      ok: true,
      results: [{ key: "a", type: 3 }],
    });
    expect(parseTerminationMessage('[{"key":"a","value":"1","type":1.0}]').ok).toBe(false);
  });
});
