/**
 * Cluster configuration as Tekton v0.20.1 reads it (pkg/apis/config): the `config-defaults`,
 * `feature-flags`, `config-artifact-pvc` and `config-artifact-bucket` ConfigMaps, the
 * injected images and the release version — each absent key taking the released default.
 */
import { parseDocument } from "yaml";
import { checkPlainData } from "../../api/plain-data.js";
import { checkShapeOf } from "../../api/schema.js";
import type { CompileConfig, ImagesConfig, Immutable, PodTemplate } from "../../api/types.js";
import { CompileError, clip, fail, type Issue, type PathSegment } from "../../errors.js";
import { NOT_SIMPLE, parseSimpleYaml } from "../../input/simple-yaml.js";
import { findDuplicateKey } from "../../input/yaml-keys.js";
import { parseGoBool, parseGoInt64 } from "../../k8s/go-strconv.js";

const RELEASE = "gcr.io/tekton-releases/github.com/tektoncd/pipeline";

/** The images of the v0.20.1 release, used for any key `config.images` leaves out. */
export const DEFAULT_IMAGES: Readonly<Required<ImagesConfig>> = {
  entrypointImage: `${RELEASE}/cmd/entrypoint:v0.20.1`,
  nopImage: `${RELEASE}/cmd/nop:v0.20.1`,
  gitImage: `${RELEASE}/cmd/git-init:v0.20.1`,
  kubeconfigWriterImage: `${RELEASE}/cmd/kubeconfigwriter:v0.20.1`,
  shellImage: "gcr.io/distroless/base@sha256:92720b2305d7315b5426aec19f8651e9e04222991f877cae71f40b3141d2f07e",
  gsutilImage:
    "gcr.io/google.com/cloudsdktool/cloud-sdk@sha256:27b2c22bf259d9bc1a291e99c63791ba0c27a04d2db0a43241ba0f1f20f4067f",
  buildGCSFetcherImage: `${RELEASE}/vendor/github.com/googlecloudplatform/cloud-builders/gcs-fetcher/cmd/gcs-fetcher:v0.20.1`,
  prImage: `${RELEASE}/cmd/pullrequest-init:v0.20.1`,
  imageDigestExporterImage: `${RELEASE}/cmd/imagedigestexporter:v0.20.1`,
};

export const DEFAULT_VERSION = "v0.20.1";

export interface Defaults {
  readonly timeoutMinutes: number;
  readonly serviceAccount: string;
  readonly managedByLabelValue: string;
  readonly podTemplate: Immutable<PodTemplate> | undefined;
  /** YAML of a WorkspaceBinding, used for declared workspaces the TaskRun leaves unbound. */
  readonly taskRunWorkspaceBinding: string | undefined;
}

export interface FeatureFlags {
  readonly disableHomeEnvOverwrite: boolean;
  readonly disableWorkingDirOverwrite: boolean;
  readonly disableAffinityAssistant: boolean;
  readonly disableCredsInit: boolean;
  readonly runningInEnvWithInjectedSidecars: boolean;
  readonly requireGitSSHSecretKnownHosts: boolean;
  readonly enableTektonOCIBundles: boolean;
  readonly enableCustomTasks: boolean;
}

export interface ArtifactPVCConfig {
  readonly size: string;
  readonly storageClassName: string;
}

export interface ArtifactBucketConfig {
  readonly location: string;
  readonly serviceAccountSecretName: string;
  readonly serviceAccountSecretKey: string;
  readonly serviceAccountFieldName: string;
}

/** Configuration with every default applied. */
export interface ResolvedConfig {
  readonly defaults: Defaults;
  readonly featureFlags: FeatureFlags;
  readonly artifactPVC: ArtifactPVCConfig;
  readonly artifactBucket: ArtifactBucketConfig;
  readonly images: Readonly<Required<ImagesConfig>>;
  readonly version: string;
}

type Data = Immutable<Record<string, string>> | undefined;

function has(data: Data, key: string): data is Immutable<Record<string, string>> {
  return data !== undefined && Object.hasOwn(data, key);
}

/** What {@link parseConfigYaml} returns for text that is not YAML. */
export const INVALID_YAML: unique symbol = Symbol("invalid YAML");

/**
 * Some config-defaults values are YAML documents (the default pod template and workspace
 * binding) that arrive as text. Parsed afresh on every call: nothing is kept between calls, so
 * no call can see another's data and the benchmark measures the real work. The usual few
 * lines of plain words are read directly, to the value the full parser gives; the full parser
 * (most of a small compilation's time when it runs) is left for anything else.
 */
export function parseConfigYaml(text: string): unknown {
  const simple = parseSimpleYaml(text);
  if (simple !== NOT_SIMPLE) return simple;
  let parsed: unknown;
  try {
    // Duplicate keys are refused as the parser's own check would, but in linear time.
    const document = parseDocument(text, { uniqueKeys: false });
    parsed =
      document.errors.length > 0 || findDuplicateKey(document) !== undefined
        ? INVALID_YAML
        : document.toJS({ maxAliasCount: 100 });
  } catch {
    parsed = INVALID_YAML;
  }
  return parsed;
}

/**
 * The problems of a YAML value from a config map, found before it is used, as Tekton's
 * `yaml.Unmarshal` into its Go type would find them: a cycle (an alias inside the node it
 * names) and a field of the wrong type, at paths such as
 * `config.defaults.default-pod-template.volumes`. `[]` when the value fits `definition`.
 */
