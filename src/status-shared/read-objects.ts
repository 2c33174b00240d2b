/**
 * Total readers for the Pod fields and Kubernetes/knative types every release's status fold
 * looks at. They decode the way Go's `encoding/json` fills `corev1.Pod`, `corev1.ContainerState`
 * and `apis.Condition`: a field of the wrong type reads as Go's zero value, unknown fields are
 * ignored, timestamps come back as `metav1.Time` writes them. Nothing here throws, whatever the
 * input: a garbage Pod is simply an empty one.
 */
import type { ContainerState, ContainerStateWaiting } from "kubernetes-types/core/v1.js";
import type { Condition, StepState } from "../api/types.js";
import { normalizeMetaTime } from "../k8s/go-time.js";
import { hasKey, setRecord } from "../k8s/records.js";
import { asList, asRecord, field, stringOrEmpty } from "../read-values.js";

/** A JSON integer, or Go's zero value for anything else. */
export function intOrZero(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) ? value : 0;
}

/** One `containerStatuses` entry, decoded. */
export interface PodContainerStatus {
  /** Position in `pod.status.containerStatuses`, for issue paths. */
  readonly index: number;
  readonly name: string;
  readonly imageID: string;
  readonly ready: boolean;
  readonly state: ContainerState;
}

/** One `status.conditions` entry of a Pod, decoded. */
export interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

/** What the fold needs from a Pod. */
export interface PodView {
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  /** `status.reason`, such as `Evicted`. */
  readonly reason: string;
  readonly message: string;
  /** Decoded on the first call (and kept for the rest of this fold): only a Pending Pod's conditions are ever read. */
  conditions(): readonly PodCondition[];
  readonly containerNames: readonly string[];
  readonly containerStatuses: readonly PodContainerStatus[];
  /**
   * `status.initContainerStatuses`, in the kubelet's order. Decoded on the first call (and
   * kept for the rest of this fold): Tekton v0.20.1 never reads them, v1.12 only for sidecars
   * and failures.
   */
  initContainerStatuses(): readonly PodContainerStatus[];
  /**
   * The `status.initContainerStatuses` whose name `keep` accepts, in order: taken from
   * {@link initContainerStatuses} once that has decoded them all, else decoding only these (a
   * Pod's init containers are mostly Tekton's own, which a sidecar listing skips).
   */
  initContainerStatusesNamed(keep: (name: string) => boolean): readonly PodContainerStatus[];
  /**
   * The `waiting` state of each `status.initContainerStatuses` entry, in order (`undefined` for
   * one that does not wait): taken from {@link initContainerStatuses} once that has decoded
   * them, else decoding only these (a pending Pod's init containers are read only for why they
   * wait, and Tekton's own have mostly terminated).
   */
  initContainerWaitingStates(): readonly (ContainerStateWaiting | undefined)[];
  /**
   * `status.initContainerStatuses` for telling how each one ended: as {@link initContainerStatuses}
   * once that has decoded them, else decoded without their times, `imageID`, `ready` and any
   * state but `terminated` (whose exit code, signal, reason and message are all it keeps) —
   * a failed Pod's init containers are read only to find the one that failed.
   */
  initContainerEndings(): readonly PodContainerStatus[];
}

/** Decodes the parts of a Pod the fold reads. */
export function readPod(pod: unknown): PodView {
  return new PodFields(pod);
}

/**
 * The {@link PodView} of one Pod: its scalars and containers decoded at once, the rest on the
 * first call and kept for the rest of this fold. A class, so that a fold allocates no closures.
 */
class PodFields implements PodView {
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  readonly reason: string;
  readonly message: string;
  readonly containerNames: readonly string[];
  readonly containerStatuses: readonly PodContainerStatus[];
  /** `status.conditions` and `status.initContainerStatuses` as the input has them, decoded on demand. */
  private readonly rawConditions: unknown;
  private readonly rawInitContainerStatuses: unknown;
  private decodedConditions: readonly PodCondition[] | undefined = undefined;
  private decodedInitContainerStatuses: readonly PodContainerStatus[] | undefined = undefined;

