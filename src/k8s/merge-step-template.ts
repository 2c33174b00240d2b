/**
 * Tekton v0.20.1's `MergeStepsWithStepTemplate` (pkg/apis/pipeline/v1beta1/merge.go): each
 * step, as a Container, is laid over the Task's `stepTemplate` with Kubernetes' strategic merge
 * (k8s.io/apimachinery v0.18.12 `CreateThreeWayMergePatch(empty, step, template)` applied to the
 * template), after both went through Go's JSON encoding of `corev1.Container`.
 *
 * What that amounts to, reproduced here on purpose:
 * - Fields the step sets win; fields it leaves out keep the template's value (the patch never
 *   deletes). Objects (resources, securityContext, probes, lifecycle, valueFrom…) merge key by
 *   key; lists replace — except `env` (by `name`), `ports` (by `containerPort`),
 *   `volumeMounts` (by `mountPath`) and `volumeDevices` (by `devicePath`), which merge by key.
 * - Go's JSON encoding first drops `omitempty` zero values, so a step's `readOnly: false`,
 *   `image: ""` or `env: []` does not override the template; fields Go always encodes (a
 *   container's `name`, an env var's `name`, a mount's `name`/`mountPath`, a resourceFieldRef's
 *   `divisor`…) do override it with their zero value when the step leaves them out.
 * - Order of a merged keyed list: the step's items in the step's order, with the
 *   template-only items woven in by `$setElementOrder`/`mergeSortedSlice`: before a step item
 *   only when both are template items and the template lists it first. So new step items come
 *   before template-only ones unless a shared item anchors them: template [QUX] + step [FOO] →
 *   [FOO, QUX]; template [GOOS, GOARCH, CGO] + step [GOARCH, GOARM] → [GOOS, GOARCH, GOARM, CGO].
 * - `script` is carried over; `timeout` is dropped whenever a template exists, because Tekton
 *   rebuilds each Step from the merged Container and `Script` only (fixed upstream in #4255).
 * - A step whose `args` was given but ends up with none gets `args: []`.
 * Duplicate merge keys within one list are merged into the first item with that key; Go's
 * outcome there depends on its unstable sort and is not reproduced.
 */

import type { Immutable, Step, StepTemplate } from "../api/types.js";
import type { PathSegment } from "../errors.js";
import { isRecord } from "../read-values.js";
import { copyObject } from "./copy-object.js";
import { setRecord } from "./records.js";

type JsonObject = { [key: string]: unknown };

/** Where Go's encoding of a k8s 1.18 type differs from plain JSON, and how its lists merge. */
interface ObjectSchema {
  /** `omitempty` fields of non-pointer type: Go drops them when "" / 0 / false. */
  readonly omitZero?: readonly string[];
  /** Fields without `omitempty`: always encoded, as this zero value when unset. */
  readonly required?: Readonly<Record<string, string | number>>;
  /** Struct- or map-valued fields. */
  readonly objects?: Readonly<Record<string, ObjectSchema>>;
  /** Map-valued `omitempty` fields: Go drops them when empty. */
  readonly maps?: readonly string[];
  /** Lists of structs replaced as a whole. */
  readonly lists?: Readonly<Record<string, ObjectSchema>>;
  /** Lists with `patchStrategy: merge` and their `patchMergeKey`. */
  readonly mergeLists?: Readonly<Record<string, { readonly key: string; readonly item: ObjectSchema }>>;
}

const NAMED_REF: ObjectSchema = { omitZero: ["name"] };
const KEY_REF: ObjectSchema = { omitZero: ["name"], required: { key: "" } };
const HANDLER_FIELDS = {
  exec: {},
  httpGet: {
    omitZero: ["path", "host", "scheme"],
    required: { port: 0 },
    lists: { httpHeaders: { required: { name: "", value: "" } } },
  },
  tcpSocket: { omitZero: ["host"], required: { port: 0 } },
} satisfies Record<string, ObjectSchema>;
const HANDLER: ObjectSchema = { objects: HANDLER_FIELDS };
const PROBE: ObjectSchema = {
  omitZero: ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"],
  objects: HANDLER_FIELDS,
};

