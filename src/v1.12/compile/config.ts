/**
 * Cluster configuration as Tekton v1.12 reads it (pkg/apis/config): `config-defaults`,
 * `feature-flags`, the injected images, the release annotation and the Kubernetes version —
 * each absent key taking the v1.12.2 released default. An unparsable value is stage `config`,
 * as is any key v1.12 does not read (v0.20's `artifactPVC`, `artifactBucket`, `gitImage`…).
 */
import type { ResourceRequirements } from "kubernetes-types/core/v1.js";
import { parse as parseYaml } from "yaml";
import { fail } from "../../errors.js";
import { NOT_SIMPLE, parseSimpleYaml } from "../../input/simple-yaml.js";
import { parseGoDuration } from "../../k8s/duration.js";
import { parseGoBool, parseGoInt64 } from "../../k8s/go-strconv.js";
import type { CompileConfigV112, ImagesConfigV112, Immutable, PodTemplateV1 } from "../api/types.js";

const GHCR = "ghcr.io/tektoncd/pipeline";

/** The images of the v1.12.2 release, used for any key `config.images` leaves out. */
export const DEFAULT_IMAGES: Readonly<Required<ImagesConfigV112>> = {
  entrypointImage: `${GHCR}/entrypoint-bff0a22da108bc2f16c818c97641a296:v1.12.2`,
  sidecarLogResultsImage: `${GHCR}/sidecarlogresults-7501c6a20d741631510a448b48ab098f:v1.12.2`,
  nopImage: `${GHCR}/nop-8eac7c133edad5df719dc37b36b62482:v1.12.2`,
  shellImage: "cgr.dev/chainguard/busybox@sha256:19f02276bf8dbdd62f069b922f10c65262cc34b710eea26ff928129a736be791",
  shellImageWin:
    "mcr.microsoft.com/powershell:nanoserver@sha256:b6d5ff841b78bdf2dfed7550000fd4f3437385b8fa686ec0f010be24777654d6",
  workingDirInitImage: `${GHCR}/workingdirinit-0c558922ec6a1b739e550e349f2d5fc1:v1.12.2`,
};

/** The `pipeline.tekton.dev/release` annotation of a v1.12.2 release build (the tag's commit). */
export const DEFAULT_VERSION = "a1fc405";

/** The Kubernetes version assumed when the input names none. */
export const DEFAULT_KUBERNETES_VERSION = "v1.34.0";

/** `config-defaults` of v1.12, parsed. */
export interface DefaultsV112 {
  readonly timeoutMinutes: number;
  readonly serviceAccount: string;
  readonly managedByLabelValue: string;
  readonly podTemplate: Immutable<PodTemplateV1> | undefined;
  /** YAML of a WorkspaceBinding, used for declared workspaces the TaskRun leaves unbound. */
  readonly taskRunWorkspaceBinding: string | undefined;
  /** Env var names a Pod template may not set (sorted, deduplicated). */
  readonly forbiddenEnv: readonly string[];
  /** `default-sidecar-log-polling-interval` in nanoseconds (100ms when absent). */
  readonly sidecarLogPollingInterval: bigint;
  /** `default-resolver-type`: the resolver of a `taskRef`/step `ref` that names neither a Task nor a resolver. */
  readonly resolverType: string;
  /** `default-container-resource-requirements`: by container name, `prefix-*`, or `default`. */
  readonly containerResourceRequirements: Immutable<Record<string, ResourceRequirements>> | undefined;
}

/** `feature-flags` of v1.12, parsed; the names follow Tekton's `FeatureFlags` struct. */
export interface FeatureFlags {
  readonly disableCredsInit: boolean;
  readonly runningInEnvWithInjectedSidecars: boolean;
  readonly requireGitSSHSecretKnownHosts: boolean;
  /** `"alpha"`, `"beta"` or `"stable"`. */
  readonly enableAPIFields: "alpha" | "beta" | "stable";
  readonly sendCloudEventsForRuns: boolean;
  readonly awaitSidecarReadiness: boolean;
  readonly enforceNonfalsifiability: string;
  readonly enableKeepPodOnCancel: boolean;
  readonly verificationNoMatchPolicy: string;
  readonly enableProvenanceInStatus: boolean;
  /** `"termination-message"` or `"sidecar-logs"`. */
  readonly resultExtractionMethod: "termination-message" | "sidecar-logs";
  readonly maxResultSize: number;
  readonly setSecurityContext: boolean;
  readonly setSecurityContextReadOnlyRootFilesystem: boolean;
  /** `"workspaces"`, `"pipelineruns"`, `"isolate-pipelinerun"` or `"disabled"`. */
  readonly coschedule: string;
  readonly enableCELInWhenExpression: boolean;
  readonly enableStepActions: boolean;
  readonly enableParamEnum: boolean;
  readonly enableArtifacts: boolean;
  /** Comma-separated kinds whose inline specs are refused (`"taskrun"`, `"pipeline"`…). */
  readonly disableInlineSpec: string;
  readonly enableConciseResolverSyntax: boolean;
  readonly enableKubernetesSidecar: boolean;
  readonly enableWaitExponentialBackoff: boolean;
}

