import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  type Quantity,
  type QuantityFormat,
} from "../../src/k8s/quantity.js";
import { SEED } from "../support/seed.js";

// Expectations below come from apimachinery v0.18.12's pkg/api/resource/quantity_test.go (the
// version Tekton v0.20.1 vendors; the test file itself is not vendored): TestQuantityParse,
// TestQuantityString, TestQuantityParseEmit, TestQuantityCmp and the invalid list.

function q(mantissa: bigint, exponent: number, format: QuantityFormat): Quantity {
  return { mantissa, exponent, format };
}

function mustParse(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (parsed === undefined) throw new Error(`expected ${JSON.stringify(text)} to parse`);
  return parsed;
}

const MAX_INT64 = (1n << 63n) - 1n;

// [input, mantissa, exponent, format] — the value is mantissa × 10^exponent.
const PARSE_TABLE: readonly [string, bigint, number, QuantityFormat][] = [
  ["0", 0n, 0, "DecimalSI"],
  ["0n", 0n, 0, "DecimalSI"],
  ["0u", 0n, 0, "DecimalSI"],
  ["0m", 0n, 0, "DecimalSI"],
  ["0Ki", 0n, 0, "BinarySI"],
  ["0k", 0n, 0, "DecimalSI"],
  ["0Mi", 0n, 0, "BinarySI"],
  ["0M", 0n, 0, "DecimalSI"],
  ["0Gi", 0n, 0, "BinarySI"],
  ["0G", 0n, 0, "DecimalSI"],
  ["0Ti", 0n, 0, "BinarySI"],
  ["0T", 0n, 0, "DecimalSI"],
  ["1", 1n, 0, "DecimalSI"],
  ["1Ki", 1024n, 0, "BinarySI"],
  ["8Ki", 8n * 1024n, 0, "BinarySI"],
  ["7Mi", 7n * 1024n ** 2n, 0, "BinarySI"],
  ["6Gi", 6n * 1024n ** 3n, 0, "BinarySI"],
  ["5Ti", 5n * 1024n ** 4n, 0, "BinarySI"],
  ["4Pi", 4n * 1024n ** 5n, 0, "BinarySI"],
  ["3Ei", 3n * 1024n ** 6n, 0, "BinarySI"],
  ["10Ti", 10n * 1024n ** 4n, 0, "BinarySI"],
  ["100Ti", 100n * 1024n ** 4n, 0, "BinarySI"],
  ["5n", 5n, -9, "DecimalSI"],
  ["4u", 4n, -6, "DecimalSI"],
  ["3m", 3n, -3, "DecimalSI"],
  ["9", 9n, 0, "DecimalSI"],
  ["8k", 8n, 3, "DecimalSI"],
  ["50k", 5n, 4, "DecimalSI"],
  ["7M", 7n, 6, "DecimalSI"],
  ["6G", 6n, 9, "DecimalSI"],
  ["5T", 5n, 12, "DecimalSI"],
  ["40T", 4n, 13, "DecimalSI"],
  ["300T", 3n, 14, "DecimalSI"],
  ["2P", 2n, 15, "DecimalSI"],
  ["1E", 1n, 18, "DecimalSI"],
  ["1E-3", 1n, -3, "DecimalExponent"],
  ["1e3", 1n, 3, "DecimalExponent"],
  ["1E6", 1n, 6, "DecimalExponent"],
  ["1e9", 1n, 9, "DecimalExponent"],
  ["1E12", 1n, 12, "DecimalExponent"],
  ["1e15", 1n, 15, "DecimalExponent"],
  ["1E18", 1n, 18, "DecimalExponent"],
  ["1e14", 1n, 14, "DecimalExponent"],
  ["1e13", 1n, 13, "DecimalExponent"],
  ["100.035k", 100035n, 0, "DecimalSI"],
  ["0.001", 1n, -3, "DecimalSI"],
  ["0.0005k", 5n, -1, "DecimalSI"],
  ["0.005", 5n, -3, "DecimalSI"],
  ["0.05", 5n, -2, "DecimalSI"],
  ["0.5", 5n, -1, "DecimalSI"],
  ["0.00050k", 5n, -1, "DecimalSI"],
  ["0.00500", 5n, -3, "DecimalSI"],
  ["0.05000", 5n, -2, "DecimalSI"],
  ["0.50000", 5n, -1, "DecimalSI"],
  ["0.5e0", 5n, -1, "DecimalExponent"],
  ["0.5e-1", 5n, -2, "DecimalExponent"],
  ["0.5e-2", 5n, -3, "DecimalExponent"],
  ["10.035M", 10035n, 3, "DecimalSI"],
  ["1.2e3", 12n, 2, "DecimalExponent"],
  ["1.3E+6", 13n, 5, "DecimalExponent"],
  ["1.40e9", 14n, 8, "DecimalExponent"],
  ["1.53E12", 153n, 10, "DecimalExponent"],
  ["1.6e15", 16n, 14, "DecimalExponent"],
  ["1.7E18", 17n, 17, "DecimalExponent"],
  ["9.01", 901n, -2, "DecimalSI"],
  ["8.1k", 81n, 2, "DecimalSI"],
  ["7.123456M", 7123456n, 0, "DecimalSI"],
  ["6.987654321G", 6987654321n, 0, "DecimalSI"],
  ["5.444T", 5444n, 9, "DecimalSI"],
  ["40.1T", 401n, 11, "DecimalSI"],
  ["300.2T", 3002n, 11, "DecimalSI"],
  ["2.5P", 25n, 14, "DecimalSI"],
  ["1.01E", 101n, 16, "DecimalSI"],
  // Rounded up to whole nanos, capped at int64 for BinarySI.
  ["3.001n", 4n, -9, "DecimalSI"],
  ["1.1E-9", 2n, -9, "DecimalExponent"],
  ["0.0000000001", 1n, -9, "DecimalSI"],
  ["0.0000000005", 1n, -9, "DecimalSI"],
  ["0.00000000050", 1n, -9, "DecimalSI"],
  ["0.5e-9", 1n, -9, "DecimalExponent"],
  ["0.9n", 1n, -9, "DecimalSI"],
  ["0.00000012345", 124n, -9, "DecimalSI"],
  ["0.00000012354", 124n, -9, "DecimalSI"],
  ["9Ei", MAX_INT64, 0, "BinarySI"],
  ["9223372036854775807Ki", MAX_INT64, 0, "BinarySI"],
  ["12E", 12n, 18, "DecimalSI"],
  ["100.035Ki", 10243584n, -2, "BinarySI"],
  ["0.5Mi", 524288n, 0, "BinarySI"],
  ["0.05Gi", 536870912n, -1, "BinarySI"],
  ["0.025Ti", 274877906944n, -1, "BinarySI"],
  ["0.000000000001Ki", 2n, -9, "DecimalSI"],
  [".001", 1n, -3, "DecimalSI"],
  [".0001k", 100n, -3, "DecimalSI"],
  ["1.", 1n, 0, "DecimalSI"],
  ["1.G", 1n, 9, "DecimalSI"],
];

