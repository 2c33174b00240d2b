/**
 * The v0.20.1 termination-message reader decodes the entrypoint's own layout directly and any
 * other text with `JSON.parse` and Go's typed decode. Both must read the same entries the same
 * way: the same message with white space added (which only the general decode accepts) gives
 * the same result.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTerminationMessage } from "../../src/v0.20.1/status/parse-termination-message.js";
import { SEED as BASE_SEED } from "../support/seed.js";

const SEED = BASE_SEED + 32;

/** Strings with what JSON must escape: quotes, backslashes, control characters, lone surrogates. */
const text = fc.oneof(
  fc.constantFrom("", " ", "StartedAt", "Reason", "digest", "r", "2020-12-01T10:00:01.000Z", 'a"b\\c\n\u0001'),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.array(fc.integer({ min: 0xd7ff, max: 0xe000 }), { maxLength: 3 }).map((c) => String.fromCharCode(...c)),
);

const entry = fc.record(
  {
    key: text,
    value: text,
    resourceName: text,
    type: fc.oneof(
      fc.constantFrom("TaskRunResult", "InternalTektonResult", "PipelineResourceResult", "Other", ""),
      fc.constantFrom(1, 0),
    ),
  },
  { requiredKeys: ["key", "value"] },
);

describe("v0.20.1 termination messages", () => {
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

  it("refuses a numeric type, as Go's decode into a string field does", () => {
    expect(parseTerminationMessage('[{"key":"a","value":"1","type":1}]').ok).toBe(false);
  });
});