const ENV_VAR: ObjectSchema = {
  required: { name: "" },
  omitZero: ["value"],
  objects: {
    valueFrom: {
      objects: {
        fieldRef: { omitZero: ["apiVersion"], required: { fieldPath: "" } },
        resourceFieldRef: { omitZero: ["containerName"], required: { resource: "", divisor: "0" } },
        configMapKeyRef: KEY_REF,
        secretKeyRef: KEY_REF,
      },
    },
  },
};

/** `corev1.Container` of k8s.io/api v0.18.12, as far as JSON encoding and merging go. */
const CONTAINER: ObjectSchema = {
  required: { name: "" },
  omitZero: [
    "image",
    "workingDir",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "stdin",
    "stdinOnce",
    "tty",
  ],
  objects: {
    resources: { maps: ["limits", "requests"] },
    livenessProbe: PROBE,
    readinessProbe: PROBE,
    startupProbe: PROBE,
    lifecycle: { objects: { postStart: HANDLER, preStop: HANDLER } },
    securityContext: {
      objects: {
        capabilities: {},
        seLinuxOptions: { omitZero: ["user", "role", "type", "level"] },
        windowsOptions: {},
      },
    },
  },
  lists: {
    envFrom: { omitZero: ["prefix"], objects: { configMapRef: NAMED_REF, secretRef: NAMED_REF } },
  },
  mergeLists: {
    ports: {
      key: "containerPort",
      item: { omitZero: ["name", "hostPort", "protocol", "hostIP"], required: { containerPort: 0 } },
    },
    env: { key: "name", item: ENV_VAR },
    volumeMounts: {
      key: "mountPath",
      item: { required: { name: "", mountPath: "" }, omitZero: ["readOnly", "subPath", "subPathExpr"] },
    },
    volumeDevices: { key: "devicePath", item: { required: { name: "", devicePath: "" } } },
  },
};

const NO_SCHEMA: ObjectSchema = {};

/** Step fields that are not Container fields: Tekton merges the Container part only. */
const STEP_ONLY_FIELDS: ReadonlySet<string> = new Set(["script", "timeout"]);

function isZero(value: unknown): boolean {
  return value === "" || value === 0 || value === false;
}

/** A deep copy with `undefined`-valued keys left out. */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (!isRecord(value)) return value;
  const out: JsonObject = {};
  // for…in walks V8's cached key list; Object.entries would allocate a pair per key.
  for (const k in value) {
    const v = value[k];
    if (Object.hasOwn(value, k) && v !== undefined) setRecord(out, k, copyPlain(v));
  }
  return out;
}

/**
 * What survives Go's JSON encoding: no nulls, no empty lists, no `omitempty` zero values.
 * Keys in `omit` are left out as well (a Step's own fields, which a Container does not have).
 */
