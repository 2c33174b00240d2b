/**
 * The TaskRun status a Tekton v1.12 controller writes after looking at the TaskRun's Pod:
 * `MakeTaskRunStatus` in pkg/pod/status.go, with knative's condition semantics.
 *
 * Order of the work, as in Tekton: mark the run Running unless it already finished; put the
 * container statuses in the Pod's container order; decide complete (failed or succeeded) or
 * still going from the Pod; record the Pod name; fold each step (termination message, start
 * time, exit code, termination reason, step results and — once done — Task results and
 * artifacts); list the sidecars (containers, then native sidecars among the init containers);
 * keep one Task result per name. A `tekton.dev/v1beta1` TaskRun gets the status back in its
 * own version.
 */
import type { Condition } from "../../api/types.js";
import { type Issue, issue } from "../../errors.js";
import { field } from "../../read-values.js";
import { type PodContainerStatus, readPod } from "../../status-shared/read-objects.js";
import { requireNowMetaTime } from "../../status-shared/require-now.js";
import {
  type ConditionChange,
  getCondition,
  holdsCondition,
  replaceCondition,
  setCondition,
} from "../../status-shared/set-condition.js";
import { mayShareNames } from "../../status-shared/share-names.js";
import { SIDECAR_PREFIX } from "../compile/pod/constants.js";
import {
  type ConditionMark,
  completedMark,
  incompleteMark,
  isComplete,
  isSidecarContainer,
  isStepContainer,
  MESSAGE_RUNNING,
  REASON_RUNNING,
  sortContainerStatuses,
} from "./describe-pod.js";
import { readFeatureFlags } from "./feature-flags.js";
import { readTaskRun, type TaskRunView } from "./read-task-run.js";
import { type StepResultReferences, stepResultReferences } from "./result-values.js";
import {
  foldStep,
  mergeAll,
  type StepContext,
  type StepContributions,
  stateOf,
  stepResultTypes,
} from "./step-states.js";
import { toV1beta1Status } from "./to-v1beta1.js";
import type {
  FoldInput,
  FoldOptions,
  FoldResult,
  Provenance,
  SidecarState,
  StepState,
  TaskRunResult,
  TaskRunStatus,
  TaskRunStatusV1beta1,
} from "./types.js";

const SUCCEEDED = "Succeeded";
const NOW_PATH = ["now"] as const;

/**
 * Folds the Pod's state into the TaskRun status Tekton v1.12 would write — a v1
 * `TaskRunStatus`, or the v1beta1 form when the TaskRun is `tekton.dev/v1beta1` — and returns
 * the problems it would only have logged (see {@link FoldResult}). Never throws on any TaskRun or
 * Pod, however malformed; throws a `CompileError` only when `options.now` is not a time.
 *
 * @example
 * ```ts
 * const { status, warnings } = foldTaskRunStatusWithWarnings({ taskRun, pod }, { now: "2026-01-15T10:05:00Z" });
 * status.conditions?.[0]?.reason; // "Succeeded", "StepFailed", "Running", …
 * ```
 */
export function foldTaskRunStatusWithWarnings(input: FoldInput, options: FoldOptions): FoldResult {
  const now = requireNowMetaTime(options?.now, NOW_PATH);
  const taskRun = readTaskRun(field(input, "taskRun"), { forFold: true });
  const v1beta1 = taskRun.form === "v1beta1";
  const { status, warnings } = foldV1(
    taskRun,
    field(input, "pod"),
    field(field(input, "config"), "featureFlags"),
    now,
    !v1beta1,
  );
  return { status: v1beta1 ? toV1beta1Status(status, taskRun.extras) : status, warnings };
}

/**
 * `MakeTaskRunStatus` on an already decoded TaskRun, in v1 form: what the fold writes and what
 * the reconciler's other callers (the refresh before a timeout, src/v1.12/status/fail-task-run.ts)
 * read from. `now` is the formatted clock, for changed conditions and `completionTime`.
 * `withTerminationReasons` false leaves the folded steps without `terminationReason`, for a
 * status about to be converted to v1beta1 (which has no such field).
 */
