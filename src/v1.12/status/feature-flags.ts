/**
 * The two feature flags (ConfigMap `feature-flags`) that change what Tekton v1.12's
 * `MakeTaskRunStatus` writes. Values are read as Tekton's config loader reads them
 * (pkg/apis/config/feature_flags.go): booleans with Go's `strconv.ParseBool`, `results-from`
 * case-insensitively. A value Tekton would refuse to load leaves the released default.
 */
import { field } from "../../read-values.js";

/** The flags the fold reads. */
export interface StatusFeatureFlags {
  /** `results-from: sidecar-logs`: results come from the results sidecar, which must finish too. */
  readonly sidecarLogs: boolean;
  /** `enable-kubernetes-sidecar`: native sidecars run as init containers, which must finish too. */
  readonly kubernetesSidecars: boolean;
}

const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/** The released defaults, which a fold without `feature-flags` data reads. */
const DEFAULT_FLAGS: StatusFeatureFlags = Object.freeze({ sidecarLogs: false, kubernetesSidecars: false });

/** Reads the flags from the data of `feature-flags` (anything else reads as the defaults). */
export function readFeatureFlags(data: unknown): StatusFeatureFlags {
  if (data === undefined) return DEFAULT_FLAGS;
  const resultsFrom = field(data, "results-from");
  const sidecar = field(data, "enable-kubernetes-sidecar");
  return {
    sidecarLogs: typeof resultsFrom === "string" && resultsFrom.toLowerCase() === "sidecar-logs",
    kubernetesSidecars: typeof sidecar === "string" && TRUE.has(sidecar) && !FALSE.has(sidecar),
  };
}