describe("parseQuantity (apimachinery TestQuantityParse)", () => {
  it.each(PARSE_TABLE)("%s", (input, mantissa, exponent, format) => {
    const expected = q(mantissa, exponent, format);
    for (const [prefix, sign] of [
      ["", 1n],
      ["+", 1n],
      ["-", -1n],
    ] as const) {
      const got = mustParse(prefix + input);
      expect(compareQuantities(got, q(sign * mantissa, exponent, format)), `${prefix}${input}`).toBe(0);
      expect(got.format, `${prefix}${input}`).toBe(format);
    }
    expect(compareQuantities(mustParse(input), expected)).toBe(0);
  });

  it.each([
    "",
    "1.1.M",
    "1+1.0M",
    "0.1mi",
    "0.1am",
    "aoeu",
    ".5i",
    "1i",
    "-3.01i",
    "-3.01e-",
    " 1",
    "1 ",
    // beyond the upstream table: what the scanner and suffix table also refuse
    "1K",
    "1e",
    "1e+",
    "1ee5",
    "1Ki5",
    "1e99999999999999999999",
    ".e-10",
    "Ei",
  ])("rejects %j", (input) => {
    expect(parseQuantity(input)).toBeUndefined();
    expect(canonicalQuantity(input)).toBeUndefined();
  });

  it("accepts what apimachinery's lax scanner accepts", () => {
    for (const input of [".", "-.", "-", "+", "m", "-Ki", "e3", "Ti"]) {
      const got = parseQuantity(input);
      expect(got, input).toBeDefined();
      expect(formatQuantity(got as Quantity), input).toBe("0");
    }
  });
});