function goView(value: JsonObject, schema: ObjectSchema, omit?: ReadonlySet<string>): JsonObject {
  const out: JsonObject = {};
  for (const key in value) {
    const v = value[key];
    if (!Object.hasOwn(value, key) || v === undefined || v === null || omit?.has(key) === true) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      const itemSchema = schema.mergeLists?.[key]?.item ?? schema.lists?.[key] ?? NO_SCHEMA;
      setRecord(
        out,
        key,
        v.map((item) => (isRecord(item) ? goView(item, itemSchema) : copyPlain(item))),
      );
    } else if (isRecord(v)) {
      const view = goView(v, schema.objects?.[key] ?? NO_SCHEMA);
      if (schema.maps?.includes(key) && Object.keys(view).length === 0) continue;
      setRecord(out, key, view);
    } else if (!(schema.omitZero?.includes(key) && isZero(v))) {
      setRecord(out, key, v);
    }
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Where each part of a merged step came from, for an explanation: called once for each part
 * taken whole from the step or the template (`from` is its path there), or set to its zero
 * value; `at` is its path in the merged step.
 */
export type MergeOriginReporter = (
  at: readonly PathSegment[],
  source: "step" | "template" | "zero",
  from: readonly PathSegment[],
  value: unknown,
) => void;

/** The paths of the object being merged, when a {@link MergeOriginReporter} listens. */
interface MergeTrace {
  readonly report: MergeOriginReporter;
  readonly at: readonly PathSegment[];
  readonly template: readonly PathSegment[];
  readonly step: readonly PathSegment[];
}

function below(trace: MergeTrace, key: PathSegment, templateKey: PathSegment = key, stepKey = key): MergeTrace {
  return {
    report: trace.report,
    at: [...trace.at, key],
    template: [...trace.template, templateKey],
    step: [...trace.step, stepKey],
  };
}

/** Lays `step` over `template` (both Go views): step values win, nothing is deleted. */
function mergeObject(template: JsonObject, step: JsonObject, schema: ObjectSchema, trace?: MergeTrace): JsonObject {
  // The step's fields are added to the copy: made by copyObject, not a spread (see there).
  const out: JsonObject = copyObject(template);
  for (const key in step) {
    if (!Object.hasOwn(step, key)) continue;
    const stepValue = step[key];
    const templateValue = Object.hasOwn(out, key) ? out[key] : undefined;
    const keyed = schema.mergeLists?.[key];
    if (templateValue === undefined) {
      setRecord(out, key, stepValue);
      trace?.report([...trace.at, key], "step", [...trace.step, key], stepValue);
    } else if (keyed !== undefined && Array.isArray(templateValue) && Array.isArray(stepValue)) {
      setRecord(out, key, mergeKeyedLists(templateValue, stepValue, keyed.key, keyed.item, trace && below(trace, key)));
    } else if (isRecord(templateValue) && isRecord(stepValue)) {
      setRecord(
        out,
        key,
        mergeObject(templateValue, stepValue, schema.objects?.[key] ?? NO_SCHEMA, trace && below(trace, key)),
      );
    } else {
      setRecord(out, key, stepValue);
      trace?.report([...trace.at, key], "step", [...trace.step, key], stepValue);
    }
  }
  // Go always encodes these, so a step leaving one out sets it to its zero value.
  for (const [key, zero] of Object.entries(schema.required ?? {})) {
    if (!Object.hasOwn(step, key) && Object.hasOwn(template, key) && !deepEqual(template[key], zero)) {
      setRecord(out, key, zero);
      trace?.report([...trace.at, key], "zero", [...trace.step, key], zero);
    }
  }
  if (trace !== undefined) {
    for (const key in template) {
      if (Object.hasOwn(template, key) && !Object.hasOwn(step, key) && out[key] === template[key]) {
        trace.report([...trace.at, key], "template", [...trace.template, key], template[key]);
      }
    }
  }
  return out;
}

/** Merges a `patchStrategy: merge` list and orders it as the strategic merge patch does. */
function mergeKeyedLists(
  template: readonly unknown[],
  step: readonly unknown[],
  key: string,
  item: ObjectSchema,
  trace?: MergeTrace,
): unknown[] {
  // Go decoded these as typed structs; anything else cannot be merged by key, so it replaces.
  if (!template.every(isRecord) || !step.every(isRecord)) {
    trace?.report(trace.at, "step", trace.step, step);
    return [...step];
  }
  const zero = item.required?.[key];
  const keyOf = (x: JsonObject): unknown => (Object.hasOwn(x, key) ? x[key] : zero);
  const templateKeys = template.map(keyOf);
  const stepKeys = step.map(keyOf);

  const merged: JsonObject[] = [...template];
  const mergedKeys = [...templateKeys];
  // With a trace: for each merged item, the template and step items it was made of.
  const origins = trace === undefined ? undefined : new Map<unknown, { t?: number; s?: number }>();
  if (origins !== undefined) {
    template.forEach((x, t) => {
      origins.set(x, { t });
    });
  }
  for (let si = 0; si < step.length; si++) {
    const s = step[si] as JsonObject;
    const k = keyOf(s);
    const at = mergedKeys.indexOf(k);
    if (at >= 0) {
      const before = merged[at] as JsonObject;
      merged[at] = mergeObject(before, s, item);
      origins?.set(merged[at], { ...origins.get(before), s: si });
    } else {
      merged.push(s);
      mergedKeys.push(k);
      origins?.set(s, { s: si });
    }
  }

  // Template-only items in template order; step items in step order.
  const templateOnly = merged.filter((x) => !stepKeys.includes(keyOf(x)));
  const fromStep = merged
    .filter((x) => stepKeys.includes(keyOf(x)))
    .map((x, i) => ({ x, rank: stepKeys.indexOf(keyOf(x)), i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ x }) => x);

  // mergeSortedSlice: a template-only item goes first only if the template lists it before the
  // step item it is compared with; a step item unknown to the template always goes first.
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < templateOnly.length || j < fromStep.length) {
    const left = templateOnly[i];
    const right = fromStep[j];
    if (right === undefined) {
      out.push(left);
      i++;
    } else if (left === undefined) {
      out.push(right);
      j++;
    } else {
      const li = templateKeys.indexOf(keyOf(left));
      const ri = templateKeys.indexOf(keyOf(right));
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push(left);
        i++;
      } else {
        out.push(right);
        j++;
      }
    }
  }
  if (trace !== undefined) reportKeyedList(trace, out, origins, template, step, item);
  return out;
}

