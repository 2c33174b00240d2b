/**
 * Reading the TaskRun a Tekton v1.12 controller folds into: Go's `encoding/json` into
 * `v1.TaskRun` — for a `tekton.dev/v1beta1` TaskRun, into `v1beta1.TaskRun` and then through the
 * conversion webhook's `ConvertTo` (pkg/apis/pipeline/v1beta1/taskrun_conversion.go): `taskResults`
 * become `results`, each terminated step gets its container's reason as `terminationReason`, and
 * `cloudEvents` / `resourcesResult` ride along (in annotations, in Tekton) to come back on the way
 * out. Nothing here throws: a field of the wrong type reads as Go's zero value.
 */
import { normalizeMetaTime } from "../../k8s/go-time.js";
import { hasKey, setRecord } from "../../k8s/records.js";
import { appendAll, asList, asRecord, field, stringOrEmpty } from "../../read-values.js";
import {
  cloneData,
  intOrZero,
  NO_FIELDS,
  own,
  readCondition,
  readContainerState,
} from "../../status-shared/read-objects.js";
import type { TaskSpecV1 } from "../api/types.js";
import type { DeclaredResult } from "./result-values.js";
import type {
  Artifact,
  Artifacts,
  ArtifactValue,
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
   * Results declared by `spec.taskSpec`, then by the resolved spec. Read on demand: a fold of
   * a Pod with no step container (pending, or failed before its steps) never looks at them.
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
  /** The same TaskRun with `status` in place of its decoded status (for a fold of a status changed since). */
  withStatus(status: TaskRunStatus): TaskRunView;
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
  const statusRecord = asRecord(own(taskRun, "status", taskRun.status));
  const members = statusRecord === undefined ? NO_MEMBERS : statusMembers(statusRecord);
  const specTaskSpec = asRecord(field(own(taskRun, "spec", taskRun.spec), "taskSpec"));
  const statusTaskSpec = asRecord(members.taskSpec);
  const status =
    statusRecord === undefined
      ? { podName: "" }
      : form === "v1beta1"
        ? v1beta1Status(members, [statusRecord], forFold)
        : v1Status(members, [statusRecord], forFold);
  const rawSteps = asList(members.steps);
  return new TaskRunFields(
    form,
    typeof onErrorValue === "string" ? onErrorValue : undefined,
    status,
    rawSteps,
    rawSteps.length === 0 ? NO_PROVENANCES : readProvenances(rawSteps),
    form === "v1beta1" ? readV1beta1Extras(members) : NO_EXTRAS,
    specTaskSpec,
    statusTaskSpec,
  );
}

/**
 * The {@link TaskRunView} of one TaskRun: what every fold reads decoded at once, the
 * declarations and the previous steps on the first call. A class, so that a fold allocates no
 * closures.
 */
class TaskRunFields implements TaskRunView {
  readonly statusSpecHasResults: boolean;
  private declared: readonly DeclaredResult[] | undefined = undefined;
  private declaredSteps: readonly DeclaredStep[] | undefined = undefined;

  constructor(
    readonly form: StatusForm,
    readonly onError: string | undefined,
    readonly status: TaskRunStatus,
    /** The previous `status.steps` as the input has them. */
    private readonly rawSteps: readonly unknown[],
    readonly provenances: ReadonlyMap<string, Provenance | undefined>,
    readonly extras: V1beta1Extras,
    private readonly specTaskSpec: Readonly<Record<string, unknown>> | undefined,
    private readonly statusTaskSpec: Readonly<Record<string, unknown>> | undefined,
  ) {
    this.statusSpecHasResults = Array.isArray(field(statusTaskSpec, "results"));
  }

  /** The resolved spec: `status.taskSpec`, else `spec.taskSpec`. */
  private resolved(): Readonly<Record<string, unknown>> | undefined {
    return this.statusTaskSpec ?? this.specTaskSpec;
  }

  declaredResults(): readonly DeclaredResult[] {
    const resolved = this.resolved();
    this.declared ??= ownAndResolved(
      declaredResults(this.specTaskSpec),
      resolved === this.specTaskSpec ? undefined : resolved,
    );
    return this.declared;
  }

  steps(): readonly DeclaredStep[] {
    this.declaredSteps ??= asList(field(this.resolved(), "steps")).map(declaredStep);
    return this.declaredSteps;
  }

  withStatus(status: TaskRunStatus): TaskRunView {
    return new TaskRunFields(
      this.form,
      this.onError,
      status,
      this.rawSteps,
      this.provenances,
      this.extras,
      this.specTaskSpec,
      this.statusTaskSpec,
    );
  }

  previousSteps(): StepState[] | undefined {
    const fromV1beta1 = this.form === "v1beta1";
    const steps = this.rawSteps.map((step) => readStepState(step, fromV1beta1));
    return steps.length > 0 ? steps : undefined;
  }
}

