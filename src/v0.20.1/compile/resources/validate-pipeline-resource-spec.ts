/**
 * What Tekton v0.20.1's admission webhook rejects in a PipelineResource spec embedded in a
 * TaskRun: `PipelineResourceSpec.Validate`
 * (pkg/apis/resource/v1alpha1/pipelineresource_validation.go). The TaskRun's resource bindings,
 * the Task's resource declarations and `$(resources.…)` variables are validated with the rest
 * of the TaskRun and Task, in ../validate.ts.
 */
import type { Immutable, PipelineResourceSpec } from "../../../api/types.js";
import { type Issue, issue, type PathSegment } from "../../../errors.js";
import { parseGoBool } from "../../../k8s/go-strconv.js";
import { equalFold } from "../../../k8s/go-strings.js";
import { isRecord, stringOrEmpty } from "../../../read-values.js";
import { RESOURCE_TYPES } from "../../contract.js";
import { paramsOf, secretsOf } from "./model.js";

const TYPE_LIST = RESOURCE_TYPES.join(", ");

const HEX = /^[0-9A-Fa-f]$/;

/** Go's `url.unescape` validity: every `%` followed by two hex digits (plus host-mode rules). */
function validEscapes(text: string, mode: "path" | "host" | "user"): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "%") {
      if (i + 2 >= text.length || !HEX.test(text[i + 1] as string) || !HEX.test(text[i + 2] as string)) return false;
      if (mode === "host" && parseInt(text[i + 1] as string, 16) < 8 && text.slice(i, i + 3) !== "%25") return false;
      i += 2;
    } else if (mode === "host" && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) {
      return false;
    }
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

/** Go's `url.ParseRequestURI` (Go 1.15): undefined when it parses, else the reason. */
export function requestURIError(raw: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(raw)) return "contains a control character";
  if (raw === "*") return undefined;
  let scheme = "";
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ":") {
      if (i === 0) return "missing protocol scheme";
      scheme = raw.slice(0, i);
      rest = raw.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf("?");
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith("/")) {
    return scheme !== "" ? undefined : "is neither an absolute URI nor an absolute path";
  }
  if (scheme !== "" && rest.startsWith("//")) {
    const afterSlashes = rest.slice(2);
    const slash = afterSlashes.indexOf("/");
    const authority = slash >= 0 ? afterSlashes.slice(0, slash) : afterSlashes;
    rest = slash >= 0 ? afterSlashes.slice(slash) : "";
    const at = authority.lastIndexOf("@");
    const host = at >= 0 ? authority.slice(at + 1) : authority;
    if (host.startsWith("[")) {
      const close = host.lastIndexOf("]");
      if (close < 0) return "has a host with a missing ']'";
      if (!validOptionalPort(host.slice(close + 1))) return "has an invalid port";
    } else {
      const colon = host.lastIndexOf(":");
      if (colon >= 0 && !validOptionalPort(host.slice(colon))) return "has an invalid port";
      if (!validEscapes(host, "host")) return "has an invalid host";
    }
    if (at >= 0) {
      const user = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(user) || !validEscapes(user, "user"))
        return "has invalid user information";
    }
  }
  if (!validEscapes(rest, "path")) return "has an invalid %-escape";
  return undefined;
}

/**
 * `PipelineResourceSpec.Validate`: a type from {@link RESOURCE_TYPES}; for `cluster`, a
 * parseable URL, some authentication (username, CA data, token, or client key and
 * certificate) and CA data unless `insecure`; for `storage`, a `type` of gcs/build-gcs and a
 * location; for `pullRequest`, only `authToken` secrets. `path` points at the spec.
 *
 * @example
 * ```ts
 * validatePipelineResourceSpec({ type: "cluster", params: [{ name: "url", value: "https://x" }] },
 *   ["taskRun", "spec", "resources", "inputs", 0, "resourceSpec"]); // [{ code: "missing-field", … }]
 * ```
 */
