/**
 * Kubernetes `resource.Quantity` as vendored by Tekton v0.20.1 (k8s.io/apimachinery v0.18.12,
 * pkg/api/resource: quantity.go, amount.go, suffix.go, math.go): `ParseQuantity`, `Cmp` and
 * `String()`. Values are exact (bigint mantissa × 10^exponent); no floating point anywhere.
 *
 * Quirks reproduced on purpose, because they are visible in the Pods Tekton creates:
 * - `ParseQuantity` keeps the input text as the cached `String()` when its fast path judges the
 *   text canonical enough, even if it is not the canonical form: `"+1"`, `"010"`, `"1.500k"`
 *   print back unchanged, while `"1000m"` prints `"1"`.
 * - Anything beyond nanoseconds-precision is rounded *up* (away from zero): `0.1n` → `1n`.
 * - BinarySI magnitudes are capped at 2^63-1; DecimalSI/DecimalExponent ones are not.
 * - A DecimalSI value whose canonical exponent has no SI suffix (≥ 10^21) prints its mantissa
 *   with no suffix at all, so `"1000E"` prints `"1"` (apimachinery ignores the failed lookup).
 * - The grammar is as loose as apimachinery's scanner: `"1."`, `"."`, `"m"`, `"-Ki"` parse (as
 *   0 for the last three), while `".e-10"` and `"Ei"` do not.
 * Not reproduced: Go's int32 wrap-around of scales whose magnitude is near 2^31 beyond the
 * parsed exponent itself (such quantities format differently from Go; they never occur in Pods).
 */
import { MAX_INT64, parseGoInt64 } from "./go-strconv.js";

/** How a Quantity remembers to print itself (apimachinery's `Format`). */
export type QuantityFormat = "BinarySI" | "DecimalSI" | "DecimalExponent";

/**
 * An exact Kubernetes quantity: `mantissa × 10^exponent`, plus the format it prints in.
 * Treat it as opaque; build it with {@link parseQuantity}.
 */
export interface Quantity {
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly format: QuantityFormat;
  /** The input text, when Kubernetes keeps it verbatim as the quantity's `String()`. */
  readonly verbatim?: string;
}

/** apimachinery's `maxInt64Factors`: decimal digits that surely fit an int64. */
const MAX_INT64_DIGITS = 18;
const NANO = -9;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ["n", -9],
  ["u", -6],
  ["m", -3],
  ["", 0],
  ["k", 3],
  ["M", 6],
  ["G", 9],
  ["T", 12],
  ["P", 15],
  ["E", 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ["Ki", 10],
  ["Mi", 20],
  ["Gi", 30],
  ["Ti", 40],
  ["Pi", 50],
  ["Ei", 60],
]);
const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map([...BINARY_SUFFIXES].map(([s, e]) => [e, s]));
const SUFFIX_LETTERS = "eEinumkKMGTP";

interface ScannedQuantity {
  readonly positive: boolean;
  /** sign, digits and point as written (what apimachinery hands to `inf.Dec.SetString`). */
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** apimachinery's `parseQuantityString`: splits sign, integer digits, fraction and suffix. */
function scanQuantity(str: string): ScannedQuantity | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === "-") {
    positive = false;
    pos++;
  } else if (str[0] === "+") {
    pos++;
  }
  // Leading zeros are skipped; a string of only sign and zeros is zero.
  while (pos < end && str[pos] === "0") pos++;
  if (pos >= end) return { positive, value: "0", num: "0", denom: "", suffix: "" };

  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: "", suffix: "" };
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = "0";

  let denom = "";
  if (str[pos] === ".") {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: "" };
    denom = str.slice(pos, i);
    pos = i;
  }
  const value = str.slice(0, pos);

  // Suffix: letters, then an optional sign, then digits to the end.
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_LETTERS.includes(str[i] as string)) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  for (i = pos; i < end; i++) {
    if (!isDigit(str[i])) return undefined;
  }
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

