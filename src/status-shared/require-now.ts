/** The caller's clock, read once per call: every status computation takes `now` as input. */
import { CompileError, issue } from "../errors.js";
import { goQuote } from "../k8s/go-quote.js";
import { formatMetaTime, metaTimeOf, toNanoseconds } from "../k8s/go-time.js";

/** The clock, as input: an RFC 3339 string (`2020-12-01T10:05:00Z`) or a `Date`. */
export type Now = string | Date;

/** Reads `now`, which must be a time; a `CompileError` otherwise (it is the caller's clock). */
export function requireNow(now: Now | undefined, path: readonly (string | number)[]): bigint {
  const ns = toNanoseconds(now);
  if (ns === undefined) {
    throw new CompileError("input", [
      issue(
        "invalid-value",
        path,
        `now must be an RFC 3339 time such as "2020-12-01T10:05:00Z" or a valid Date, got ${describe(now)}`,
      ),
    ]);
  }
  return ns;
}

/**
 * `now` as `metav1.Time` writes it (`undefined` for Go's zero time): `formatMetaTime(requireNow(now,
 * path))`, without the arithmetic when `now` is already a UTC time at whole seconds (the usual
 * clock value, read on every fold).
 */
export function requireNowMetaTime(now: Now | undefined, path: readonly (string | number)[]): string | undefined {
  if (typeof now === "string") {
    const formatted = metaTimeOf(now, "rfc3339");
    if (formatted !== null) return formatted;
  }
  return formatMetaTime(requireNow(now, path));
}

function describe(value: unknown): string {
  if (typeof value === "string") return goQuote(value);
  if (value instanceof Date) return "an invalid Date";
  return value === undefined ? "nothing" : typeof value;
}
