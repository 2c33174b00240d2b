/**
 * Credential initialization as Tekton v1.12 builds it into the Pod (pkg/pod/creds_init.go):
 * the Secrets of the TaskRun's ServiceAccount annotated for git or docker become entrypoint
 * flags and Secret volumes named `tekton-creds-<FNV-32a hash>`; a listed Secret that does not
 * exist is skipped. Each step gets its own Memory emptyDir at `/tekton/creds`, numbered by step.
 * Secret values are never read: only names, types, annotations and data *keys*.
 */
import type { Secret, ServiceAccount, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import { CompileError, issue } from "../../../errors.js";
import { sortGoStrings } from "../../../k8s/go-strings.js";
import { hashedName } from "../../../k8s/names.js";
import { appendAll, isRecord } from "../../../read-values.js";
import type { Immutable } from "../../api/types.js";
import { CREDS_DIR } from "./constants.js";

/** What creds-init contributes to the Pod. */
export interface CredentialsInit {
  readonly entrypointArgs: readonly string[];
  readonly volumes: readonly Volume[];
  readonly volumeMounts: readonly VolumeMount[];
}

const NONE: CredentialsInit = { entrypointArgs: [], volumes: [], volumeMounts: [] };

function annotationValues(secret: Immutable<Secret>, prefix: string): string[] {
  const annotations = secret.metadata?.annotations ?? {};
  return sortGoStrings(
    Object.keys(annotations)
      .filter((k) => k.startsWith(prefix))
      .map((k) => String(annotations[k])),
  );
}

function flagsOf(secret: Immutable<Secret>): string[] {
  const name = secret.metadata?.name ?? "";
  const flags: string[] = [];
  switch (secret.type) {
    case "kubernetes.io/basic-auth":
      for (const v of annotationValues(secret, "tekton.dev/docker-")) flags.push(`-basic-docker=${name}=${v}`);
      for (const v of annotationValues(secret, "tekton.dev/git-")) flags.push(`-basic-git=${name}=${v}`);
      break;
    case "kubernetes.io/ssh-auth":
      for (const v of annotationValues(secret, "tekton.dev/git-")) flags.push(`-ssh-git=${name}=${v}`);
      break;
    case "kubernetes.io/dockerconfigjson":
      flags.push(`-docker-config=${name}`);
      break;
    case "kubernetes.io/dockercfg":
      flags.push(`-docker-cfg=${name}`);
      break;
    default:
      break;
  }
  return flags;
}

function hasKey(value: unknown, key: string): boolean {
  return isRecord(value) && Object.hasOwn(value, key);
}

/**
 * `credsInit`. Throws at stage `build` when the ServiceAccount (other than `default`) is not in
 * the input, or when `require-git-ssh-secret-known-hosts` finds an ssh-auth Secret without
 * `known_hosts` (reason `TaskRunValidationFailed`).
 */
export function initCredentials(args: {
  readonly serviceAccountName: string;
  readonly serviceAccount: Immutable<ServiceAccount> | undefined;
  readonly secrets: readonly Immutable<Secret>[];
  readonly disableCredsInit: boolean;
  readonly requireKnownHosts: boolean;
}): CredentialsInit {
  if (args.disableCredsInit) return NONE;
  const accountName = args.serviceAccountName === "" ? "default" : args.serviceAccountName;
  const given = args.serviceAccount;
  let account: Immutable<ServiceAccount> | undefined;
  if (given !== undefined && (given.metadata?.name === undefined || given.metadata.name === accountName))
    account = given;
  else if (accountName !== "default") {
    throw new CompileError(
      "build",
      [
        issue(
          "service-account-not-found",
          ["serviceAccount"],
          `translating TaskSpec to Pod: serviceaccounts ${JSON.stringify(accountName)} not found: add the ServiceAccount the TaskRun runs as to the input (only "default" may be omitted)`,
        ),
      ],
      "PodCreationFailed",
    );
  }
  if (account === undefined) return NONE;
  const entrypointArgs: string[] = [];
  const volumes: Volume[] = [];
  const volumeMounts: VolumeMount[] = [];
  const visited = new Set<string>();
  const used = new Set<string>();
  for (const ref of account.secrets ?? []) {
    const secretName = ref.name ?? "";
    if (secretName === "" || visited.has(secretName)) continue;
    visited.add(secretName);
    const index = args.secrets.findIndex((s) => s.metadata?.name === secretName);
    const secret = args.secrets[index];
    // No Secret of that name was given (index -1).
    if (secret === undefined) continue;
    if (
      args.requireKnownHosts &&
      secret.type === "kubernetes.io/ssh-auth" &&
      !hasKey(secret.data, "known_hosts") &&
      !hasKey(secret.stringData, "known_hosts")
    ) {
      throw new CompileError(
        "build",
        [
          issue(
            "missing-known-hosts",
            ["secrets", index, "data"],
            'translating TaskSpec to Pod: TaskRun validation failed. Git SSH Secret must have "known_hosts" included when feature flag ' +
              `"require-git-ssh-secret-known-hosts" is set to true (Secret ${JSON.stringify(secretName)})`,
          ),
        ],
        "TaskRunValidationFailed",
      );
    }
    const flags = flagsOf(secret);
    if (flags.length === 0) continue;
    appendAll(entrypointArgs, flags);
    let name = hashedName("tekton-creds", secretName, 8);
    while (used.has(name)) name = hashedName("tekton-creds", `${name}$`, 8);
    used.add(name);
    volumeMounts.push({ name, mountPath: `/tekton/creds-secrets/${secretName}` });
    volumes.push({ name, secret: { secretName } });
  }
  if (entrypointArgs.length === 0) return NONE;
  return { entrypointArgs, volumes, volumeMounts };
}

/** `getCredsInitVolume`: step i's `tekton-creds-init-home-<i>` (none with `disable-creds-init`). */
export function credsInitHome(
  index: number,
  disableCredsInit: boolean,
): { volume: Volume; mount: VolumeMount } | undefined {
  if (disableCredsInit) return undefined;
  const name = `tekton-creds-init-home-${index}`;
  return { volume: { name, emptyDir: { medium: "Memory" } }, mount: { name, mountPath: CREDS_DIR } };
}
