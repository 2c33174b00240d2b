/**
 * The `pullRequest` PipelineResource of Tekton v0.20.1 (pkg/apis/resource/v1alpha1/pullrequest):
 * a `pullrequest-init` step in `download` mode prepended for an input and in `upload` mode
 * appended for an output; an `authToken` secret becomes `AUTH_TOKEN`. The two boolean params
 * must parse as Go booleans, or the resource cannot be created.
 */
import type { EnvVar } from "kubernetes-types/core/v1.js";
import type { Immutable, PipelineResourceSpec, Step } from "../../../api/types.js";
import { parseGoBool } from "../../../k8s/go-strconv.js";
import { equalFold } from "../../../k8s/go-strings.js";
import type { SuffixGenerator } from "../../../k8s/names.js";
import { modifier, paramsOf, type ResourceResult, resourceImpl, secretsOf, WORKSPACE_DIR } from "./model.js";

/** A pullRequest resource bound as `name`; `resourceName` names it in problems. */
export function pullRequestResource(
  name: string,
  resourceName: string,
  spec: Immutable<PipelineResourceSpec>,
): ResourceResult {
  let url = "";
  let provider = "";
  let insecureSkipTLSVerify = false;
  let disableStrictJSONComments = false;
  for (const { name: key, value, index } of paramsOf(spec)) {
    if (equalFold(key, "URL")) url = value;
    else if (equalFold(key, "Provider")) provider = value;
    else if (equalFold(key, "insecure-skip-tls-verify") || equalFold(key, "disable-strict-json-comments")) {
      const parsed = parseGoBool(value);
      if (parsed === undefined) {
        return {
          problem: `pullRequest resource "${resourceName}": param ${JSON.stringify(key)} is ${JSON.stringify(value)}, which is not a boolean; use "true" or "false"`,
          at: ["params", index, "value"],
        };
      }
      if (equalFold(key, "insecure-skip-tls-verify")) insecureSkipTLSVerify = parsed;
      else disableStrictJSONComments = parsed;
    }
  }
  const secrets = secretsOf(spec) ?? [];
  const steps = (mode: "download" | "upload", path: string, names: SuffixGenerator, image: string): Step[] => {
    const args = ["-url", url, "-path", path, "-mode", mode];
    if (provider !== "") args.push("-provider", provider);
    if (insecureSkipTLSVerify) args.push("-insecure-skip-tls-verify=true");
    if (disableStrictJSONComments) args.push("-disable-strict-json-comments=true");
    const env: EnvVar[] = [{ name: "TEKTON_RESOURCE_NAME", value: name }];
    for (const s of secrets) {
      if (equalFold(s.fieldName, "authToken")) {
        env.push({ name: "AUTH_TOKEN", valueFrom: { secretKeyRef: { name: s.secretName, key: s.secretKey } } });
      }
    }
    return [
      {
        name: names.withSuffix(`pr-source-${name}`),
        image,
        command: ["/ko-app/pullrequest-init"],
        args,
        workingDir: WORKSPACE_DIR,
        env,
      },
    ];
  };
  return resourceImpl(
    name,
    spec.type,
    [
      ["url", url],
      ["provider", provider],
      ["insecure-skip-tls-verify", String(insecureSkipTLSVerify)],
      ["disable-strict-json-comments", String(disableStrictJSONComments)],
    ],
    {
      input: ({ path, names, images }) => modifier({ prepend: steps("download", path, names, images.prImage) }),
      output: ({ path, names, images }) => modifier({ append: steps("upload", path, names, images.prImage) }),
    },
  );
}
