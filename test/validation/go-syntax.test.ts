/** Go duration and Kubernetes quantity syntax, with the edge cases of the Go implementations. */
import { describe, expect, test } from "vitest";
import { isQuantity, parseGoDuration } from "../../src/api/schemas/go-syntax.js";

describe("parseGoDuration (time.ParseDuration)", () => {
  test.each([
    ["0", 0n],
    ["-0", 0n],
    ["+0", 0n],
    ["1s", 1_000_000_000n],
    ["1h30m", 5_400_000_000_000n],
    ["-5m", -300_000_000_000n],
    ["1.5s", 1_500_000_000n],
    [".5s", 500_000_000n],
    ["1.s", 1_000_000_000n],
    ["10us", 10_000n],
    ["10\u00b5s", 10_000n],
    ["10\u03bcs", 10_000n],
    ["3ms2ns", 3_000_002n],
    ["2562047h", 9_223_369_200_000_000_000n],
  ])("%s → %s ns", (text, nanos) => {
    expect(parseGoDuration(text)).toBe(nanos);
  });
  test.each(["", "-", "5", "1 h", "1d", "h", ".s", "1.5", "5m ", "2562048h", "9223372036854775808ns", "1e3s"])(
    "%j is rejected",
    (text) => {
      expect(parseGoDuration(text)).toBeUndefined();
    },
  );
});

describe("isQuantity (resource.ParseQuantity)", () => {
  test.each(["0", "1", "500m", "0.5", ".5", "1.", "1Gi", "256Mi", "1e3", "1E-3", "-1", "+2k", "5M", "12Ei", "1n", "1u"])(
    "%j parses",
    (text) => {
      expect(isQuantity(text)).toBe(true);
    },
  );
  test.each(["", "lots", "1 Gi", "1K", "1gi", "1e", "1.2.3", "1Mb", " 1"])("%j does not parse", (text) => {
    expect(isQuantity(text)).toBe(false);
  });
});