/** `cloudEvents` and `resourcesResult` of a v1beta1 status, copied as data, when they list anything. */
function readV1beta1Extras(members: StatusMembers): V1beta1Extras {
  const extras: { cloudEvents?: Record<string, unknown>[]; resourcesResult?: Record<string, unknown>[] } = {};
  const cloudEvents = nonEmptyList(cloneData(members.cloudEvents));
  if (cloudEvents !== undefined) extras.cloudEvents = cloudEvents;
  const resourcesResult = nonEmptyList(cloneData(members.resourcesResult));
  if (resourcesResult !== undefined) extras.resourcesResult = resourcesResult;
  return extras;
}

/**
 * Provenance of the previous steps, by step name (the last of a name wins). Names only ever
 * without one are left out: most steps have no provenance, and a lookup misses them alike.
 */
function readProvenances(rawSteps: readonly unknown[]): ReadonlyMap<string, Provenance | undefined> {
  let provenances: Map<string, Provenance | undefined> | undefined;
  for (const step of rawSteps) {
    const provenance = readProvenance(field(step, "provenance"));
    if (provenance === undefined && provenances === undefined) continue;
    provenances ??= new Map();
    const name = stringOrEmpty(field(step, "name"));
    if (provenance !== undefined || provenances.has(name)) provenances.set(name, provenance);
  }
  return provenances ?? NO_PROVENANCES;
}

/** The objects of a copied list; `undefined` when it is no list or an empty one. */
function nonEmptyList(value: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter((v): v is Record<string, unknown> => asRecord(v) !== undefined);
}

/** The results `spec.taskSpec` declares, then those of the resolved spec (the same again when it is that spec). */
function ownAndResolved(own: readonly DeclaredResult[], resolved: unknown): readonly DeclaredResult[] {
  const more = resolved === undefined ? own : declaredResults(resolved);
  // Most Tasks declare no results: nothing to join.
  if (more.length === 0) return own;
  if (own.length === 0) return more;
  // Appended one by one: concat's generic path costs more than the rest of the TaskRun's read.
  return appendAll([...own], more);
}

/** What a spec without results declares (shared: no one adds to it). */
const NO_RESULTS: readonly DeclaredResult[] = Object.freeze([]);