  constructor(pod: unknown) {
    const p = asRecord(pod) ?? NO_FIELDS;
    const metadata = asRecord(own(p, "metadata", p.metadata)) ?? NO_FIELDS;
    const spec = asRecord(own(p, "spec", p.spec)) ?? NO_FIELDS;
    const status = podStatusMembers(asRecord(own(p, "status", p.status)));
    this.name = stringOrEmpty(own(metadata, "name", metadata.name));
    this.namespace = stringOrEmpty(own(metadata, "namespace", metadata.namespace));
    this.phase = stringOrEmpty(status.phase);
    this.reason = stringOrEmpty(status.reason);
    this.message = stringOrEmpty(status.message);
    this.rawConditions = status.conditions;
    this.rawInitContainerStatuses = status.initContainerStatuses;
    this.containerNames = asList(own(spec, "containers", spec.containers)).map(containerName);
    this.containerStatuses = asList(status.containerStatuses).map(readContainerStatus);
  }

  conditions(): readonly PodCondition[] {
    this.decodedConditions ??= asList(this.rawConditions).map(readPodCondition);
    return this.decodedConditions;
  }

  initContainerStatuses(): readonly PodContainerStatus[] {
    this.decodedInitContainerStatuses ??= asList(this.rawInitContainerStatuses).map(readContainerStatus);
    return this.decodedInitContainerStatuses;
  }

  initContainerWaitingStates(): readonly (ContainerStateWaiting | undefined)[] {
    if (this.decodedInitContainerStatuses !== undefined)
      return this.decodedInitContainerStatuses.map((s) => s.state.waiting);
    return asList(this.rawInitContainerStatuses).map((s) =>
      readWaitingState(asRecord(field(asRecord(field(s, "state")), "waiting"))),
    );
  }

  initContainerEndings(): readonly PodContainerStatus[] {
    return this.decodedInitContainerStatuses ?? asList(this.rawInitContainerStatuses).map(readEnding);
  }

  initContainerStatusesNamed(keep: (name: string) => boolean): readonly PodContainerStatus[] {
    if (this.decodedInitContainerStatuses !== undefined)
      return this.decodedInitContainerStatuses.filter((s) => keep(s.name));
    const list = asList(this.rawInitContainerStatuses);
    const out: PodContainerStatus[] = [];
    for (let i = 0; i < list.length; i++) {
      const s = asRecord(list[i]);
      if (keep(s === undefined ? "" : stringOrEmpty(own(s, "name", s.name)))) out.push(readContainerStatus(list[i], i));
    }
    return out;
  }
}

/** A Pod condition (see {@link conditionMembers}). */
function readPodCondition(value: unknown): PodCondition {
  const m = conditionMembers(value);
  return {
    type: stringOrEmpty(m.type),
    status: stringOrEmpty(m.status),
    reason: stringOrEmpty(m.reason),
    message: stringOrEmpty(m.message),
  };
}

/** An object with no fields, read where the input has none. */
export const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze(
  Object.create(null) as Record<string, unknown>,
);

function containerName(value: unknown): string {
  const c = asRecord(value);
  return c === undefined ? "" : stringOrEmpty(own(c, "name", c.name));
}

/** The members of a Pod's `status` the fold reads; absent ones are undefined. */
interface PodStatusMembers {
  phase: unknown;
  reason: unknown;
  message: unknown;
  conditions: unknown;
  initContainerStatuses: unknown;
  containerStatuses: unknown;
}

/**
 * The members of a Pod's `status`, in one pass over its keys (see {@link readTerminated}): the
 * fold reads most of what a status holds, on every Pod event.
 */
function podStatusMembers(status: Readonly<Record<string, unknown>> | undefined): PodStatusMembers {
  const m: PodStatusMembers = {
    phase: undefined,
    reason: undefined,
    message: undefined,
    conditions: undefined,
    initContainerStatuses: undefined,
    containerStatuses: undefined,
  };
  if (status === undefined) return m;
  for (const key in status) {
    const value = status[key];
    // An inherited key is not the status's (only a polluted prototype has one that enumerates).
    if (value === undefined || !hasKey(status, key)) continue;
    // One store per member, by name: a store under the loop's key would be a generic keyed store.
    switch (key) {
      case "phase":
        m.phase = value;
        break;
      case "reason":
        m.reason = value;
        break;
      case "message":
        m.message = value;
        break;
      case "conditions":
        m.conditions = value;
        break;
      case "initContainerStatuses":
        m.initContainerStatuses = value;
        break;
      case "containerStatuses":
        m.containerStatuses = value;
        break;
    }
  }
  return m;
}

