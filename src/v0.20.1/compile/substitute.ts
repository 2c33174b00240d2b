/**
 * Variable substitution as Tekton v0.20.1 does it (pkg/substitution, resources/apply.go,
 * v1beta1/*_replacements.go): `$(key)` is replaced in one left-to-right pass, so a value
 * that itself contains `$(…)` is not expanded again by the same pass — but later passes
 * (contexts, resources, workspaces…) do see it. Array values only replace an `args` or
 * `command` element that is exactly `$(key)` or `$(key[*])`.
 */
import type { EnvFromSource, EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { Container, Immutable, Sidecar, Step, TaskSpec } from "../../api/types.js";
import { MAX_GENERATED_TEXT, TextBudget } from "../../k8s/limits.js";
import { appendAll } from "../../read-values.js";

/** Values by variable key (`params.name`, `context.taskRun.uid`…); a Map is one. */
export interface Replacements<T> {
  /** 0 when nothing can be replaced, which lets a pass skip its work. */
  readonly size: number;
  get(key: string): T | undefined;
}
export type StringReplacements = Replacements<string>;
export type ArrayReplacements = Replacements<readonly string[]>;

const NO_ARRAYS: ArrayReplacements = new Map();

/**
 * What the current {@link applyReplacements} call has generated: a short value referenced many
 * times, or a long array expanded in many steps, multiplies the input's size, so each new
 * string and expanded list is counted. Set for the duration of one synchronous call only.
 */
let budget: TextBudget | undefined;

function spend(chars: number): void {
  budget?.spend(chars, [], "substituting variables");
}

/**
 * Replaces every `$(key)` whose key is in `replacements`. Linear in the length of `text`
 * whatever its nesting of `$(`, because keys never contain `)`: the only candidate key
 * starting at a `$(` ends at the first `)` after it.
 */
function replaceVariables(text: string, replacements: StringReplacements): string {
  return replaceFrom(text, text.indexOf("$("), replacements);
}

/** {@link replaceVariables}, given where the first `$(` is (-1: nowhere). */
function replaceFrom(text: string, first: number, replacements: StringReplacements): string {
  if (replacements.size === 0 || first < 0) return text;
  let start = first;
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
      // One string past the limit is refused before it outgrows what the engine can hold.
      if (out.length > MAX_GENERATED_TEXT) spend(out.length);
      copied = close + 1;
      start = text.indexOf("$(", copied);
    } else {
      start = text.indexOf("$(", start + 1);
    }
  }
  if (copied === 0) return text;
  out += text.slice(copied);
  spend(out.length);
  return out;
}

/** The array an `args`/`command` element stands for when it is exactly `$(key)` or `$(key[*])`. */
function arrayReference(text: string, arrays: ArrayReplacements): readonly string[] | undefined {
  if (arrays.size === 0 || !text.startsWith("$(") || !text.endsWith(")")) return undefined;
  const inner = text.slice(2, -1);
  return arrays.get(inner) ?? (inner.endsWith("[*]") ? arrays.get(inner.slice(0, -3)) : undefined);
}

/** One substitution pass: the variables it replaces. */
export interface ReplacementPass {
  readonly strings: StringReplacements;
  readonly arrays?: ArrayReplacements;
}

/**
 * `text` through every pass in turn: a later pass sees what an earlier one put in. The same
 * string comes back when no pass changed it.
 */
function replaceAll(text: string, passes: readonly ReplacementPass[]): string {
  let out = text;
  for (const pass of passes) {
    const first = out.indexOf("$(");
    // Without a `$(` no later pass can change the string either.
    if (first < 0) break;
    out = replaceFrom(out, first, pass.strings);
  }
  return out;
}

function replaceOptional(text: string | undefined, passes: readonly ReplacementPass[]): string | undefined {
  return text === undefined ? undefined : replaceAll(text, passes);
}

