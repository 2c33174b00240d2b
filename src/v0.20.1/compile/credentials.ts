/**
 * Credential initialization ("creds-init") as Tekton v0.20.1 builds it into the Pod:
 * `credsInit`, `getCredsInitVolume` and `checkGitSSHSecret` in pkg/pod/creds_init.go, the
 * annotation matching of pkg/credentials/{dockercreds,gitcreds} and `credentials.VolumeName`,
 * plus the `$(credentials.path)` value the reconciler substitutes (`ApplyCredentialsPath` with
 * `pipeline.CredsDir`).
 *
 * Tekton fetches the TaskRun's ServiceAccount and each Secret it lists from the API server;
 * here both come from the input, so a missing object fails the way a failed `Get` does.
 * Secret values are never read: only a Secret's name, type, annotations and the *keys* of its
 * data decide anything, and only names ever reach the Pod or an error message.
 */
import type { Secret, ServiceAccount, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { Immutable } from "../../api/types.js";
import { CompileError, issue, type PathSegment } from "../../errors.js";
import type { Explainer } from "../../explain/index.js";
import { goQuote } from "../../k8s/go-quote.js";
import { sortGoStrings } from "../../k8s/go-strings.js";
import type { SuffixGenerator } from "../../k8s/names.js";
import { appendAll, isRecord, stringOrEmpty } from "../../read-values.js";
import { CREDS_DIR } from "../contract.js";
import type { FeatureFlags } from "./config.js";

/**
 * Where every step's own credential home is mounted, and the value of `$(credentials.path)`.
 *
 * @example
 * ```ts
 * CREDENTIALS_PATH; // "/tekton/creds"
 * ```
 */
export const CREDENTIALS_PATH = CREDS_DIR;

/** Parent directory of the per-Secret mounts (`/tekton/creds-secrets/<secret>`). */
export const CREDS_SECRETS_PATH = "/tekton/creds-secrets";

/** Base of the random-suffixed Secret volume names. */
export const SECRET_VOLUME_PREFIX = "tekton-internal-secret-volume-";

/** Base of the random-suffixed per-step credential home volumes. */
export const CREDS_INIT_HOME_PREFIX = "tekton-creds-init-home";

/** The ServiceAccount Tekton falls back to; every namespace has it, so it may be omitted. */
export const DEFAULT_SERVICE_ACCOUNT = "default";

const GIT_ANNOTATION_PREFIX = "tekton.dev/git-";
const DOCKER_ANNOTATION_PREFIX = "tekton.dev/docker-";
const SSH_KNOWN_HOSTS_KEY = "known_hosts";

const SECRET_TYPE_BASIC_AUTH = "kubernetes.io/basic-auth";
const SECRET_TYPE_SSH_AUTH = "kubernetes.io/ssh-auth";
const SECRET_TYPE_DOCKERCFG = "kubernetes.io/dockercfg";
const SECRET_TYPE_DOCKERCONFIGJSON = "kubernetes.io/dockerconfigjson";

/** What creds-init contributes to the Pod. Empty lists when there is nothing to initialize. */
export interface CredentialsInit {
  /** Entrypoint flags for every step, e.g. ["-basic-git=user@github.com", ...] in Tekton's order. */
  readonly entrypointArgs: readonly string[];
  /** tekton-internal-secret-volume-<secret>-xxxxx volumes. */
  readonly volumes: readonly Volume[];
  /** Their mounts under /tekton/creds-secrets/<secret>. */
  readonly volumeMounts: readonly VolumeMount[];
}

/** Arguments of {@link initCredentials}. */
export interface InitCredentialsArgs {
  /** After defaulting (the TaskRun's, else the configured default); `""` means `default`. */
  readonly serviceAccountName: string;
  /** `input.serviceAccount`: the ServiceAccount the TaskRun runs as. */
  readonly serviceAccount: Immutable<ServiceAccount> | undefined;
  /** `input.secrets`: the Secrets that ServiceAccount lists. */
  readonly secrets: readonly Immutable<Secret>[];
  readonly featureFlags: FeatureFlags;
  /** Source of the `-xxxxx` suffixes of the Secret volume names. */
  readonly names: SuffixGenerator;
}

const NO_CREDENTIALS: CredentialsInit = Object.freeze({
  entrypointArgs: Object.freeze([]),
  volumes: Object.freeze([]),
  volumeMounts: Object.freeze([]),
});

/**
 * Turns the Secrets of the TaskRun's ServiceAccount into entrypoint flags, Secret volumes and
 * their mounts, in ServiceAccount order; per Secret docker flags come before git flags, and
 * each kind's flags are sorted by annotation value. Only Secrets that yield a flag get a volume.
 *
 * Throws {@link CompileError} at stage `build` when the ServiceAccount (other than `default`) or
 * a Secret it lists is not in the input (reason `CouldntGetTask`, as for a failed `Get`), or when
 * `require-git-ssh-secret-known-hosts` is on and an ssh-auth Secret has no `known_hosts`
 * (reason `TaskRunValidationFailed`). With `disable-creds-init` nothing is looked at at all.
 *
 * @example
 * ```ts
 * const creds = initCredentials({
 *   serviceAccountName: "bot",
 *   serviceAccount: { metadata: { name: "bot" }, secrets: [{ name: "gh" }] },
 *   secrets: [{ metadata: { name: "gh", annotations: { "tekton.dev/git-0": "https://github.com" } },
 *               type: "kubernetes.io/basic-auth" }],
 *   featureFlags, names,
 * });
 * creds.entrypointArgs; // ["-basic-git=gh=https://github.com"]
 * creds.volumeMounts;   // [{ name: "tekton-internal-secret-volume-gh-xxxxx", mountPath: "/tekton/creds-secrets/gh" }]
 * ```
 */
export function initCredentials(args: InitCredentialsArgs, explain?: Explainer): CredentialsInit {
  if (args.featureFlags.disableCredsInit) return NO_CREDENTIALS;

  const accountName = args.serviceAccountName === "" ? DEFAULT_SERVICE_ACCOUNT : args.serviceAccountName;
  const account = findServiceAccount(accountName, args.serviceAccount);
  if (account === undefined) return NO_CREDENTIALS;

  const entrypointArgs: string[] = [];
  const volumes: Volume[] = [];
  const volumeMounts: VolumeMount[] = [];
  const references = asArray(account.secrets);
  references.forEach((reference, refIndex) => {
    const secretName = isRecord(reference) ? stringOrEmpty(reference["name"]) : "";
    const found = findSecret(secretName, args.secrets);
    if (found === undefined) {
      throw new CompileError(
        "build",
        [
          issue(
            "secret-not-found",
            ["serviceAccount", "secrets", refIndex, "name"],
            `secrets ${goQuote(secretName)} not found: ServiceAccount ${goQuote(accountName)} lists Secret ` +
              `${goQuote(secretName)} but the input has no Secret of that name; add it to secrets ` +
              "(Tekton cannot create the Pod without it)",
          ),
        ],
        "CouldntGetTask",
      );
    }
    const { secret, index } = found;
    if (
      args.featureFlags.requireGitSSHSecretKnownHosts &&
      secret.type === SECRET_TYPE_SSH_AUTH &&
      !hasKnownHosts(secret)
    ) {
      throw new CompileError(
        "build",
        [
          issue(
            "missing-known-hosts",
            ["secrets", index, "data"],
            `TaskRun validation failed. Git SSH Secret ${goQuote(secretName)} must have "known_hosts" included ` +
              'when feature flag "require-git-ssh-secret-known-hosts" is set to true: add a known_hosts key ' +
              "to its data, or set the flag to false",
          ),
        ],
        "TaskRunValidationFailed",
      );
    }
    const flags = [...dockerFlags(secretName, secret, index), ...gitFlags(secretName, secret, index)];
    if (flags.length === 0) return;
    if (explain !== undefined) {
      for (let f = 0; f < flags.length; f++) {
        explain.add(
          ["credentials", "entrypointArgs", entrypointArgs.length + f],
          "credentials-flag",
          `Secret ${JSON.stringify(secretName)} of the ServiceAccount is annotated for this host, so the entrypoint sets up its credentials.`,
          flagSource(flags[f] as string, secretName, secret, index),
        );
      }
    }
    appendAll(entrypointArgs, flags);
    const volumeName = args.names.withSuffix(`${SECRET_VOLUME_PREFIX}${secretName}`);
    volumeMounts.push({ name: volumeName, mountPath: `${CREDS_SECRETS_PATH}/${secretName}` });
    volumes.push({ name: volumeName, secret: { secretName } });
    if (explain !== undefined) {
      const note = `Secret ${JSON.stringify(secretName)}, listed by the ServiceAccount and annotated for a host, is mounted for the entrypoint to read.`;
      const from = ["serviceAccount", "secrets", refIndex, "name"];
      explain.each(
        ["credentials", "volumes", volumes.length - 1],
        volumes[volumes.length - 1],
        "credentials-volume",
        note,
        from,
      );
      explain.each(
        ["credentials", "volumeMounts", volumeMounts.length - 1],
        volumeMounts[volumeMounts.length - 1],
        "credentials-volume",
        note,
        from,
      );
    }
  });
  if (entrypointArgs.length === 0) return NO_CREDENTIALS;
  return { entrypointArgs, volumes, volumeMounts };
}

/**
 * A fresh Memory-backed emptyDir mounted at `/tekton/creds` for one step (call once per step,
 * in step order), or `undefined` when `disable-creds-init` is on.
 *
 * @example
 * ```ts
 * credsInitHomeVolume(names, featureFlags);
 * // { volume: { name: "tekton-creds-init-home-xxxxx", emptyDir: { medium: "Memory" } },
 * //   volumeMount: { name: "tekton-creds-init-home-xxxxx", mountPath: "/tekton/creds" } }
 * ```
 */
export function credsInitHomeVolume(
  names: SuffixGenerator,
  featureFlags: FeatureFlags,
): { volume: Volume; volumeMount: VolumeMount } | undefined {
  if (featureFlags.disableCredsInit) return undefined;
  const name = names.withSuffix(CREDS_INIT_HOME_PREFIX);
  return {
    volume: { name, emptyDir: { medium: "Memory" } },
    volumeMount: { name, mountPath: CREDENTIALS_PATH },
  };
}

function findServiceAccount(
  name: string,
  given: Immutable<ServiceAccount> | undefined,
): Immutable<ServiceAccount> | undefined {
  if (isRecord(given)) {
    const givenName = isRecord(given.metadata) ? given.metadata.name : undefined;
    // An unnamed ServiceAccount in the input is taken to be the one the TaskRun runs as.
    if (givenName === undefined || givenName === name) return given;
  }
  // Every namespace has a "default" ServiceAccount; leaving it out means it lists no Secrets.
  if (name === DEFAULT_SERVICE_ACCOUNT) return undefined;
  const other =
    isRecord(given) && isRecord(given.metadata) && typeof given.metadata.name === "string"
      ? ` (the input's serviceAccount is named ${goQuote(given.metadata.name)})`
      : "";
  throw new CompileError(
    "build",
    [
      issue(
        "service-account-not-found",
        ["serviceAccount"],
        `serviceaccounts ${goQuote(name)} not found: the TaskRun runs as ServiceAccount ${goQuote(name)} but ` +
          `the input does not contain it${other}; add it as serviceAccount (only "default" may be omitted)`,
      ),
    ],
    "CouldntGetTask",
  );
}

function findSecret(
  name: string,
  secrets: readonly Immutable<Secret>[],
): { secret: Immutable<Secret>; index: number } | undefined {
  const list = asArray(secrets);
  for (let index = 0; index < list.length; index++) {
    const secret = list[index];
    if (isRecord(secret) && isRecord(secret.metadata) && secret.metadata.name === name) {
      return { secret: secret as Immutable<Secret>, index };
    }
  }
  return undefined;
}

/**
 * The API server folds `stringData` into `data` when a Secret is written, so a key in either
 * counts; an empty value still counts, as Tekton only asks whether the key exists.
 */
function hasKnownHosts(secret: Immutable<Secret>): boolean {
  return hasOwn(secret.data, SSH_KNOWN_HOSTS_KEY) || hasOwn(secret.stringData, SSH_KNOWN_HOSTS_KEY);
}

/**
 * For an explanation: the input field an entrypoint flag of Secret `index` came from — the
 * annotation that names its URL, or the Secret's type for a docker config Secret (which needs
 * no annotation).
 */
function flagSource(flag: string, secretName: string, secret: Immutable<Secret>, index: number): PathSegment[] {
  const head = `${flag.slice(0, flag.indexOf("=") + 1)}${secretName}=`;
  if (!flag.startsWith(head)) return ["secrets", index, "type"];
  const url = flag.slice(head.length);
  const prefix = flag.startsWith("-basic-docker=") ? DOCKER_ANNOTATION_PREFIX : GIT_ANNOTATION_PREFIX;
  const annotations =
    isRecord(secret.metadata) && isRecord(secret.metadata.annotations) ? secret.metadata.annotations : {};
  const key = Object.keys(annotations).find((k) => k.startsWith(prefix) && annotations[k] === url);
  return key === undefined
    ? ["secrets", index, "metadata", "annotations"]
    : ["secrets", index, "metadata", "annotations", key];
}

/** dockercreds' MatchingAnnotations: config Secrets need no annotation, basic-auth does. */
function dockerFlags(name: string, secret: Immutable<Secret>, index: number): string[] {
  switch (secret.type) {
    case SECRET_TYPE_BASIC_AUTH:
      return annotationValues(secret, DOCKER_ANNOTATION_PREFIX, index).map((url) => `-basic-docker=${name}=${url}`);
    case SECRET_TYPE_DOCKERCONFIGJSON:
      return [`-docker-config=${name}`];
    case SECRET_TYPE_DOCKERCFG:
      return [`-docker-cfg=${name}`];
    default:
      return [];
  }
}

/** gitcreds' MatchingAnnotations: basic-auth and ssh-auth Secrets, one flag per annotation. */
function gitFlags(name: string, secret: Immutable<Secret>, index: number): string[] {
  let flag: string;
  switch (secret.type) {
    case SECRET_TYPE_BASIC_AUTH:
      flag = "basic-git";
      break;
    case SECRET_TYPE_SSH_AUTH:
      flag = "ssh-git";
      break;
    default:
      return [];
  }
  return annotationValues(secret, GIT_ANNOTATION_PREFIX, index).map((url) => `-${flag}=${name}=${url}`);
}

/**
 * Values of the annotations whose key starts with `prefix`, sorted as Go's sort.Strings does
 * (byte order of the UTF-8 text, i.e. code point order), duplicates kept.
 */
function annotationValues(secret: Immutable<Secret>, prefix: string, index: number): string[] {
  const annotations = isRecord(secret.metadata) ? secret.metadata.annotations : undefined;
  if (!isRecord(annotations)) return [];
  const values: string[] = [];
  for (const key of Object.keys(annotations)) {
    if (!key.startsWith(prefix)) continue;
    const value: unknown = annotations[key];
    if (typeof value !== "string") {
      throw new CompileError("input", [
        issue(
          "invalid-type",
          ["secrets", index, "metadata", "annotations", key],
          `annotation ${goQuote(key)} must be a string (the URL credentials apply to, e.g. "https://github.com")`,
        ),
      ]);
    }
    values.push(value);
  }
  return sortGoStrings(values);
}

function hasOwn(value: unknown, key: string): boolean {
  return isRecord(value) && Object.hasOwn(value, key);
}

function asArray<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}
