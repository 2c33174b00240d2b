/**
 * Shared shapes of the PipelineResource implementations (Tekton v0.20.1
 * `v1beta1.PipelineResourceInterface` / `TaskModifier`, pkg/apis/resource/v1alpha1/**):
 * each bound resource becomes an object that names its variables and says which steps to
 * prepend or append and which volumes to add, for an input or for an output.
 */
import type { EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { ImagesConfig, Immutable, SecretParam, Step, TaskSpec } from "../../../api/types.js";
import { copyObject } from "../../../k8s/copy-object.js";
import { joinPath } from "../../../k8s/go-path.js";
import { goToLower, goToUpper } from "../../../k8s/go-strings.js";
import type { SuffixGenerator } from "../../../k8s/names.js";
import { stringOrEmpty } from "../../../read-values.js";

// Where Tekton puts inputs (`/workspace/<name>`), and the HOME git-init is given: the Pod's paths.
export { HOME_DIR, WORKSPACE_DIR } from "../../contract.js";
/** Default parent of an output resource's directory. */
export const OUTPUT_DIR = "/workspace/output/";

/** Steps and volumes one resource adds to the Task spec (Tekton's `InternalTaskModifier`). */
export interface ResourceModifier {
  readonly prepend: readonly Step[];
  readonly append: readonly Step[];
  readonly volumes: readonly Volume[];
}

/** No steps, no volumes. */
export const NO_MODIFIER: ResourceModifier = { prepend: [], append: [], volumes: [] };

/** What a modifier needs besides the resource itself. */
export interface ModifierContext {
  /** The Task spec as modified so far (storage secret volumes already present are not re-added). */
  readonly spec: Immutable<TaskSpec>;
  /** The resource's directory in the Pod. */
  readonly path: string;
  readonly images: Readonly<Required<ImagesConfig>>;
  readonly names: SuffixGenerator;
}

/** A PipelineResource bound under one name, ready to produce steps and variables. */
export interface ResourceImpl {
  /** The binding name (Tekton names the implementation after the binding, not the PipelineResource). */
  readonly name: string;
  /** `spec.type` (`git`, `storage`, …). */
  readonly type: string;
  /** The variables `$(resources.<dir>.<name>.<key>)`, in a fixed order. */
  readonly replacements: readonly (readonly [string, string])[];
  inputModifier(ctx: ModifierContext): ResourceModifier;
  outputModifier(ctx: ModifierContext): ResourceModifier;
}

/** Builds an input or output modifier. */
export type ModifierFn = (ctx: ModifierContext) => ResourceModifier;

/**
 * A resource implementation whose variables begin with `name` and `type`, as every Tekton
 * resource's `Replacements()` does; a direction without a modifier adds nothing.
 */
export function resourceImpl(
  name: string,
  type: string,
  variables: readonly (readonly [string, string])[],
  modifiers: { readonly input?: ModifierFn; readonly output?: ModifierFn } = {},
): ResourceImpl {
  return {
    name,
    type,
    replacements: [["name", name], ["type", type], ...variables],
    inputModifier: modifiers.input ?? (() => NO_MODIFIER),
    outputModifier: modifiers.output ?? (() => NO_MODIFIER),
  };
}

/** A modifier from the parts given; the others stay empty (Go's nil slices). */
export function modifier(parts: Partial<ResourceModifier>): ResourceModifier {
  return { prepend: parts.prepend ?? [], append: parts.append ?? [], volumes: parts.volumes ?? [] };
}

/** Resource types whose outputs can be handed to later Tasks through artifact storage. */
export const ARTIFACT_TYPES: ReadonlySet<string> = new Set(["storage", "git"]);

/** The `mkdir -p` step Tekton puts before storage inputs and every output. */
export function createDirStep(shellImage: string, name: string, path: string, names: SuffixGenerator): Step {
  return {
    name: names.withSuffix(`create-dir-${goToLower(name)}`),
    image: shellImage,
    command: ["mkdir", "-p", path],
  };
}

/**
 * Env vars and mounts for storage credentials: only the first `GOOGLE_APPLICATION_CREDENTIALS`
 * and the first `BOTO_CONFIG` secret count (exact field names), each mounted once under
 * `<mountRoot>/<secretName>` as volume `volume-<prefix>-<secretName>`.
 */
export function secretEnvAndMounts(
  prefix: string,
  mountRoot: string,
  secrets: readonly Immutable<SecretParam>[],
): { env: EnvVar[]; mounts: VolumeMount[] } {
  const seenFields = new Set<string>();
  const seenPaths = new Set<string>();
  const env: EnvVar[] = [];
  const mounts: VolumeMount[] = [];
  for (const secret of secrets) {
    const field = secret.fieldName;
    if ((field !== "GOOGLE_APPLICATION_CREDENTIALS" && field !== "BOTO_CONFIG") || seenFields.has(field)) continue;
    seenFields.add(field);
    const mountPath = joinPath(mountRoot, secret.secretName);
    env.push({ name: goToUpper(field), value: joinPath(mountPath, secret.secretKey) });
    if (!seenPaths.has(mountPath)) {
      seenPaths.add(mountPath);
      mounts.push({ name: `volume-${prefix}-${secret.secretName}`, mountPath });
    }
  }
  return { env, mounts };
}

/** Adds `env`/`volumeMounts` to a step only when non-empty (Go leaves nil slices out). */
export function withEnvAndMounts(step: Step, env: readonly EnvVar[], mounts: readonly VolumeMount[]): Step {
  const out: Step = copyObject(step);
  if (env.length > 0) out.env = [...env];
  if (mounts.length > 0) out.volumeMounts = [...mounts];
  return out;
}

/** A Secret volume named `volume-<prefix>-<secretName>`. */
export function secretVolume(name: string, secretName: string): Volume {
  return { name, secret: { secretName } };
}

/** Why a PipelineResource cannot be turned into steps, with the path inside its spec. */
export interface ResourceProblem {
  readonly problem: string;
  /** Segments relative to the resource's `spec`, e.g. `["params", 2, "value"]`. */
  readonly at: readonly (string | number)[];
}

/** Either the implementation or the reason Tekton's constructor refused the resource. */
export type ResourceResult = ResourceImpl | ResourceProblem;

/** Narrows a {@link ResourceResult}. */
export function isProblem(result: ResourceResult): result is ResourceProblem {
  return "problem" in result;
}

/** The params of a spec as a list, tolerating a missing or malformed `params`. */
export function paramsOf(spec: Immutable<{ params?: unknown }>): { name: string; value: string; index: number }[] {
  const params = spec.params;
  if (!Array.isArray(params)) return [];
  // A loop rather than flatMap: its array per param and generic flattening cost more than the reads.
  const out: { name: string; value: string; index: number }[] = [];
  for (let index = 0; index < params.length; index++) {
    const p: unknown = params[index];
    if (p === null || typeof p !== "object") continue;
    const rec = p as { name?: unknown; value?: unknown };
    out.push({ name: stringOrEmpty(rec.name), value: stringOrEmpty(rec.value), index });
  }
  return out;
}

/** The secrets of a spec, or undefined when the key is absent (Go's nil slice). */
export function secretsOf(spec: Immutable<{ secrets?: unknown }>): Immutable<SecretParam>[] | undefined {
  const secrets = spec.secrets;
  if (!Array.isArray(secrets)) return undefined;
  const out: Immutable<SecretParam>[] = [];
  for (const s of secrets as readonly unknown[]) {
    if (s === null || typeof s !== "object") continue;
    const rec = s as Record<string, unknown>;
    out.push({
      fieldName: stringOrEmpty(rec["fieldName"]),
      secretKey: stringOrEmpty(rec["secretKey"]),
      secretName: stringOrEmpty(rec["secretName"]),
    });
  }
  return out;
}