export function foldV1(
  taskRun: TaskRunView,
  rawPod: unknown,
  rawFeatureFlags: unknown,
  now: string | undefined,
  withTerminationReasons = true,
): { status: TaskRunStatus; warnings: Issue[] } {
  const pod = readPod(rawPod);
  const flags = readFeatureFlags(rawFeatureFlags);
  const warnings: Issue[] = [];
  const base = taskRun.status;

  const statuses = sortContainerStatuses(pod.containerStatuses, pod.containerNames);
  let completionTime = base.completionTime;
  let final: ConditionMark | undefined;
  if (isComplete(pod, statuses, flags)) {
    final = completedMark(pod, statuses, taskRun.onError);
    completionTime = now;
  } else {
    final = incompleteMark(pod, statuses);
  }
  const conditions = markSucceeded(base.conditions ?? [], final, now);
  const done = (getCondition(conditions, SUCCEEDED)?.status ?? "Unknown") !== "Unknown";

  if (flags.sidecarLogs && pod.phase !== "Pending" && readsSidecarLogs(taskRun)) {
    warnings.push(
      issue(
        "sidecar-log-results-not-read",
        ["config", "featureFlags", "results-from"],
        "with results-from: sidecar-logs Tekton reads results from the logs of the sidecar-tekton-log-results container, " +
          "which are not part of the input; no results are taken from them",
      ),
    );
  }

  const taskResults = base.results === undefined ? [] : base.results.slice();
  const contributions: StepContributions = { taskResults, artifacts: [] };
  const context = new StepContextFields(taskRun, done, withTerminationReasons);
  const steps: StepState[] = [];
  const sidecars: SidecarState[] = [];
  for (const s of statuses) {
    if (isStepContainer(s.name)) steps.push(foldStep(s, context, contributions, warnings));
    else if (isSidecarContainer(s.name)) sidecars.push(sidecarState(s));
  }
  // Once done, Tekton starts the TaskRun's artifacts afresh from the (sidecar-log) results.
  const artifacts = done ? mergeAll({}, contributions.artifacts) : base.artifacts;
  // Native sidecars (init containers) follow the containers'.
  for (const s of pod.initContainerStatusesNamed(isSidecarContainer)) sidecars.push(sidecarState(s));

  // Fields in Go's order (the duck-typed Status first), so the JSON reads like Tekton's.
  const status = {} as TaskRunStatus;
  if (base.observedGeneration !== undefined) status.observedGeneration = base.observedGeneration;
  // The fold's own list: the decoded one (readTaskRun made it for this call) or a new one.
  if (conditions.length > 0) status.conditions = conditions as Condition[];
  if (base.annotations !== undefined) status.annotations = base.annotations;
  status.podName = pod.name;
  if (base.startTime !== undefined) status.startTime = base.startTime;
  if (completionTime !== undefined) status.completionTime = completionTime;
  const keptSteps = steps.length > 0 ? steps : taskRun.previousSteps();
  if (keptSteps !== undefined) status.steps = keptSteps;
  if (base.retriesStatus !== undefined) status.retriesStatus = base.retriesStatus;
  const unique = dedupeResults(contributions.taskResults);
  if (unique.length > 0) status.results = unique;
  if (artifacts !== undefined) status.artifacts = artifacts;
  if (sidecars.length > 0) status.sidecars = sidecars;
  if (base.taskSpec !== undefined) status.taskSpec = base.taskSpec;
  if (base.provenance !== undefined) status.provenance = base.provenance;
  if (base.spanContext !== undefined) status.spanContext = base.spanContext;
  return { status, warnings };
}

/**
 * The {@link StepContext} of one fold. The declarations are read when a step first needs them:
 * most folds need only the references. A class, so that a fold allocates no closures.
 */
class StepContextFields implements StepContext {
  readonly provenances: ReadonlyMap<string, Provenance | undefined>;
  private declaredReferences: StepResultReferences | undefined = undefined;
  private declaredTypesByName: ReadonlyMap<string, string> | undefined = undefined;
  private stepTypes: ReadonlyMap<string, ReadonlyMap<string, string>> | undefined = undefined;

  constructor(
    private readonly taskRun: TaskRunView,
    readonly done: boolean,
    readonly withTerminationReasons: boolean,
  ) {
    this.provenances = taskRun.provenances;
  }

  references(): StepResultReferences {
    this.declaredReferences ??= stepResultReferences(this.taskRun.declaredResults());
    return this.declaredReferences;
  }

