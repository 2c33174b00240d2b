/**
 * Go's `strconv` number and boolean parsing, as Tekton v0.20.1 applies it to ConfigMap values
 * (pkg/apis/config feature flags and defaults), PipelineResource params
 * (pkg/apis/resource/v1alpha1: cluster `insecure`, git `depth`, pullRequest flags) and
 * apimachinery's Quantity exponents. Each function returns `undefined` where Go returns an
 * error, so every caller decides what an error means in its place.
 */

/** Go's `math.MaxInt64`. */
export const MAX_INT64 = (1n << 63n) - 1n;

/** `strconv.ParseBool`: the accepted spellings, anything else is undefined. */
export function parseGoBool(value: string): boolean | undefined {
  switch (value) {
    case "1":
    case "t":
    case "T":
    case "TRUE":
    case "true":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "FALSE":
    case "false":
    case "False":
      return false;
    default:
      return undefined;
  }
}

/** `strconv.ParseUint(s, 10, 32)`: plain decimal digits within 0…4294967295. */
export function parseGoUint32(value: string): number | undefined {
  if (!/^[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 0xffffffff ? n : undefined;
}

/** `strconv.ParseInt(s, 10, 64)`: optional sign, at least one decimal digit, int64 range. */
export function parseGoInt64(value: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const v = BigInt(value);
  return v > MAX_INT64 || v < -MAX_INT64 - 1n ? undefined : v;
}