interface SuffixMeaning {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

function interpretSuffix(suffix: string): SuffixMeaning | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: "DecimalSI" };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: "BinarySI" };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    const parsed = parseGoInt64(suffix.slice(1));
    if (parsed === undefined) return undefined;
    // apimachinery narrows the int64 exponent to int32.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: "DecimalExponent" };
  }
  return undefined;
}

/** `inf.Dec.SetString` on the scanned number: sign, digits, at most one point, ≥ 1 digit. */
function parseDecimal(value: string): { unscaled: bigint; scale: number } | undefined {
  let body = value;
  let negative = false;
  if (body.startsWith("-") || body.startsWith("+")) {
    negative = body[0] === "-";
    body = body.slice(1);
  }
  const point = body.indexOf(".");
  const digits = point < 0 ? body : body.slice(0, point) + body.slice(point + 1);
  if (digits.length === 0) return undefined;
  const unscaled = BigInt(digits);
  return { unscaled: negative ? -unscaled : unscaled, scale: point < 0 ? 0 : body.length - point - 1 };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function digitCount(n: bigint): number {
  return abs(n).toString().length;
}

/** ceil(magnitude / 10^places) for a positive magnitude, without building huge powers. */
function ceilDivPow10(magnitude: bigint, places: number): bigint {
  if (places >= digitCount(magnitude)) return 1n;
  const divisor = pow10(places);
  const q = magnitude / divisor;
  return q * divisor === magnitude ? q : q + 1n;
}

/**
 * Parses a quantity like Kubernetes' `resource.ParseQuantity`; `undefined` where it returns an
 * error.
 *
 * @example parseQuantity("1.5Gi") // 1610612736, BinarySI
 * @example parseQuantity("1 ")    // undefined (no surrounding whitespace allowed)
 */
export function parseQuantity(text: string): Quantity | undefined {
  if (text.length === 0) return undefined;
  if (text === "0") return { mantissa: 0n, exponent: 0, format: "DecimalSI", verbatim: "0" };

  const scanned = scanQuantity(text);
  if (scanned === undefined) return undefined;
  const meaning = interpretSuffix(scanned.suffix);
  if (meaning === undefined) return undefined;
  const { positive, value, num, denom } = scanned;
  const { base, exponent, format } = meaning;

  // The int64 fast path decides whether the input text is kept as the printed form.
  let precision: number;
  let scale = 0;
  let multiplier = 1n;
  if (format === "BinarySI") {
    if (exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_DIGITS - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale = (scale - denom.length) | 0;
    if (scale >= NANO) {
      const shifted = num + denom;
      const digits = BigInt(shifted);
      const product = digits * multiplier;
      if (product <= MAX_INT64) {
        const mantissa = positive ? product : -product;
        const keepsText =
          format === "BinarySI"
            ? exponent % 10 === 0 && (digits & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0";
        return keepsText
          ? { mantissa, exponent: scale, format, verbatim: text }
          : { mantissa, exponent: scale, format };
      }
    }
  }

  const decimal = parseDecimal(value);
  if (decimal === undefined) return undefined;
  let mantissa = decimal.unscaled;
  let exp10 = -decimal.scale;
  if (base === 10) exp10 += exponent;
  else mantissa *= 1n << BigInt(exponent);

  const negative = mantissa < 0n;
  let magnitude = abs(mantissa);
  // Round up to whole nanos: asking for a tiny amount of something still gets you some.
  if (magnitude !== 0n && exp10 < NANO) {
    magnitude = ceilDivPow10(magnitude, NANO - exp10);
    exp10 = NANO;
  }
  let resultFormat = format;
  if (format === "BinarySI" && compareMagnitudes(magnitude, exp10, MAX_INT64, 0) > 0) {
    magnitude = MAX_INT64;
    exp10 = 0;
  }
  if (format === "BinarySI" && magnitude !== 0n && compareMagnitudes(magnitude, exp10, 1n, 0) < 0) {
    resultFormat = "DecimalSI";
  }
  return { mantissa: negative ? -magnitude : magnitude, exponent: exp10, format: resultFormat };
}

/** Compares two non-negative values m·10^e exactly. */
function compareMagnitudes(a: bigint, ea: number, b: bigint, eb: number): -1 | 0 | 1 {
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  const orderA = digitCount(a) + ea;
  const orderB = digitCount(b) + eb;
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  // Same order of magnitude: the exponent gap is bounded by the digit counts.
  const e = Math.min(ea, eb);
  const x = a * pow10(ea - e);
  const y = b * pow10(eb - e);
  return x === y ? 0 : x < y ? -1 : 1;
}

function sign(n: bigint): -1 | 0 | 1 {
  return n === 0n ? 0 : n < 0n ? -1 : 1;
}

/**
 * Orders two quantities by value, like `Quantity.Cmp` (formats are ignored).
 *
 * @example compareQuantities(parseQuantity("1Gi")!, parseQuantity("1G")!) // 1
 */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const sa = sign(a.mantissa);
  const sb = sign(b.mantissa);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const m = compareMagnitudes(abs(a.mantissa), a.exponent, abs(b.mantissa), b.exponent);
  if (m === 0) return 0;
  return sa < 0 ? (-m as -1 | 1) : m;
}

/** The value as an exact integer, or undefined when it has a fractional part. */
function asInteger(q: Quantity): bigint | undefined {
  if (q.exponent >= 0) return q.mantissa * pow10(q.exponent);
  const divisor = pow10(-q.exponent);
  return q.mantissa % divisor === 0n ? q.mantissa / divisor : undefined;
}

function formatDecimal(q: Quantity, format: "DecimalSI" | "DecimalExponent"): string {
  let mantissa = q.mantissa;
  let exponent = q.exponent;
  // Trailing zeros are counted on the digits, in one pass: dividing by ten once per zero is
  // quadratic in the length of a quantity such as "1" followed by 100,000 zeros.
  const digits = mantissa.toString();
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  if (end < digits.length) {
    mantissa = BigInt(digits.slice(0, end));
    exponent += digits.length - end;
  }
  // Lower the exponent to a multiple of three, moving the difference into the mantissa.
  const excess = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(excess);
  exponent -= excess;
  const suffix =
    format === "DecimalExponent"
      ? exponent === 0
        ? ""
        : `e${exponent}`
      : (DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? "");
  return `${mantissa}${suffix}`;
}

/**
 * Prints a quantity like `Quantity.String()`: the kept input text when parsing kept it,
 * otherwise the canonical form (largest suffix of the quantity's format that loses nothing).
 *
 * @example formatQuantity(parseQuantity("0.5")!)    // "500m"
 * @example formatQuantity(parseQuantity("1024Mi")!) // "1Gi"
 */
export function formatQuantity(q: Quantity): string {
  if (q.verbatim !== undefined) return q.verbatim;
  if (q.mantissa === 0n) return "0";
  if (q.format !== "BinarySI") return formatDecimal(q, q.format);
  // Binary formatting only for whole values of at least 1Ki in magnitude.
  const whole = asInteger(q);
  if (whole === undefined || (whole > -1024n && whole < 1024n)) return formatDecimal(q, "DecimalSI");
  let mantissa = whole;
  let power = 0;
  while (mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    power++;
  }
  return `${mantissa}${BINARY_SUFFIX_BY_EXPONENT.get(power * 10) ?? ""}`;
}

/**
 * What Kubernetes prints for a quantity written as `text` (`ParseQuantity(text).String()`), or
 * undefined when it does not parse.
 *
 * @example canonicalQuantity("1000m") // "1"
 */
export function canonicalQuantity(text: string): string | undefined {
  const q = parseQuantity(text);
  return q === undefined ? undefined : formatQuantity(q);
}