/** Configuration with every v1.12 default applied. */
export interface ResolvedConfigV112 {
  readonly defaults: DefaultsV112;
  readonly featureFlags: FeatureFlags;
  readonly images: Readonly<Required<ImagesConfigV112>>;
  readonly version: string;
  readonly kubernetesVersion: string;
}

type Data = Immutable<Record<string, string>> | undefined;

function has(data: Data, key: string): data is Immutable<Record<string, string>> {
  return data !== undefined && Object.hasOwn(data, key);
}

/**
 * A ConfigMap value parsed as YAML (afresh on every call); `undefined` for text that is not
 * YAML. The usual few lines of plain words are read directly, to the value the full parser
 * gives; the full parser (most of a small compilation's time when it runs) is left for anything else.
 */
export function parseYamlValue(text: string): { value: unknown } | undefined {
  const simple = parseSimpleYaml(text);
  if (simple !== NOT_SIMPLE) return { value: simple };
  try {
    return { value: parseYaml(text) };
  } catch {
    return undefined;
  }
}

function yamlMapping(text: string, path: readonly (string | number)[], what: string): unknown {
  const cached = parseYamlValue(text);
  if (cached === undefined) fail("config", "invalid-config", path, `${what} does not parse as YAML`);
  const parsed = cached.value;
  if (parsed !== null && parsed !== undefined && (typeof parsed !== "object" || Array.isArray(parsed))) {
    fail("config", "invalid-config", path, `${what} does not parse as a YAML mapping`);
  }
  return parsed ?? {};
}

function readDefaults(data: Data): DefaultsV112 {
  const path = (key: string) => ["config", "defaults", key];
  const integer = (key: string, fallback: number): number => {
    if (!has(data, key)) return fallback;
    const parsed = parseGoInt64(String(data[key]));
    if (parsed === undefined || !Number.isSafeInteger(Number(parsed))) {
      fail(
        "config",
        "invalid-config",
        path(key),
        `failed parsing default config "${key}": ${JSON.stringify(data[key])} is not a whole number`,
      );
    }
    return Number(parsed);
  };
  for (const key of [
    "default-imagepullbackoff-timeout",
    "default-maximum-resolution-timeout",
    "default-sidecar-log-polling-interval",
  ]) {
    if (has(data, key) && parseGoDuration(String(data[key])) === undefined) {
      fail(
        "config",
        "invalid-config",
        path(key),
        `failed parsing default config "${key}": ${JSON.stringify(data[key])} is not a duration`,
      );
    }
  }
  integer("default-max-matrix-combinations-count", 256);
  integer("default-step-ref-concurrency-limit", 5);
  const forbidden = has(data, "default-forbidden-env")
    ? [
        ...new Set(
          String(data["default-forbidden-env"])
            .split(",")
            .map((s) => s.trim()),
        ),
      ].sort()
    : [];
  return {
    timeoutMinutes: integer("default-timeout-minutes", 60),
    serviceAccount: has(data, "default-service-account") ? String(data["default-service-account"]) : "default",
    managedByLabelValue: has(data, "default-managed-by-label-value")
      ? String(data["default-managed-by-label-value"])
      : "tekton-pipelines",
    podTemplate: has(data, "default-pod-template")
      ? (yamlMapping(
          String(data["default-pod-template"]),
          path("default-pod-template"),
          "default-pod-template",
        ) as Immutable<PodTemplateV1>)
      : undefined,
    taskRunWorkspaceBinding: has(data, "default-task-run-workspace-binding")
      ? String(data["default-task-run-workspace-binding"])
      : undefined,
    forbiddenEnv: forbidden,
    sidecarLogPollingInterval: has(data, "default-sidecar-log-polling-interval")
      ? (parseGoDuration(String(data["default-sidecar-log-polling-interval"])) ?? 100_000_000n)
      : 100_000_000n,
    resolverType: has(data, "default-resolver-type") ? String(data["default-resolver-type"]) : "",
    containerResourceRequirements: has(data, "default-container-resource-requirements")
      ? (yamlMapping(
          String(data["default-container-resource-requirements"]),
          path("default-container-resource-requirements"),
          "default-container-resource-requirements",
        ) as Immutable<Record<string, ResourceRequirements>>)
      : undefined,
  };
}