/** A `containerStatuses` entry, its members read in one pass over its keys (see {@link readTerminated}). */
function readContainerStatus(value: unknown, index: number): PodContainerStatus {
  const s = asRecord(value);
  if (s === undefined) return { index, name: "", imageID: "", ready: false, state: {} };
  let name: unknown;
  let imageID: unknown;
  let ready: unknown;
  let state: unknown;
  for (const key in s) {
    const item = s[key];
    // An inherited key is not the entry's (only a polluted prototype has one that enumerates).
    if (item === undefined || !hasKey(s, key)) continue;
    switch (key) {
      case "name":
        name = item;
        break;
      case "imageID":
        imageID = item;
        break;
      case "ready":
        ready = item;
        break;
      case "state":
        state = item;
        break;
    }
  }
  return {
    index,
    name: stringOrEmpty(name),
    imageID: stringOrEmpty(imageID),
    ready: ready === true,
    state: readContainerState(state),
  };
}

/** A container status as {@link PodView.initContainerEndings} reads it. */
function readEnding(value: unknown, index: number): PodContainerStatus {
  const s = asRecord(value);
  if (s === undefined) return { index, name: "", imageID: "", ready: false, state: {} };
  const name = stringOrEmpty(own(s, "name", s.name));
  const terminated = asRecord(field(asRecord(own(s, "state", s.state)), "terminated"));
  if (terminated === undefined) return { index, name, imageID: "", ready: false, state: {} };
  const t: NonNullable<ContainerState["terminated"]> = {
    exitCode: intOrZero(own(terminated, "exitCode", terminated.exitCode)),
  };
  const signal = intOrZero(own(terminated, "signal", terminated.signal));
  if (signal !== 0) t.signal = signal;
  const reason = stringOrEmpty(own(terminated, "reason", terminated.reason));
  if (reason !== "") t.reason = reason;
  const message = stringOrEmpty(own(terminated, "message", terminated.message));
  if (message !== "") t.message = message;
  return { index, name, imageID: "", ready: false, state: { terminated: t } };
}

/**
 * `record[key]` when `key` is an own property of `record` — what {@link field} returns — given
 * the caller's own read of it, `value`. The fold reads the same few fields of every container
 * on every Pod event; read at the call site, each field gets an inline cache of its own (in one
 * shared function the engine sees every field of every object and caches none), and the
 * own-property check is needed only for a field that is there. (A getter the object inherits
 * runs as part of the caller's read; its value is never taken.)
 *
 * @example
 * ```ts
 * own(status, "phase", status.phase); // status.phase, if status has it as its own
 * ```
 */
export function own(record: Readonly<Record<string, unknown>>, key: string, value: unknown): unknown {
  return value !== undefined && hasKey(record, key) ? value : undefined;
}

/**
 * A `ContainerState` with Go's field set and `metav1.Time` timestamps. Each object is built
 * field by field in Go's order (no spreads or deletions): the fold calls this for every
 * container on every Pod event, so it is most of the fold's fixed cost.
 */
export function readContainerState(value: unknown): ContainerState {
  const out: ContainerState = {};
  const state = asRecord(value);
  if (state === undefined) return out;
  // Its members in one pass over its keys (see readTerminated): a state holds one of them.
  let waitingValue: unknown;
  let runningValue: unknown;
  let terminatedValue: unknown;
  for (const key in state) {
    const item = state[key];
    // An inherited key is not the state's (only a polluted prototype has one that enumerates).
    if (item === undefined || !hasKey(state, key)) continue;
    switch (key) {
      case "waiting":
        waitingValue = item;
        break;
      case "running":
        runningValue = item;
        break;
      case "terminated":
        terminatedValue = item;
        break;
    }
  }
  const waiting = readWaitingState(asRecord(waitingValue));
  if (waiting !== undefined) out.waiting = waiting;
  const running = asRecord(runningValue);
  if (running !== undefined) {
    const startedAt = normalizeMetaTime(own(running, "startedAt", running.startedAt));
    out.running = startedAt === undefined ? {} : { startedAt };
  }
  const terminated = asRecord(terminatedValue);
  if (terminated !== undefined) out.terminated = readTerminated(terminated);
  return out;
}

