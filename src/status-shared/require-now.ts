/** The caller's clock, read once per call: every status computation takes `now` as input. */
import { CompileError, issue } from "../errors.js";
import { goQuote } from "../k8s/go-quote.js";
import { toNanoseconds } from "../k8s/go-time.js";

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

function describe(value: unknown): string {
  if (typeof value === "string") return goQuote(value);
  if (value instanceof Date) return "an invalid Date";
  return value === undefined ? "nothing" : typeof value;
}
