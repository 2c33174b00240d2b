/**
 * Reading the TaskRun a Tekton v1.12 controller folds into: Go's `encoding/json` into
 * `v1.TaskRun` — for a `tekton.dev/v1beta1` TaskRun, into `v1beta1.TaskRun` and then through the
 * conversion webhook's `ConvertTo` (pkg/apis/pipeline/v1beta1/taskrun_conversion.go): `taskResults`
 * become `results`, each terminated step gets its container's reason as `terminationReason`, and
 * `cloudEvents` / `resourcesResult` ride along (in annotations, in Tekton) to come back on the way
 * out. Nothing here throws: a field of the wrong type reads as Go's zero value.
 */
import { normalizeMetaTime } from "../../k8s/go-time.js";
import { setRecord } from "../../k8s/records.js";
import { appendAll, asList, asRecord, field, stringOrEmpty } from "../../read-values.js";
import {
  cloneData,
  intOrZero,
  NO_FIELDS,
  omitEmpty,
  own,
  readCondition,
  readContainerState,
} from "../../status-shared/read-objects.js";
import type { TaskSpecV1 } from "../api/types.js";
import type { DeclaredResult } from "./result-values.js";
import type {
  Artifact,
  Artifacts,
  Provenance,
  ResultValue,
  SidecarState,
  StepState,
  TaskRunResult,
  TaskRunStatus,
} from "./types.js";

/** The API version whose status form the fold writes back. */
export type StatusForm = "v1" | "v1beta1";

/** The parts of a v1beta1 status that v1 has no field for and that survive the round trip. */
export interface V1beta1Extras {
  readonly cloudEvents?: Record<string, unknown>[];
  readonly resourcesResult?: Record<string, unknown>[];
}

/** A declared step: its name and the types of its results. */
export interface DeclaredStep {
  readonly name: string;
  readonly results: readonly DeclaredResult[];
  /**
   * Script, args and command, where an artifacts path could be referenced. Read on demand:
   * only with `results-from: sidecar-logs` does the fold look at them.
   */
  readonly texts: () => readonly string[];
}

/** What the fold reads from the TaskRun. */
export interface TaskRunView {
  readonly form: StatusForm;
  /** `metadata.annotations["pipeline.tekton.dev/pipeline-task-on-error"]`, when set. */
  readonly onError: string | undefined;
  /**
   * Results declared by `spec.taskSpec`, then by the resolved spec. Read on demand: a fold
   * whose steps report no results never looks at them.
   */
  readonly declaredResults: () => readonly DeclaredResult[];
  /** Whether `status.taskSpec` declares results (`Results != nil`). */
  readonly statusSpecHasResults: boolean;
  /**
   * Steps of the resolved spec (`status.taskSpec`, else `spec.taskSpec`). Read on demand: only
   * step results and `results-from: sidecar-logs` need them.
   */
  readonly steps: () => readonly DeclaredStep[];
  /**
   * The decoded `status`; read for the fold, without its top-level `steps` (see
   * {@link readTaskRun}).
   */
  readonly status: TaskRunStatus;
  /** The previous `status.steps`, decoded (undefined when there are none). */
  readonly previousSteps: () => StepState[] | undefined;
  /** Provenance of the previous `status.steps`, by step name (the last of a name wins). */
  readonly provenances: ReadonlyMap<string, Provenance | undefined>;
  readonly extras: V1beta1Extras;
}

const ON_ERROR_ANNOTATION = "pipeline.tekton.dev/pipeline-task-on-error";
/** What a TaskRun without previous steps, or a v1 one, has: shared, as no one adds to them. */
const NO_PROVENANCES: ReadonlyMap<string, Provenance | undefined> = new Map();
const NO_EXTRAS: V1beta1Extras = Object.freeze({});

/**
 * Decodes the TaskRun. With `forFold`, `status.steps` and `status.sidecars` are left out of
 * `status`: the fold replaces the sidecars with the Pod's, and the steps whenever the Pod has
 * step containers; it needs only the steps' provenance otherwise, and decodes them
 * (`previousSteps`) only when it keeps them.
 */