  declaredTaskTypes(): ReadonlyMap<string, string> {
    this.declaredTypesByName ??= declaredTypes(this.taskRun.declaredResults());
    return this.declaredTypesByName;
  }

  stepResultTypes(): ReadonlyMap<string, ReadonlyMap<string, string>> {
    this.stepTypes ??= stepResultTypes(this.taskRun.steps());
    return this.stepTypes;
  }
}

/**
 * The `Succeeded` condition as Tekton leaves it: marked Running unless the run already finished,
 * then marked `final` (the Pod's verdict, if any). Written in one set: when `final` differs from
 * Running, the second set replaces the first's condition, so its time is now even when the
 * condition before both already read like `final`.
 */
function markSucceeded(
  before: readonly Condition[],
  final: ConditionMark | undefined,
  now: string | undefined,
): readonly Condition[] {
  const current = getCondition(before, SUCCEEDED);
  if (current !== undefined && current.status !== "Unknown")
    return final === undefined ? before : setCondition(before, succeeded(final), now);
  if (final === undefined || isRunningMark(final)) return setCondition(before, RUNNING, now);
  // The first set kept the conditions as they were: the second is an ordinary set on them.
  if (holdsCondition(before, RUNNING)) return setCondition(before, succeeded(final), now);
  return replaceCondition(before, succeeded(final), now);
}

const RUNNING: ConditionChange = {
  type: SUCCEEDED,
  status: "Unknown",
  reason: REASON_RUNNING,
  message: MESSAGE_RUNNING,
};

function isRunningMark(m: ConditionMark): boolean {
  return m.status === RUNNING.status && m.reason === RUNNING.reason && m.message === RUNNING.message;
}

function succeeded(m: ConditionMark): ConditionChange {
  return { type: SUCCEEDED, status: m.status, reason: m.reason, message: m.message };
}

const NO_TYPES: ReadonlyMap<string, string> = new Map();

/** Declared result name → type (the last declaration of a name wins). */
function declaredTypes(
  declared: readonly { readonly name: string; readonly type: string }[],
): ReadonlyMap<string, string> {
  if (declared.length === 0) return NO_TYPES;
  const types = new Map<string, string>();
  for (const r of declared) types.set(r.name, r.type);
  return types;
}

/** Whether Tekton would read the results sidecar's logs: the resolved spec declares results or a step writes artifacts. */
function readsSidecarLogs(taskRun: TaskRunView): boolean {
  if (taskRun.statusSpecHasResults) return true;
  return taskRun.steps().some((step) => {
    const path = `/tekton/steps/step-${step.name}/artifacts/provenance.json`;
    return step.texts().some((t) => t.includes(path) || t.includes("$(step.artifacts.path)"));
  });
}

function sidecarState(s: PodContainerStatus): SidecarState {
  const out: SidecarState = stateOf(s);
  const name = s.name.slice(SIDECAR_PREFIX.length);
  if (name !== "") out.name = name;
  if (s.name !== "") out.container = s.name;
  if (s.imageID !== "") out.imageID = s.imageID;
  return out;
}

/**
 * `removeDuplicateResults`: one entry per name, at its first position, the last one given.
 * `results` is the fold's own list: returned as it is when no two share a name.
 */
function dedupeResults(results: TaskRunResult[]): TaskRunResult[] {
  if (!mayShareNames(results)) return results;
  const latest = new Map<string, TaskRunResult>();
  for (const r of results) latest.set(r.name, r);
  const seen = new Set<string>();
  const out: TaskRunResult[] = [];
  for (const r of results) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    out.push(latest.get(r.name) as TaskRunResult);
  }
  return out;
}

/**
 * Folds the Pod's state into the TaskRun status Tekton v1.12 would write (v1, or v1beta1 for a
 * v1beta1 TaskRun). Total on any TaskRun and Pod; problems Tekton only logs are dropped here —
 * use {@link foldTaskRunStatusWithWarnings} to get them.
 *
 * @example
 * ```ts
 * const status = foldTaskRunStatus({ taskRun, pod }, { now: "2026-01-15T10:05:00Z" });
 * ```
 */
export function foldTaskRunStatus(input: FoldInput, options: FoldOptions): TaskRunStatus | TaskRunStatusV1beta1 {
  return foldTaskRunStatusWithWarnings(input, options).status;
}