/** The origin of each item of a merged keyed list, now that its place in the list is known. */
function reportKeyedList(
  trace: MergeTrace,
  out: readonly unknown[],
  origins: ReadonlyMap<unknown, { t?: number; s?: number }> | undefined,
  template: readonly unknown[],
  step: readonly unknown[],
  item: ObjectSchema,
): void {
  out.forEach((x, k) => {
    const origin = origins?.get(x) ?? {};
    if (origin.s === undefined && origin.t !== undefined) {
      trace.report([...trace.at, k], "template", [...trace.template, origin.t], x);
    } else if (origin.s !== undefined && origin.t === undefined) {
      trace.report([...trace.at, k], "step", [...trace.step, origin.s], x);
    } else if (origin.s !== undefined && origin.t !== undefined) {
      // Merged from both: merging the two again tells which fields came from which.
      mergeObject(
        template[origin.t] as JsonObject,
        step[origin.s] as JsonObject,
        item,
        below(trace, k, origin.t, origin.s),
      );
    }
  });
}

/**
 * Applies a Task's `stepTemplate` to its steps as Tekton v0.20.1 does. Without a template the
 * steps come back as plain copies (with their `timeout`); with one, every step is the strategic
 * merge of the step onto the template, keeps its `script` and loses its `timeout`.
 *
 * @example
 * mergeStepsWithStepTemplate({ env: [{ name: "A", value: "1" }] },
 *   [{ name: "s", image: "alpine", env: [{ name: "B", value: "2" }], timeout: "5s" }])
 * // [{ name: "s", image: "alpine", env: [{ name: "B", value: "2" }, { name: "A", value: "1" }] }]
 */
export function mergeStepsWithStepTemplate(
  template: Immutable<StepTemplate> | undefined,
  steps: readonly Immutable<Step>[],
): Step[] {
  const merge = stepTemplateMerger(template);
  return steps.map((step) => merge(step));
}

/**
 * {@link mergeStepsWithStepTemplate} one step at a time: the template is prepared once, and
 * the function returned merges a step onto it.
 */
export function stepTemplateMerger(
  template: Immutable<StepTemplate> | undefined,
): (step: Immutable<Step>, report?: MergeOriginReporter) => Step {
  if (template === undefined) return (step) => copyPlain(step) as Step;
  const base = goView(template as JsonObject, CONTAINER);
  return (step, report) => {
    // goView builds new objects, so the merge of a fresh copy of the template with the step's
    // view shares nothing with the input or with the other steps.
    const container = goView(step as JsonObject, CONTAINER, STEP_ONLY_FIELDS);
    const trace = report === undefined ? undefined : { report, at: [], template: [], step: [] };
    const merged = mergeObject(copyPlain(base) as JsonObject, container, CONTAINER, trace);
    // An empty name is how Go spells "unnamed"; the pod builder names such steps by index.
    if (merged["name"] === "") delete merged["name"];
    if (isRecord(merged["resources"]) && Object.keys(merged["resources"]).length === 0) {
      delete merged["resources"];
    }
    if (merged["args"] === undefined && Array.isArray(step.args)) setRecord(merged, "args", []);
    if (step.script !== undefined) setRecord(merged, "script", step.script);
    return merged as unknown as Step;
  };
}
