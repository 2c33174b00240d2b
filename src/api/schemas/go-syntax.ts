/**
 * The two value syntaxes Tekton v0.20.1's decoder checks while reading a TaskRun or Task:
 * Go's `time.ParseDuration` (metav1.Duration: `spec.timeout`, a step's `timeout`) and
 * Kubernetes' `resource.ParseQuantity` (requests, limits, `sizeLimit` …). A value that fails
 * either makes the webhook's decoding fail, before any validation runs.
 */

const UNIT_NANOS: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1_000n],
  ["\u00b5s", 1_000n], // micro sign
  ["\u03bcs", 1_000n], // Greek mu
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);
const MAX_NANOS = (1n << 63n) - 1n;
const SCALE = 10n ** 18n;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * Parses a Go duration string (`"1h30m"`, `"-5m"`, `"1.5s"`, `"0"`) the way
 * `time.ParseDuration` does, returning whole nanoseconds, or `undefined` when Go would
 * return an error (bad syntax, unknown unit, or beyond ±292 years).
 */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s.startsWith("-");
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return undefined;
  let total = 0n;
  let i = 0;
  while (i < s.length) {
    const intStart = i;
    while (isDigit(s[i])) i++;
    const intPart = s.slice(intStart, i);
    let fracPart = "";
    if (s[i] === ".") {
      i++;
      const fracStart = i;
      while (isDigit(s[i])) i++;
      fracPart = s.slice(fracStart, i);
    }
    if (intPart === "" && fracPart === "") return undefined;
    const unitStart = i;
    while (i < s.length && s[i] !== "." && !isDigit(s[i])) i++;
    const unit = UNIT_NANOS.get(s.slice(unitStart, i));
    if (unit === undefined) return undefined;
    // Go overflows on the integer part alone before it looks at the unit.
    const whole = BigInt(intPart === "" ? "0" : intPart);
    if (whole > MAX_NANOS) return undefined;
    let nanos = whole * unit;
    if (fracPart !== "") {
      const digits = fracPart.slice(0, 18).padEnd(18, "0");
      nanos += (BigInt(digits) * unit) / SCALE;
    }
    total += nanos;
    if (total > MAX_NANOS) return undefined;
  }
  return negative ? -total : total;
}

// sign, digits with an optional fraction, then an SI/binary suffix or a decimal exponent.
const QUANTITY = /^[+-]?[0-9]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$/;

/** Whether `resource.ParseQuantity` accepts the string (`"500m"`, `"1Gi"`, `"1e3"`, `"0.5"`). */
export function isQuantity(text: string): boolean {
  return text !== "" && text.length <= 1024 && QUANTITY.test(text);
}