export function readTaskRun(value: unknown, { forFold = false }: { readonly forFold?: boolean } = {}): TaskRunView {
  const taskRun = asRecord(value) ?? NO_FIELDS;
  const form: StatusForm =
    stringOrEmpty(own(taskRun, "apiVersion", taskRun.apiVersion)) === "tekton.dev/v1beta1" ? "v1beta1" : "v1";
  const annotations = field(own(taskRun, "metadata", taskRun.metadata), "annotations");
  const onErrorValue = field(annotations, ON_ERROR_ANNOTATION);
  const rawStatus = own(taskRun, "status", taskRun.status);
  const specTaskSpec = asRecord(field(own(taskRun, "spec", taskRun.spec), "taskSpec"));
  const statusTaskSpec = asRecord(field(rawStatus, "taskSpec"));
  const resolved = statusTaskSpec ?? specTaskSpec;
  const status = form === "v1beta1" ? readV1beta1Status(rawStatus, [], forFold) : readV1Status(rawStatus, [], forFold);
  const rawSteps = asRecord(rawStatus) === undefined ? [] : asList(field(rawStatus, "steps"));
  const provenances = rawSteps.length === 0 ? NO_PROVENANCES : readProvenances(rawSteps);
  let declared: DeclaredResult[] | undefined;
  return {
    form,
    onError: typeof onErrorValue === "string" ? onErrorValue : undefined,
    declaredResults: () =>
      (declared ??= ownAndResolved(declaredResults(specTaskSpec), resolved === specTaskSpec ? undefined : resolved)),
    statusSpecHasResults: Array.isArray(field(statusTaskSpec, "results")),
    steps: () => asList(field(resolved, "steps")).map(declaredStep),
    status,
    previousSteps: () => {
      const steps = rawSteps.map((step) => readStepState(step, form === "v1beta1"));
      return steps.length > 0 ? steps : undefined;
    },
    provenances,
    extras: form === "v1beta1" ? readV1beta1Extras(rawStatus) : NO_EXTRAS,
  };
}

/** `cloudEvents` and `resourcesResult` of a v1beta1 status, copied as data, when they list anything. */
function readV1beta1Extras(rawStatus: unknown): V1beta1Extras {
  const extras: { cloudEvents?: Record<string, unknown>[]; resourcesResult?: Record<string, unknown>[] } = {};
  const cloudEvents = nonEmptyList(cloneData(field(rawStatus, "cloudEvents")));
  if (cloudEvents !== undefined) extras.cloudEvents = cloudEvents;
  const resourcesResult = nonEmptyList(cloneData(field(rawStatus, "resourcesResult")));
  if (resourcesResult !== undefined) extras.resourcesResult = resourcesResult;
  return extras;
}

/** Provenance of the previous steps, by step name (the last of a name wins). */
function readProvenances(rawSteps: readonly unknown[]): ReadonlyMap<string, Provenance | undefined> {
  const provenances = new Map<string, Provenance | undefined>();
  for (const step of rawSteps)
    provenances.set(stringOrEmpty(field(step, "name")), readProvenance(field(step, "provenance")));
  return provenances;
}

/** The objects of a copied list; `undefined` when it is no list or an empty one. */
function nonEmptyList(value: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter((v): v is Record<string, unknown> => asRecord(v) !== undefined);
}

/** The results `spec.taskSpec` declares, then those of the resolved spec (the same again when it is that spec). */
function ownAndResolved(own: DeclaredResult[], resolved: unknown): DeclaredResult[] {
  // Appended one by one: concat's generic path costs more than the rest of the TaskRun's read.
  return appendAll([...own], resolved === undefined ? own : declaredResults(resolved));
}

/** Results with their type after admission defaulting: `object` when `properties` are given, else `string`. */
function declaredResults(spec: unknown): DeclaredResult[] {
  const record = asRecord(spec);
  if (record === undefined) return [];
  return asList(own(record, "results", record.results)).map((value) => {
    const r = asRecord(value) ?? NO_FIELDS;
    const type = stringOrEmpty(own(r, "type", r.type));
    const declared = own(r, "value", r.value);
    return {
      name: stringOrEmpty(own(r, "name", r.name)),
      type: type !== "" ? type : asRecord(own(r, "properties", r.properties)) !== undefined ? "object" : "string",
      stringValue: typeof declared === "string" ? declared : "",
    };
  });
}

function declaredStep(value: unknown): DeclaredStep {
  const step = asRecord(value) ?? NO_FIELDS;
  return {
    name: stringOrEmpty(own(step, "name", step.name)),
    results: declaredResults(step),
    texts: () => stepTexts(step),
  };
}

function stepTexts(step: unknown): string[] {
  const strings = (v: unknown) => asList(v).filter((s): s is string => typeof s === "string");
  const script = field(step, "script");
  return [
    ...(typeof script === "string" ? [script] : []),
    ...strings(field(step, "args")),
    ...strings(field(step, "command")),
  ];
}