export function configYamlIssues(
  value: unknown,
  definition: "PodTemplate" | "WorkspaceBinding",
  path: readonly PathSegment[],
): Issue[] {
  const plain = checkPlainData(value, path);
  if (plain.issues.length > 0) {
    return plain.issues.map((i) => ({
      ...i,
      code: "invalid-config" as const,
      message:
        "a YAML alias refers to a node that contains it, which makes an endless value; Tekton cannot read it either",
    }));
  }
  // The workspace binding's name comes from the declaration it is used for.
  const checked =
    definition === "WorkspaceBinding" && typeof value === "object" && value !== null && !("name" in value)
      ? { ...value, name: "default" }
      : value;
  return checkShapeOf(definition === "PodTemplate" ? "podTemplate" : "workspaceBinding", checked, path);
}

function readDefaults(data: Data): Defaults {
  let timeoutMinutes = 60;
  if (has(data, "default-timeout-minutes")) {
    const raw = data["default-timeout-minutes"];
    // strconv.ParseInt(s, 10, 0); minutes beyond 2^53 cannot be held exactly, so they fail too.
    const minutes = typeof raw === "string" ? parseGoInt64(raw) : undefined;
    if (minutes === undefined || !Number.isSafeInteger(Number(minutes))) {
      fail(
        "config",
        "invalid-config",
        ["config", "defaults", "default-timeout-minutes"],
        `failed parsing "default-timeout-minutes": ${JSON.stringify(typeof raw === "string" ? clip(raw, 100) : raw)} is not a whole number of minutes (e.g. "60")`,
      );
    }
    timeoutMinutes = Number(minutes);
  }
  let podTemplate: Immutable<PodTemplate> | undefined;
  if (has(data, "default-pod-template")) {
    const raw = data["default-pod-template"];
    const parsed = parseConfigYaml(String(raw));
    if (parsed !== null && parsed !== undefined && (typeof parsed !== "object" || Array.isArray(parsed))) {
      fail(
        "config",
        "invalid-config",
        ["config", "defaults", "default-pod-template"],
        'default-pod-template does not parse as a YAML mapping of Pod template fields (e.g. "nodeSelector: {disk: ssd}")',
      );
    }
    const issues = configYamlIssues(parsed ?? {}, "PodTemplate", ["config", "defaults", "default-pod-template"]);
    if (issues.length > 0) throw new CompileError("config", issues);
    podTemplate = (parsed ?? {}) as Immutable<PodTemplate>;
  }
  return {
    timeoutMinutes,
    serviceAccount: has(data, "default-service-account") ? String(data["default-service-account"]) : "default",
    managedByLabelValue: has(data, "default-managed-by-label-value")
      ? String(data["default-managed-by-label-value"])
      : "tekton-pipelines",
    podTemplate,
    taskRunWorkspaceBinding: has(data, "default-task-run-workspace-binding")
      ? String(data["default-task-run-workspace-binding"])
      : undefined,
  };
}

function readFeatureFlags(data: Data): FeatureFlags {
  const flag = (key: string, fallback: boolean): boolean => {
    if (!has(data, key)) return fallback;
    const value = parseGoBool(String(data[key]));
    if (value === undefined) {
      fail(
        "config",
        "invalid-config",
        ["config", "featureFlags", key],
        `failed parsing feature flags config ${JSON.stringify(clip(String(data[key]), 100))}: use "true" or "false"`,
      );
    }
    return value;
  };
  return {
    disableHomeEnvOverwrite: flag("disable-home-env-overwrite", false),
    disableWorkingDirOverwrite: flag("disable-working-directory-overwrite", false),
    disableAffinityAssistant: flag("disable-affinity-assistant", false),
    disableCredsInit: flag("disable-creds-init", false),
    runningInEnvWithInjectedSidecars: flag("running-in-environment-with-injected-sidecars", true),
    requireGitSSHSecretKnownHosts: flag("require-git-ssh-secret-known-hosts", false),
    enableTektonOCIBundles: flag("enable-tekton-oci-bundles", false),
    enableCustomTasks: flag("enable-custom-tasks", false),
  };
}

function readArtifactPVC(data: Data): ArtifactPVCConfig {
  return {
    size: has(data, "size") ? String(data["size"]) : "5Gi",
    storageClassName: has(data, "storageClassName") ? String(data["storageClassName"]) : "",
  };
}

function readArtifactBucket(data: Data): ArtifactBucketConfig {
  const get = (key: string, fallback: string): string => (has(data, key) ? String(data[key]) : fallback);
  return {
    location: get("location", ""),
    serviceAccountSecretName: get("bucket.service.account.secret.name", ""),
    serviceAccountSecretKey: get("bucket.service.account.secret.key", ""),
    serviceAccountFieldName: get("bucket.service.account.field.name", "GOOGLE_APPLICATION_CREDENTIALS"),
  };
}

/** Applies the released defaults to whatever configuration the input carries. */
export function resolveConfig(config: Immutable<CompileConfig> | undefined): ResolvedConfig {
  const images = { ...DEFAULT_IMAGES };
  for (const key of Object.keys(DEFAULT_IMAGES) as (keyof ImagesConfig)[]) {
    const value = config?.images?.[key];
    if (typeof value === "string" && value !== "") images[key] = value;
  }
  return {
    defaults: readDefaults(config?.defaults),
    featureFlags: readFeatureFlags(config?.featureFlags),
    artifactPVC: readArtifactPVC(config?.artifactPVC),
    artifactBucket: readArtifactBucket(config?.artifactBucket),
    images,
    version: typeof config?.version === "string" && config.version !== "" ? config.version : DEFAULT_VERSION,
  };
}
