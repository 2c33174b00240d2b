/**
 * Variable substitution as Tekton v1.12 does it (pkg/substitution, pkg/container/*_replacements.go,
 * reconciler/taskrun/resources/apply.go): each pass replaces every `$(key)` it knows in one
 * left-to-right scan (Go's `strings.Replacer`), so a value holding `$(…)` is not expanded again
 * by the same pass. An `args`/`command` element that is exactly `$(key)` or `$(key[*])` of an
 * array becomes that array's elements. Only the fields Tekton lists are touched.
 */
import type { EnvFromSource, EnvVar, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { ParamV1, SidecarV1, StepTemplateV1, StepV1, TaskSpecV1 } from "../api/types.js";

/** One substitution pass: string values by key, and arrays for whole-array references. */
export interface Pass {
  readonly strings: ReadonlyMap<string, string>;
  readonly arrays?: ReadonlyMap<string, readonly string[]>;
  readonly objects?: ReadonlyMap<string, Readonly<Record<string, string>>>;
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
      out += text.slice(copied, start) + value;
      copied = close + 1;
      start = text.indexOf("$(", copied);
    } else {
      start = text.indexOf("$(", start + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function replaceArrayElement(text: string, pass: Pass): readonly string[] {
  if (pass.arrays !== undefined && pass.arrays.size > 0 && text.startsWith("$(") && text.endsWith(")")) {
    const inner = text.slice(2, -1);
    const whole = pass.arrays.get(inner) ?? (inner.endsWith("[*]") ? pass.arrays.get(inner.slice(0, -3)) : undefined);
    if (whole !== undefined) return whole;
  }
  return [replaceString(text, pass.strings)];
}

function replaceList(list: readonly string[] | undefined, pass: Pass): string[] | undefined {
  if (list === undefined) return undefined;
  const out: string[] = [];
  // A loop, not push(...): an array param may hold more elements than a call takes arguments.
  for (const item of list) for (const v of replaceArrayElement(item, pass)) out.push(v);
  return out;
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
  set(out, "image", r(c.image));
  set(out, "imagePullPolicy", r(c.imagePullPolicy));
  set(out, "args", replaceList(c.args, pass));
  if (c.env !== undefined) {
    out.env = c.env.map((e) => {
      const env: EnvVar = { ...e };
      set(env, "value", r(e.value));
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
      }
      return env;
    });
  }
  if (c.envFrom !== undefined) {
    out.envFrom = c.envFrom.map((e) => {
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
      return from;
    });
  }
  set(out, "workingDir", r(c.workingDir));
  set(out, "command", replaceList(c.command, pass));
  if (c.volumeMounts !== undefined) {
    out.volumeMounts = c.volumeMounts.map((m) => {
      const mount: VolumeMount = { ...m, name: replaceString(m.name, s), mountPath: replaceString(m.mountPath, s) };
      set(mount, "subPath", r(m.subPath));
      return mount;
    });
  }
  return out;
}

/** `ApplyStepReplacements`: script, onError, std{out,err}Config paths, when, then the Container fields. */
export function replaceStep(step: StepV1, pass: Pass): StepV1 {
  const s = pass.strings;
  const out = { ...step };
  if (step.script !== undefined) out.script = replaceString(step.script, s);
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
  return replaceContainer(out, pass);
}

/** `ApplySidecarReplacements`: the script, then the Container fields. */
export function replaceSidecar(sidecar: SidecarV1, pass: Pass): SidecarV1 {
  const out = { ...sidecar };
  if (sidecar.script !== undefined) out.script = replaceString(sidecar.script, pass.strings);
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

/**
 * `ApplyReplacements` on a TaskSpec: steps (their `params` too), the step template, volumes,
 * workspace mount paths and sidecars. Returns a new spec; the input is not modified.
 */
export function replaceInTaskSpec(spec: TaskSpecV1, pass: Pass): TaskSpecV1 {
  if (pass.strings.size === 0 && (pass.arrays?.size ?? 0) === 0 && (pass.objects?.size ?? 0) === 0) return spec;
  const out: TaskSpecV1 = { ...spec };
  if (spec.steps !== undefined) {
    out.steps = spec.steps.map((step) => {
      if (!mentions(step, pass)) return step;
      const withParams = step.params !== undefined ? { ...step, params: replaceParams(step.params, pass) } : step;
      return replaceStep(withParams, pass);
    });
  }
  if (spec.stepTemplate !== undefined && mentions(spec.stepTemplate, pass))
    out.stepTemplate = replaceContainer(spec.stepTemplate as StepTemplateV1 & ContainerFields, pass);
  if (spec.volumes !== undefined)
    out.volumes = spec.volumes.map((v) => (mentions(v, pass) ? replaceVolume(v, pass.strings) : v));
  if (spec.workspaces !== undefined) {
    out.workspaces = spec.workspaces.map((w) =>
      w.mountPath !== undefined ? { ...w, mountPath: replaceString(w.mountPath, pass.strings) } : w,
    );
  }
  if (spec.sidecars !== undefined)
    out.sidecars = spec.sidecars.map((s) => (mentions(s, pass) ? replaceSidecar(s, pass) : s));
  return out;
}