// [in as the value it holds, canonical string, an alternate spelling that prints canonically]
const STRING_TABLE: readonly [Quantity, string, string][] = [
  [q(1024n ** 3n, 0, "BinarySI"), "1Gi", "1024Mi"],
  [q(300n * 1024n ** 2n, 0, "BinarySI"), "300Mi", "307200Ki"],
  [q(6n * 1024n, 0, "BinarySI"), "6Ki", ""],
  [q(1001n * 1024n ** 3n, 0, "BinarySI"), "1001Gi", "1025024Mi"],
  [q(1024n ** 4n, 0, "BinarySI"), "1Ti", "1024Gi"],
  [q(5n, 0, "BinarySI"), "5", "5000m"],
  [q(500n, -3, "BinarySI"), "500m", "0.5"],
  [q(1n, 9, "DecimalSI"), "1G", "1000M"],
  [q(1000n, 6, "DecimalSI"), "1G", "0.001T"],
  [q(1000000n, 3, "DecimalSI"), "1G", ""],
  [q(1000000000n, 0, "DecimalSI"), "1G", ""],
  [q(1n, -3, "DecimalSI"), "1m", "1000u"],
  [q(80n, -3, "DecimalSI"), "80m", ""],
  [q(1080n, -3, "DecimalSI"), "1080m", "1.08"],
  [q(108n, -2, "DecimalSI"), "1080m", "1080000000n"],
  [q(10800n, -4, "DecimalSI"), "1080m", ""],
  [q(300n, 6, "DecimalSI"), "300M", ""],
  [q(1n, 12, "DecimalSI"), "1T", ""],
  [q(1234567n, 6, "DecimalSI"), "1234567M", ""],
  [q(1234567n, -3, "BinarySI"), "1234567m", ""],
  [q(3n, 3, "DecimalSI"), "3k", ""],
  [q(1025n, 0, "BinarySI"), "1025", ""],
  [q(0n, 0, "DecimalSI"), "0", ""],
  [q(0n, 0, "BinarySI"), "0", ""],
  [q(1n, 9, "DecimalExponent"), "1e9", ".001e12"],
  [q(1n, -3, "DecimalExponent"), "1e-3", "0.001e0"],
  [q(1n, -9, "DecimalExponent"), "1e-9", "1000e-12"],
  [q(80n, -3, "DecimalExponent"), "80e-3", ""],
  [q(300n, 6, "DecimalExponent"), "300e6", ""],
  [q(1n, 12, "DecimalExponent"), "1e12", ""],
  [q(1n, 3, "DecimalExponent"), "1e3", ""],
  [q(3n, 3, "DecimalExponent"), "3e3", ""],
  [q(0n, 0, "DecimalExponent"), "0", "00"],
  [q(1n, -9, "DecimalSI"), "1n", ""],
  [q(80n, -9, "DecimalSI"), "80n", ""],
  [q(1080n, -9, "DecimalSI"), "1080n", ""],
  [q(108n, -8, "DecimalSI"), "1080n", ""],
  [q(10800n, -10, "DecimalSI"), "1080n", ""],
  [q(1n, -6, "DecimalSI"), "1u", ""],
  [q(80n, -6, "DecimalSI"), "80u", ""],
  [q(1080n, -6, "DecimalSI"), "1080u", ""],
];

describe("formatQuantity (apimachinery TestQuantityString)", () => {
  it.each(STRING_TABLE)("%o prints %s", (value, canonical, alternate) => {
    expect(formatQuantity(value)).toBe(canonical);
    // The canonical text parses back to itself (Kubernetes keeps it as the printed form)...
    const reparsed = mustParse(canonical);
    expect(reparsed.verbatim ?? formatQuantity(reparsed)).toBe(canonical);
    expect(compareQuantities(reparsed, value)).toBe(0);
    // ...and an alternate spelling is not kept, but prints canonically.
    if (alternate !== "") {
      const other = mustParse(alternate);
      expect(other.verbatim).toBeUndefined();
      expect(formatQuantity(other)).toBe(canonical);
    }
    // Negation prints with a leading minus.
    if (value.mantissa !== 0n) {
      expect(formatQuantity({ ...value, mantissa: -value.mantissa })).toBe(`-${canonical}`);
    }
  });
});

