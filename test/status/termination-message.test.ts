/**
 * The v0.20.1 termination-message reader decodes the entrypoint's own layout directly and any
 * other text with `JSON.parse` and Go's typed decode. Both must read the same entries the same
 * way: the same message with white space added (which only the general decode accepts) gives
 * the same result.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTerminationMessage } from "../../src/v0.20.1/status/parse-termination-message.js";
import { bothLayouts, terminationEntries } from "../support/arbitraries/termination-entries.js";
import { SEED as BASE_SEED } from "../support/seed.js";

const SEED = BASE_SEED + 32;

const entries = terminationEntries(
  ["StartedAt", "Reason", "digest", "2020-12-01T10:00:01.000Z"],
  ["TaskRunResult", "InternalTektonResult", "PipelineResourceResult", "Other", "", 1, 0],
);

describe("v0.20.1 termination messages", () => {
  it("reads the entrypoint's layout as the general decode does", () => {
    fc.assert(
      fc.property(entries, (list) => {
        const [compact, spaced] = bothLayouts(list);
        expect(parseTerminationMessage(compact)).toEqual(parseTerminationMessage(spaced));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("refuses a numeric type, as Go's decode into a string field does", () => {
    expect(parseTerminationMessage('[{"key":"a","value":"1","type":1}]').ok).toBe(false);
  });
});