/** A `ContainerStateWaiting` (`undefined` when there is no waiting record). */
function readWaitingState(waiting: Readonly<Record<string, unknown>> | undefined): ContainerStateWaiting | undefined {
  if (waiting === undefined) return undefined;
  const w: ContainerStateWaiting = {};
  const reason = stringOrEmpty(own(waiting, "reason", waiting.reason));
  if (reason !== "") w.reason = reason;
  const message = stringOrEmpty(own(waiting, "message", waiting.message));
  if (message !== "") w.message = message;
  return w;
}

/**
 * A `ContainerStateTerminated`, its members read in one pass over its keys (own enumerable
 * properties, as JSON and YAML make them): a terminated state holds most of its fields, and
 * walking them costs less than looking each up by name.
 */
function readTerminated(terminated: Readonly<Record<string, unknown>>): NonNullable<ContainerState["terminated"]> {
  let exitCode: unknown;
  let signal: unknown;
  let reason: unknown;
  let message: unknown;
  let startedAt: unknown;
  let finishedAt: unknown;
  let containerID: unknown;
  for (const key in terminated) {
    const value = terminated[key];
    // An inherited key is not the state's (only a polluted prototype has one that enumerates).
    if (value === undefined || !hasKey(terminated, key)) continue;
    switch (key) {
      case "exitCode":
        exitCode = value;
        break;
      case "signal":
        signal = value;
        break;
      case "reason":
        reason = value;
        break;
      case "message":
        message = value;
        break;
      case "startedAt":
        startedAt = value;
        break;
      case "finishedAt":
        finishedAt = value;
        break;
      case "containerID":
        containerID = value;
        break;
    }
  }
  const t: NonNullable<ContainerState["terminated"]> = { exitCode: intOrZero(exitCode) };
  const signalNumber = intOrZero(signal);
  if (signalNumber !== 0) t.signal = signalNumber;
  const reasonText = stringOrEmpty(reason);
  if (reasonText !== "") t.reason = reasonText;
  const messageText = stringOrEmpty(message);
  if (messageText !== "") t.message = messageText;
  const started = normalizeMetaTime(startedAt);
  if (started !== undefined) t.startedAt = started;
  const finished = normalizeMetaTime(finishedAt);
  if (finished !== undefined) t.finishedAt = finished;
  const id = stringOrEmpty(containerID);
  if (id !== "") t.containerID = id;
  return t;
}

/** A decoded `status.steps[]` / `status.sidecars[]` entry. */
export function readStepState(value: unknown): StepState {
  const out: StepState = readContainerState(value);
  const name = stringOrEmpty(field(value, "name"));
  if (name !== "") out.name = name;
  const container = stringOrEmpty(field(value, "container"));
  if (container !== "") out.container = container;
  const imageID = stringOrEmpty(field(value, "imageID"));
  if (imageID !== "") out.imageID = imageID;
  return out;
}

/** The members of a condition (a Pod's or a TaskRun's), as the input has them. */
interface ConditionMembers {
  type: unknown;
  status: unknown;
  severity: unknown;
  lastTransitionTime: unknown;
  reason: unknown;
  message: unknown;
}

/**
 * A condition's members, read in one pass over its keys (see {@link readTerminated}): a
 * condition holds most of the fields asked for.
 */
function conditionMembers(value: unknown): ConditionMembers {
  const v = asRecord(value) ?? NO_FIELDS;
  const m: ConditionMembers = {
    type: undefined,
    status: undefined,
    severity: undefined,
    lastTransitionTime: undefined,
    reason: undefined,
    message: undefined,
  };
  for (const key in v) {
    const item = v[key];
    // An inherited key is not the condition's (only a polluted prototype has one that enumerates).
    if (item === undefined || !hasKey(v, key)) continue;
    // One store per member, by name: a store under the loop's key would be a generic keyed store.
    switch (key) {
      case "type":
        m.type = item;
        break;
      case "status":
        m.status = item;
        break;
      case "severity":
        m.severity = item;
        break;
      case "lastTransitionTime":
        m.lastTransitionTime = item;
        break;
      case "reason":
        m.reason = item;
        break;
      case "message":
        m.message = item;
        break;
    }
  }
  return m;
}