describe("canonicalQuantity", () => {
  it.each([
    // apimachinery TestQuantityParseEmit
    ["1Ki", "1Ki"],
    ["1Mi", "1Mi"],
    ["1Gi", "1Gi"],
    ["1024Mi", "1Gi"],
    ["1000M", "1G"],
    [".001Ki", "1024m"],
    [".000001Ki", "1024u"],
    [".000000001Ki", "1024n"],
    [".000000000001Ki", "2n"],
    ["-1024Mi", "-1Gi"],
    ["-.001Ki", "-1024m"],
    // forms seen in Tasks and LimitRanges
    ["0", "0"],
    ["0.5", "500m"],
    ["1000m", "1"],
    ["100M", "100M"],
    ["1e3", "1e3"],
    ["1.5", "1500m"],
    ["1.5Gi", "1536Mi"],
    ["0.1Gi", "107374182400m"],
    ["0.5Gi", "512Mi"],
    ["1.1Ki", "1126400m"],
    ["1.5Ki", "1536"],
    ["2048", "2048"],
    ["1000", "1k"],
    ["256Mi", "256Mi"],
    ["1536Mi", "1536Mi"],
    ["0.25", "250m"],
    ["1.5e3", "1500"],
    ["0.1m", "100u"],
    ["1.0", "1"],
    // the kept-text quirk: the fast path keeps these spellings as written
    ["+1", "+1"],
    ["010", "010"],
    ["1.500k", "1.500k"],
    ["+1Ki", "+1Ki"],
    ["1E-3", "1E-3"],
    ["1e4294967296", "1e4294967296"],
    // the missing-suffix quirk: 10^21 has no DecimalSI suffix
    ["1000E", "1"],
    ["1000P", "1E"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  it("keeps int32 wrap-around of parsed exponents", () => {
    // 4294967296 narrows to 0 in int32, so this is 1.
    expect(compareQuantities(mustParse("1e4294967296"), mustParse("1"))).toBe(0);
  });

  it("handles enormous exponents without materialising them", () => {
    // scale 999999999 is a multiple of 3, so the text is kept...
    expect(canonicalQuantity("1.5e1000000000")).toBe("1.5e1000000000");
    // ...while scale 10^9 is not, so it is reprinted.
    expect(canonicalQuantity("1.5e1000000001")).toBe("150e999999999");
    expect(canonicalQuantity("1e-1000000000")).toBe("1e-9");
    expect(compareQuantities(mustParse("1e1000000000"), mustParse("9e999999999"))).toBe(1);
  });
});

describe("compareQuantities (apimachinery TestQuantityCmp)", () => {
  it.each([
    ["0", "0", 0],
    ["100m", "50m", 1],
    ["50m", "100m", -1],
    ["10000T", "100Gi", 1],
    ["1Gi", "1G", 1],
    ["1G", "1Gi", -1],
    ["1000m", "1", 0],
    ["1Ki", "1024", 0],
    ["-1", "0", -1],
    ["-1Ki", "-1k", -1],
    ["0.5", "500m", 0],
    ["1e3", "1k", 0],
    ["9Ei", "9223372036854775807", 0],
    ["12E", "9Ei", 1],
    ["1n", "0", 1],
    ["-0.1n", "-1n", 0],
  ] as const)("%s vs %s → %d", (a, b, expected) => {
    expect(compareQuantities(mustParse(a), mustParse(b))).toBe(expected);
    expect(compareQuantities(mustParse(b), mustParse(a))).toBe(-expected || 0);
  });
});

describe("properties", () => {
  // Quantities as people write them: sign, digits, fraction, any suffix; DecimalSI values stay
  // below 10^21, where apimachinery's missing-suffix quirk (1000E → "1") breaks round trips.
  const quantityText = fc
    .tuple(
      fc.constantFrom("", "+", "-"),
      fc.stringMatching(/^[0-9]{1,3}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
      fc.oneof(
        fc.constantFrom("", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"),
        fc.integer({ min: -30, max: 30 }).map((e) => `e${e}`),
      ),
    )
    .map(([s, whole, fraction, suffix]) => `${s}${whole}${fraction === undefined ? "" : `.${fraction}`}${suffix}`);

  it("format(parse(x)) reparses to an equal quantity and is a fixed point", () => {
    fc.assert(
      fc.property(quantityText, (text) => {
        const parsed = mustParse(text);
        const printed = formatQuantity(parsed);
        const reparsed = mustParse(printed);
        expect(compareQuantities(reparsed, parsed)).toBe(0);
        expect(formatQuantity(reparsed)).toBe(printed);
        expect(canonicalQuantity(printed)).toBe(printed);
      }),
      { seed: SEED, numRuns: 2000, verbose: true },
    );
  });

  it("compare is antisymmetric and agrees with equality of canonical forms", () => {
    fc.assert(
      fc.property(quantityText, quantityText, (a, b) => {
        const qa = mustParse(a);
        const qb = mustParse(b);
        const ab = compareQuantities(qa, qb);
        expect(compareQuantities(qb, qa)).toBe(-ab || 0);
        if (ab === 0 && qa.format === qb.format && qa.verbatim === undefined && qb.verbatim === undefined) {
          expect(formatQuantity(qa)).toBe(formatQuantity(qb));
        }
      }),
      { seed: SEED, numRuns: 2000, verbose: true },
    );
  });
});