function readFeatureFlags(data: Data): FeatureFlags {
  const path = (key: string) => ["config", "featureFlags", key];
  const flag = (key: string, fallback: boolean): boolean => {
    if (!has(data, key)) return fallback;
    const value = parseGoBool(String(data[key]));
    if (value === undefined) {
      fail(
        "config",
        "invalid-config",
        path(key),
        `failed parsing feature flags config ${JSON.stringify(data[key])}: use "true" or "false"`,
      );
    }
    return value;
  };
  const choice = <T extends string>(key: string, fallback: T, allowed: readonly T[]): T => {
    const value = has(data, key) ? String(data[key]).toLowerCase() : fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      fail(
        "config",
        "invalid-config",
        path(key),
        `invalid value for feature flag "${key}": ${JSON.stringify(value)} (one of ${allowed.join(", ")})`,
      );
    }
    return value as T;
  };
  let maxResultSize = 4096;
  if (has(data, "max-result-size")) {
    const parsed = parseGoInt64(String(data["max-result-size"]));
    if (parsed === undefined || Number(parsed) >= 1572864) {
      fail(
        "config",
        "invalid-config",
        path("max-result-size"),
        `invalid value for feature flag "max-result-size": ${JSON.stringify(data["max-result-size"])} (a whole number below 1572864)`,
      );
    }
    maxResultSize = Number(parsed);
  }
  return {
    disableCredsInit: flag("disable-creds-init", false),
    runningInEnvWithInjectedSidecars: flag("running-in-environment-with-injected-sidecars", true),
    requireGitSSHSecretKnownHosts: flag("require-git-ssh-secret-known-hosts", false),
    enableAPIFields: choice("enable-api-fields", "beta", ["alpha", "beta", "stable"] as const),
    sendCloudEventsForRuns: flag("send-cloudevents-for-runs", true),
    awaitSidecarReadiness: flag("await-sidecar-readiness", true),
    enforceNonfalsifiability: choice("enforce-nonfalsifiability", "none", ["none", "spire"] as const),
    enableKeepPodOnCancel: flag("keep-pod-on-cancel", false),
    verificationNoMatchPolicy: choice("trusted-resources-verification-no-match-policy", "ignore", [
      "ignore",
      "warn",
      "fail",
    ] as const),
    enableProvenanceInStatus: flag("enable-provenance-in-status", true),
    resultExtractionMethod: choice("results-from", "termination-message", [
      "termination-message",
      "sidecar-logs",
    ] as const),
    maxResultSize,
    setSecurityContext: flag("set-security-context", false),
    setSecurityContextReadOnlyRootFilesystem: flag("set-security-context-read-only-root-filesystem", false),
    coschedule: choice("coschedule", "workspaces", [
      "disabled",
      "workspaces",
      "pipelineruns",
      "isolate-pipelinerun",
    ] as const),
    enableCELInWhenExpression: flag("enable-cel-in-whenexpression", false),
    enableStepActions: flag("enable-step-actions", true),
    enableParamEnum: flag("enable-param-enum", false),
    enableArtifacts: flag("enable-artifacts", false),
    disableInlineSpec: has(data, "disable-inline-spec") ? String(data["disable-inline-spec"]) : "",
    enableConciseResolverSyntax: flag("enable-concise-resolver-syntax", false),
    enableKubernetesSidecar: flag("enable-kubernetes-sidecar", false),
    enableWaitExponentialBackoff: flag("enable-wait-exponential-backoff", false),
  };
}

/** `config-defaults` and `feature-flags` as released, read once: most inputs give neither. */
const RELEASED_DEFAULTS: DefaultsV112 = Object.freeze({
  ...readDefaults(undefined),
  forbiddenEnv: Object.freeze([]),
});
const RELEASED_FEATURE_FLAGS: FeatureFlags = Object.freeze(readFeatureFlags(undefined));

const KNOWN_KEYS = new Set(["defaults", "featureFlags", "images", "version", "kubernetesVersion"]);

/** Applies the v1.12.2 released defaults to whatever configuration the input carries. */
export function resolveConfig(config: Immutable<CompileConfigV112> | undefined): ResolvedConfigV112 {
  for (const key of Object.keys(config ?? {})) {
    if (!KNOWN_KEYS.has(key)) {
      fail(
        "config",
        "unknown-field",
        ["config", key],
        `Tekton v1.12 reads no config ${JSON.stringify(key)}; it reads ${[...KNOWN_KEYS].join(", ")}`,
      );
    }
  }
  const images = { ...DEFAULT_IMAGES };
  for (const key of Object.keys(config?.images ?? {})) {
    if (!Object.hasOwn(DEFAULT_IMAGES, key)) {
      fail(
        "config",
        "unknown-field",
        ["config", "images", key],
        `Tekton v1.12 injects no image ${JSON.stringify(key)}; it injects ${Object.keys(DEFAULT_IMAGES).join(", ")}`,
      );
    }
    const value = config?.images?.[key as keyof ImagesConfigV112];
    if (typeof value === "string" && value !== "") images[key as keyof ImagesConfigV112] = value;
  }
  return {
    defaults: config?.defaults === undefined ? RELEASED_DEFAULTS : readDefaults(config.defaults),
    featureFlags: config?.featureFlags === undefined ? RELEASED_FEATURE_FLAGS : readFeatureFlags(config.featureFlags),
    images,
    version: typeof config?.version === "string" && config.version !== "" ? config.version : DEFAULT_VERSION,
    kubernetesVersion:
      typeof config?.kubernetesVersion === "string" && config.kubernetesVersion !== ""
        ? config.kubernetesVersion
        : DEFAULT_KUBERNETES_VERSION,
  };
}
