/**
 * The `git` PipelineResource of Tekton v0.20.1 (pkg/apis/resource/v1alpha1/git): as an input
 * it prepends a `git-init` step that clones into the resource's directory; as an output it adds
 * nothing (artifact storage aside). Params are matched case-insensitively; malformed
 * `submodules`/`sslVerify`/`depth` values silently fall back to their defaults, as in Tekton.
 */
import type { EnvVar } from "kubernetes-types/core/v1.js";
import type { Immutable, PipelineResourceSpec } from "../../../api/types.js";
import { parseGoUint32 } from "../../../k8s/go-strconv.js";
import { equalFold } from "../../../k8s/go-strings.js";
import { HOME_DIR, modifier, paramsOf, type ResourceImpl, resourceImpl, WORKSPACE_DIR } from "./model.js";

/** The fields a git resource reads from its params, with Tekton's defaults. */
export interface GitParams {
  readonly url: string;
  readonly revision: string;
  readonly refspec: string;
  readonly submodules: boolean;
  readonly depth: number;
  readonly sslVerify: boolean;
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

/** Only the exact strings "true"/"false" change a git boolean (Tekton's `toBool`). */
function toBool(value: string, fallback: boolean): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  return fallback;
}

/** Reads a git resource's params; the last param of a given name wins. */
export function readGitParams(spec: Immutable<PipelineResourceSpec>): GitParams {
  let url = "";
  let revision = "";
  let refspec = "";
  let submodules = true;
  let depth = 1;
  let sslVerify = true;
  let httpProxy = "";
  let httpsProxy = "";
  let noProxy = "";
  for (const { name, value } of paramsOf(spec)) {
    if (equalFold(name, "URL")) url = value;
    else if (equalFold(name, "Revision")) revision = value;
    else if (equalFold(name, "Refspec")) refspec = value;
    else if (equalFold(name, "Submodules")) submodules = toBool(value, true);
    else if (equalFold(name, "Depth")) depth = parseGoUint32(value) ?? 1;
    else if (equalFold(name, "SSLVerify")) sslVerify = toBool(value, true);
    else if (equalFold(name, "HTTPProxy")) httpProxy = value;
    else if (equalFold(name, "HTTPSProxy")) httpsProxy = value;
    else if (equalFold(name, "NOProxy")) noProxy = value;
  }
  return { url, revision, refspec, submodules, depth, sslVerify, httpProxy, httpsProxy, noProxy };
}

/** A git resource bound as `name`. */
export function gitResource(name: string, spec: Immutable<PipelineResourceSpec>): ResourceImpl {
  const git = readGitParams(spec);
  return resourceImpl(
    name,
    spec.type,
    [
      ["url", git.url],
      ["revision", git.revision],
      ["refspec", git.refspec],
      ["submodules", String(git.submodules)],
      ["depth", String(git.depth)],
      ["sslVerify", String(git.sslVerify)],
      ["httpProxy", git.httpProxy],
      ["httpsProxy", git.httpsProxy],
      ["noProxy", git.noProxy],
    ],
    {
      input({ path, images, names }) {
        const args = ["-url", git.url, "-path", path];
        if (git.revision !== "") args.push("-revision", git.revision);
        if (git.refspec !== "") args.push("-refspec", git.refspec);
        if (!git.submodules) args.push("-submodules=false");
        if (git.depth !== 1) args.push("-depth", String(git.depth));
        if (!git.sslVerify) args.push("-sslVerify=false");
        // git-init gets its own HOME even though the Pod builder prepends another one later:
        // the duplicate is what v0.20.1 produces.
        const env: EnvVar[] = [
          { name: "TEKTON_RESOURCE_NAME", value: name },
          { name: "HOME", value: HOME_DIR },
        ];
        if (git.httpProxy !== "") env.push({ name: "HTTP_PROXY", value: git.httpProxy });
        if (git.httpsProxy !== "") env.push({ name: "HTTPS_PROXY", value: git.httpsProxy });
        if (git.noProxy !== "") env.push({ name: "NO_PROXY", value: git.noProxy });
        return modifier({
          prepend: [
            {
              name: names.withSuffix(`git-source-${name}`),
              image: images.gitImage,
              command: ["/ko-app/git-init"],
              args,
              workingDir: WORKSPACE_DIR,
              env,
            },
          ],
        });
      },
    },
  );
}
