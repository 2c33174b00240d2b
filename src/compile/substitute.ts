/**
 * Variable substitution as Tekton v0.20.1 does it (pkg/substitution, resources/apply.go,
 * v1beta1/*_replacements.go): `$(key)` is replaced in one left-to-right pass, so a value
 * that itself contains `$(…)` is not expanded again by the same pass — but later passes
 * (contexts, resources, workspaces…) do see it. Array values only replace an `args` or
 * `command` element that is exactly `$(key)` or `$(key[*])`.
 */
import type { EnvVar, EnvFromSource, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { Container, Immutable, Sidecar, Step, TaskSpec } from "../api/types.js";

export type StringReplacements = ReadonlyMap<string, string>;
export type ArrayReplacements = ReadonlyMap<string, readonly string[]>;

/**
 * Replaces every `$(key)` whose key is in `replacements`. Linear in the length of `text`
 * whatever its nesting of `$(`, because keys never contain `)`: the only candidate key
 * starting at a `$(` ends at the first `)` after it.
 */
export function replaceVariables(text: string, replacements: StringReplacements): string {
  if (replacements.size === 0) return text;
  let start = text.indexOf("$(");
  if (start < 0) return text;
  let out = "";
  let copied = 0;
  let close = -1;
  while (start >= 0) {
    if (close < start + 2) {
      close = text.indexOf(")", start + 2);
      if (close < 0) break;
    }
    const value = replacements.get(text.slice(start + 2, close));
    if (value !== undefined) {
      out += text.slice(copied, start) + value;
      copied = close + 1;
      start = text.indexOf("$(", copied);
    } else {
      start = text.indexOf("$(", start + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The array an `args`/`command` element stands for when it is exactly `$(key)` or `$(key[*])`. */
function arrayReference(text: string, arrays: ArrayReplacements): readonly string[] | undefined {
  if (arrays.size === 0 || !text.startsWith("$(") || !text.endsWith(")")) return undefined;
  const inner = text.slice(2, -1);
  return arrays.get(inner) ?? (inner.endsWith("[*]") ? arrays.get(inner.slice(0, -3)) : undefined);
}

/** One `args`/`command` element: a whole-element array reference expands to the array. */
export function replaceInListElement(
  text: string,
  strings: StringReplacements,
  arrays: ArrayReplacements,
): readonly string[] {
  return arrayReference(text, arrays) ?? [replaceVariables(text, strings)];
}

function replaceList(
  list: readonly string[] | undefined,
  strings: StringReplacements,
  arrays: ArrayReplacements,
): string[] | undefined {
  if (list === undefined) return undefined;
  if (list.length > 0 && !list.some(hasVariable)) return list as string[];
  // A loop rather than flatMap over replaceInListElement: one small array per element was a
  // measurable share of substitution, and almost every element is a plain string.
  const out: string[] = [];
  for (const item of list) {
    const array = arrayReference(item, arrays);
    if (array === undefined) out.push(replaceVariables(item, strings));
    else out.push(...array);
  }
  // Go builds the new list by appending, so a list that expands to nothing disappears.
  return out.length === 0 ? undefined : out;
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** Whether a string may hold a `$(…)` reference; values that cannot are shared, not copied. */
function hasVariable(text: string | undefined): boolean {
  return text !== undefined && text.includes("$(");
}

function replaceEnv(env: Immutable<EnvVar>, r: StringReplacements): EnvVar {
  const secretRef = env.valueFrom?.secretKeyRef;
  const configMapRef = env.valueFrom?.configMapKeyRef;
  if (!hasVariable(env.value) && !hasVariable(secretRef?.name) && !hasVariable(secretRef?.key) &&
      !hasVariable(configMapRef?.name) && !hasVariable(configMapRef?.key)) {
    return env as EnvVar;
  }
  const out = structuredCloneEnv(env);
  if (out.value !== undefined) out.value = replaceVariables(out.value, r);
  const secret = out.valueFrom?.secretKeyRef;
  if (secret !== undefined) {
    if (secret.name !== undefined) secret.name = replaceVariables(secret.name, r);
    secret.key = replaceVariables(secret.key, r);
  }
  const configMap = out.valueFrom?.configMapKeyRef;
  if (configMap !== undefined) {
    if (configMap.name !== undefined) configMap.name = replaceVariables(configMap.name, r);
    configMap.key = replaceVariables(configMap.key, r);
  }
  return out;
}

function structuredCloneEnv(env: Immutable<EnvVar>): EnvVar {
  const out: EnvVar = { ...(env as EnvVar) };
  if (env.valueFrom !== undefined) {
    out.valueFrom = { ...(env.valueFrom as EnvVar["valueFrom"]) };
    if (env.valueFrom.secretKeyRef !== undefined) out.valueFrom.secretKeyRef = { ...env.valueFrom.secretKeyRef };
    if (env.valueFrom.configMapKeyRef !== undefined) out.valueFrom.configMapKeyRef = { ...env.valueFrom.configMapKeyRef };
  }
  return out;
}

function replaceEnvFrom(source: Immutable<EnvFromSource>, r: StringReplacements): EnvFromSource {
  if (!hasVariable(source.prefix) && !hasVariable(source.configMapRef?.name) && !hasVariable(source.secretRef?.name)) {
    return source as EnvFromSource;
  }
  const out: EnvFromSource = { ...(source as EnvFromSource) };
  if (out.prefix !== undefined) out.prefix = replaceVariables(out.prefix, r);
  if (source.configMapRef !== undefined) {
    out.configMapRef = { ...source.configMapRef };
    if (out.configMapRef.name !== undefined) out.configMapRef.name = replaceVariables(out.configMapRef.name, r);
  }
  if (source.secretRef !== undefined) {
    out.secretRef = { ...source.secretRef };
    if (out.secretRef.name !== undefined) out.secretRef.name = replaceVariables(out.secretRef.name, r);
  }
  return out;
}

function replaceMount(mount: Immutable<VolumeMount>, r: StringReplacements): VolumeMount {
  if (!hasVariable(mount.name) && !hasVariable(mount.mountPath) && !hasVariable(mount.subPath)) return mount as VolumeMount;
  const out: VolumeMount = { ...(mount as VolumeMount) };
  if (mount.name !== undefined) out.name = replaceVariables(mount.name, r);
  if (mount.mountPath !== undefined) out.mountPath = replaceVariables(mount.mountPath, r);
  if (mount.subPath !== undefined) out.subPath = replaceVariables(mount.subPath, r);
  return out;
}

/**
 * The fields Tekton substitutes in a list element of a container (env, envFrom,
 * volumeMounts). These are the only ones that reach the stepTemplate — see applyReplacements.
 */
/** `list.map(fn)`, or `list` itself when `fn` returned every item unchanged. */
function mapShared<T>(list: readonly T[] | undefined, fn: (item: T) => T): T[] | undefined {
  if (list === undefined) return undefined;
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as T;
    const next = fn(item);
    if (out === undefined && next !== item) out = list.slice(0, i);
    if (out !== undefined) out.push(next);
  }
  return out ?? (list as T[]);
}

/**
 * The fields Tekton substitutes in a list element of a container (env, envFrom,
 * volumeMounts). These are the only ones that reach the stepTemplate — see applyReplacements.
 */
function replaceContainerListFields<C extends Container>(container: C, r: StringReplacements): void {
  if (container.env !== undefined) container.env = mapShared(container.env, (e) => replaceEnv(e, r)) as EnvVar[];
  if (container.envFrom !== undefined) container.envFrom = mapShared(container.envFrom, (e) => replaceEnvFrom(e, r)) as EnvFromSource[];
  if (container.volumeMounts !== undefined) {
    container.volumeMounts = mapShared(container.volumeMounts, (m) => replaceMount(m, r)) as VolumeMount[];
  }
}

const optional = (text: string | undefined, r: StringReplacements): string | undefined =>
  text === undefined ? undefined : replaceVariables(text, r);

/** A step or sidecar with Tekton's substitutions; the input itself when nothing changes. */
function replaceContainer<C extends Step | Sidecar>(
  input: Immutable<C>,
  strings: StringReplacements,
  arrays: ArrayReplacements,
): C {
  const source = input as C;
  const fields: Partial<Record<keyof C, unknown>> = {};
  const note = <K extends keyof C>(key: K, value: unknown): void => {
    if (value !== source[key]) fields[key] = value;
  };
  note("script", optional(source.script, strings));
  note("name", optional(source.name, strings));
  note("image", optional(source.image, strings));
  note("imagePullPolicy", optional(source.imagePullPolicy, strings));
  note("args", replaceList(source.args, strings, arrays));
  note("env", mapShared(source.env, (e) => replaceEnv(e, strings)));
  note("envFrom", mapShared(source.envFrom, (e) => replaceEnvFrom(e, strings)));
  note("volumeMounts", mapShared(source.volumeMounts, (m) => replaceMount(m, strings)));
  note("workingDir", optional(source.workingDir, strings));
  note("command", replaceList(source.command, strings, arrays));
  const changed = Object.keys(fields) as (keyof C)[];
  if (changed.length === 0) return source;
  const out = { ...source };
  // A list that expands to nothing disappears (Go appends into a nil slice).
  for (const key of changed) setIf(out, key, fields[key] as C[keyof C] | undefined);
  return out;
}

function replaceVolume(input: Immutable<Volume>, r: StringReplacements): Volume {
  const v: Volume = { ...(input as Volume), name: replaceVariables(input.name, r) };
  if (input.configMap !== undefined) {
    v.configMap = { ...(input.configMap as Volume["configMap"]) };
    if (input.configMap.name !== undefined) v.configMap.name = replaceVariables(input.configMap.name, r);
    if (input.configMap.items !== undefined) {
      v.configMap.items = input.configMap.items.map((i) => ({ ...i, key: replaceVariables(i.key, r), path: replaceVariables(i.path, r) }));
    }
  }
  if (input.secret !== undefined) {
    v.secret = { ...(input.secret as Volume["secret"]) };
    if (input.secret.secretName !== undefined) v.secret.secretName = replaceVariables(input.secret.secretName, r);
    if (input.secret.items !== undefined) {
      v.secret.items = input.secret.items.map((i) => ({ ...i, key: replaceVariables(i.key, r), path: replaceVariables(i.path, r) }));
    }
  }
  if (input.persistentVolumeClaim !== undefined) {
    v.persistentVolumeClaim = { ...input.persistentVolumeClaim, claimName: replaceVariables(input.persistentVolumeClaim.claimName, r) };
  }
  if (input.projected !== undefined) {
    const projected = input.projected as NonNullable<Volume["projected"]>;
    v.projected = { ...projected };
    if (projected.sources !== undefined) {
      v.projected.sources = projected.sources.map((s) => {
        const source = { ...s };
        if (s.configMap !== undefined) {
          source.configMap = { ...s.configMap };
          if (s.configMap.name !== undefined) source.configMap.name = replaceVariables(s.configMap.name, r);
        }
        if (s.secret !== undefined) {
          source.secret = { ...s.secret };
          if (s.secret.name !== undefined) source.secret.name = replaceVariables(s.secret.name, r);
        }
        if (s.serviceAccountToken !== undefined) {
          source.serviceAccountToken = { ...s.serviceAccountToken };
          if (s.serviceAccountToken.audience !== undefined) {
            source.serviceAccountToken.audience = replaceVariables(s.serviceAccountToken.audience, r);
          }
        }
        return source;
      });
    }
  }
  if (input.csi !== undefined) {
    const csi = input.csi as NonNullable<Volume["csi"]>;
    v.csi = { ...csi };
    if (csi.nodePublishSecretRef !== undefined) {
      v.csi.nodePublishSecretRef = { ...csi.nodePublishSecretRef };
      if (csi.nodePublishSecretRef.name !== undefined) {
        v.csi.nodePublishSecretRef.name = replaceVariables(csi.nodePublishSecretRef.name, r);
      }
    }
    if (csi.volumeAttributes !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [k, value] of Object.entries(csi.volumeAttributes)) attributes[k] = replaceVariables(value, r);
      v.csi.volumeAttributes = attributes;
    }
  }
  return v;
}

const NO_ARRAYS: ArrayReplacements = new Map();

/**
 * Tekton's ApplyReplacements over a Task spec: steps, sidecars, the listed volume fields and
 * — a v0.20.1 quirk reproduced on purpose — only the list-element fields of the
 * stepTemplate (env, envFrom, volumeMounts). Tekton substitutes a copy of the template whose
 * lists share storage with the original, so only in-place list edits survive; the template's
 * image, args, command and workingDir are left as written.
 */
export function applyReplacements(
  spec: Immutable<TaskSpec>,
  strings: StringReplacements,
  arrays: ArrayReplacements = NO_ARRAYS,
): TaskSpec {
  if (strings.size === 0 && arrays.size === 0) return spec as TaskSpec;
  const out: TaskSpec = { ...(spec as TaskSpec) };
  if (spec.steps !== undefined) out.steps = spec.steps.map((s) => replaceContainer<Step>(s, strings, arrays));
  if (spec.stepTemplate !== undefined) {
    const template = { ...(spec.stepTemplate as Container) };
    replaceContainerListFields(template, strings);
    out.stepTemplate = template;
  }
  if (spec.volumes !== undefined) out.volumes = spec.volumes.map((v) => replaceVolume(v, strings));
  if (spec.sidecars !== undefined) out.sidecars = spec.sidecars.map((s) => replaceContainer<Sidecar>(s, strings, arrays));
  return out;
}
