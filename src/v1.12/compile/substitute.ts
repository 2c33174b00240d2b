/**
 * Variable substitution as Tekton v1.12 does it (pkg/substitution, pkg/container/*_replacements.go,
 * reconciler/taskrun/resources/apply.go): each pass replaces every `$(key)` it knows in one
 * left-to-right scan (Go's `strings.Replacer`), so a value holding `$(…)` is not expanded again
 * by the same pass. An `args`/`command` element that is exactly `$(key)` or `$(key[*])` of an
 * array becomes that array's elements. Only the fields Tekton lists are touched.
 */
import type { EnvFromSource, EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { PathSegment } from "../../errors.js";
import type { Explainer, Location, RuleCode } from "../../explain/index.js";
import { mapShared } from "../../k8s/copy-object.js";
import { setRecord } from "../../k8s/records.js";
import { replaceInOneScan, type ScanLimits, startsWithAny } from "../../k8s/replacer.js";
import type { ParamV1, SidecarV1, StepTemplateV1, StepV1, TaskSpecV1 } from "../api/types.js";

/** Where a pass's values come from, for an explanation: its rule, and each key's input field. */
export interface PassOrigin {
  readonly explain: Explainer;
  readonly rule: RuleCode;
  /** The input field the value of `key` (`params.greeting`) came from, if any. */
  from(key: string): Location | undefined;
  /** One sentence on what replacing `key` did. */
  note(key: string): string;
}

/** What a pass reads of its values: a `Map`, or a table that makes its keys as they are asked for. */
export interface Lookup<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  /** 0 when there are no values. */
  readonly size: number;
}

/** One substitution pass: string values by key, and arrays for whole-array references. */
export interface Pass {
  readonly strings: Lookup<string>;
  readonly arrays?: Lookup<readonly string[]>;
  readonly objects?: Lookup<Readonly<Record<string, string>>>;
  /**
   * What every key of the pass (of its strings, arrays and objects) starts with, when known: a
   * mentions check cuts out no key for a shell `$(…)`, and a chain's scan passes over a shell
   * `$(…)` that holds a reference. (Not the scan's own `prefixes`: a scan asks a `Map` for a key
   * faster than it tests the prefixes.)
   */
  readonly keyPrefixes?: readonly string[];
  /** Set only when an explanation is gathered. */
  readonly origin?: PassOrigin | undefined;
}

/**
 * The explanation being gathered by the current traced call: the pass's origin, where the
 * object being substituted sits, and the variables replaced since the last field was
 * recorded. Set for one synchronous call; absent, every use below is one comparison.
 */
interface Trace {
  readonly origin: PassOrigin;
  readonly base: Location;
  readonly hits: string[];
}

let trace: Trace | undefined;

/** The variables replaced since the last call were replaced in the field at `at` (below the trace's base). */
function flush(at: readonly PathSegment[]): void {
  const t = trace;
  if (t === undefined || t.hits.length === 0) return;
  const location = [...t.base, ...at];
  for (const key of t.hits) t.origin.explain.add(location, t.origin.rule, t.origin.note(key), t.origin.from(key));
  t.hits.length = 0;
}

/**
 * Runs `run` with the replacements of `pass` recorded at `base` (when the pass has an origin):
 * the stages call it around the substitution of one object (a step, a sidecar, the Pod
 * template).
 */
export function traced<T>(pass: Pass, base: Location, run: () => T): T {
  return pass.origin === undefined ? run() : withTrace({ origin: pass.origin, base, hits: [] }, run);
}

/** Runs `run` recording into `next`, what is left at its base afterwards included, then restores the trace. */
function withTrace<T>(next: Trace, run: () => T): T {
  const outer = trace;
  trace = next;
  try {
    const out = run();
    flush([]);
    return out;
  } finally {
    trace = outer;
  }
}

/** {@link flush} for callers outside this module (the Pod template's fields). */
export function recordReplacements(at: readonly PathSegment[]): void {
  if (trace !== undefined) flush(at);
}