/** A decoded condition (see {@link conditionMembers}), Go field order, empty fields omitted. */
export function readCondition(value: unknown): Condition {
  const { type, status, severity, lastTransitionTime, reason, message } = conditionMembers(value);
  const c: Condition = { type: stringOrEmpty(type), status: stringOrEmpty(status) };
  const severityText = stringOrEmpty(severity);
  if (severityText !== "") c.severity = severityText;
  const ltt = normalizeMetaTime(lastTransitionTime);
  if (ltt !== undefined) c.lastTransitionTime = ltt;
  const reasonText = stringOrEmpty(reason);
  if (reasonText !== "") c.reason = reasonText;
  const messageText = stringOrEmpty(message);
  if (messageText !== "") c.message = messageText;
  return c;
}

/**
 * A deep copy of plain data (objects, arrays, primitives, Dates as strings) that never shares
 * structure with the input, defines hostile keys such as `__proto__` as ordinary properties,
 * and drops `undefined`, functions and cycles (in a list, a dropped item becomes `null`).
 * Iterative, so any depth of nesting is copied without exhausting the stack; `ancestors` are
 * objects that count as enclosing `value` for cycle detection.
 */
export function cloneData(value: unknown, ancestors: readonly object[] = []): unknown {
  // Most fields copied this way are absent or scalars: no bookkeeping for those.
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" || typeof value === "bigint" ? undefined : value;
  }
  // Data as shallow as a spec is copied recursively, without the explicit stack; anything
  // deeper (or a cycle, which never ends) is left to the iterative copy below.
  const shallow = cloneShallow(value, ancestors, 0);
  return shallow === TOO_DEEP ? cloneDeep(value, ancestors) : shallow;
}

/** What {@link cloneShallow} returns for data nested deeper than it copies. */
const TOO_DEEP: unique symbol = Symbol("too deep");
const MAX_RECURSIVE_DEPTH = 64;

/** {@link cloneData} by recursion, up to {@link MAX_RECURSIVE_DEPTH} levels. */
function cloneShallow(value: unknown, ancestors: readonly object[], depth: number): unknown {
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" || typeof value === "bigint" ? undefined : value;
  }
  if (value instanceof Date) return normalizeMetaTime(value);
  if (depth === MAX_RECURSIVE_DEPTH) return TOO_DEEP;
  if (ancestors.length > 0 && ancestors.includes(value)) return undefined;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = cloneShallow(value[i], ancestors, depth + 1);
      if (item === TOO_DEEP) return TOO_DEEP;
      copy.push(item ?? null);
    }
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = cloneShallow((value as Record<string, unknown>)[key], ancestors, depth + 1);
    if (item === TOO_DEEP) return TOO_DEEP;
    if (item !== undefined) setRecord(copy, key, item);
  }
  return copy;
}

/** {@link cloneData} with an explicit stack: any depth, cycles dropped. */
function cloneDeep(value: object, ancestors: readonly object[]): unknown {
  const onPath = new Set<object>(ancestors);
  interface Frame {
    readonly source: object;
    readonly copy: unknown[] | Record<string, unknown>;
    readonly keys: readonly string[] | undefined;
    next: number;
  }
  /** A scalar's copy, or a fresh container to fill (with its frame pushed), or undefined. */
  const stack: Frame[] = [];
  const start = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") {
      return typeof v === "function" || typeof v === "symbol" || typeof v === "bigint" ? undefined : v;
    }
    if (v instanceof Date) return normalizeMetaTime(v);
    if (onPath.has(v)) return undefined;
    onPath.add(v);
    const list = Array.isArray(v);
    const copy: unknown[] | Record<string, unknown> = list ? [] : {};
    stack.push({ source: v, copy, keys: list ? undefined : Object.keys(v), next: 0 });
    return copy;
  };
  const root = start(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const count = frame.keys === undefined ? (frame.source as unknown[]).length : frame.keys.length;
    if (frame.next >= count) {
      stack.pop();
      onPath.delete(frame.source);
      continue;
    }
    const i = frame.next++;
    if (frame.keys === undefined) {
      (frame.copy as unknown[]).push(start((frame.source as unknown[])[i]) ?? null);
    } else {
      const key = frame.keys[i] as string;
      const v = start((frame.source as Record<string, unknown>)[key]);
      if (v !== undefined) setRecord(frame.copy as Record<string, unknown>, key, v);
    }
  }
  return root;
}

/** Go's `omitempty` for string fields. */
export function omitEmpty<T extends Record<string, string>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (fields[key] !== "") out[key] = fields[key];
  }
  return out;
}
