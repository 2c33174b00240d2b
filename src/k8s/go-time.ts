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

/** {@link GO_ZERO_TIME_NS} as text, which `metav1.Time` writes as nothing (`null`); the two must agree. */
const GO_ZERO_TIME_TEXT = "0001-01-01T00:00:00Z";

/**
 * Normalizes a timestamp field read from an input object the way a Go round trip through
 * `metav1.Time` would: a parsable RFC 3339 string comes back in UTC at whole seconds, a `Date`
 * likewise, Go's zero time disappears. Anything else that is a string is kept as written (Go
 * could not have decoded it; we stay total); other values are dropped.
 */
export function normalizeMetaTime(value: unknown): string | undefined {
  if (typeof value === "string") {
    // Twenty characters ending in `Z` are either Go's own form (UTC, whole seconds), which comes
    // back as it is, or no time Go reads (a fraction or a one-digit hour changes the length),
    // which is kept as written: the same text either way, but for the zero time. This is how
    // nearly every timestamp the fold reads looks, so it is told without a parse or a pattern
    // test. (Only a text starting with 0 is compared with the zero time: a string that is a
    // slice of a larger one, as parsers make them, is compared with another by a slow call.)
    if (value.length === 20 && value.charCodeAt(19) === 0x5a /* Z */)
      return value.charCodeAt(0) === 0x30 /* 0 */ && value === GO_ZERO_TIME_TEXT ? undefined : value;
    const ns = parseRfc3339(value);
    return ns === undefined ? value : formatMetaTime(ns);
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : formatMetaTime(BigInt(ms) * 1_000_000n);
  }
  return undefined;
}

/** Reads a time that may be given as an RFC 3339 string or a `Date`; `undefined` if neither. */
export function toNanoseconds(value: unknown): bigint | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : BigInt(ms) * 1_000_000n;
  }
  return typeof value === "string" ? parseRfc3339(value) : undefined;
}

/**
 * What `metav1.Time` writes for a time given as text: `formatMetaTime(parseRfc3339(text))`, or
 * with `layout` "startedAt" `formatMetaTime(parseStartedAt(text))`; `null` when the text does
 * not parse. A time already in UTC needs no arithmetic: its whole-second part, as written, is
 * the answer. That is the common case (the fold's `now`, the entrypoint's `StartedAt`), so it
 * skips the `bigint` round trip.
 */
export function metaTimeOf(text: string, layout: "rfc3339" | "startedAt"): string | undefined | null {
  const utc = utcWholeSeconds(text, layout);
  if (utc !== undefined) return utc;
  const fields = matchTime(layout === "rfc3339" ? RFC3339 : STARTED_AT, text);
  if (fields === undefined) return null;
  const [y, mo, d, h, mi, s, , zone] = fields;
  // Year 1 could be Go's zero time, which metav1.Time writes as null: left to the full path.
  if (zone === "Z" && h.length === 2 && y !== "0001") return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
  const ns = nanoseconds(fields);
  return ns === undefined ? null : formatMetaTime(ns);
}

/**
 * The common form, `YYYY-MM-DDTHH:MM:SS`, a fraction (up to nine digits; exactly three for
 * "startedAt"; none is fine for "rfc3339"), then `Z`, with every field in range but the day
 * against its month (up to 31 passes) and the year (0000 and 0001 pass). One pattern test: the
 * engine's compiled regular expression checks the form and the ranges in well under the time a
 * test character by character takes.
 */
const UTC_RFC3339 =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?Z$/;
const UTC_STARTED_AT = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * The whole seconds with `Z` when `text` has the common form (see {@link UTC_RFC3339}) and names
 * a real time other than in year 0 or 1; `undefined` otherwise, and the caller takes the general
 * path. Allocates nothing but the result.
 */
function utcWholeSeconds(text: string, layout: "rfc3339" | "startedAt"): string | undefined {
  if (!(layout === "startedAt" ? UTC_STARTED_AT : UTC_RFC3339).test(text)) return undefined;
  // The pattern let through days up to 31 in every month, and the years Go's zero time is in.
  const day = twoDigits(text, 8);
  if (day > 28 && day > daysIn(twoDigits(text, 5), twoDigits(text, 0) * 100 + twoDigits(text, 2))) return undefined;
  if (text.charCodeAt(0) === 0x30 /* 0 */ && twoDigits(text, 0) * 100 + twoDigits(text, 2) < 2) return undefined;
  return text.length === 20 ? text : `${text.slice(0, 19)}Z`;
}

/** The number written by the two digits (already checked to be digits) at `start`. */
function twoDigits(text: string, start: number): number {
  return (text.charCodeAt(start) - 0x30) * 10 + (text.charCodeAt(start + 1) - 0x30);
}

type TimeFields = readonly [
  y: string,
  mo: string,
  d: string,
  h: string,
  mi: string,
  s: string,
  frac: string | undefined,
  zone: string,
];

/** The fields of a time matched by `pattern`, when they name a real date and time of day. */
function matchTime(pattern: RegExp, text: string): TimeFields | undefined {
  const m = pattern.exec(text);
  if (m === null) return undefined;
  const fields = m.slice(1) as unknown as TimeFields;
  const [y, mo, d, h, mi, s, frac] = fields;
  const month = Number(mo);
  if (month < 1 || month > 12) return undefined;
  const day = Number(d);
  if (day < 1 || day > daysIn(month, Number(y))) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  // Go takes more than nine fractional digits unscaled, which must then stay below a second.
  if (frac !== undefined && frac.length > 9 && BigInt(frac) >= NS_PER_SECOND) return undefined;
  return fields;
}

function parseWith(pattern: RegExp, text: string): bigint | undefined {
  const fields = matchTime(pattern, text);
  return fields === undefined ? undefined : nanoseconds(fields);
}

function nanoseconds([y, mo, d, h, mi, s, frac, zone]: TimeFields): bigint | undefined {
  const nanos = fraction(frac);
  if (nanos === undefined) return undefined;
  let offset = 0;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  const seconds =
    BigInt(daysFromCivil(Number(y), Number(mo), Number(d))) * 86_400n +
    BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s) - offset);
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
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
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
