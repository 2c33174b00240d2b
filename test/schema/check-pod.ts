/**
 * What the Kubernetes API server would check on a Pod (and a PersistentVolumeClaim) before
 * storing it: the OpenAPI schema — through `kubernetes-models`, whose `validate()` runs the
 * official schema compiled with ajv — plus the handful of `ValidatePod` rules from
 * k8s.io/kubernetes pkg/apis/core/validation that the schema cannot express and that a
 * compiler could plausibly break: name formats, unique container and volume names, mounts
 * that name a volume, label syntax. Returns problems as `path: message` strings (empty = OK).
 */
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";

type Json = Record<string, unknown>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** Kubernetes 1.30 without the RelaxedEnvironmentVariableValidation gate. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function schemaProblems(validate: () => void): string[] {
  try {
    validate();
    return [];
  } catch (e) {
    return [`schema: ${(e as Error).message}`];
  }
}

function dnsLabel(value: unknown, path: string): string[] {
  if (typeof value !== "string" || value.length > 63 || !DNS_LABEL.test(value))
    return [`${path}: ${JSON.stringify(value)} is not a DNS-1123 label`];
  return [];
}

function qualifiedKey(key: string, path: string): string[] {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const bad =
    (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) ||
    name.length > 63 ||
    !QUALIFIED_NAME.test(name);
  return bad ? [`${path}: key ${JSON.stringify(key)} is not a qualified name`] : [];
}

function metadataProblems(meta: Json | undefined, path: string): string[] {
  const problems: string[] = [];
  const name = meta?.["name"];
  if (typeof name !== "string" || name.length > 253 || !DNS_SUBDOMAIN.test(name))
    problems.push(`${path}.name: ${JSON.stringify(name)} is not a DNS-1123 subdomain`);
  const labels = (meta?.["labels"] ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(labels)) {
    problems.push(...qualifiedKey(k, `${path}.labels`));
    if (v.length > 63 || !LABEL_VALUE.test(v))
      problems.push(`${path}.labels[${JSON.stringify(k)}]: value ${JSON.stringify(v)} is not a valid label value`);
  }
  for (const k of Object.keys((meta?.["annotations"] ?? {}) as Json))
    problems.push(...qualifiedKey(k, `${path}.annotations`));
  return problems;
}

function containerProblems(containers: Json[], path: string, volumes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  containers.forEach((c, i) => {
    const at = `${path}[${i}]`;
    problems.push(...dnsLabel(c["name"], `${at}.name`));
    const mountPaths = new Set<string>();
    for (const [j, m] of ((c["volumeMounts"] ?? []) as Json[]).entries()) {
      if (!volumes.has(m["name"] as string))
        problems.push(`${at}.volumeMounts[${j}].name: no volume named ${JSON.stringify(m["name"])}`);
      const mountPath = m["mountPath"] as string;
      if (mountPaths.has(mountPath)) problems.push(`${at}.volumeMounts[${j}].mountPath: ${mountPath} is mounted twice`);
      mountPaths.add(mountPath);
    }
    for (const [j, e] of ((c["env"] ?? []) as Json[]).entries()) {
      if (typeof e["name"] !== "string" || !ENV_NAME.test(e["name"]))
        problems.push(`${at}.env[${j}].name: ${JSON.stringify(e["name"])} is not a valid environment variable name`);
    }
  });
  return problems;
}

/** Problems the API server would report for this Pod; `[]` when it would accept it. */
export function podProblems(pod: unknown): string[] {
  const problems = schemaProblems(() => new Pod(pod as ConstructorParameters<typeof Pod>[0]).validate());
  const p = pod as Json;
  if (p["apiVersion"] !== "v1" || p["kind"] !== "Pod")
    problems.push(`apiVersion/kind: ${String(p["apiVersion"])}/${String(p["kind"])} is not v1/Pod`);
  problems.push(...metadataProblems(p["metadata"] as Json | undefined, "metadata"));
  const spec = (p["spec"] ?? {}) as Json;
  const volumes = (spec["volumes"] ?? []) as Json[];
  const volumeNames = new Set<string>();
  volumes.forEach((v, i) => {
    problems.push(...dnsLabel(v["name"], `spec.volumes[${i}].name`));
    if (volumeNames.has(v["name"] as string))
      problems.push(`spec.volumes[${i}].name: duplicate volume ${JSON.stringify(v["name"])}`);
    volumeNames.add(v["name"] as string);
  });
  const init = (spec["initContainers"] ?? []) as Json[];
  const containers = (spec["containers"] ?? []) as Json[];
  if (containers.length === 0) problems.push("spec.containers: a Pod needs at least one container");
  problems.push(
    ...containerProblems(init, "spec.initContainers", volumeNames),
    ...containerProblems(containers, "spec.containers", volumeNames),
  );
  const names = new Set<string>();
  for (const c of [...init, ...containers]) {
    if (names.has(c["name"] as string)) problems.push(`spec: duplicate container name ${JSON.stringify(c["name"])}`);
    names.add(c["name"] as string);
  }
  return problems;
}

/** Problems the API server would report for this PersistentVolumeClaim. */
export function claimProblems(claim: unknown): string[] {
  const problems = schemaProblems(() =>
    new PersistentVolumeClaim(claim as ConstructorParameters<typeof PersistentVolumeClaim>[0]).validate(),
  );
  const c = claim as Json;
  if (c["apiVersion"] !== "v1" || c["kind"] !== "PersistentVolumeClaim")
    problems.push(`apiVersion/kind: ${String(c["apiVersion"])}/${String(c["kind"])} is not v1/PersistentVolumeClaim`);
  problems.push(...metadataProblems(c["metadata"] as Json | undefined, "metadata"));
  return problems;
}