export function validatePipelineResourceSpec(
  spec: Immutable<PipelineResourceSpec>,
  path: readonly PathSegment[],
): Issue[] {
  if (!isRecord(spec))
    return [issue("invalid-type", path, "a PipelineResource spec must be a mapping with at least a type")];
  const type = spec.type;
  const params = paramsOf(spec);
  const secrets = secretsOf(spec) ?? [];
  const description = stringOrEmpty(spec.description);
  if ((type === undefined || type === "") && description === "" && params.length === 0 && secrets.length === 0) {
    return [issue("missing-field", [...path, "type"], `missing field(s): spec.type — set type to one of ${TYPE_LIST}`)];
  }
  const issues: Issue[] = [];
  if (type === "cluster") {
    let authFound = false;
    let caDataFound = false;
    let clientKey = false;
    let clientCert = false;
    let insecure = false;
    for (const p of params) {
      if (equalFold(p.name, "URL")) {
        const problem = p.value === "" ? undefined : requestURIError(p.value);
        if (problem !== undefined) {
          return [
            issue(
              "invalid-value",
              [...path, "params", p.index, "value"],
              `invalid value: ${p.value}: the cluster URL ${problem}; use an absolute URL such as https://10.0.0.1:6443`,
            ),
          ];
        }
      } else if (equalFold(p.name, "Username") || equalFold(p.name, "Token")) {
        authFound = true;
      } else if (equalFold(p.name, "CAData")) {
        authFound = true;
        caDataFound = true;
      } else if (equalFold(p.name, "ClientKeyData")) {
        clientKey = true;
      } else if (equalFold(p.name, "ClientCertificateData")) {
        clientCert = true;
      } else if (equalFold(p.name, "insecure")) {
        insecure = parseGoBool(p.value) ?? false;
      }
    }
    for (const s of secrets) {
      if (equalFold(s.fieldName, "Username")) authFound = true;
      else if (equalFold(s.fieldName, "CAData")) {
        authFound = true;
        caDataFound = true;
      }
    }
    if (clientKey && clientCert) authFound = true;
    if (!authFound) {
      return [
        issue(
          "missing-field",
          [...path, "params"],
          "missing field(s): username or CAData  or token param or clientKeyData or ClientCertificateData — " +
            "a cluster resource needs credentials: a username, token or cadata param, a username/cadata secret, or both clientKeyData and clientCertificateData",
        ),
      ];
    }
    if (!caDataFound && !insecure) {
      return [
        issue(
          "missing-field",
          [...path, "params"],
          'missing field(s): CAData param — give the cluster\'s CA certificate (cadata param or secret) or set the insecure param to "true"',
        ),
      ];
    }
  }
  if (type === "storage") {
    let foundType = false;
    let location = "";
    for (const p of params) {
      if (equalFold(p.name, "type")) {
        if (p.value !== "gcs" && p.value !== "build-gcs") {
          return [
            issue(
              "invalid-value",
              [...path, "params", p.index, "value"],
              `invalid value: ${p.value}: spec.params.type — a storage resource's type must be "gcs" or "build-gcs"`,
            ),
          ];
        }
        foundType = true;
      } else if (equalFold(p.name, "Location")) {
        location = p.value;
      }
    }
    if (!foundType)
      issues.push(
        issue(
          "missing-field",
          [...path, "params"],
          "missing field(s): spec.params.type — add a param {name: type, value: gcs|build-gcs}",
        ),
      );
    else if (location === "")
      issues.push(
        issue(
          "missing-field",
          [...path, "params"],
          "missing field(s): spec.params.location — add a param {name: location, value: gs://bucket/path}",
        ),
      );
    if (issues.length > 0) return issues;
  }
  if (type === "pullRequest") {
    const list = secretsOf(spec) ?? [];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s !== undefined && s.fieldName !== "authToken") {
        return [
          issue(
            "invalid-value",
            [...path, "secrets", i, "fieldName"],
            `invalid field name ${JSON.stringify(s.fieldName)} in secret parameter: a pullRequest resource only takes the secret field "authToken"`,
          ),
        ];
      }
    }
  }
  if (typeof type !== "string" || !RESOURCE_TYPES.includes(type)) {
    return [
      issue(
        "invalid-value",
        [...path, "type"],
        `invalid value: ${JSON.stringify(type)}: spec.type must be one of ${TYPE_LIST}`,
      ),
    ];
  }
  return [];
}