/** Results with their type after admission defaulting: `object` when `properties` are given, else `string`. */
function declaredResults(spec: unknown): readonly DeclaredResult[] {
  const record = asRecord(spec);
  if (record === undefined) return NO_RESULTS;
  const results = asList(own(record, "results", record.results));
  if (results.length === 0) return NO_RESULTS;
  return results.map((value) => {
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

/** The members of a TaskRun status (either version) that the readers look at; absent ones are undefined. */
class StatusMembers {
  observedGeneration: unknown = undefined;
  conditions: unknown = undefined;
  annotations: unknown = undefined;
  podName: unknown = undefined;
  startTime: unknown = undefined;
  completionTime: unknown = undefined;
  steps: unknown = undefined;
  retriesStatus: unknown = undefined;
  results: unknown = undefined;
  taskResults: unknown = undefined;
  artifacts: unknown = undefined;
  sidecars: unknown = undefined;
  taskSpec: unknown = undefined;
  provenance: unknown = undefined;
  spanContext: unknown = undefined;
  cloudEvents: unknown = undefined;
  resourcesResult: unknown = undefined;
}

const NO_MEMBERS: StatusMembers = Object.freeze(new StatusMembers());

/**
 * The members of a status record, in one pass over its keys (own enumerable properties, as
 * JSON and YAML make them). A status holds a few of the many members asked about, and the
 * statuses a fold meets come in many shapes: looking each member up by name costs the engine
 * a generic lookup per member, several times what walking the few keys there are does.
 */
function statusMembers(record: Readonly<Record<string, unknown>>): StatusMembers {
  const m = new StatusMembers();
  for (const key in record) {
    const value = record[key];
    // An inherited key is not the record's (only a polluted prototype has one that enumerates).
    if (value === undefined || !hasKey(record, key)) continue;
    switch (key) {
      case "observedGeneration":
        m.observedGeneration = value;
        break;
      case "conditions":
        m.conditions = value;
        break;
      case "annotations":
        m.annotations = value;
        break;
      case "podName":
        m.podName = value;
        break;
      case "startTime":
        m.startTime = value;
        break;
      case "completionTime":
        m.completionTime = value;
        break;
      case "steps":
        m.steps = value;
        break;
      case "retriesStatus":
        m.retriesStatus = value;
        break;
      case "results":
        m.results = value;
        break;
      case "taskResults":
        m.taskResults = value;
        break;
      case "artifacts":
        m.artifacts = value;
        break;
      case "sidecars":
        m.sidecars = value;
        break;
      case "taskSpec":
        m.taskSpec = value;
        break;
      case "provenance":
        m.provenance = value;
        break;
      case "spanContext":
        m.spanContext = value;
        break;
      case "cloudEvents":
        m.cloudEvents = value;
        break;
      case "resourcesResult":
        m.resourcesResult = value;
        break;
    }
  }
  return m;
}

/** The status fields both versions share (duck `Status` and the common `TaskRunStatusFields`). */
function readCommon(m: StatusMembers): TaskRunStatus {
  const out: TaskRunStatus = { podName: "" };
  const generation = intOrZero(m.observedGeneration);
  if (generation !== 0) out.observedGeneration = generation;
  const conditions = asList(m.conditions).map(readCondition);
  if (conditions.length > 0) out.conditions = conditions;
  const annotations = stringMap(m.annotations);
  if (annotations !== undefined) out.annotations = annotations;
  out.podName = stringOrEmpty(m.podName);
  const startTime = normalizeMetaTime(m.startTime);
  if (startTime !== undefined) out.startTime = startTime;
  const completionTime = normalizeMetaTime(m.completionTime);
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
  return v1Status(statusMembers(record), [...ancestors, record], forFold);
}

/** {@link readV1Status} of the record read as `m`, the last of `path`. */
function v1Status(m: StatusMembers, path: readonly object[], forFold: boolean): TaskRunStatus {
  const out = readCommon(m);
  const steps = forFold ? [] : asList(m.steps).map((s) => readStepState(s, false));
  if (steps.length > 0) out.steps = steps;
  const retries = asList(m.retriesStatus).map((r) => readV1Status(r, path));
  if (retries.length > 0) out.retriesStatus = retries;
  const results = asList(m.results).map(readResult);
  if (results.length > 0) out.results = results;
  const artifacts = asRecord(m.artifacts);
  if (artifacts !== undefined) out.artifacts = readArtifacts(artifacts);
  return withTail(out, m, path, true, forFold);
}

/** A decoded `v1beta1.TaskRunStatus`, converted to v1 as `ConvertTo` does (`forFold` as for {@link readV1Status}). */
export function readV1beta1Status(value: unknown, ancestors: readonly object[], forFold = false): TaskRunStatus {
  const record = asRecord(value);
  if (record === undefined || ancestors.includes(record)) return { podName: "" };
  return v1beta1Status(statusMembers(record), [...ancestors, record], forFold);
}

/** {@link readV1beta1Status} of the record read as `m`, the last of `path`. */
function v1beta1Status(m: StatusMembers, path: readonly object[], forFold: boolean): TaskRunStatus {
  const out = readCommon(m);
  const steps = forFold ? [] : asList(m.steps).map((s) => readStepState(s, true));
  if (steps.length > 0) out.steps = steps;
  const retries = asList(m.retriesStatus).map((r) => readV1beta1Status(r, path));
  if (retries.length > 0) out.retriesStatus = retries;
  const results = asList(m.taskResults).map(readResult);
  if (results.length > 0) out.results = results;
  // v1beta1 has no span context field in the conversion: it is lost on the way to v1.
  return withTail(out, m, path, false, forFold);
}

/**
 * Sidecars (unless `forFold`), the resolved spec and provenance (copied as data), and the span
 * context when the version has one.
 */
function withTail(
  out: TaskRunStatus,
  m: StatusMembers,
  path: readonly object[],
  withSpanContext: boolean,
  forFold: boolean,
): TaskRunStatus {
  if (!forFold) {
    const sidecars = asList(m.sidecars).map(readSidecarState);
    if (sidecars.length > 0) out.sidecars = sidecars;
  }
  // Copied as data: the fold reads only its result and step declarations (readTaskRun).
  const taskSpec = asRecord(cloneData(m.taskSpec, path));
  if (taskSpec !== undefined) out.taskSpec = taskSpec as TaskSpecV1;
  const provenance = readProvenance(m.provenance);
  if (provenance !== undefined) out.provenance = provenance;
  if (!withSpanContext) return out;
  const spanContext = stringMap(m.spanContext);
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
  const state: StepState = withNames(readContainerState(value), value);
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
  return withNames(readContainerState(value), value);
}

/**
 * `state` (a fresh decoded container state) with the entry's non-empty `name`, `container` and
 * `imageID` added after its fields (added, not spread: a spread object takes added fields slowly).
 */
function withNames(state: SidecarState, value: unknown): SidecarState {
  const name = stringOrEmpty(field(value, "name"));
  if (name !== "") state.name = name;
  const container = stringOrEmpty(field(value, "container"));
  if (container !== "") state.container = container;
  const imageID = stringOrEmpty(field(value, "imageID"));
  if (imageID !== "") state.imageID = imageID;
  return state;
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
      const out: ArtifactValue = {};
      if (digest !== undefined) out.digest = digest;
      if (uri !== "") out.uri = uri;
      return out;
    });
    if (values.length > 0) out.values = values;
    if (field(a, "buildOutput") === true) out.buildOutput = true;
    return out;
  });
}
