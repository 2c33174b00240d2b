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

/** One substitution pass: string values by key, and arrays for whole-array references. */
export interface Pass {
  readonly strings: ReadonlyMap<string, string>;
  readonly arrays?: ReadonlyMap<string, readonly string[]>;
  readonly objects?: ReadonlyMap<string, Readonly<Record<string, string>>>;
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
export function replaceString(text: string, strings: ReadonlyMap<string, string>): string {
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

/** The array `text` names whole (`$(params.a)`, `$(params.a[*])`), if it is one. */
function wholeArray(text: string, pass: Pass): readonly string[] | undefined {
  if (pass.arrays !== undefined && pass.arrays.size > 0 && text.startsWith("$(") && text.endsWith(")")) {
    const inner = text.slice(2, -1);
    return pass.arrays.get(inner) ?? (inner.endsWith("[*]") ? pass.arrays.get(inner.slice(0, -3)) : undefined);
  }
  return undefined;
}

const NOWHERE: Location = [];

/**
 * An `args`/`command` list through one pass; whole-element array references expand. While an
 * explanation is gathered (and the list's place, `field`, is known), each item's entries go
 * with it to the place (or places, for an expanded array) it ends up.
 */
function replaceList(
  list: readonly string[] | undefined,
  pass: Pass,
  field?: readonly PathSegment[],
): string[] | undefined {
  if (list === undefined) return undefined;
  const t = field === undefined ? undefined : trace;
  let at: Location = NOWHERE;
  let scratch: Location = NOWHERE;
  if (t !== undefined) {
    at = [...t.base, ...(field as readonly PathSegment[])];
    scratch = ["substitution", ...at];
    flush([]);
    t.origin.explain.move(at, scratch);
  }
  const out: string[] = [];
  for (let j = 0; j < list.length; j++) {
    const item = list[j] as string;
    const whole = wholeArray(item, pass);
    if (whole === undefined) {
      t?.origin.explain.copy([...scratch, j], [...at, out.length]);
      out.push(replaceString(item, pass.strings));
      if (t !== undefined) flush([...(field as readonly PathSegment[]), out.length - 1]);
    } else {
      if (t !== undefined) explainExpansion(t, [...scratch, j], at, out.length, item.slice(2, -1), whole.length);
      // A loop, not push(...): an array param may hold more elements than a call takes arguments.
      for (const v of whole) out.push(v);
    }
  }
  t?.origin.explain.drop(scratch);
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

/** `applyContainerReplacements`: the Container fields Tekton substitutes in steps, sidecars and the template. */
function replaceContainer<T extends ContainerFields>(c: T, pass: Pass): T {
  const s = pass.strings;
  const r = (v: string | undefined) => (v === undefined ? undefined : replaceString(v, s));
  const out = { ...c };
  set(out, "name", r(c.name));
  if (trace !== undefined) flush(["name"]);
  set(out, "image", r(c.image));
  if (trace !== undefined) flush(["image"]);
  set(out, "imagePullPolicy", r(c.imagePullPolicy));
  if (trace !== undefined) flush(["imagePullPolicy"]);
  set(out, "args", replaceList(c.args, pass, trace && ["args"]));
  if (c.env !== undefined) {
    out.env = c.env.map((e, k) => {
      const env: EnvVar = { ...e };
      set(env, "value", r(e.value));
      if (trace !== undefined) flush(["env", k, "value"]);
      if (e.valueFrom !== undefined) {
        env.valueFrom = { ...e.valueFrom };
        const sk = e.valueFrom.secretKeyRef;
        if (sk !== undefined)
          env.valueFrom.secretKeyRef = {
            ...sk,
            key: replaceString(sk.key, s),
            ...(sk.name !== undefined ? { name: replaceString(sk.name, s) } : {}),
          };
        const ck = e.valueFrom.configMapKeyRef;
        if (ck !== undefined)
          env.valueFrom.configMapKeyRef = {
            ...ck,
            key: replaceString(ck.key, s),
            ...(ck.name !== undefined ? { name: replaceString(ck.name, s) } : {}),
          };
        if (trace !== undefined) flush(["env", k, "valueFrom"]);
      }
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
          ...(e.configMapRef.name !== undefined ? { name: replaceString(e.configMapRef.name, s) } : {}),
        };
      if (e.secretRef !== undefined)
        from.secretRef = {
          ...e.secretRef,
          ...(e.secretRef.name !== undefined ? { name: replaceString(e.secretRef.name, s) } : {}),
        };
      if (trace !== undefined) flush(["envFrom", k]);
      return from;
    });
  }
  set(out, "workingDir", r(c.workingDir));
  if (trace !== undefined) flush(["workingDir"]);
  set(out, "command", replaceList(c.command, pass, trace && ["command"]));
  if (c.volumeMounts !== undefined) {
    out.volumeMounts = c.volumeMounts.map((m, k) => {
      const mount: VolumeMount = { ...m, name: replaceString(m.name, s) };
      if (trace !== undefined) flush(["volumeMounts", k, "name"]);
      mount.mountPath = replaceString(m.mountPath, s);
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
  const s = pass.strings;
  const out = { ...step };
  if (step.script !== undefined) out.script = replaceString(step.script, s);
  if (trace !== undefined) flush(["script"]);
  if (step.onError !== undefined) out.onError = replaceString(step.onError, s);
  if (step.stdoutConfig?.path !== undefined)
    out.stdoutConfig = { ...step.stdoutConfig, path: replaceString(step.stdoutConfig.path, s) };
  if (step.stderrConfig?.path !== undefined)
    out.stderrConfig = { ...step.stderrConfig, path: replaceString(step.stderrConfig.path, s) };
  if (step.when !== undefined) {
    out.when = step.when.map((w) => {
      const when = { ...w };
      if (w.input !== undefined) when.input = replaceString(w.input, s);
      if (w.values !== undefined) when.values = replaceList(w.values, pass) ?? [];
      if (w.cel !== undefined) when.cel = replaceString(w.cel, s);
      return when;
    });
  }
  // What the Pod does not hold as such (the script becomes a file, the rest entrypoint flags)
  // is recorded on the step itself.
  if (trace !== undefined) flush([]);
  return replaceContainer(out, pass);
}

/** `ApplySidecarReplacements`: the script, then the Container fields. */
export function replaceSidecar(sidecar: SidecarV1, pass: Pass, at?: Location): SidecarV1 {
  if (at !== undefined && pass.origin !== undefined) return traced(pass, at, () => replaceSidecar(sidecar, pass));
  const out = { ...sidecar };
  if (sidecar.script !== undefined) out.script = replaceString(sidecar.script, pass.strings);
  if (trace !== undefined) flush(["script"]);
  return replaceContainer(out, pass);
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
    if (Array.isArray(v)) return { ...p, value: replaceList(v, pass) ?? [] };
    const obj: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) obj[k] = replaceString(val, pass.strings);
    return { ...p, value: obj };
  });
}

function replaceVolume(v: Volume, s: ReadonlyMap<string, string>): Volume {
  const out: Volume = { ...v, name: replaceString(v.name, s) };
  const items = <T extends { key: string; path: string }>(list: T[] | undefined) =>
    list?.map((i) => ({ ...i, key: replaceString(i.key, s), path: replaceString(i.path, s) }));
  if (v.configMap !== undefined) {
    out.configMap = { ...v.configMap };
    if (v.configMap.name !== undefined) out.configMap.name = replaceString(v.configMap.name, s);
    set(out.configMap, "items", items(v.configMap.items));
  }
  if (v.secret !== undefined) {
    out.secret = { ...v.secret };
    if (v.secret.secretName !== undefined) out.secret.secretName = replaceString(v.secret.secretName, s);
    set(out.secret, "items", items(v.secret.items));
  }
  if (v.persistentVolumeClaim !== undefined) {
    out.persistentVolumeClaim = {
      ...v.persistentVolumeClaim,
      claimName: replaceString(v.persistentVolumeClaim.claimName, s),
    };
  }
  if (v.projected?.sources !== undefined) {
    out.projected = {
      ...v.projected,
      sources: v.projected.sources.map((src) => {
        const o = { ...src };
        if (src.configMap?.name !== undefined)
          o.configMap = { ...src.configMap, name: replaceString(src.configMap.name, s) };
        if (src.secret?.name !== undefined) o.secret = { ...src.secret, name: replaceString(src.secret.name, s) };
        if (src.serviceAccountToken?.audience !== undefined) {
          o.serviceAccountToken = {
            ...src.serviceAccountToken,
            audience: replaceString(src.serviceAccountToken.audience, s),
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
        name: replaceString(v.csi.nodePublishSecretRef.name, s),
      };
    }
    if (v.csi.volumeAttributes !== undefined) {
      const attrs: Record<string, string> = {};
      for (const [k, val] of Object.entries(v.csi.volumeAttributes)) attrs[k] = replaceString(val, s);
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
function mentionsIn(text: string, pass: Pass): boolean {
  let start = text.indexOf("$(");
  if (start < 0) return false;
  if (text.endsWith(")") && start === 0 && knows(pass, text.slice(2, -1))) return true;
  while (start >= 0) {
    const close = text.indexOf(")", start + 2);
    if (close < 0) return false;
    if (knows(pass, text.slice(start + 2, close))) return true;
    start = text.indexOf("$(", start + 1);
  }
  return false;
}

/**
 * Whether any string in `value` holds a reference `pass` replaces. Walking is far cheaper than
 * copying, and what holds none comes out of the pass equal to what went in (scripts often hold
 * shell `$(…)` that no pass knows), so it is kept as it is.
 */
export function mentions(value: unknown, pass: Pass): boolean {
  if (typeof value === "string") return mentionsIn(value, pass);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (mentions(v, pass)) return true;
    return false;
  }
  for (const k in value) if (mentions((value as Record<string, unknown>)[k], pass)) return true;
  return false;
}

/** Runs `run` with the trace's base moved to `base`, recording what is left at it afterwards. */
function within(base: Location, run: () => unknown): unknown {
  flush([]);
  return withTrace({ origin: (trace as Trace).origin, base, hits: [] }, run);
}

/** `list` with `replace` applied to each item: the list itself when every item comes back unchanged. */
function mapKept<T>(list: T[], replace: (item: T, i: number) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as T;
    const next = replace(item, i);
    if (out === undefined && next !== item) out = list.slice(0, i);
    if (out !== undefined) out.push(next);
  }
  return out ?? list;
}

/**
 * `ApplyReplacements` on a TaskSpec: steps (their `params` too), the step template, volumes,
 * workspace mount paths and sidecars. The input is not modified: what the pass changes is
 * copied, and a spec the pass leaves as it is comes back itself (most passes change no step).
 */
export function replaceInTaskSpec(spec: TaskSpecV1, pass: Pass): TaskSpecV1 {
  if (pass.strings.size === 0 && (pass.arrays?.size ?? 0) === 0 && (pass.objects?.size ?? 0) === 0) return spec;
  if (pass.origin !== undefined && trace === undefined)
    return traced(pass, ["taskSpec"], () => replaceInTaskSpec(spec, pass));
  // Each object is recorded at its own place in the spec while an explanation is gathered.
  const base = trace?.base ?? [];
  const at = (path: PathSegment[], run: () => unknown): unknown => within([...base, ...path], run);
  const steps =
    spec.steps &&
    mapKept(spec.steps, (step, i) => {
      if (!mentions(step, pass)) return step;
      const withParams = step.params !== undefined ? { ...step, params: replaceParams(step.params, pass) } : step;
      return trace === undefined
        ? replaceStep(withParams, pass)
        : (at(["steps", i], () => replaceStep(withParams, pass)) as StepV1);
    });
  let stepTemplate = spec.stepTemplate;
  if (stepTemplate !== undefined && mentions(stepTemplate, pass)) {
    const template = stepTemplate as StepTemplateV1 & ContainerFields;
    stepTemplate =
      trace === undefined
        ? replaceContainer(template, pass)
        : (at(["stepTemplate"], () => replaceContainer(template, pass)) as StepTemplateV1);
  }
  const volumes =
    spec.volumes &&
    mapKept(spec.volumes, (v, k) =>
      !mentions(v, pass)
        ? v
        : trace === undefined
          ? replaceVolume(v, pass.strings)
          : (at(["volumes", k], () => replaceVolume(v, pass.strings)) as Volume),
    );
  let workspaces = spec.workspaces;
  if (workspaces !== undefined) {
    workspaces = mapKept(workspaces, (w) => {
      if (w.mountPath === undefined) return w;
      const mountPath = replaceString(w.mountPath, pass.strings);
      return mountPath === w.mountPath ? w : { ...w, mountPath };
    });
    if (trace !== undefined) flush(["workspaces"]);
  }
  const sidecars =
    spec.sidecars &&
    mapKept(spec.sidecars, (s, k) =>
      !mentions(s, pass)
        ? s
        : trace === undefined
          ? replaceSidecar(s, pass)
          : (at(["sidecars", k], () => replaceSidecar(s, pass)) as SidecarV1),
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
