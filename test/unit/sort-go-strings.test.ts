import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareGoStrings, sortGoStrings } from "../../src/k8s/go-strings.js";

/** Go's order, spelled out: the UTF-8 bytes (lone surrogates encode as U+FFFD, as in TextEncoder). */
function byUtf8Bytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

describe("sortGoStrings", () => {
  it("orders by UTF-8 bytes, beyond the Basic Multilingual Plane too", () => {
    expect(sortGoStrings(["\uFFFF", "\u{1F600}", "b", "a", "ab", "\uE000"])).toEqual([
      "a",
      "ab",
      "b",
      "\uE000",
      "\uFFFF",
      "\u{1F600}",
    ]);
  });

  it("agrees with a byte-wise comparison on any strings, with or without surrogates", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.string({ unit: fc.constantFrom("a", "b", "\uE000", "\uD800", "\uDC00", "\u{1F600}") }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (values) => {
        const sorted = sortGoStrings([...values]);
        expect(sorted).toEqual([...values].sort(byUtf8Bytes));
        expect(sorted).toEqual([...values].sort(compareGoStrings));
      }),
      { numRuns: 2000 },
    );
  });
});