/** An `args`/`command` list through one pass; whole-element array references expand. */
function replaceList(
  list: readonly string[] | undefined,
  strings: StringReplacements,
  arrays: ArrayReplacements,
): string[] | undefined {
  if (list === undefined) return undefined;
  if (list.length > 0 && !list.some(hasVariable)) return list as string[];
  // A loop rather than flatMap: one small array per element was a measurable share of
  // substitution, and almost every element is a plain string.
  const out: string[] = [];
  for (const item of list) {
    const array = arrayReference(item, arrays);
    if (array === undefined) {
      out.push(replaceVariables(item, strings));
    } else {
      let chars = array.length;
      for (let i = 0; i < array.length; i++) chars += (array[i] as string).length;
      spend(chars);
      appendAll(out, array);
    }
  }
  // Go builds the new list by appending, so a list that expands to nothing disappears.
  return out.length === 0 ? undefined : out;
}

function replaceListAll(list: readonly string[] | undefined, passes: readonly ReplacementPass[]): string[] | undefined {
  let out = list as string[] | undefined;
  for (const pass of passes) out = replaceList(out, pass.strings, pass.arrays ?? NO_ARRAYS);
  return out;
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** Whether a string may hold a `$(…)` reference; values that cannot are shared, not copied. */
function hasVariable(text: string | undefined): boolean {
  return text?.includes("$(") === true;
}

function replaceEnv(env: Immutable<EnvVar>, passes: readonly ReplacementPass[]): EnvVar {
  const secretRef = env.valueFrom?.secretKeyRef;
  const configMapRef = env.valueFrom?.configMapKeyRef;
  if (
    !hasVariable(env.value) &&
    !hasVariable(secretRef?.name) &&
    !hasVariable(secretRef?.key) &&
    !hasVariable(configMapRef?.name) &&
    !hasVariable(configMapRef?.key)
  ) {
    return env as EnvVar;
  }
  const out = copyEnv(env);
  if (out.value !== undefined) out.value = replaceAll(out.value, passes);
  const secret = out.valueFrom?.secretKeyRef;
  if (secret !== undefined) {
    if (secret.name !== undefined) secret.name = replaceAll(secret.name, passes);
    secret.key = replaceAll(secret.key, passes);
  }
  const configMap = out.valueFrom?.configMapKeyRef;
  if (configMap !== undefined) {
    if (configMap.name !== undefined) configMap.name = replaceAll(configMap.name, passes);
    configMap.key = replaceAll(configMap.key, passes);
  }
  return out;
}

function copyEnv(env: Immutable<EnvVar>): EnvVar {
  const out: EnvVar = { ...(env as EnvVar) };
  if (env.valueFrom !== undefined) {
    out.valueFrom = { ...(env.valueFrom as EnvVar["valueFrom"]) };
    if (env.valueFrom.secretKeyRef !== undefined) out.valueFrom.secretKeyRef = { ...env.valueFrom.secretKeyRef };
    if (env.valueFrom.configMapKeyRef !== undefined)
      out.valueFrom.configMapKeyRef = { ...env.valueFrom.configMapKeyRef };
  }
  return out;
}

function replaceEnvFrom(source: Immutable<EnvFromSource>, passes: readonly ReplacementPass[]): EnvFromSource {
  if (!hasVariable(source.prefix) && !hasVariable(source.configMapRef?.name) && !hasVariable(source.secretRef?.name)) {
    return source as EnvFromSource;
  }
  const out: EnvFromSource = { ...(source as EnvFromSource) };
  if (out.prefix !== undefined) out.prefix = replaceAll(out.prefix, passes);
  if (source.configMapRef !== undefined) out.configMapRef = replaceName(source.configMapRef, passes);
  if (source.secretRef !== undefined) out.secretRef = replaceName(source.secretRef, passes);
  return out;
}

/** A copy of a reference (configMapRef, a projected secret…) with its `name` substituted. */
function replaceName<T extends { name?: string }>(ref: Immutable<T>, passes: readonly ReplacementPass[]): T {
  const out = { ...(ref as T) };
  if (out.name !== undefined) out.name = replaceAll(out.name, passes);
  return out;
}

function replaceMount(mount: Immutable<VolumeMount>, passes: readonly ReplacementPass[]): VolumeMount {
  if (!hasVariable(mount.name) && !hasVariable(mount.mountPath) && !hasVariable(mount.subPath))
    return mount as VolumeMount;
  const out: VolumeMount = { ...(mount as VolumeMount) };
  if (mount.name !== undefined) out.name = replaceAll(mount.name, passes);
  if (mount.mountPath !== undefined) out.mountPath = replaceAll(mount.mountPath, passes);
  if (mount.subPath !== undefined) out.subPath = replaceAll(mount.subPath, passes);
  return out;
}

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
function replaceContainerListFields<C extends Container>(container: C, passes: readonly ReplacementPass[]): void {
  if (container.env !== undefined) container.env = mapShared(container.env, (e) => replaceEnv(e, passes)) as EnvVar[];
  if (container.envFrom !== undefined) {
    container.envFrom = mapShared(container.envFrom, (e) => replaceEnvFrom(e, passes)) as EnvFromSource[];
  }
  if (container.volumeMounts !== undefined) {
    container.volumeMounts = mapShared(container.volumeMounts, (m) => replaceMount(m, passes)) as VolumeMount[];
  }
}

/** A step or sidecar with Tekton's substitutions; the input itself when nothing changes. */
function replaceContainer<C extends Step | Sidecar>(input: Immutable<C>, passes: readonly ReplacementPass[]): C {
  const source = input as C;
  // Each helper hands back the very value it got when there was nothing to replace, so an
  // unchanged container is recognized without building anything.
  const script = replaceOptional(source.script, passes);
  const name = replaceOptional(source.name, passes);
  const image = replaceOptional(source.image, passes);
  const imagePullPolicy = replaceOptional(source.imagePullPolicy, passes);
  const args = replaceListAll(source.args, passes);
  const env = mapShared(source.env, (e) => replaceEnv(e, passes));
  const envFrom = mapShared(source.envFrom, (e) => replaceEnvFrom(e, passes));
  const volumeMounts = mapShared(source.volumeMounts, (m) => replaceMount(m, passes));
  const workingDir = replaceOptional(source.workingDir, passes);
  const command = replaceListAll(source.command, passes);
  if (
    script === source.script &&
    name === source.name &&
    image === source.image &&
    imagePullPolicy === source.imagePullPolicy &&
    args === source.args &&
    env === source.env &&
    envFrom === source.envFrom &&
    volumeMounts === source.volumeMounts &&
    workingDir === source.workingDir &&
    command === source.command
  ) {
    return source;
  }
  const out: C = { ...source };
  const update = <K extends keyof C>(key: K, value: C[K] | undefined): void => {
    // A list that expands to nothing disappears (Go appends into a nil slice).
    if (value !== source[key]) setIf(out, key, value);
  };
  update("script", script);
  update("name", name);
  update("image", image);
  update("imagePullPolicy", imagePullPolicy);
  update("args", args);
  update("env", env as C["env"]);
  update("envFrom", envFrom as C["envFrom"]);
  update("volumeMounts", volumeMounts as C["volumeMounts"]);
  update("workingDir", workingDir);
  update("command", command);
  return out;
}

function replaceVolume(input: Immutable<Volume>, passes: readonly ReplacementPass[]): Volume {
  const v: Volume = { ...(input as Volume), name: replaceAll(input.name, passes) };
  if (input.configMap !== undefined) {
    v.configMap = { ...(input.configMap as Volume["configMap"]) };
    if (input.configMap.name !== undefined) v.configMap.name = replaceAll(input.configMap.name, passes);
    if (input.configMap.items !== undefined) {
      v.configMap.items = input.configMap.items.map((i) => ({
        ...i,
        key: replaceAll(i.key, passes),
        path: replaceAll(i.path, passes),
      }));
    }
  }
  if (input.secret !== undefined) {
    v.secret = { ...(input.secret as Volume["secret"]) };
    if (input.secret.secretName !== undefined) v.secret.secretName = replaceAll(input.secret.secretName, passes);
    if (input.secret.items !== undefined) {
      v.secret.items = input.secret.items.map((i) => ({
        ...i,
        key: replaceAll(i.key, passes),
        path: replaceAll(i.path, passes),
      }));
    }
  }
  if (input.persistentVolumeClaim !== undefined) {
    v.persistentVolumeClaim = {
      ...input.persistentVolumeClaim,
      claimName: replaceAll(input.persistentVolumeClaim.claimName, passes),
    };
  }
  if (input.projected !== undefined) {
    const projected = input.projected as NonNullable<Volume["projected"]>;
    v.projected = { ...projected };
    if (projected.sources !== undefined) {
      v.projected.sources = projected.sources.map((s) => {
        const source = { ...s };
        if (s.configMap !== undefined) source.configMap = replaceName(s.configMap, passes);
        if (s.secret !== undefined) source.secret = replaceName(s.secret, passes);
        if (s.serviceAccountToken !== undefined) {
          source.serviceAccountToken = { ...s.serviceAccountToken };
          if (s.serviceAccountToken.audience !== undefined) {
            source.serviceAccountToken.audience = replaceAll(s.serviceAccountToken.audience, passes);
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
        v.csi.nodePublishSecretRef.name = replaceAll(csi.nodePublishSecretRef.name, passes);
      }
    }
    if (csi.volumeAttributes !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [k, value] of Object.entries(csi.volumeAttributes)) attributes[k] = replaceAll(value, passes);
      v.csi.volumeAttributes = attributes;
    }
  }
  return v;
}

/**
 * Tekton's ApplyReplacements over a Task spec, once per pass in the order given: steps,
 * sidecars, the listed volume fields and — a v0.20.1 quirk reproduced on purpose — only the
 * list-element fields of the stepTemplate (env, envFrom, volumeMounts). Tekton substitutes a
 * copy of the template whose lists share storage with the original, so only in-place list
 * edits survive; the template's image, args, command and workingDir are left as written.
 *
 * What one pass does to a field depends on that field alone, so each field is taken through
 * all passes at once: the result is what pass after pass over the whole spec gives, but every
 * step is read once and copied at most once, which keeps Tasks with thousands of steps from
 * streaming through memory once per pass. `scope` "stepTemplate and volumes" leaves the
 * steps and sidecars as they are.
 */
export function applyReplacements(
  spec: Immutable<TaskSpec>,
  passes: readonly ReplacementPass[],
  scope: "whole spec" | "stepTemplate and volumes" = "whole spec",
): TaskSpec {
  const active = passes.filter((p) => p.strings.size > 0 || (p.arrays?.size ?? 0) > 0);
  if (active.length === 0) return spec as TaskSpec;
  const outer = budget;
  budget ??= new TextBudget();
  try {
    return replaceSpec(spec, active, scope);
  } finally {
    budget = outer;
  }
}

function replaceSpec(
  spec: Immutable<TaskSpec>,
  active: readonly ReplacementPass[],
  scope: "whole spec" | "stepTemplate and volumes",
): TaskSpec {
  const out: TaskSpec = { ...(spec as TaskSpec) };
  const containers = scope === "whole spec";
  if (containers && spec.steps !== undefined) out.steps = spec.steps.map((s) => replaceContainer<Step>(s, active));
  if (spec.stepTemplate !== undefined) {
    const template = { ...(spec.stepTemplate as Container) };
    replaceContainerListFields(template, active);
    out.stepTemplate = template;
  }
  if (spec.volumes !== undefined) out.volumes = spec.volumes.map((v) => replaceVolume(v, active));
  if (containers && spec.sidecars !== undefined)
    out.sidecars = spec.sidecars.map((s) => replaceContainer<Sidecar>(s, active));
  return out;
}
