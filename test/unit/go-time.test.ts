/** Timestamps as metav1.Time and the entrypoint's StartedAt layout read and write them. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMetaTime, metaTimeOf, normalizeMetaTime, parseRfc3339, parseStartedAt } from "../../src/k8s/go-time.js";

describe("metav1.Time", () => {
  it.each([
    ["2020-12-01T10:05:00Z", "2020-12-01T10:05:00Z"],
    ["2020-12-01T10:05:00.999999999Z", "2020-12-01T10:05:00Z"],
    ["2020-12-01T11:05:00+01:00", "2020-12-01T10:05:00Z"],
    ["2020-12-31T23:30:00-01:00", "2021-01-01T00:30:00Z"],
    ["2020-02-29T1:02:03Z", "2020-02-29T01:02:03Z"],
    ["1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59Z"],
    ["0001-01-01T00:00:00Z", undefined],
    ["0001-01-01T00:00:00.5Z", "0001-01-01T00:00:00Z"],
  ])("normalizes %s to %s", (input, expected) => {
    expect(normalizeMetaTime(input)).toBe(expected);
  });

  it.each([
    "2020-02-30T00:00:00Z",
    "2019-02-29T00:00:00Z",
    "2020-12-01 10:05:00Z",
    "2020-12-01T24:00:00Z",
    "2020-12-01T10:05:00",
    "2020-12-01T10:05:00.1234567890Z",
    "2020-12-01t10:05:00z",
  ])("rejects %s like Go", (input) => {
    expect(parseRfc3339(input)).toBeUndefined();
  });

  it("keeps an unparsable string as written, converts Dates, drops other values", () => {
    expect(normalizeMetaTime("soon")).toBe("soon");
    expect(normalizeMetaTime(new Date("2020-12-01T10:05:00.700Z"))).toBe("2020-12-01T10:05:00Z");
    expect(normalizeMetaTime(12)).toBeUndefined();
  });

  it("writes years outside 0000–9999 as Go does", () => {
    expect(formatMetaTime(parseRfc3339("0000-01-01T00:00:00+01:00") as bigint)).toBe("-0001-12-31T23:00:00Z");
  });
});

describe("StartedAt layout 2006-01-02T15:04:05.000Z07:00", () => {
  it("needs exactly three fractional digits", () => {
    expect(parseStartedAt("2020-12-01T10:05:00.123Z")).toBe(parseRfc3339("2020-12-01T10:05:00.123Z"));
    expect(parseStartedAt("2020-12-01T10:05:00.123+02:00")).toBe(parseRfc3339("2020-12-01T08:05:00.123Z"));
    expect(parseStartedAt("2020-12-01T10:05:00Z")).toBeUndefined();
    expect(parseStartedAt("2020-12-01T10:05:00.1234Z")).toBeUndefined();
  });
});

describe("metaTimeOf, the shortcut for times already in UTC", () => {
  /** Times near the common form: every field at and beyond its limits, fractions of any length. */
  const nearlyCanonical = fc
    .tuple(
      fc.constantFrom("0000", "0001", "0002", "1969", "2000", "2020", "2021", "2100", "9999", "20x0"),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
      fc.constantFrom("", ".", ".0", ".123", ".999999999", ".1234567890", ".0000000001", ".12a"),
      fc.constantFrom("Z", "z", "+00:00", "-01:30", ""),
      fc.boolean(),
    )
    .map(([y, mo, d, h, mi, s, frac, zone, shortHour]) => {
      const two = (n: number) => String(n).padStart(2, "0");
      return `${y}-${two(mo)}-${two(d)}T${shortHour ? String(h) : two(h)}:${two(mi)}:${two(s)}${frac}${zone}`;
    });

  it("agrees with parsing and formatting in full, for both layouts", () => {
    fc.assert(
      fc.property(fc.oneof(nearlyCanonical, fc.string()), (text) => {
        const full = (ns: bigint | undefined) => (ns === undefined ? null : formatMetaTime(ns));
        expect(metaTimeOf(text, "rfc3339")).toBe(full(parseRfc3339(text)));
        expect(metaTimeOf(text, "startedAt")).toBe(full(parseStartedAt(text)));
      }),
      { numRuns: 3000 },
    );
  });
  it("normalizes as parsing and formatting in full would, keeping what does not parse", () => {
    fc.assert(
      fc.property(fc.oneof(nearlyCanonical, fc.string({ minLength: 20, maxLength: 20 }), fc.string()), (text) => {
        const ns = parseRfc3339(text);
        expect(normalizeMetaTime(text)).toBe(ns === undefined ? text : formatMetaTime(ns));
      }),
      { numRuns: 3000 },
    );
  });
});
