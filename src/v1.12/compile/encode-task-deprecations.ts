/**
 * The `tekton.dev/v1beta1.task-deprecations` annotation, byte for byte. Converting a v1beta1
 * Task spec to v1 drops the Container fields v1 no longer has on steps (ports, probes,
 * lifecycle, termination message settings, stdin/tty) and the stepTemplate's name; Tekton keeps
 * them in that annotation so that a later conversion back can restore them
 * (pkg/apis/pipeline/v1beta1/task_conversion.go). The annotation is visible: the Pod inherits
 * the TaskRun's annotations. Its value is Go's `json.Marshal` of a map keyed by task name, so
 * keys are sorted, struct fields come in Go's declaration order with `omitempty`, and strings
 * use the escapes of the Go release Tekton v1.12 is built with (Go ≥ 1.22: `\b` and `\f` short
 * forms, HTML-sensitive characters as `\u003c`…).
 */

import { goJsonStringSinceGo122 } from "../../k8s/go-json.js";
import { isRecord } from "../../read-values.js";

type Json = unknown;
type JsonObject = Readonly<Record<string, Json>>;

/** The annotation's key. */
export const TASK_DEPRECATIONS_ANNOTATION = "tekton.dev/v1beta1.task-deprecations";

/**
 * How one Go struct encodes: its JSON field names in declaration order, each with how its value
 * encodes and whether `omitempty` drops a zero value.
 */
type Field = readonly [name: string, encode: Encoder, omitEmpty: boolean];
type Encoder = (value: Json) => string;

const encodeString: Encoder = (v) => goJsonStringSinceGo122(typeof v === "string" ? v : "");
const encodeNumber: Encoder = (v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : "0");
const encodeIntOrString: Encoder = (v) => (typeof v === "string" ? goJsonStringSinceGo122(v) : encodeNumber(v));
const encodeStrings: Encoder = (v) => (Array.isArray(v) ? `[${v.map(encodeString).join(",")}]` : "null");
const nullable =
  (inner: Encoder): Encoder =>
  (v) =>
    v === undefined || v === null ? "null" : inner(v);
const listOf =
  (inner: Encoder): Encoder =>
  (v) =>
    Array.isArray(v) ? `[${v.map(inner).join(",")}]` : "null";

function struct(fields: readonly Field[]): Encoder {
  return (value) => {
    const object = isRecord(value) ? value : {};
    const parts: string[] = [];
    for (const [name, encode, omitEmpty] of fields) {
      const v = Object.hasOwn(object, name) ? object[name] : undefined;
      if (omitEmpty && isEmpty(v)) continue;
      parts.push(`${goJsonStringSinceGo122(name)}:${encode(v)}`);
    }
    return `{${parts.join(",")}}`;
  };
}

/** Go's `omitempty`: false, 0, "", nil pointers, and empty slices and maps are left out. */
function isEmpty(v: Json): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return true;
  return Array.isArray(v) && v.length === 0;
}

/** Pointer-to-struct fields: omitted only when nil, however empty the struct. */
function pointerField(name: string, encode: Encoder): Field {
  return [name, encode, true];
}

// k8s.io/api/core/v1 (v0.35), the types the deprecated fields hold.
const execAction = struct([["command", encodeStrings, true]]);
const httpHeader = struct([
  ["name", encodeString, false],
  ["value", encodeString, false],
]);
const httpGetAction = struct([
  ["path", encodeString, true],
  ["port", encodeIntOrString, false],
  ["host", encodeString, true],
  ["scheme", encodeString, true],
  ["httpHeaders", listOf(httpHeader), true],
]);
const tcpSocketAction = struct([
  ["port", encodeIntOrString, false],
  ["host", encodeString, true],
]);
const grpcAction = struct([
  ["port", encodeNumber, false],
  ["service", nullable(encodeString), false],
]);
const sleepAction = struct([["seconds", encodeNumber, false]]);
const probe = struct([
  pointerField("exec", execAction),
  pointerField("httpGet", httpGetAction),
  pointerField("tcpSocket", tcpSocketAction),
  pointerField("grpc", grpcAction),
  ["initialDelaySeconds", encodeNumber, true],
  ["timeoutSeconds", encodeNumber, true],
  ["periodSeconds", encodeNumber, true],
  ["successThreshold", encodeNumber, true],
  ["failureThreshold", encodeNumber, true],
  pointerField("terminationGracePeriodSeconds", encodeNumber),
]);
const lifecycleHandler = struct([
  pointerField("exec", execAction),
  pointerField("httpGet", httpGetAction),
  pointerField("tcpSocket", tcpSocketAction),
  pointerField("sleep", sleepAction),
]);
const lifecycle = struct([
  pointerField("postStart", lifecycleHandler),
  pointerField("preStop", lifecycleHandler),
  pointerField("stopSignal", encodeString),
]);
const containerPort = struct([
  ["name", encodeString, true],
  ["hostPort", encodeNumber, true],
  ["containerPort", encodeNumber, false],
  ["protocol", encodeString, true],
  ["hostIP", encodeString, true],
]);

/**
 * A v1beta1 Step or StepTemplate that holds only its deprecated fields: `name` (never omitted;
 * for the template, its deprecated name) and `resources` (a struct, so never omitted even when
 * empty) come out as `""` and `{}`, the rest only when set.
 */