/** Replaces every `$(key)` of the pass in one scan; the text comes back unchanged without a match. */
export function replaceString(text: string, strings: Lookup<string>): string {
  if (strings.size === 0) return text;
  let start = text.indexOf("$(");
  if (start < 0) return text;
  let out = "";
  let copied = 0;
  while (start >= 0) {
    const close = text.indexOf(")", start + 2);
    if (close < 0) break;
    const value = strings.get(text.slice(start + 2, close));
    if (value !== undefined) {
      if (trace !== undefined) trace.hits.push(text.slice(start + 2, close));
      out += text.slice(copied, start) + value;
      copied = close + 1;
      start = text.indexOf("$(", copied);
    } else {
      start = text.indexOf("$(", start + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** A chain's scan passes over a `$(` no key of its passes can start at, even with a `$(` inside. */
const ONE_SCAN: ScanLimits = {
  headMayBeKey: (text, at, nested, passes, from, to) => {
    // An empty head is all made by the value put in (`$($(params.v))`).
    if (nested === at) return true;
    const length = nested - at;
    for (let p = from; p < to; p++) {
      const prefixes = (passes[p] as Pass).keyPrefixes;
      if (prefixes === undefined) return true;
      for (const prefix of prefixes) {
        // The head starts with the prefix, or is the start of it.
        if (prefix.length <= length ? text.startsWith(prefix, at) : prefix.startsWith(text.slice(at, nested)))
          return true;
      }
    }
    return false;
  },
};

/**
 * `text` through each pass in turn, as passes applied one after another leave it: a value one
 * pass puts in is scanned by the passes after it. Several passes go in one scan when that gives
 * the same ({@link replaceInOneScan}); an explanation, recorded one pass at a time, never has several.
 */
function replaceChained(text: string, passes: readonly Pass[]): string {
  const first = text.indexOf("$(");
  if (first < 0) return text;
  if (passes.length > 1) {
    const scanned = replaceInOneScan(text, first, passes, 0, passes.length, ONE_SCAN);
    if (scanned !== undefined) return scanned;
  }
  let out = text;
  for (const pass of passes) out = replaceString(out, pass.strings);
  return out;
}

/**
 * Pushes `item` as passes `from…` of the chain leave it: a whole-array reference of a pass
 * becomes the array's elements, each of which the later passes then see.
 */
function pushReplaced(out: string[], item: string, passes: readonly Pass[], from: number): void {
  let text = item;
  for (let j = from; j < passes.length; j++) {
    const pass = passes[j] as Pass;
    const whole = wholeArray(text, pass);
    if (whole !== undefined) {
      // A loop, not push(...): an array param may hold more elements than a call takes arguments.
      for (const v of whole) pushReplaced(out, v, passes, j + 1);
      return;
    }
    text = replaceString(text, pass.strings);
  }
  out.push(text);
}

/** The array `text` names whole (`$(params.a)`, `$(params.a[*])`), if it is one. */
function wholeArray(text: string, pass: Pass): readonly string[] | undefined {
  if (pass.arrays !== undefined && pass.arrays.size > 0 && text.startsWith("$(") && text.endsWith(")")) {
    const inner = text.slice(2, -1);
    return pass.arrays.get(inner) ?? (inner.endsWith("[*]") ? pass.arrays.get(inner.slice(0, -3)) : undefined);
  }
  return undefined;
}

/**
 * An `args`/`command` list through each of `passes` in turn; whole-element array references
 * expand. While an explanation is gathered (one pass at a time, the list's place `field`
 * known), each item's entries go with it to the place (or places, for an expanded array) it
 * ends up.
 */
function replaceList(
  list: readonly string[] | undefined,
  passes: readonly Pass[],
  field?: readonly PathSegment[],
): string[] | undefined {
  if (list === undefined) return undefined;
  const t = field === undefined ? undefined : trace;
  const out: string[] = [];
  if (t === undefined) {
    for (const item of list) pushReplaced(out, item, passes, 0);
    return out;
  }
  // An explanation is gathered one pass at a time.
  const pass = passes[0] as Pass;
  const at: Location = [...t.base, ...(field as readonly PathSegment[])];
  const scratch: Location = ["substitution", ...at];
  flush([]);
  t.origin.explain.move(at, scratch);
  for (let j = 0; j < list.length; j++) {
    const item = list[j] as string;
    const whole = wholeArray(item, pass);
    if (whole === undefined) {
      t.origin.explain.copy([...scratch, j], [...at, out.length]);
      out.push(replaceString(item, pass.strings));
      flush([...(field as readonly PathSegment[]), out.length - 1]);
    } else {
      explainExpansion(t, [...scratch, j], at, out.length, item.slice(2, -1), whole.length);
      for (const v of whole) out.push(v);
    }
  }
  t.origin.explain.drop(scratch);
  return out;
}

/**
 * The entries of an array reference `$(key)` (at `from`) that expanded into `count` items at
 * `at[start…]`: each item keeps the reference's entries, and says which item of the array it is.
 */
function explainExpansion(t: Trace, from: Location, at: Location, start: number, key: string, count: number): void {
  const name = key.endsWith("[*]") ? key.slice(0, -3) : key;
  const source = t.origin.from(name);
  for (let m = 0; m < count; m++) {
    t.origin.explain.copy(from, [...at, start + m]);
    t.origin.explain.add(
      [...at, start + m],
      t.origin.rule,
      `${t.origin.note(name)} Item ${m} of the array.`,
      source === undefined ? undefined : [...source, m],
    );
  }
  // The reference itself was not replaced inside a string: nothing is left to record for it.
  t.hits.length = 0;
}

type ContainerFields = {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  workingDir?: string;
  volumeMounts?: VolumeMount[];
};

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/**
 * `applyContainerReplacements`: the Container fields Tekton substitutes in steps, sidecars and
 * the template, through each of `passes` in turn, written into `out` (a copy of `c`, or `c`
 * itself when it is a copy already: each field is read before it is written).
 */
function replaceContainer<T extends ContainerFields>(c: T, passes: readonly Pass[], out: T = { ...c }): T {
  const r = (v: string | undefined) => (v === undefined ? undefined : replaceChained(v, passes));
  set(out, "name", r(c.name));
  if (trace !== undefined) flush(["name"]);
  set(out, "image", r(c.image));
  if (trace !== undefined) flush(["image"]);
  set(out, "imagePullPolicy", r(c.imagePullPolicy));
  if (trace !== undefined) flush(["imagePullPolicy"]);
  set(out, "args", replaceList(c.args, passes, trace && ["args"]));
  if (c.env !== undefined) {
    out.env = c.env.map((e, k) => {
      const value = r(e.value);
      if (trace !== undefined) flush(["env", k, "value"]);
      // An env var the passes leave as it is is shared, not copied (most of a step's env).
      if (e.valueFrom === undefined) return value === e.value || value === undefined ? e : { ...e, value };
      const env: EnvVar = { ...e };
      set(env, "value", value);
      env.valueFrom = { ...e.valueFrom };
      const sk = e.valueFrom.secretKeyRef;
      if (sk !== undefined) {
        const ref = { ...sk, key: replaceChained(sk.key, passes) };
        if (sk.name !== undefined) ref.name = replaceChained(sk.name, passes);
        env.valueFrom.secretKeyRef = ref;
      }
      const ck = e.valueFrom.configMapKeyRef;
      if (ck !== undefined) {
        const ref = { ...ck, key: replaceChained(ck.key, passes) };
        if (ck.name !== undefined) ref.name = replaceChained(ck.name, passes);
        env.valueFrom.configMapKeyRef = ref;
      }
      if (trace !== undefined) flush(["env", k, "valueFrom"]);
      return env;
    });
  }
  if (c.envFrom !== undefined) {
    out.envFrom = c.envFrom.map((e, k) => {
      const from: EnvFromSource = { ...e };
      set(from, "prefix", r(e.prefix));
      if (e.configMapRef !== undefined)
        from.configMapRef = {
          ...e.configMapRef,
          ...(e.configMapRef.name !== undefined ? { name: replaceChained(e.configMapRef.name, passes) } : {}),
        };
      if (e.secretRef !== undefined)
        from.secretRef = {
          ...e.secretRef,
          ...(e.secretRef.name !== undefined ? { name: replaceChained(e.secretRef.name, passes) } : {}),
        };
      if (trace !== undefined) flush(["envFrom", k]);
      return from;
    });
  }
  set(out, "workingDir", r(c.workingDir));
  if (trace !== undefined) flush(["workingDir"]);
  set(out, "command", replaceList(c.command, passes, trace && ["command"]));
  if (c.volumeMounts !== undefined) {
    out.volumeMounts = c.volumeMounts.map((m, k) => {
      const mount: VolumeMount = { ...m, name: replaceChained(m.name, passes) };
      if (trace !== undefined) flush(["volumeMounts", k, "name"]);
      mount.mountPath = replaceChained(m.mountPath, passes);
      if (trace !== undefined) flush(["volumeMounts", k, "mountPath"]);
      set(mount, "subPath", r(m.subPath));
      if (trace !== undefined) flush(["volumeMounts", k, "subPath"]);
      return mount;
    });
  }
  return out;
}

/** `ApplyStepReplacements`: script, onError, std{out,err}Config paths, when, then the Container fields. */
export function replaceStep(step: StepV1, pass: Pass, at?: Location): StepV1 {
  if (at !== undefined && pass.origin !== undefined) return traced(pass, at, () => replaceStep(step, pass));
  return replaceStepChained(step, [pass]);
}

/** {@link replaceStep} through each of `passes` in turn. */
function replaceStepChained(step: StepV1, passes: readonly Pass[]): StepV1 {
  const out = { ...step };
  if (step.script !== undefined) out.script = replaceChained(step.script, passes);
  if (trace !== undefined) flush(["script"]);
  if (step.onError !== undefined) out.onError = replaceChained(step.onError, passes);
  if (step.stdoutConfig?.path !== undefined)
    out.stdoutConfig = { ...step.stdoutConfig, path: replaceChained(step.stdoutConfig.path, passes) };
  if (step.stderrConfig?.path !== undefined)
    out.stderrConfig = { ...step.stderrConfig, path: replaceChained(step.stderrConfig.path, passes) };
  if (step.when !== undefined) {
    out.when = step.when.map((w) => {
      const when = { ...w };
      if (w.input !== undefined) when.input = replaceChained(w.input, passes);
      if (w.values !== undefined) when.values = replaceList(w.values, passes) ?? [];
      if (w.cel !== undefined) when.cel = replaceChained(w.cel, passes);
      return when;
    });
  }
  // What the Pod does not hold as such (the script becomes a file, the rest entrypoint flags)
  // is recorded on the step itself.
  if (trace !== undefined) flush([]);
  return replaceContainer(out, passes, out);
}

/** `ApplySidecarReplacements`: the script, then the Container fields. */
export function replaceSidecar(sidecar: SidecarV1, pass: Pass, at?: Location): SidecarV1 {
  if (at !== undefined && pass.origin !== undefined) return traced(pass, at, () => replaceSidecar(sidecar, pass));
  return replaceSidecarChained(sidecar, [pass]);
}

/** {@link replaceSidecar} through each of `passes` in turn. */
function replaceSidecarChained(sidecar: SidecarV1, passes: readonly Pass[]): SidecarV1 {
  const out = { ...sidecar };
  if (sidecar.script !== undefined) out.script = replaceChained(sidecar.script, passes);
  if (trace !== undefined) flush(["script"]);
  return replaceContainer(out, passes, out);
}

function replaceParams(params: readonly ParamV1[], pass: Pass): ParamV1[] {
  return params.map((p) => {
    const v = p.value;
    if (typeof v === "string") {
      // A string that is exactly a whole-array or whole-object reference takes that value.
      if (v.startsWith("$(") && v.endsWith(")")) {
        const inner = v.slice(2, -1);
        const key = inner.endsWith("[*]") ? inner.slice(0, -3) : inner;
        const array = pass.arrays?.get(key);
        if (array !== undefined) return { ...p, value: [...array] };
        const object = pass.objects?.get(key);
        if (object !== undefined) return { ...p, value: { ...object } };
      }
      return { ...p, value: replaceString(v, pass.strings) };
    }
    if (Array.isArray(v)) return { ...p, value: replaceList(v, [pass]) ?? [] };
    const obj: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) setRecord(obj, k, replaceString(val, pass.strings));
    return { ...p, value: obj };
  });
}

/** A volume's names, keys and paths through each of `passes` in turn. */
function replaceVolume(v: Volume, passes: readonly Pass[]): Volume {
  const out: Volume = { ...v, name: replaceChained(v.name, passes) };
  const items = <T extends { key: string; path: string }>(list: T[] | undefined) =>
    list?.map((i) => ({ ...i, key: replaceChained(i.key, passes), path: replaceChained(i.path, passes) }));
  if (v.configMap !== undefined) {
    out.configMap = { ...v.configMap };
    if (v.configMap.name !== undefined) out.configMap.name = replaceChained(v.configMap.name, passes);
    set(out.configMap, "items", items(v.configMap.items));
  }
  if (v.secret !== undefined) {
    out.secret = { ...v.secret };
    if (v.secret.secretName !== undefined) out.secret.secretName = replaceChained(v.secret.secretName, passes);
    set(out.secret, "items", items(v.secret.items));
  }
  if (v.persistentVolumeClaim !== undefined) {
    out.persistentVolumeClaim = {
      ...v.persistentVolumeClaim,
      claimName: replaceChained(v.persistentVolumeClaim.claimName, passes),
    };
  }
  if (v.projected?.sources !== undefined) {
    out.projected = {
      ...v.projected,
      sources: v.projected.sources.map((src) => {
        const o = { ...src };
        if (src.configMap?.name !== undefined)
          o.configMap = { ...src.configMap, name: replaceChained(src.configMap.name, passes) };
        if (src.secret?.name !== undefined) o.secret = { ...src.secret, name: replaceChained(src.secret.name, passes) };
        if (src.serviceAccountToken?.audience !== undefined) {
          o.serviceAccountToken = {
            ...src.serviceAccountToken,
            audience: replaceChained(src.serviceAccountToken.audience, passes),
          };
        }
        return o;
      }),
    };
  }
  if (v.csi !== undefined) {
    out.csi = { ...v.csi };
    if (v.csi.nodePublishSecretRef?.name !== undefined) {
      out.csi.nodePublishSecretRef = {
        ...v.csi.nodePublishSecretRef,
        name: replaceChained(v.csi.nodePublishSecretRef.name, passes),
      };
    }
    if (v.csi.volumeAttributes !== undefined) {
      const attrs: Record<string, string> = {};
      // setRecord: a `__proto__` key is an ordinary map key, as a volume no pass mentions keeps it.
      for (const [k, val] of Object.entries(v.csi.volumeAttributes)) setRecord(attrs, k, replaceChained(val, passes));
      out.csi.volumeAttributes = attrs;
    }
  }
  return out;
}

/** Whether the pass replaces `key` in some form: a string, or a whole array or object (`key` or `key[*]`). */
function knows(pass: Pass, key: string): boolean {
  if (pass.strings.has(key) || pass.arrays?.has(key) === true || pass.objects?.has(key) === true) return true;
  if (!key.endsWith("[*]")) return false;
  const base = key.slice(0, -3);
  return pass.arrays?.has(base) === true || pass.objects?.has(base) === true;
}

/**
 * Whether `text` holds a reference the pass replaces: a `$(key)` found the way
 * {@link replaceString} scans, or the whole text being one `$(…)` (how whole arrays and objects
 * are referenced).
 */
function mentionsIn(text: string, passes: readonly Pass[]): boolean {
  let start = text.indexOf("$(");
  if (start < 0) return false;
  if (text.endsWith(")") && start === 0 && mayKeyAt(text, 2, passes) && knowsAny(passes, text.slice(2, -1)))
    return true;
  while (start >= 0) {
    const close = text.indexOf(")", start + 2);
    if (close < 0) return false;
    if (mayKeyAt(text, start + 2, passes) && knowsAny(passes, text.slice(start + 2, close))) return true;
    start = text.indexOf("$(", start + 1);
  }
  return false;
}

/** Whether a key of some pass may start at `at`, by their prefixes: a shell `$(…)` is not cut out to be looked up. */
function mayKeyAt(text: string, at: number, passes: readonly Pass[]): boolean {
  for (const pass of passes)
    if (pass.keyPrefixes === undefined || startsWithAny(text, at, pass.keyPrefixes)) return true;
  return false;
}

function knowsAny(passes: readonly Pass[], key: string): boolean {
  for (const pass of passes) {
    if ((pass.keyPrefixes === undefined || startsWithAny(key, 0, pass.keyPrefixes)) && knows(pass, key)) return true;
  }
  return false;
}

/**
 * Whether any string in `value` holds a reference `pass` replaces. Walking is far cheaper than
 * copying, and what holds none comes out of the pass equal to what went in (scripts often hold
 * shell `$(…)` that no pass knows), so it is kept as it is.
 */
export function mentions(value: unknown, pass: Pass): boolean {
  return mentionsAny(value, [pass]);
}

/**
 * Whether any string in `value` holds a reference one of `passes` replaces. When none does,
 * the first pass leaves `value` as it is, and so, in turn, does every later one: a chain that
 * no pass of it mentions leaves `value` as it is.
 */
function mentionsAny(value: unknown, passes: readonly Pass[]): boolean {
  if (typeof value === "string") return mentionsIn(value, passes);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (mentionsAny(v, passes)) return true;
    return false;
  }
  for (const k in value) if (mentionsAny((value as Record<string, unknown>)[k], passes)) return true;
  return false;
}

/** Runs `run` with the trace's base moved to `base`, recording what is left at it afterwards. */
function within<T>(base: Location, run: () => T): T {
  flush([]);
  return withTrace({ origin: (trace as Trace).origin, base, hits: [] }, run);
}

/** Whether the pass replaces nothing. */
function isEmpty(pass: Pass): boolean {
  return pass.strings.size === 0 && (pass.arrays?.size ?? 0) === 0 && (pass.objects?.size ?? 0) === 0;
}

/**
 * `ApplyReplacements` on a TaskSpec: steps (their `params` too), the step template, volumes,
 * workspace mount paths and sidecars. The input is not modified: what the pass changes is
 * copied, and a spec the pass leaves as it is comes back itself (most passes change no step).
 */
export function replaceInTaskSpec(spec: TaskSpecV1, pass: Pass): TaskSpecV1 {
  if (isEmpty(pass)) return spec;
  if (pass.origin !== undefined && trace === undefined)
    return traced(pass, ["taskSpec"], () => replaceInTaskSpec(spec, pass));
  const passes = [pass];
  return replaceChainedInTaskSpec(spec, passes, () => passes);
}

/**
 * A pass of a chain that only steps go through, each with its own values (`$(step.results.<r>.path)`
 * is the step's own file): it reaches neither the steps' `params` nor anything but steps, as
 * Tekton's step-by-step replacements do not.
 */
export interface StepPass {
  /** Step i's own values (undefined or empty when it has none). */
  readonly forStep: (step: StepV1, i: number) => Pass | undefined;
}

/**
 * The passes of `chain`, in order, applied to the spec in one walk: what Tekton's passes one
 * after another make of it (a value one pass puts in is replaced by the later ones), each part
 * copied once, and only when some pass of the chain mentions it. The steps' own passes are
 * given their step as the earlier passes leave its name and results, so a chain is only built
 * for specs whose step names hold no `$(` (see {@link chainableSteps}). Not for explanations,
 * which record each pass apart.
 */
export function replaceChainInTaskSpec(spec: TaskSpecV1, chain: readonly (Pass | StepPass)[]): TaskSpecV1 {
  const specPasses = chain.filter((p): p is Pass => !("forStep" in p) && !isEmpty(p));
  const hasStepPasses = chain.some((p) => "forStep" in p);
  const stepPasses = !hasStepPasses
    ? () => specPasses
    : (step: StepV1, i: number): readonly Pass[] => {
        const passes: Pass[] = [];
        for (const p of chain) {
          const pass = "forStep" in p ? p.forStep(step, i) : p;
          if (pass !== undefined && !isEmpty(pass)) passes.push(pass);
        }
        return passes;
      };
  if (specPasses.length === 0 && !hasStepPasses) return spec;
  return replaceChainedInTaskSpec(spec, specPasses, stepPasses);
}

/** Whether no step's name holds `$(`: no pass changes a name, so each step's own pass can be made up front. */
export function chainableSteps(spec: TaskSpecV1): boolean {
  return (spec.steps ?? []).every((step) => step.name === undefined || !step.name.includes("$("));
}

/**
 * The spec through `specPasses` (every part but the steps' own fields) and each step through
 * `stepPasses(step, i)`, which holds `specPasses` (the only ones that reach its `params`) and
 * its own. While an explanation is gathered, both are the one pass being recorded.
 */
function replaceChainedInTaskSpec(
  spec: TaskSpecV1,
  specPasses: readonly Pass[],
  stepPasses: (step: StepV1, i: number) => readonly Pass[],
): TaskSpecV1 {
  // Each object is recorded at its own place in the spec while an explanation is gathered.
  const base = trace?.base ?? [];
  const at = <T>(path: PathSegment[], run: () => T): T =>
    trace === undefined ? run() : within([...base, ...path], run);
  const steps = mapShared(spec.steps, (step, i) => {
    const passes = stepPasses(step, i);
    if (!mentionsAny(step, passes)) return step;
    let withParams = step;
    // Params no pass mentions come through every pass as they are, so they are not copied.
    if (step.params !== undefined && mentionsAny(step.params, specPasses)) {
      let params = step.params;
      for (const pass of specPasses) params = replaceParams(params, pass);
      withParams = { ...step, params };
    }
    return at(["steps", i], () => replaceStepChained(withParams, passes));
  });
  if (specPasses.length === 0 && steps === spec.steps) return spec;
  let stepTemplate = spec.stepTemplate;
  if (stepTemplate !== undefined && mentionsAny(stepTemplate, specPasses)) {
    const template = stepTemplate as StepTemplateV1 & ContainerFields;
    stepTemplate = at(["stepTemplate"], () => replaceContainer(template, specPasses));
  }
  const volumes = mapShared(spec.volumes, (v, k) =>
    mentionsAny(v, specPasses) ? at(["volumes", k], () => replaceVolume(v, specPasses)) : v,
  );
  let workspaces = spec.workspaces;
  if (workspaces !== undefined) {
    workspaces = mapShared(workspaces, (w) => {
      if (w.mountPath === undefined) return w;
      const mountPath = replaceChained(w.mountPath, specPasses);
      return mountPath === w.mountPath ? w : { ...w, mountPath };
    });
    if (trace !== undefined) flush(["workspaces"]);
  }
  const sidecars = mapShared(spec.sidecars, (s, k) =>
    mentionsAny(s, specPasses) ? at(["sidecars", k], () => replaceSidecarChained(s, specPasses)) : s,
  );
  if (
    steps === spec.steps &&
    stepTemplate === spec.stepTemplate &&
    volumes === spec.volumes &&
    workspaces === spec.workspaces &&
    sidecars === spec.sidecars
  )
    return spec;
  const out: TaskSpecV1 = { ...spec };
  if (steps !== undefined) out.steps = steps;
  if (stepTemplate !== undefined) out.stepTemplate = stepTemplate;
  if (volumes !== undefined) out.volumes = volumes;
  if (workspaces !== undefined) out.workspaces = workspaces;
  if (sidecars !== undefined) out.sidecars = sidecars;
  return out;
}
