import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGoDuration, formatGoMinutes, parseGoDuration } from "../../src/k8s/duration.js";
import { SEED } from "../support/seed.js";

// Tables mirror Go's time package tests (parseDurationTests, durationTests in time_test.go) of
// the Go 1.14/1.15 era Tekton v0.20.1 was built with, plus the forms Tekton users write.

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const S = 1000n * MS;
const M = 60n * S;
const H = 60n * M;
const MAX = (1n << 63n) - 1n;

describe("parseGoDuration", () => {
  it.each([
    // simple
    ["0", 0n],
    ["5s", 5n * S],
    ["30s", 30n * S],
    ["1478s", 1478n * S],
    // sign
    ["-5s", -5n * S],
    ["+5s", 5n * S],
    ["-0", 0n],
    ["+0", 0n],
    // decimal
    ["5.0s", 5n * S],
    ["5.6s", 5n * S + 600n * MS],
    ["5.s", 5n * S],
    [".5s", 500n * MS],
    ["1.0s", 1n * S],
    ["1.00s", 1n * S],
    ["1.004s", 1n * S + 4n * MS],
    ["1.0040s", 1n * S + 4n * MS],
    ["100.00100s", 100n * S + 1n * MS],
    // units
    ["10ns", 10n * NS],
    ["11us", 11n * US],
    ["12\u00b5s", 12n * US],
    ["12\u03bcs", 12n * US],
    ["13ms", 13n * MS],
    ["14s", 14n * S],
    ["15m", 15n * M],
    ["16h", 16n * H],
    // composite
    ["3h30m", 3n * H + 30n * M],
    ["10.5s4m", 4n * M + 10n * S + 500n * MS],
    ["-2m3.4s", -(2n * M + 3n * S + 400n * MS)],
    ["1h2m3s4ms5us6ns", 1n * H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n * NS],
    ["39h9m14.425s", 39n * H + 9n * M + 14n * S + 425n * MS],
    // large values
    ["52763797000ns", 52763797000n * NS],
    ["0.3333333333333333333h", 20n * M],
    ["9007199254740993ns", (1n << 53n) + 1n],
    ["9223372036854775807ns", MAX],
    ["9223372036854775.807us", MAX],
    ["9223372036s854ms775us807ns", MAX],
    ["-9223372036854775807ns", -MAX],
    ["0.100000000000000000000h", 6n * M],
    ["0.830103483285477580265820416h", 49n * M + 48n * S + 372539827n * NS],
    // as written in Tasks
    ["1h30m", 90n * M],
    ["-1.5h", -90n * M],
    ["1h0m0s", H],
    ["1.5s", 1500n * MS],
    ["1us", US],
  ])("%s → %d ns", (input, expected) => {
    expect(parseGoDuration(input)).toBe(expected);
  });

  it.each([
    "",
    "3",
    "1",
    "-",
    "+",
    "s",
    ".",
    "-.",
    ".s",
    "+.s",
    "1x",
    "1d",
    "1S",
    "--1s",
    "+-1s",
    "1s ",
    " 1s",
    "00",
    "1h 30m",
    "3000000h",
    "9223372036854775808ns",
    "9223372036854775.808us",
    "9223372036854ms775us808ns",
    "-9223372036854775808ns",
    "99999999999999999999s",
  ])("rejects %j", (input) => {
    expect(parseGoDuration(input)).toBeUndefined();
  });
});

describe("formatGoDuration", () => {
  it.each([
    // Go's durationTests
    ["0s", 0n],
    ["1ns", 1n * NS],
    ["1.1\u00b5s", 1100n * NS],
    ["2.2ms", 2200n * US],
    ["3.3s", 3300n * MS],
    ["4m5s", 4n * M + 5n * S],
    ["4m5.001s", 4n * M + 5001n * MS],
    ["5h6m7.001s", 5n * H + 6n * M + 7001n * MS],
    ["8m0.000000001s", 8n * M + 1n * NS],
    ["2562047h47m16.854775807s", MAX],
    ["-2562047h47m16.854775808s", -MAX - 1n],
    // more
    ["1h30m0s", 90n * M],
    ["1h0m0s", H],
    ["1m0s", M],
    ["1.5s", 1500n * MS],
    ["100ms", 100n * MS],
    ["-5m0s", -5n * M],
    ["1\u00b5s", US],
    ["-1ns", -1n],
    ["999ns", 999n],
    ["999.999999ms", S - 1n],
    ["1s", S],
    ["72h3m0.5s", 72n * H + 3n * M + 500n * MS],
    ["-1.5s", -1500n * MS],
    ["60h0m0s", 60n * H],
  ])("%s", (expected, ns) => {
    expect(formatGoDuration(ns)).toBe(expected);
  });

  it("wraps out-of-range input like a Go int64", () => {
    expect(formatGoDuration(MAX + 1n)).toBe("-2562047h47m16.854775808s");
    expect(formatGoDuration(1n << 64n)).toBe("0s");
  });
});

describe("properties", () => {
  it("formatGoDuration output parses back to the same value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX, max: MAX }), (ns) => {
        expect(parseGoDuration(formatGoDuration(ns))).toBe(ns);
      }),
      { seed: SEED, numRuns: 2000, verbose: true },
    );
  });

  it("whole units parse exactly", () => {
    const unit = fc.constantFrom<[string, bigint]>(["ns", NS], ["us", US], ["ms", MS], ["s", S], ["m", M], ["h", H]);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2_000_000n }), unit, (n, [suffix, size]) => {
        expect(parseGoDuration(`${n}${suffix}`)).toBe(n * size);
        expect(parseGoDuration(`-${n}${suffix}`)).toBe(-n * size);
      }),
      { seed: SEED, numRuns: 1000, verbose: true },
    );
  });
});

describe("formatGoMinutes", () => {
  it("prints what formatGoDuration prints for the same number of minutes", () => {
    const samples = [
      0,
      1,
      59,
      60,
      61,
      119,
      120,
      1439,
      1440,
      99_999,
      153_722_867,
      153_722_868,
      1_000_000_000,
      1_000_000_001,
      -1,
      -60,
      2 ** 53 - 1,
    ];
    for (const minutes of samples)
      expect(formatGoMinutes(minutes), String(minutes)).toBe(formatGoDuration(BigInt(minutes) * M));
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (minutes) => {
        expect(formatGoMinutes(minutes)).toBe(formatGoDuration(BigInt(minutes) * M));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
