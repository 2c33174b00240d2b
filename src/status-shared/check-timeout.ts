/**
 * Whether a TaskRun ran out of time, as Tekton v0.20.1 and v1.12 both decide it
 * (pkg/apis/pipeline/v1beta1/taskrun_types.go in v0.20.1, pkg/apis/pipeline/v1/taskrun_types.go
 * in v1.12: `HasTimedOut`, `GetTimeout`; the same rules in both): the time since
 * `status.startTime` must exceed `spec.timeout` (a Go duration); without `spec.timeout` the
 * `default-timeout-minutes` of `config-defaults` applies; a timeout of 0 means never; a run that
 * has not started cannot time out. The clock is the `now` argument.
 */

import type { Immutable, TaskRun } from "../api/types.js";
import { CompileError, issue } from "../errors.js";
import { formatGoDuration, parseGoDuration } from "../k8s/duration.js";
import { goQuote } from "../k8s/go-quote.js";
import { parseGoInt64 } from "../k8s/go-strconv.js";
import { GO_ZERO_TIME_NS, toNanoseconds } from "../k8s/go-time.js";
import { field } from "../read-values.js";
import { type Now, requireNow } from "./require-now.js";

/** Options of the timeout helpers. */
export interface TimeoutOptions {
  /**
   * `default-timeout-minutes` of `config-defaults`, used when the TaskRun has no
   * `spec.timeout` (Tekton's default: 60).
   */
  readonly defaultTimeoutMinutes?: number;
  /**
   * The cluster configuration given to `compileTaskRun` (only its `defaults`, the data of
   * `config-defaults`, is read): when `defaultTimeoutMinutes` is absent, its
   * `default-timeout-minutes` applies, as in the controller.
   */
  readonly config?: { readonly defaults?: Readonly<Record<string, string>> };
}

const NS_PER_MINUTE = 60_000_000_000n;
const DEFAULT_TIMEOUT_MINUTES = 60;

/**
 * The TaskRun's timeout in nanoseconds: `spec.timeout`, else the configured default
 * (`options.defaultTimeoutMinutes`, else `default-timeout-minutes` of `options.config`'s
 * `config-defaults`, else 60 minutes). A bigint, which `JSON.stringify` refuses: see
 * {@link taskRunTimeoutDuration} and {@link taskRunTimeoutMilliseconds} for forms that serialise. Throws a `CompileError`
 * when `spec.timeout` is not a Go duration (Tekton's API server would not have stored it).
 *
 * @example
 * ```ts
 * taskRunTimeout({ spec: { timeout: "1h30m" } }); // 5_400_000_000_000n
 * ```
 */
export function taskRunTimeout(taskRun: Immutable<TaskRun>, options: TimeoutOptions = {}): bigint {
  const spec = field(taskRun, "spec");
  const timeout = field(spec, "timeout");
  if (timeout === undefined || timeout === null) {
    const minutes = options.defaultTimeoutMinutes ?? configuredMinutes(options);
    return BigInt(Math.trunc(minutes)) * NS_PER_MINUTE;
  }
  const ns = typeof timeout === "string" ? parseGoDuration(timeout) : undefined;
  if (ns === undefined) {
    throw new CompileError("admission", [
      issue(
        "invalid-duration",
        ["taskRun", "spec", "timeout"],
        `spec.timeout ${typeof timeout === "string" ? goQuote(timeout) : `(a ${typeof timeout})`} is not a Go duration; ` +
          `write it like "1h30m", "90s" or "0" (no timeout)`,
      ),
    ]);
  }
  return ns;
}

/** `default-timeout-minutes` of the given `config-defaults`, parsed as the controller parses it. */
function configuredMinutes(options: TimeoutOptions): number {
  const data = options.config?.defaults;
  if (data === undefined || !Object.hasOwn(data, "default-timeout-minutes")) return DEFAULT_TIMEOUT_MINUTES;
  const raw: unknown = data["default-timeout-minutes"];
  const minutes = typeof raw === "string" ? parseGoInt64(raw) : undefined;
  if (minutes === undefined || !Number.isSafeInteger(Number(minutes))) {
    throw new CompileError("config", [
      issue(
        "invalid-config",
        ["config", "defaults", "default-timeout-minutes"],
        `failed parsing "default-timeout-minutes": ${JSON.stringify(raw)} is not a whole number of minutes (e.g. "60")`,
      ),
    ]);
  }
  return Number(minutes);
}

/**
 * The TaskRun's timeout as Go prints a duration (`"1h0m0s"`, `"1m30s"`, `"0s"` for none) — the
 * form Tekton's messages use, and one `JSON.stringify` can write (unlike the bigint of
 * {@link taskRunTimeout}).
 *
 * @example
 * ```ts
 * taskRunTimeoutDuration({ spec: { timeout: "90s" } }); // "1m30s"
 * ```
 */
export function taskRunTimeoutDuration(taskRun: Immutable<TaskRun>, options: TimeoutOptions = {}): string {
  return formatGoDuration(taskRunTimeout(taskRun, options));
}

/**
 * The TaskRun's timeout in whole milliseconds (0: no timeout), for timers and JSON.
 *
 * @example
 * ```ts
 * taskRunTimeoutMilliseconds({ spec: { timeout: "1h" } }); // 3_600_000
 * ```
 */
export function taskRunTimeoutMilliseconds(taskRun: Immutable<TaskRun>, options: TimeoutOptions = {}): number {
  return Number(taskRunTimeout(taskRun, options) / 1_000_000n);
}

/**
 * Whether the TaskRun has run longer than its timeout at `now`. `false` when it has no
 * `status.startTime` (or Go's zero time) and when the timeout is 0.
 *
 * @example
 * ```ts
 * hasTimedOut({ spec: { timeout: "10m" }, status: { startTime: "2020-12-01T10:00:00Z" } }, "2020-12-01T10:10:01Z"); // true
 * ```
 */
export function hasTimedOut(taskRun: Immutable<TaskRun>, now: Now, options: TimeoutOptions = {}): boolean {
  const nowNs = requireNow(now, ["now"]);
  const startTime = field(field(taskRun, "status"), "startTime");
  if (startTime === undefined || startTime === null) return false;
  const started = toNanoseconds(startTime);
  if (started === undefined) {
    throw new CompileError("input", [
      issue(
        "invalid-value",
        ["taskRun", "status", "startTime"],
        `status.startTime must be an RFC 3339 time such as "2020-12-01T10:00:00Z", got ${
          typeof startTime === "string" ? goQuote(startTime) : `a ${typeof startTime}`
        }`,
      ),
    ]);
  }
  if (started === GO_ZERO_TIME_NS) return false;
  const timeout = taskRunTimeout(taskRun, options);
  if (timeout === 0n) return false;
  return nowNs - started > timeout;
}
