/**
 * The `cluster` PipelineResource of Tekton v0.20.1 (pkg/apis/resource/v1alpha1/cluster): as an
 * input it prepends a `kubeconfigwriter` step that receives the whole resource as JSON
 * (`-clusterConfig`, Go field order and `[]byte` as base64) and its secrets as env vars.
 * Certificate params are base64-decoded leniently; without CA data the resource is insecure
 * unless a `cadata` secret is given.
 */
import type { EnvVar } from "kubernetes-types/core/v1.js";
import type { Immutable, PipelineResourceSpec, SecretParam } from "../../../api/types.js";
import { bytesToGoString, decodeGoBase64, encodeGoBase64 } from "../../../k8s/go-base64.js";
import { goJsonString } from "../../../k8s/go-json.js";
import { parseGoBool } from "../../../k8s/go-strconv.js";
import { equalFold, goToUpper } from "../../../k8s/go-strings.js";
import { modifier, paramsOf, type ResourceImpl, resourceImpl, secretsOf } from "./model.js";

/** A cluster resource's fields as Tekton's `cluster.Resource` holds them. */
export interface ClusterParams {
  readonly url: string;
  readonly revision: string;
  readonly username: string;
  readonly password: string;
  readonly namespace: string;
  readonly token: string;
  readonly insecure: boolean;
  /** undefined = Go nil (param absent or empty). */
  readonly caData: Uint8Array | undefined;
  readonly clientKeyData: Uint8Array | undefined;
  readonly clientCertificateData: Uint8Array | undefined;
  /** undefined = no `secrets` key. */
  readonly secrets: readonly Immutable<SecretParam>[] | undefined;
}

/** Reads a cluster resource's params the way `cluster.NewResource` does. */
export function readClusterParams(spec: Immutable<PipelineResourceSpec>): ClusterParams {
  let url = "";
  let revision = "";
  let username = "";
  let password = "";
  let namespace = "";
  let token = "";
  let insecure = false;
  let caData: Uint8Array | undefined;
  let clientKeyData: Uint8Array | undefined;
  let clientCertificateData: Uint8Array | undefined;
  for (const { name, value } of paramsOf(spec)) {
    if (equalFold(name, "URL")) url = value;
    else if (equalFold(name, "Revision")) revision = value;
    else if (equalFold(name, "Username")) username = value;
    else if (equalFold(name, "Namespace")) namespace = value;
    else if (equalFold(name, "Password")) password = value;
    else if (equalFold(name, "Token")) token = value;
    else if (equalFold(name, "Insecure")) insecure = parseGoBool(value) ?? false;
    else if (equalFold(name, "CAData")) {
      if (value !== "") caData = decodeGoBase64(value);
    } else if (equalFold(name, "ClientKeyData")) {
      if (value !== "") clientKeyData = decodeGoBase64(value);
    } else if (equalFold(name, "ClientCertificateData")) {
      if (value !== "") clientCertificateData = decodeGoBase64(value);
    }
  }
  const secrets = secretsOf(spec);
  if (caData === undefined || caData.length === 0) {
    insecure = !(secrets ?? []).some((s) => equalFold(s.fieldName, "CAData"));
  }
  return {
    url,
    revision,
    username,
    password,
    namespace,
    token,
    insecure,
    caData,
    clientKeyData,
    clientCertificateData,
    secrets,
  };
}

function bytesJson(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? "null" : `"${encodeGoBase64(bytes)}"`;
}

/** `json.Marshal` of Tekton's `cluster.Resource` (what the kubeconfigwriter step receives). */
export function clusterConfigJson(name: string, type: string, c: ClusterParams): string {
  const secrets =
    c.secrets === undefined
      ? "null"
      : `[${c.secrets
          .map(
            (s) =>
              `{"fieldName":${goJsonString(s.fieldName)},"secretKey":${goJsonString(s.secretKey)},"secretName":${goJsonString(s.secretName)}}`,
          )
          .join(",")}]`;
  return (
    `{"name":${goJsonString(name)},"type":${goJsonString(type)},"url":${goJsonString(c.url)},` +
    `"revision":${goJsonString(c.revision)},"username":${goJsonString(c.username)},` +
    `"password":${goJsonString(c.password)},"namespace":${goJsonString(c.namespace)},` +
    `"token":${goJsonString(c.token)},"Insecure":${String(c.insecure)},"cadata":${bytesJson(c.caData)},` +
    `"clientKeyData":${bytesJson(c.clientKeyData)},"clientCertificateData":${bytesJson(c.clientCertificateData)},` +
    `"secrets":${secrets}}`
  );
}

function bytesText(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? "" : bytesToGoString(bytes);
}

/** A cluster resource bound as `name`. */
export function clusterResource(name: string, spec: Immutable<PipelineResourceSpec>): ResourceImpl {
  const c = readClusterParams(spec);
  return resourceImpl(
    name,
    spec.type,
    [
      ["url", c.url],
      ["revision", c.revision],
      ["username", c.username],
      ["password", c.password],
      ["namespace", c.namespace],
      ["token", c.token],
      ["insecure", String(c.insecure)],
      ["cadata", bytesText(c.caData)],
      ["clientKeyData", bytesText(c.clientKeyData)],
      ["clientCertificateData", bytesText(c.clientCertificateData)],
    ],
    {
      input({ images, names }) {
        const env: EnvVar[] = [{ name: "TEKTON_RESOURCE_NAME", value: name }];
        for (const s of c.secrets ?? []) {
          env.push({
            name: goToUpper(s.fieldName),
            valueFrom: { secretKeyRef: { name: s.secretName, key: s.secretKey } },
          });
        }
        return modifier({
          // The step is named after the writer, not the resource: two cluster inputs get
          // `kubeconfig-<suffix>` twice, told apart only by their suffixes.
          prepend: [
            {
              name: names.withSuffix("kubeconfig"),
              image: images.kubeconfigWriterImage,
              command: ["/ko-app/kubeconfigwriter"],
              args: ["-clusterConfig", clusterConfigJson(name, spec.type, c)],
              env,
            },
          ],
        });
      },
    },
  );
}
