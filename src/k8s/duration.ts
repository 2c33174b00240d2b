/**
 * Go's `time.ParseDuration` and `time.Duration.String()` as in the Go release Tekton v0.20.1
 * was built with (Go 1.14/1.15), on bigint nanoseconds. Tekton parses step and TaskRun
 * `timeout`s with the first and prints durations (e.g. in timeout messages and
 * `metav1.Duration` fields) with the second.
 *
 * Reproduced on purpose: fractions are turned into nanoseconds through float64 arithmetic
 * exactly as Go does (so `0.3333333333333333333h` is `20m0s`), digits beyond int64 in a
 * fraction are ignored rather than rejected, and the most negative int64 (`-9223372036854775808ns`)
 * is rejected, as that Go release did.
 */
import { MAX_INT64 } from "./go-strconv.js";

const NANOSECOND = 1n;
const MICROSECOND = 1000n * NANOSECOND;
const MILLISECOND = 1000n * MICROSECOND;
const SECOND = 1000n * MILLISECOND;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;

/** Units Go accepts; both micro signs (U+00B5 and U+03BC) mean microseconds. */
const UNITS: ReadonlyMap<string, bigint> = new Map([
  ["ns", NANOSECOND],
  ["us", MICROSECOND],
  ["\u00b5s", MICROSECOND],
  ["\u03bcs", MICROSECOND],
  ["ms", MILLISECOND],
  ["s", SECOND],
  ["m", MINUTE],
  ["h", HOUR],
]);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * Parses a Go duration string into nanoseconds, or `undefined` where `time.ParseDuration`
 * returns an error (bad syntax, missing or unknown unit, or a value outside int64).
 *
 * @example parseGoDuration("1h30m")  // 5400000000000n
 * @example parseGoDuration("-1.5h")  // -5400000000000n
 * @example parseGoDuration("1")      // undefined (missing unit)
 */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return undefined;

  let total = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return undefined;

    // Integer part: an int64 that must not overflow.
    let i = 0;
    let whole = 0n;
    while (i < s.length && isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > MAX_INT64) return undefined;
      i++;
    }
    const hasWhole = i > 0;
    s = s.slice(i);

    // Fraction: digits that would overflow int64 are skipped, not rejected.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (s.startsWith(".")) {
      s = s.slice(1);
      i = 0;
      let saturated = false;
      while (i < s.length && isDigit(s[i])) {
        if (!saturated) {
          const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
          if (next > MAX_INT64) saturated = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
      hasFraction = i > 0;
      s = s.slice(i);
    }
    if (!hasWhole && !hasFraction) return undefined;

    i = 0;
    while (i < s.length && !(s[i] === "." || isDigit(s[i]))) i++;
    if (i === 0) return undefined;
    const unit = UNITS.get(s.slice(0, i));
    s = s.slice(i);
    if (unit === undefined) return undefined;

    if (whole > MAX_INT64 / unit) return undefined;
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes float64(f) * (float64(unit) / scale) and truncates toward zero.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > MAX_INT64) return undefined;
    }
    total += value;
    if (total > MAX_INT64) return undefined;
  }
  return negative ? -total : total;
}

/** Writes v / 10^precision's fraction digits without trailing zeros; returns [text, v / 10^precision]. */
function formatFraction(v: bigint, precision: number): [string, bigint] {
  let digits = "";
  let printing = false;
  let rest = v;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    printing = printing || digit !== 0n;
    if (printing) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return [printing ? `.${digits}` : "", rest];
}

/**
 * Prints nanoseconds like Go's `Duration.String()`: `72h3m0.5s`, `1.5s`, `100ms`, `1µs`
 * (U+00B5), `0s`. The input is taken modulo 2^64 as a signed int64, as Go's `Duration` is one.
 *
 * @example formatGoDuration(5400000000000n) // "1h30m0s"
 * @example formatGoDuration(-300000000000n) // "-5m0s"
 */
export function formatGoDuration(ns: bigint): string {
  const d = BigInt.asIntN(64, ns);
  const negative = d < 0n;
  let u = negative ? -d : d;
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return "0s";
    let unit: string;
    let precision: number;
    if (u < MICROSECOND) {
      unit = "ns";
      precision = 0;
    } else if (u < MILLISECOND) {
      unit = "\u00b5s";
      precision = 3;
    } else {
      unit = "ms";
      precision = 6;
    }
    const [fraction, whole] = formatFraction(u, precision);
    out = `${whole}${fraction}${unit}`;
  } else {
    const [fraction, seconds] = formatFraction(u, 9);
    u = seconds;
    out = `${u % 60n}${fraction}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      // Hours are the largest unit: days differ in length.
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

/**
 * `formatGoDuration` of a whole number of minutes, as Go prints `time.Duration(n) * time.Minute`.
 * Config timeouts are a few minutes to days: those are printed from the number directly, the
 * rest (negative, or large enough to wrap around int64) through {@link formatGoDuration}.
 *
 * @example formatGoMinutes(90) // "1h30m0s"
 */
export function formatGoMinutes(minutes: number): string {
  // 153,722,867 minutes is the longest Duration: int64 nanoseconds wrap around past it.
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 153_722_867) {
    return formatGoDuration(BigInt(minutes) * 60_000_000_000n);
  }
  if (minutes === 0) return "0s";
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h${minutes % 60}m0s` : `${minutes}m0s`;
}
