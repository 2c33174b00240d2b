/**
 * Variable substitution as Tekton v0.20.1 does it (pkg/substitution, resources/apply.go,
 * v1beta1/*_replacements.go): `$(key)` is replaced in one left-to-right pass, so a value
 * that itself contains `$(…)` is not expanded again by the same pass — but later passes
 * (contexts, resources, workspaces…) do see it. Array values only replace an `args` or
 * `command` element that is exactly `$(key)` or `$(key[*])`.
 */
import type { EnvFromSource, EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { Container, Immutable, Sidecar, Step, TaskSpec } from "../../api/types.js";
import type { PathSegment } from "../../errors.js";
import type { Explainer, Location, RuleCode } from "../../explain/index.js";
import { mapShared } from "../../k8s/copy-object.js";
import { MAX_GENERATED_TEXT, TextBudget } from "../../k8s/limits.js";
import { setRecord } from "../../k8s/records.js";
import { replaceInOneScan, type ScanLimits, startsWithAny } from "../../k8s/replacer.js";
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
 * The explanation being gathered by the current {@link applyReplacements} call, when one was
 * asked for: the collector, where the field being substituted sits, the pass being applied and
 * the variables it replaced in that field so far. Like `budget`, set for one synchronous call;
 * absent, every use below is a single comparison.
 */
interface Trace {
  readonly explain: Explainer;
  base: Location;
  pass: ReplacementPass | undefined;
  readonly hits: { readonly pass: ReplacementPass | undefined; readonly key: string }[];
}

let trace: Trace | undefined;

/**
 * For the current {@link applyReplacements} call, when every pass says what its keys start with
 * and each starts with a lowercase letter (as all of Tekton's do): bit `c - 96` set for each
 * character code `c` a key may start with; 0 otherwise (no filter). A `$(` followed by another
 * character — most of a script's shell command substitutions — is passed over without trying
 * each pass's prefixes. Like `budget`, set for one synchronous call.
 */
let keyStarts = 0;

/** {@link keyStarts} of `passes`. */
function keyStartsOf(passes: readonly ReplacementPass[]): number {
  let starts = 0;
  for (const pass of passes) {
    if (pass.prefixes === undefined) return 0;
    for (const prefix of pass.prefixes) {
      const bit = prefix.charCodeAt(0) - 96;
      if (!(bit >= 0 && bit < 32)) return 0;
      starts |= 1 << bit;
    }
  }
  return starts;
}

/** Whether a key may start with the character of code `code`, by {@link keyStarts}. */
function mayStartKey(code: number): boolean {
  if (keyStarts === 0) return true;
  const bit = code - 96;
  return bit >= 0 && bit < 32 && (keyStarts & (1 << bit)) !== 0;
}

/** The variables replaced since the last flush were replaced in the field at `at` (below `trace.base`). */
function flushAt(t: Trace, at: readonly PathSegment[]): void {
  if (t.hits.length === 0) return;
  const location = [...t.base, ...at];
  for (const { pass, key } of t.hits) {
    const origin = pass?.origin;
    if (origin === undefined) continue;
    t.explain.add(location, origin.rule(key), origin.note(key), origin.from(key));
  }
  t.hits.length = 0;
}

/**
 * Replaces every `$(key)` whose key is in `replacements`. Linear in the length of `text`
 * whatever its nesting of `$(`, because keys never contain `)`: the only candidate key
 * starting at a `$(` ends at the first `)` after it.
 */
function replaceVariables(text: string, replacements: StringReplacements): string {
  return replaceFrom(text, text.indexOf("$("), replacements);
}

/**
 * {@link replaceVariables}, given where the first `$(` is (-1: nowhere). With `prefixes` (every
 * key starts with one of them), a `$(` followed by none of them — a shell command substitution,
 * another pass's variable — is passed over without cutting out and looking up its key.
 */
function replaceFrom(
  text: string,
  first: number,
  replacements: StringReplacements,
  prefixes?: readonly string[],
): string {
  if (replacements.size === 0 || first < 0) return text;
  let start = first;
  let out = "";
  let copied = 0;
  let close = -1;
  while (start >= 0) {
    if (prefixes !== undefined && !startsWithAny(text, start + 2, prefixes)) {
      start = text.indexOf("$(", start + 1);
      continue;
    }
    if (close < start + 2) {
      close = text.indexOf(")", start + 2);
      if (close < 0) break;
    }
    const value = replacements.get(text.slice(start + 2, close));
    if (value !== undefined) {
      if (trace !== undefined) trace.hits.push({ pass: trace.pass, key: text.slice(start + 2, close) });
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

/** Where a pass's values come from, for an explanation: its rule, and each key's input field. */
export interface PassOrigin {
  /** The rule that replacing `key` applies. */
  rule(key: string): RuleCode;
  /** The input field the value of `key` (`params.greeting`) came from, if any. */
  from(key: string): Location | undefined;
  /** One sentence on what replacing `key` did. */
  note(key: string): string;
}

/** One substitution pass: the variables it replaces. */
export interface ReplacementPass {
  readonly strings: StringReplacements;
  readonly arrays?: ArrayReplacements;
  /** When given, every key of `strings` starts with one of these (`params.`…): others are not looked up. */
  readonly prefixes?: readonly string[];
  /** Set only when an explanation is gathered. */
  readonly origin?: PassOrigin;
}

/**
 * `text` through `passes[from…to)` in turn: a later pass sees what an earlier one put in. The
 * same string comes back when no pass changed it.
 */
function replaceAll(text: string, passes: readonly ReplacementPass[], from = 0, to = passes.length): string {
  const first = text.indexOf("$(");
  if (first < 0) return text;
  if (trace === undefined) {
    const scanned = replaceInOneScan(text, first, passes, from, to, SCAN_LIMITS);
    if (scanned !== undefined) return scanned;
  }
  let out = text;
  for (let p = from; p < to; p++) {
    const pass = passes[p] as ReplacementPass;
    const at = out.indexOf("$(");
    // Without a `$(` no later pass can change the string either.
    if (at < 0) break;
    if (trace !== undefined) trace.pass = pass;
    out = replaceFrom(out, at, pass.strings, pass.prefixes);
  }
  return out;
}

/** How this release's one scan is limited: keys' first characters, and the generated-text budget. */
const SCAN_LIMITS: ScanLimits = { mayStartKey, spend, checkAbove: MAX_GENERATED_TEXT };

function replaceOptional(text: string | undefined, passes: readonly ReplacementPass[]): string | undefined {
  return text === undefined ? undefined : replaceAll(text, passes);
}

const NOWHERE: Location = [];

/**
 * An `args`/`command` list through one pass; whole-element array references expand. While an
 * explanation is gathered, each item's entries go with it to the place (or places, for an
 * expanded array) it ends up.
 */
function replaceList(
  list: readonly string[] | undefined,
  strings: StringReplacements,
  arrays: ArrayReplacements,
  field: "args" | "command",
): string[] | undefined {
  if (list === undefined) return undefined;
  if (list.length > 0 && !list.some(hasVariable)) return list as string[];
  const t = trace;
  // Where the list sits, and where its entries wait while it is rebuilt (explaining only).
  let at: Location = NOWHERE;
  let scratch: Location = NOWHERE;
  if (t !== undefined) {
    at = [...t.base, field];
    scratch = ["substitution", ...at];
    t.explain.move(at, scratch);
  }
  // A loop rather than flatMap: one small array per element was a measurable share of
  // substitution, and almost every element is a plain string.
  const out: string[] = [];
  for (let j = 0; j < list.length; j++) {
    const item = list[j] as string;
    const array = arrayReference(item, arrays);
    if (array === undefined) {
      t?.explain.copy([...scratch, j], [...at, out.length]);
      out.push(replaceVariables(item, strings));
      if (t !== undefined) flushAt(t, [field, out.length - 1]);
    } else {
      let chars = array.length;
      for (let i = 0; i < array.length; i++) chars += (array[i] as string).length;
      spend(chars);
      if (t !== undefined) explainExpansion(t, [...scratch, j], at, out.length, item.slice(2, -1), array.length);
      appendAll(out, array);
    }
  }
  t?.explain.drop(scratch);
  // Go builds the new list by appending, so a list that expands to nothing disappears.
  return out.length === 0 ? undefined : out;
}

/**
 * The entries of an array reference `$(key)` (at `from`) that expanded into `count` items at
 * `at[start…]`: each item keeps the reference's entries, and says which item of the array it is.
 */
function explainExpansion(t: Trace, from: Location, at: Location, start: number, key: string, count: number): void {
  const origin = t.pass?.origin;
  const source = origin?.from(key.endsWith("[*]") ? key.slice(0, -3) : key);
  for (let m = 0; m < count; m++) {
    t.explain.copy(from, [...at, start + m]);
    if (origin !== undefined) {
      const note = `${origin.note(key)} Item ${m} of the array.`;
      t.explain.add([...at, start + m], origin.rule(key), note, source === undefined ? undefined : [...source, m]);
    }
  }
}

function replaceListAll(
  list: readonly string[] | undefined,
  passes: readonly ReplacementPass[],
  field: "args" | "command",
): string[] | undefined {
  // A list without a `$(` stays as it is through every pass: looked at once, not once per pass.
  if (list !== undefined && list.length > 0 && !list.some(hasVariable)) return list as string[];
  if (trace !== undefined || list === undefined) {
    let out = list as string[] | undefined;
    for (const pass of passes) {
      if (trace !== undefined) trace.pass = pass;
      out = replaceList(out, pass.strings, pass.arrays ?? NO_ARRAYS, field);
    }
    return out;
  }
  // Each pass maps the items one by one, so each item can be taken through all passes in turn:
  // one new list instead of one per pass.
  const out: string[] = [];
  for (let j = 0; j < list.length; j++) replaceItem(list[j] as string, passes, 0, out);
  // Go builds the new list by appending, so a list that expands to nothing disappears.
  return out.length === 0 ? undefined : out;
}

/** An `args`/`command` item through `passes[from…]`, appended to `out` (an array reference, as its items). */
function replaceItem(item: string, passes: readonly ReplacementPass[], from: number, out: string[]): void {
  let text = item;
  let p = from;
  while (p < passes.length && text.includes("$(")) {
    const arrays = (passes[p] as ReplacementPass).arrays;
    if (arrays === undefined || arrays.size === 0) {
      // The passes up to the next with arrays treat the item as any string.
      let end = p + 1;
      while (end < passes.length && ((passes[end] as ReplacementPass).arrays?.size ?? 0) === 0) end++;
      text = replaceAll(text, passes, p, end);
      p = end;
      continue;
    }
    const array = arrayReference(text, arrays);
    if (array !== undefined) {
      let chars = array.length;
      for (let i = 0; i < array.length; i++) chars += (array[i] as string).length;
      spend(chars);
      for (let i = 0; i < array.length; i++) replaceItem(array[i] as string, passes, p + 1, out);
      return;
    }
    const pass = passes[p] as ReplacementPass;
    text = replaceFrom(text, text.indexOf("$("), pass.strings, pass.prefixes);
    p++;
  }
  out.push(text);
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** Whether a string may hold a `$(…)` reference; values that cannot are shared, not copied. */
function hasVariable(text: string | undefined): boolean {
  return text?.includes("$(") === true;
}

function replaceEnv(env: Immutable<EnvVar>, passes: readonly ReplacementPass[], index: number): EnvVar {
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
  if (trace !== undefined) flushAt(trace, ["env", index, "value"]);
  const secret = out.valueFrom?.secretKeyRef;
  if (secret !== undefined) {
    if (secret.name !== undefined) secret.name = replaceAll(secret.name, passes);
    if (trace !== undefined) flushAt(trace, ["env", index, "valueFrom", "secretKeyRef", "name"]);
    secret.key = replaceAll(secret.key, passes);
    if (trace !== undefined) flushAt(trace, ["env", index, "valueFrom", "secretKeyRef", "key"]);
  }
  const configMap = out.valueFrom?.configMapKeyRef;
  if (configMap !== undefined) {
    if (configMap.name !== undefined) configMap.name = replaceAll(configMap.name, passes);
    if (trace !== undefined) flushAt(trace, ["env", index, "valueFrom", "configMapKeyRef", "name"]);
    configMap.key = replaceAll(configMap.key, passes);
    if (trace !== undefined) flushAt(trace, ["env", index, "valueFrom", "configMapKeyRef", "key"]);
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

function replaceEnvFrom(
  source: Immutable<EnvFromSource>,
  passes: readonly ReplacementPass[],
  index: number,
): EnvFromSource {
  if (!hasVariable(source.prefix) && !hasVariable(source.configMapRef?.name) && !hasVariable(source.secretRef?.name)) {
    return source as EnvFromSource;
  }
  const out: EnvFromSource = { ...(source as EnvFromSource) };
  if (out.prefix !== undefined) out.prefix = replaceAll(out.prefix, passes);
  if (trace !== undefined) flushAt(trace, ["envFrom", index, "prefix"]);
  if (source.configMapRef !== undefined) out.configMapRef = replaceName(source.configMapRef, passes);
  if (trace !== undefined) flushAt(trace, ["envFrom", index, "configMapRef", "name"]);
  if (source.secretRef !== undefined) out.secretRef = replaceName(source.secretRef, passes);
  if (trace !== undefined) flushAt(trace, ["envFrom", index, "secretRef", "name"]);
  return out;
}

/** A copy of a reference (configMapRef, a projected secret…) with its `name` substituted. */
function replaceName<T extends { name?: string }>(ref: Immutable<T>, passes: readonly ReplacementPass[]): T {
  const out = { ...(ref as T) };
  if (out.name !== undefined) out.name = replaceAll(out.name, passes);
  return out;
}

function replaceMount(mount: Immutable<VolumeMount>, passes: readonly ReplacementPass[], index: number): VolumeMount {
  if (!hasVariable(mount.name) && !hasVariable(mount.mountPath) && !hasVariable(mount.subPath))
    return mount as VolumeMount;
  const out: VolumeMount = { ...(mount as VolumeMount) };
  if (mount.name !== undefined) out.name = replaceAll(mount.name, passes);
  if (trace !== undefined) flushAt(trace, ["volumeMounts", index, "name"]);
  if (mount.mountPath !== undefined) out.mountPath = replaceAll(mount.mountPath, passes);
  if (trace !== undefined) flushAt(trace, ["volumeMounts", index, "mountPath"]);
  if (mount.subPath !== undefined) out.subPath = replaceAll(mount.subPath, passes);
  if (trace !== undefined) flushAt(trace, ["volumeMounts", index, "subPath"]);
  return out;
}

/**
 * The fields Tekton substitutes in a list element of a container (env, envFrom,
 * volumeMounts). These are the only ones that reach the stepTemplate — see applyReplacements.
 */
function replaceContainerListFields<C extends Container>(container: C, passes: readonly ReplacementPass[]): void {
  if (container.env !== undefined)
    container.env = mapShared(container.env, (e, i) => replaceEnv(e, passes, i)) as EnvVar[];
  if (container.envFrom !== undefined) {
    container.envFrom = mapShared(container.envFrom, (e, i) => replaceEnvFrom(e, passes, i)) as EnvFromSource[];
  }
  if (container.volumeMounts !== undefined) {
    container.volumeMounts = mapShared(container.volumeMounts, (m, i) => replaceMount(m, passes, i)) as VolumeMount[];
  }
}

/** A step or sidecar with Tekton's substitutions; the input itself when nothing changes. */
function replaceContainer<C extends Step | Sidecar>(input: Immutable<C>, passes: readonly ReplacementPass[]): C {
  const source = input as C;
  // Each helper hands back the very value it got when there was nothing to replace, so an
  // unchanged container is recognized without building anything.
  const script = replaceOptional(source.script, passes);
  if (trace !== undefined) flushAt(trace, ["script"]);
  const name = replaceOptional(source.name, passes);
  if (trace !== undefined) flushAt(trace, ["name"]);
  const image = replaceOptional(source.image, passes);
  if (trace !== undefined) flushAt(trace, ["image"]);
  const imagePullPolicy = replaceOptional(source.imagePullPolicy, passes);
  if (trace !== undefined) flushAt(trace, ["imagePullPolicy"]);
  const args = replaceListAll(source.args, passes, "args");
  const env = mapShared(source.env, (e, i) => replaceEnv(e, passes, i));
  const envFrom = mapShared(source.envFrom, (e, i) => replaceEnvFrom(e, passes, i));
  const volumeMounts = mapShared(source.volumeMounts, (m, i) => replaceMount(m, passes, i));
  const workingDir = replaceOptional(source.workingDir, passes);
  if (trace !== undefined) flushAt(trace, ["workingDir"]);
  const command = replaceListAll(source.command, passes, "command");
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

/** A configMap or secret volume item with its key and path substituted. */
function replaceKeyToPath<T extends { key: string; path: string }>(
  item: Immutable<T>,
  passes: readonly ReplacementPass[],
  at: readonly PathSegment[],
): T {
  const key = replaceAll(item.key, passes);
  if (trace !== undefined) flushAt(trace, [...at, "key"]);
  const path = replaceAll(item.path, passes);
  if (trace !== undefined) flushAt(trace, [...at, "path"]);
  return { ...(item as T), key, path };
}

/**
 * Whether a volume holds a `$(` in a field Tekton substitutes: most hold none, and are then
 * shared rather than copied field by field.
 */
function volumeHasVariable(input: Immutable<Volume>): boolean {
  if (hasVariable(input.name)) return true;
  const { configMap, secret, persistentVolumeClaim, projected, csi } = input;
  if (configMap !== undefined && (hasVariable(configMap.name) || itemsHaveVariable(configMap.items))) return true;
  if (secret !== undefined && (hasVariable(secret.secretName) || itemsHaveVariable(secret.items))) return true;
  if (persistentVolumeClaim !== undefined && hasVariable(persistentVolumeClaim.claimName)) return true;
  if (projected?.sources !== undefined) {
    for (const source of projected.sources) {
      if (
        hasVariable(source.configMap?.name) ||
        hasVariable(source.secret?.name) ||
        hasVariable(source.serviceAccountToken?.audience)
      ) {
        return true;
      }
    }
  }
  if (csi !== undefined) {
    if (hasVariable(csi.nodePublishSecretRef?.name)) return true;
    if (csi.volumeAttributes !== undefined) {
      for (const value of Object.values(csi.volumeAttributes)) if (hasVariable(value)) return true;
    }
  }
  return false;
}

function itemsHaveVariable(items: Immutable<{ key: string; path: string }[]> | undefined): boolean {
  return items?.some((item) => hasVariable(item.key) || hasVariable(item.path)) === true;
}

function replaceVolume(input: Immutable<Volume>, passes: readonly ReplacementPass[]): Volume {
  // Nothing to replace, nothing to explain: the volume is the input itself.
  if (!volumeHasVariable(input)) return input as Volume;
  const v: Volume = { ...(input as Volume), name: replaceAll(input.name, passes) };
  if (trace !== undefined) flushAt(trace, ["name"]);
  if (input.configMap !== undefined) {
    v.configMap = { ...(input.configMap as Volume["configMap"]) };
    if (input.configMap.name !== undefined) v.configMap.name = replaceAll(input.configMap.name, passes);
    if (trace !== undefined) flushAt(trace, ["configMap", "name"]);
    if (input.configMap.items !== undefined) {
      v.configMap.items = input.configMap.items.map((i, k) => replaceKeyToPath(i, passes, ["configMap", "items", k]));
    }
  }
  if (input.secret !== undefined) {
    v.secret = { ...(input.secret as Volume["secret"]) };
    if (input.secret.secretName !== undefined) v.secret.secretName = replaceAll(input.secret.secretName, passes);
    if (trace !== undefined) flushAt(trace, ["secret", "secretName"]);
    if (input.secret.items !== undefined) {
      v.secret.items = input.secret.items.map((i, k) => replaceKeyToPath(i, passes, ["secret", "items", k]));
    }
  }
  if (input.persistentVolumeClaim !== undefined) {
    v.persistentVolumeClaim = {
      ...input.persistentVolumeClaim,
      claimName: replaceAll(input.persistentVolumeClaim.claimName, passes),
    };
    if (trace !== undefined) flushAt(trace, ["persistentVolumeClaim", "claimName"]);
  }
  if (input.projected !== undefined) {
    const projected = input.projected as NonNullable<Volume["projected"]>;
    v.projected = { ...projected };
    if (projected.sources !== undefined) {
      v.projected.sources = projected.sources.map((s, k) => {
        const source = { ...s };
        if (s.configMap !== undefined) source.configMap = replaceName(s.configMap, passes);
        if (trace !== undefined) flushAt(trace, ["projected", "sources", k, "configMap", "name"]);
        if (s.secret !== undefined) source.secret = replaceName(s.secret, passes);
        if (trace !== undefined) flushAt(trace, ["projected", "sources", k, "secret", "name"]);
        if (s.serviceAccountToken !== undefined) {
          source.serviceAccountToken = { ...s.serviceAccountToken };
          if (s.serviceAccountToken.audience !== undefined) {
            source.serviceAccountToken.audience = replaceAll(s.serviceAccountToken.audience, passes);
          }
          if (trace !== undefined) flushAt(trace, ["projected", "sources", k, "serviceAccountToken", "audience"]);
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
      if (trace !== undefined) flushAt(trace, ["csi", "nodePublishSecretRef", "name"]);
    }
    if (csi.volumeAttributes !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [k, value] of Object.entries(csi.volumeAttributes)) {
        // setRecord: a `__proto__` key is an ordinary map key, as a volume left as it is keeps it.
        setRecord(attributes, k, replaceAll(value, passes));
        if (trace !== undefined) flushAt(trace, ["csi", "volumeAttributes", k]);
      }
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
  explain?: Explainer,
): TaskSpec {
  const active = passes.filter((p) => p.strings.size > 0 || (p.arrays?.size ?? 0) > 0);
  if (active.length === 0) return spec as TaskSpec;
  const outer = budget;
  const outerTrace = trace;
  const outerKeyStarts = keyStarts;
  budget ??= new TextBudget();
  trace = explain === undefined ? undefined : { explain, base: ["taskSpec"], pass: undefined, hits: [] };
  keyStarts = keyStartsOf(active);
  try {
    return replaceSpec(spec, active, scope);
  } finally {
    budget = outer;
    trace = outerTrace;
    keyStarts = outerKeyStarts;
  }
}

/** Where the part of the Task spec about to be substituted sits, when an explanation is gathered. */
function traceBase(...at: PathSegment[]): void {
  if (trace !== undefined) trace.base = ["taskSpec", ...at];
}

function replaceSpec(
  spec: Immutable<TaskSpec>,
  active: readonly ReplacementPass[],
  scope: "whole spec" | "stepTemplate and volumes",
): TaskSpec {
  const out: TaskSpec = { ...(spec as TaskSpec) };
  const containers = scope === "whole spec";
  const traced = trace !== undefined;
  if (containers && spec.steps !== undefined) {
    out.steps = spec.steps.map((s, i) => {
      if (traced) traceBase("steps", i);
      return replaceContainer<Step>(s, active);
    });
  }
  if (spec.stepTemplate !== undefined) {
    if (traced) traceBase("stepTemplate");
    const template = { ...(spec.stepTemplate as Container) };
    replaceContainerListFields(template, active);
    out.stepTemplate = template;
  }
  if (spec.volumes !== undefined) {
    out.volumes = mapShared(spec.volumes, (v, i) => {
      if (traced) traceBase("volumes", i);
      return replaceVolume(v, active);
    }) as Volume[];
  }
  if (containers && spec.sidecars !== undefined) {
    out.sidecars = spec.sidecars.map((s, i) => {
      if (traced) traceBase("sidecars", i);
      return replaceContainer<Sidecar>(s, active);
    });
  }
  return out;
}
