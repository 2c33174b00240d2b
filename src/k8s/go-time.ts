/**
 * Timestamps as Tekton controllers (v0.20.1 and v1.12 alike) read and write them: `metav1.Time` parses with
 * Go's `time.Parse(time.RFC3339, …)` and always serializes in UTC at whole seconds
 * (k8s.io/apimachinery/pkg/apis/meta/v1/time.go); the entrypoint's `StartedAt` result is parsed
 * with the layout `2006-01-02T15:04:05.000Z07:00` (pkg/pod/status.go). Times are nanoseconds
 * since the Unix epoch as `bigint`, so no precision is lost and no clock is read.
 */

const NS_PER_SECOND = 1_000_000_000n;

/** Go's zero `time.Time` (0001-01-01T00:00:00Z); `metav1.Time` writes it as `null`. */
export const GO_ZERO_TIME_NS = -62_135_596_800n * NS_PER_SECOND;

// Hour is "15" in Go layouts, which accepts one or two digits; every other field is fixed width.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;
const STARTED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp as Go's `time.Parse(time.RFC3339, text)` accepts it (optional
 * fractional seconds of any length Go accepts, `Z` or a `±hh:mm` offset).
 */
export function parseRfc3339(text: string): bigint | undefined {
  return parseWith(RFC3339, text);
}

/** Parses the entrypoint's `StartedAt` value: exactly three fractional digits, as Go's layout requires. */
export function parseStartedAt(text: string): bigint | undefined {
  return parseWith(STARTED_AT, text);
}

/**
 * Writes a time as `metav1.Time` does: UTC, whole seconds (fractions truncated), `undefined`
 * for Go's zero time (Go writes `null`, which our outputs omit).
 */
export function formatMetaTime(ns: bigint): string | undefined {
  if (ns === GO_ZERO_TIME_NS) return undefined;
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const days = floorDiv(seconds, 86_400n);
  const secondOfDay = Number(seconds - days * 86_400n);
  const { year, month, day } = civilFromDays(Number(days));
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}Z`;
}

const CANONICAL_META_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Normalizes a timestamp field read from an input object the way a Go round trip through
 * `metav1.Time` would: a parsable RFC 3339 string comes back in UTC at whole seconds, a `Date`
 * likewise, Go's zero time disappears. Anything else that is a string is kept as written (Go
 * could not have decoded it; we stay total); other values are dropped.
 */
export function normalizeMetaTime(value: unknown): string | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : formatMetaTime(BigInt(ms) * 1_000_000n);
  }
  if (typeof value !== "string") return undefined;
  // Already in Go's form (UTC, whole seconds, not the zero time): nothing to normalize.
  if (CANONICAL_META_TIME.test(value) && value !== "0001-01-01T00:00:00Z") return value;
  const ns = parseRfc3339(value);
  return ns === undefined ? value : formatMetaTime(ns);
}

/** Reads a time that may be given as an RFC 3339 string or a `Date`; `undefined` if neither. */
export function toNanoseconds(value: unknown): bigint | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : BigInt(ms) * 1_000_000n;
  }
  return typeof value === "string" ? parseRfc3339(value) : undefined;
}

function parseWith(pattern: RegExp, text: string): bigint | undefined {
  const m = pattern.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const nanos = fraction(frac);
  if (nanos === undefined) return undefined;
  let offset = 0;
  if (zone !== undefined && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  const seconds =
    BigInt(daysFromCivil(year, month, day)) * 86_400n + BigInt(hour * 3600 + minute * 60 + second - offset);
  return seconds * NS_PER_SECOND + nanos;
}

/** Go scales up to nine digits; longer fractions are taken unscaled and must stay below 1e9. */
function fraction(digits: string | undefined): bigint | undefined {
  if (digits === undefined) return 0n;
  if (digits.length <= 9) return BigInt(digits.padEnd(9, "0"));
  const value = BigInt(digits);
  return value < NS_PER_SECOND ? value : undefined;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Proleptic Gregorian day counts relative to 1970-01-01 (H. Hinnant's civil algorithms).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Go's layout "2006" zero-pads to four digits and keeps a sign for years before 0. */
function formatYear(year: number): string {
  if (year < 0) return `-${String(-year).padStart(4, "0")}`;
  return String(year).padStart(4, "0");
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
