/**
 * The v1.12 termination-message reader decodes the entrypoint's own layout directly and any
 * other text through a JSON tree. Both must read the same entries the same way: the same
 * message with white space added (which only the tree accepts) gives the same result.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTerminationMessage } from "../../src/v1.12/status/termination-message.js";
import { SEED as BASE_SEED } from "../support/seed.js";

const SEED = BASE_SEED + 31;

/** Strings with what JSON must escape: quotes, backslashes, control characters, lone surrogates. */
const text = fc.oneof(
  fc.constantFrom("", " ", "StartedAt", "Reason", "ExitCode", "r", "2026-01-15T10:00:01.000Z", 'a"b\\c\n\u0001'),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.array(fc.integer({ min: 0xd7ff, max: 0xe000 }), { maxLength: 3 }).map((c) => String.fromCharCode(...c)),
);

const entry = fc.record(
  {
    key: text,
    value: text,
    resourceName: text,
    type: fc.oneof(
      fc.constantFrom(0, 1, 3, 4, 5, 6, 10, 123456789012345, -1, 1.5, 2 ** 60),
      fc.constantFrom("TaskRunResult", "StepResult", "InternalTektonResult", "Other", ""),
    ),
  },
  { requiredKeys: ["key", "value"] },
);

describe("v1.12 termination messages", () => {
  it("reads the entrypoint's layout as the general decode does", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
        const compact = JSON.stringify(entries);
        const spaced = JSON.stringify(entries, null, 1);
        expect(parseTerminationMessage(compact)).toEqual(parseTerminationMessage(spaced));
      }),
      { seed: SEED, numRuns: 500 },
    );
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