/** The status fields both versions share (duck `Status` and the common `TaskRunStatusFields`). */
function readCommon(record: Readonly<Record<string, unknown>>): TaskRunStatus {
  const out: TaskRunStatus = { podName: "" };
  const generation = intOrZero(own(record, "observedGeneration", record.observedGeneration));
  if (generation !== 0) out.observedGeneration = generation;
  const conditions = asList(own(record, "conditions", record.conditions)).map(readCondition);
  if (conditions.length > 0) out.conditions = conditions;
  const annotations = stringMap(own(record, "annotations", record.annotations));
  if (annotations !== undefined) out.annotations = annotations;
  out.podName = stringOrEmpty(own(record, "podName", record.podName));
  const startTime = normalizeMetaTime(own(record, "startTime", record.startTime));
  if (startTime !== undefined) out.startTime = startTime;
  const completionTime = normalizeMetaTime(own(record, "completionTime", record.completionTime));
  if (completionTime !== undefined) out.completionTime = completionTime;
  return out;
}

/**
 * A decoded `v1.TaskRunStatus`. `forFold` leaves out its `steps` and `sidecars`, which the fold
 * replaces with the Pod's.
 */
export function readV1Status(value: unknown, ancestors: readonly object[], forFold = false): TaskRunStatus {
  const record = asRecord(value);
  if (record === undefined || ancestors.includes(record)) return { podName: "" };
  const path = [...ancestors, record];
  const out = readCommon(record);
  const steps = forFold ? [] : asList(own(record, "steps", record.steps)).map((s) => readStepState(s, false));
  if (steps.length > 0) out.steps = steps;
  const retries = asList(own(record, "retriesStatus", record.retriesStatus)).map((r) => readV1Status(r, path));
  if (retries.length > 0) out.retriesStatus = retries;
  const results = asList(own(record, "results", record.results)).map(readResult);
  if (results.length > 0) out.results = results;
  const artifacts = asRecord(own(record, "artifacts", record.artifacts));
  if (artifacts !== undefined) out.artifacts = readArtifacts(artifacts);
  return withTail(out, record, path, true, forFold);
}

/** A decoded `v1beta1.TaskRunStatus`, converted to v1 as `ConvertTo` does (`forFold` as for {@link readV1Status}). */
export function readV1beta1Status(value: unknown, ancestors: readonly object[], forFold = false): TaskRunStatus {
  const record = asRecord(value);
  if (record === undefined || ancestors.includes(record)) return { podName: "" };
  const path = [...ancestors, record];
  const out = readCommon(record);
  const steps = forFold ? [] : asList(own(record, "steps", record.steps)).map((s) => readStepState(s, true));
  if (steps.length > 0) out.steps = steps;
  const retries = asList(own(record, "retriesStatus", record.retriesStatus)).map((r) => readV1beta1Status(r, path));
  if (retries.length > 0) out.retriesStatus = retries;
  const results = asList(own(record, "taskResults", record.taskResults)).map(readResult);
  if (results.length > 0) out.results = results;
  // v1beta1 has no span context field in the conversion: it is lost on the way to v1.
  return withTail(out, record, path, false, forFold);
}

/**
 * Sidecars (unless `forFold`), the resolved spec and provenance (copied as data), and the span
 * context when the version has one.
 */
function withTail(
  out: TaskRunStatus,
  record: Readonly<Record<string, unknown>>,
  path: readonly object[],
  withSpanContext: boolean,
  forFold: boolean,
): TaskRunStatus {
  if (!forFold) {
    const sidecars = asList(own(record, "sidecars", record.sidecars)).map(readSidecarState);
    if (sidecars.length > 0) out.sidecars = sidecars;
  }
  // Copied as data: the fold reads only its result and step declarations (readTaskRun).
  const taskSpec = asRecord(cloneData(own(record, "taskSpec", record.taskSpec), path));
  if (taskSpec !== undefined) out.taskSpec = taskSpec as TaskSpecV1;
  const provenance = readProvenance(own(record, "provenance", record.provenance));
  if (provenance !== undefined) out.provenance = provenance;
  if (!withSpanContext) return out;
  const spanContext = stringMap(own(record, "spanContext", record.spanContext));
  if (spanContext !== undefined) out.spanContext = spanContext;
  return out;
}