const deprecatedContainer = (value: Json): string => {
  const v = isRecord(value) ? value : {};
  const parts = [`"name":${encodeString(v["name"])}`];
  const ports = v["ports"];
  if (!isEmpty(ports)) parts.push(`"ports":${listOf(containerPort)(ports)}`);
  parts.push(`"resources":{}`);
  for (const name of ["livenessProbe", "readinessProbe", "startupProbe"]) {
    if (v[name] !== undefined && v[name] !== null) parts.push(`"${name}":${probe(v[name])}`);
  }
  if (v["lifecycle"] !== undefined && v["lifecycle"] !== null) parts.push(`"lifecycle":${lifecycle(v["lifecycle"])}`);
  for (const name of ["terminationMessagePath", "terminationMessagePolicy"]) {
    if (!isEmpty(v[name])) parts.push(`"${name}":${encodeString(v[name])}`);
  }
  for (const name of ["stdin", "stdinOnce", "tty"]) {
    if (v[name] === true) parts.push(`"${name}":true`);
  }
  return `{${parts.join(",")}}`;
};

/** The deprecated fields of one Task spec: every step's (in order) and the stepTemplate's. */
export interface TaskDeprecation {
  readonly deprecatedSteps: readonly JsonObject[];
  readonly deprecatedStepTemplate?: JsonObject;
}

const STEP_DEPRECATED_FIELDS = [
  "ports",
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "lifecycle",
  "terminationMessagePath",
  "terminationMessagePolicy",
  "stdin",
  "stdinOnce",
  "tty",
] as const;
const STEP_DEPRECATED: ReadonlySet<string> = new Set(STEP_DEPRECATED_FIELDS);

/**
 * Whether a step has any deprecated field's key, found among the keys it has (for…in): most
 * steps have none, and asking an object of one of many shapes for ten fields it lacks is slow.
 */
function hasDeprecatedKey(step: JsonObject): boolean {
  for (const key in step) if (STEP_DEPRECATED.has(key)) return true;
  return false;
}

function pick(source: JsonObject, names: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const name of names) if (Object.hasOwn(source, name)) out[name] = source[name];
  return out;
}

/**
 * The deprecated fields a v1beta1 Task spec holds, or undefined when it holds none. Tekton's
 * test of "holds none" does not look at the stepTemplate's liveness probe (a quirk kept here):
 * such a probe alone is dropped without a trace, though it is recorded when anything else is.
 */
export function taskDeprecation(spec: JsonObject): TaskDeprecation | undefined {
  const steps = Array.isArray(spec["steps"]) ? (spec["steps"] as Json[]).map((s) => (isRecord(s) ? s : {})) : [];
  const template = isRecord(spec["stepTemplate"]) ? spec["stepTemplate"] : undefined;
  const set = (v: Json): boolean => !isEmpty(v);
  const stepHas = steps.some((s) => hasDeprecatedKey(s) && STEP_DEPRECATED_FIELDS.some((f) => set(s[f])));
  const templateHas =
    template !== undefined &&
    [
      "ports",
      "name",
      "readinessProbe",
      "startupProbe",
      "lifecycle",
      "terminationMessagePath",
      "terminationMessagePolicy",
      "stdin",
      "stdinOnce",
      "tty",
    ].some((f) => set(template[f]));
  if (!stepHas && !templateHas) return undefined;
  const deprecation: { deprecatedSteps: JsonObject[]; deprecatedStepTemplate?: JsonObject } = {
    deprecatedSteps: steps.map((s) => pick(s, STEP_DEPRECATED_FIELDS)),
  };
  if (template !== undefined) deprecation.deprecatedStepTemplate = pick(template, ["name", ...STEP_DEPRECATED_FIELDS]);
  return deprecation;
}

const encodeDeprecation = (d: TaskDeprecation): string => {
  const parts: string[] = [];
  // An empty list is omitted (`omitempty`), as Go does for a Task with no steps.
  if (d.deprecatedSteps.length > 0)
    parts.push(`"deprecatedSteps":[${d.deprecatedSteps.map(deprecatedContainer).join(",")}]`);
  if (d.deprecatedStepTemplate !== undefined)
    parts.push(`"deprecatedStepTemplate":${deprecatedContainer(d.deprecatedStepTemplate)}`);
  return `{${parts.join(",")}}`;
};

/**
 * The annotation's value with `deprecation` recorded under `taskName`, next to the entries an
 * existing value already holds (Go decodes them into the same struct and re-encodes them, so
 * they are normalized the same way). An existing value that is not a JSON object of entries is
 * replaced. Keys come out sorted, as Go sorts map keys (byte order; UTF-16 order differs only
 * outside the BMP, which task names cannot contain).
 */
export function encodeTaskDeprecations(
  existing: string | undefined,
  taskName: string,
  deprecation: TaskDeprecation,
): string {
  const entries = new Map<string, TaskDeprecation>();
  if (existing !== undefined) {
    let parsed: Json;
    try {
      parsed = JSON.parse(existing) as Json;
    } catch {
      parsed = undefined;
    }
    if (isRecord(parsed)) {
      for (const [key, value] of Object.entries(parsed)) {
        const entry = isRecord(value) ? value : {};
        const steps = Array.isArray(entry["deprecatedSteps"])
          ? (entry["deprecatedSteps"] as Json[]).map((s) => (isRecord(s) ? s : {}))
          : [];
        const template = isRecord(entry["deprecatedStepTemplate"]) ? entry["deprecatedStepTemplate"] : undefined;
        entries.set(
          key,
          template === undefined
            ? { deprecatedSteps: steps }
            : { deprecatedSteps: steps, deprecatedStepTemplate: template },
        );
      }
    }
  }
  entries.set(taskName, deprecation);
  const keys = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonStringSinceGo122(k)}:${encodeDeprecation(entries.get(k) as TaskDeprecation)}`).join(",")}}`;
}