/**
 * `Provenance`: `refSource` (`uri`, `digest`, `entryPoint`) and the `featureFlags` the run saw
 * (copied as data). Anything else — v1beta1's `configSource` included, which the conversion
 * drops — does not survive Go's decode.
 */
function readProvenance(value: unknown): Provenance | undefined {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const out: Provenance = {};
  const ref = asRecord(field(record, "refSource"));
  if (ref !== undefined) {
    const refSource: Record<string, unknown> = {};
    const uri = stringOrEmpty(field(ref, "uri"));
    if (uri !== "") refSource.uri = uri;
    const digest = stringMap(field(ref, "digest"));
    if (digest !== undefined) refSource.digest = digest;
    const entryPoint = stringOrEmpty(field(ref, "entryPoint"));
    if (entryPoint !== "") refSource.entryPoint = entryPoint;
    out.refSource = refSource;
  }
  const flags = asRecord(cloneData(field(record, "featureFlags")));
  if (flags !== undefined) out.featureFlags = flags;
  return out;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  const copy: Record<string, string> = {};
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === "string") setRecord(copy, key, v);
  }
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/**
 * A decoded step. From v1beta1, `ConvertTo` sets `terminationReason` to the terminated
 * container's reason.
 */
function readStepState(value: unknown, fromV1beta1: boolean): StepState {
  const state: StepState = { ...readContainerState(value), ...names(value) };
  const results = asList(field(value, "results")).map(readResult);
  if (results.length > 0) state.results = results;
  const provenance = readProvenance(field(value, "provenance"));
  if (provenance !== undefined) state.provenance = provenance;
  const reason = fromV1beta1 ? (state.terminated?.reason ?? "") : stringOrEmpty(field(value, "terminationReason"));
  if (reason !== "") state.terminationReason = reason;
  const inputs = readArtifactList(field(value, "inputs"));
  if (inputs !== undefined) state.inputs = inputs;
  const outputs = readArtifactList(field(value, "outputs"));
  if (outputs !== undefined) state.outputs = outputs;
  return state;
}

function readSidecarState(value: unknown): SidecarState {
  return { ...readContainerState(value), ...names(value) };
}

function names(value: unknown): { name?: string; container?: string; imageID?: string } {
  return omitEmpty({
    name: stringOrEmpty(field(value, "name")),
    container: stringOrEmpty(field(value, "container")),
    imageID: stringOrEmpty(field(value, "imageID")),
  });
}

/** A decoded result: `value` read as `ResultValue.UnmarshalJSON` reads its JSON. */
function readResult(value: unknown): TaskRunResult {
  const out: TaskRunResult = { name: stringOrEmpty(field(value, "name")), value: "" };
  const type = stringOrEmpty(field(value, "type"));
  if (type !== "") out.type = type;
  out.value = readResultValue(field(value, "value"));
  return out;
}

function readResultValue(value: unknown): ResultValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || v === null))
    return value.map((v) => (typeof v === "string" ? v : ""));
  const record = asRecord(value);
  if (record !== undefined && Object.keys(record).every((k) => typeof record[k] === "string" || record[k] === null)) {
    const out: Record<string, string> = {};
    for (const key of Object.keys(record))
      setRecord(out, key, typeof record[key] === "string" ? (record[key] as string) : "");
    return out;
  }
  if (value === null || value === undefined) return "";
  // Go keeps the JSON text of anything else (numbers, booleans, mixed lists) as a string.
  const text = JSON.stringify(cloneData(value));
  return typeof text === "string" ? text : "";
}

function readArtifacts(record: Readonly<Record<string, unknown>>): Artifacts {
  const out: Artifacts = {};
  const inputs = readArtifactList(field(record, "inputs"));
  if (inputs !== undefined) out.inputs = inputs;
  const outputs = readArtifactList(field(record, "outputs"));
  if (outputs !== undefined) out.outputs = outputs;
  return out;
}

function readArtifactList(value: unknown): Artifact[] | undefined {
  const list = asList(value);
  if (list.length === 0) return undefined;
  return list.map((a) => {
    const out: Artifact = {};
    const name = stringOrEmpty(field(a, "name"));
    if (name !== "") out.name = name;
    const values = asList(field(a, "values")).map((v) => {
      const digest = stringMap(field(v, "digest"));
      const uri = stringOrEmpty(field(v, "uri"));
      return { ...(digest !== undefined ? { digest } : {}), ...(uri !== "" ? { uri } : {}) };
    });
    if (values.length > 0) out.values = values;
    if (field(a, "buildOutput") === true) out.buildOutput = true;
    return out;
  });
}
