/**
 * One step's state as Tekton v1.12 writes it (pkg/pod/status.go
 * `setTaskRunStatusBasedOnStepStatus`): its container's state with the termination message
 * rewritten, the entrypoint's real start time and exit code, the reason it ended, its step
 * results, its artifacts — and, once the run is done, the Task results it contributes.
 */
import type { ContainerStateTerminated } from "kubernetes-types/core/v1.js";
import { type Issue, issue } from "../../errors.js";
import { goQuote } from "../../k8s/go-quote.js";
import { metaTimeOf } from "../../k8s/go-time.js";
import type { PodContainerStatus } from "../../status-shared/read-objects.js";
import { invalidTerminationMessage } from "../../status-shared/step-outcome.js";
import { STEP_PREFIX } from "../compile/pod/constants.js";
import { decodeArtifacts, isEmptyArtifacts, mergeArtifacts } from "./artifacts.js";
import type { DeclaredStep } from "./read-task-run.js";
import {
  filterResults,
  type StepResultReferences,
  stepResultsFetchedByTask,
  taskResultsFromStepResults,
} from "./result-values.js";
import {
  formatTerminationMessage,
  parseTerminationMessage,
  RESULT_TYPE,
  type RunResult,
  readInternalEntries,
} from "./termination-message.js";
import type { Artifacts, Provenance, StepState, TaskRunResult } from "./types.js";

/** What the step fold needs to know about the run. */
export interface StepContext {
  /** Whether the `Succeeded` condition is no longer Unknown (`tr.IsDone()`). */
  readonly done: boolean;
  /** The Task's step-result references (`findStepResultsFetchedByTask`), read once per fold. */
  readonly references: () => StepResultReferences;
  /** Declared Task result name → type, read once per fold. */
  readonly declaredTaskTypes: () => ReadonlyMap<string, string>;
  /** Step container name → the types of the results its declared steps declare, read once per fold. */
  readonly stepResultTypes: () => ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Provenance of the previous `status.steps`, by step name. */
  readonly provenances: ReadonlyMap<string, Provenance | undefined>;
  /** Whether steps get their `terminationReason` (not for a status going back to v1beta1, which has none). */
  readonly withTerminationReasons: boolean;
}

/** What the folded steps add to the TaskRun, gathered across them in the Pod's container order. */
export interface StepContributions {
  readonly taskResults: TaskRunResult[];
  /**
   * Artifacts to merge into the TaskRun's when it is done (each step's TaskRun artifacts, then
   * its own; empty ones are left out, as merging them changes nothing).
   */
  readonly artifacts: Artifacts[];
}

// A termination-message entry of this key carries the step's exit code (a step that failed but
// was allowed to continue exits 0 and reports the real code here).
const EXIT_CODE = "ExitCode";
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Folds one step container's status; what it adds to the TaskRun goes to `contributions`. */
export function foldStep(
  s: PodContainerStatus,
  context: StepContext,
  contributions: StepContributions,
  warnings: Issue[],
): StepState {
  const references = context.references();
  if (!references.ok) {
    warnings.push(
      issue(
        "invalid-step-result-reference",
        ["taskRun", "spec", "taskSpec", "results"],
        `a Task result's value ${goQuote(references.value)} is not a reference like $(steps.<step>.results.<result>); ` +
          `no Task result takes its value from the results of ${goQuote(s.name)}`,
      ),
    );
  }

  const state: StepState = stateOf(s);
  let stepResults: readonly TaskRunResult[] = NO_RESULTS;
  let stepArtifacts: Artifacts = NO_ARTIFACTS;
  let terminationReason = "";
  const terminated = state.terminated;
  const message = terminated?.message ?? "";
  const internal = message === "" ? undefined : readInternalEntries(message);
  if (terminated !== undefined && internal !== undefined) {
    // Only Tekton's own entries: none stays in the message, none is a result or an artifact.
    const startedAt = startedAtOf(internal.startedAt, s, warnings);
    const exitCode = exitCodeOf(internal.exitCode, s, warnings);
    state.terminated = rewrittenTerminated(terminated, "", startedAt, exitCode);
    terminationReason = terminationReasonOf(internal.reason, exitCode, terminated);
  } else if (terminated !== undefined && message !== "") {
    const parsed = parseTerminationMessage(message);
    if (!parsed.ok) {
      warnings.push(invalidTerminationMessage(messagePath(s.index), s.name, parsed.error));
    } else {
      const results = parsed.results;
      const found = specialEntries(results);
      stepArtifacts = readArtifactsEntry(found.stepArtifacts, s, warnings);
      const startedAt = startedAtOf(found.startedAt?.value, s, warnings);
      const exitCode = exitCodeOf(found.exitCode?.value, s, warnings);
      const filtered = filterResults(
        results,
        () => context.declaredTaskTypes(),
        () => stepDeclared(context, s.name),
      );
      if (context.done) {
        stepResults = filtered.stepResults;
        const taskResults = contributions.taskResults;
        // One at a time: a spread of a huge list of results would overflow the call stack.
        for (const r of filtered.taskResults) taskResults.push(r);
        if (filtered.stepResults.length > 0) {
          const byStepResult = stepResultsFetchedByTask(s.name, references);
          for (const r of taskResultsFromStepResults(filtered.stepResults, byStepResult)) taskResults.push(r);
        }
        const taskRunArtifacts = readArtifactsEntry(
          firstOfType(filtered.visible, RESULT_TYPE.taskRunArtifacts),
          s,
          warnings,
        );
        if (!isEmptyArtifacts(taskRunArtifacts)) contributions.artifacts.push(taskRunArtifacts);
        if (!isEmptyArtifacts(stepArtifacts)) contributions.artifacts.push(stepArtifacts);
      }
      const rewritten = formatTerminationMessage(filtered.visible);
      state.terminated = rewrittenTerminated(terminated, rewritten, startedAt, exitCode);
      terminationReason = terminationReasonOf(found.reason?.value, exitCode, terminated);
    }
  }

  const name = s.name.startsWith(STEP_PREFIX) ? s.name.slice(STEP_PREFIX.length) : s.name;
  if (name !== "") state.name = name;
  if (s.name !== "") state.container = s.name;
  if (s.imageID !== "") state.imageID = s.imageID;
  if (stepResults.length > 0) state.results = [...stepResults];
  const provenance = context.provenances.size === 0 ? undefined : context.provenances.get(name);
  if (provenance !== undefined) state.provenance = provenance;
  if (terminationReason !== "" && context.withTerminationReasons) state.terminationReason = terminationReason;
  if (stepArtifacts.inputs !== undefined && stepArtifacts.inputs.length > 0) state.inputs = stepArtifacts.inputs;
  if (stepArtifacts.outputs !== undefined && stepArtifacts.outputs.length > 0) state.outputs = stepArtifacts.outputs;
  return state;
}

/**
 * The terminated state again, in Go's field order, with the rewritten message, start time
 * (`null`: the kubelet's) and exit code (`undefined`: the container's) — built afresh rather
 * than by deleting fields from the copy.
 */
function rewrittenTerminated(
  terminated: ContainerStateTerminated,
  message: string,
  startedAt: string | undefined | null,
  exitCode: number | undefined,
): ContainerStateTerminated {
  const t: ContainerStateTerminated = { exitCode: exitCode ?? terminated.exitCode };
  if (terminated.signal !== undefined) t.signal = terminated.signal;
  if (terminated.reason !== undefined) t.reason = terminated.reason;
  if (message !== "") t.message = message;
  const start = startedAt === null ? terminated.startedAt : startedAt;
  if (start !== undefined) t.startedAt = start;
  if (terminated.finishedAt !== undefined) t.finishedAt = terminated.finishedAt;
  if (terminated.containerID !== undefined) t.containerID = terminated.containerID;
  return t;
}

/** Why the step ended: the internal `Reason` entry, else "Continued" for a step that reported its exit code, else the container's reason. */
function terminationReasonOf(
  reasonEntry: string | undefined,
  exitCode: number | undefined,
  terminated: ContainerStateTerminated,
): string {
  const fromResults = reasonEntry ?? "";
  if (fromResults !== "") return fromResults;
  return exitCode !== undefined ? "Continued" : (terminated.reason ?? "");
}

const NO_RESULTS: readonly TaskRunResult[] = Object.freeze([]);
const NO_ARTIFACTS: Artifacts = Object.freeze({});

/** The entries Tekton looks up by key or type, each the first of its kind. */
interface SpecialEntries {
  /** The first internal `Reason` entry. */
  reason: RunResult | undefined;
  /** The first step-artifacts entry. */
  stepArtifacts: RunResult | undefined;
  /** The first `StartedAt` entry, of any type. */
  startedAt: RunResult | undefined;
  /** The first `ExitCode` entry, of any type. */
  exitCode: RunResult | undefined;
}

/** {@link SpecialEntries} of a parsed message, in one pass. */
function specialEntries(results: readonly RunResult[]): SpecialEntries {
  const found: SpecialEntries = {
    reason: undefined,
    stepArtifacts: undefined,
    startedAt: undefined,
    exitCode: undefined,
  };
  for (const r of results) {
    if (r.type === RESULT_TYPE.internal && r.key === "Reason") found.reason ??= r;
    if (r.type === RESULT_TYPE.stepArtifacts) found.stepArtifacts ??= r;
    if (r.key === "StartedAt") found.startedAt ??= r;
    else if (r.key === EXIT_CODE) found.exitCode ??= r;
  }
  return found;
}

function firstOfType(results: readonly RunResult[], type: number): RunResult | undefined {
  for (const r of results) if (r.type === type) return r;
  return undefined;
}

const NONE_DECLARED: ReadonlyMap<string, string> = new Map();

/** The result types the declared steps of container `container` declare. */
function stepDeclared(context: StepContext, container: string): ReadonlyMap<string, string> {
  return context.stepResultTypes().get(container) ?? NONE_DECLARED;
}

/** Where a warning about the termination message of the `index`-th container status points (built only for a warning). */
function messagePath(index: number): (string | number)[] {
  return ["pod", "status", "containerStatuses", index, "state", "terminated", "message"];
}

/**
 * Step container name → result name → declared type, for the steps of the resolved spec (a
 * later step of the same name overrides an earlier one's declarations, as Tekton's loop does).
 */
export function stepResultTypes(steps: readonly DeclaredStep[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const step of steps) {
    // A step that declares nothing adds nothing (most steps).
    if (step.results.length === 0) continue;
    const container = `${STEP_PREFIX}${step.name}`;
    let types = out.get(container);
    if (types === undefined) {
      types = new Map();
      out.set(container, types);
    }
    for (const r of step.results) types.set(r.name, r.type);
  }
  return out;
}

/**
 * A state that starts with the container's: its `waiting`, `running` and `terminated` as the
 * Pod was read. They are the fold's own (readPod decodes them afresh, and each status reaches
 * the fold once: see sortContainerStatuses), so they go into the output uncopied; a rewrite
 * replaces one rather than changing it.
 */
export function stateOf(s: PodContainerStatus): StepState {
  const out: StepState = {};
  if (s.state.waiting !== undefined) out.waiting = s.state.waiting;
  if (s.state.running !== undefined) out.running = s.state.running;
  if (s.state.terminated !== undefined) out.terminated = s.state.terminated;
  return out;
}

/** The artifacts of the first entry of a type, `entry` (Tekton reads only that one). */
function readArtifactsEntry(entry: RunResult | undefined, s: PodContainerStatus, warnings: Issue[]): Artifacts {
  if (entry === undefined) return NO_ARTIFACTS;
  const decoded = decodeArtifacts(entry.value);
  if (decoded.error !== undefined) {
    warnings.push(
      issue(
        "invalid-artifacts",
        messagePath(s.index),
        `the artifacts entry ${goQuote(entry.key)} in the termination message of ${goQuote(s.name)} is not Tekton's artifacts JSON: ${decoded.error}`,
      ),
    );
  }
  return decoded.artifacts;
}

/**
 * `extractStartedAtTimeFromResults`: the first `StartedAt` entry, of any type, as `metav1.Time`
 * writes it (`undefined` for Go's zero time); `null` when there is none or it does not parse.
 */
function startedAtOf(value: string | undefined, s: PodContainerStatus, warnings: Issue[]): string | undefined | null {
  if (value === undefined) return null;
  const formatted = metaTimeOf(value, "startedAt");
  if (formatted === null) {
    warnings.push(
      issue(
        "invalid-step-start-time",
        messagePath(s.index),
        `the StartedAt entry ${goQuote(value)} of ${goQuote(s.name)} is not a time like ` +
          `"2020-12-01T10:05:00.000Z" (RFC 3339 with milliseconds); the kubelet's startedAt is kept`,
      ),
    );
  }
  return formatted;
}

/** `extractExitCodeFromResults`: the first `ExitCode` entry, a 32-bit decimal integer. */
function exitCodeOf(value: string | undefined, s: PodContainerStatus, warnings: Issue[]): number | undefined {
  if (value === undefined) return undefined;
  const m = /^[+-]?\d+$/.exec(value);
  const n = m === null ? undefined : Number(BigInt(value.replace(/^\+/, "")));
  if (n === undefined || n < INT32_MIN || n > INT32_MAX) {
    warnings.push(
      issue(
        "invalid-step-exit-code",
        messagePath(s.index),
        `the ExitCode entry ${goQuote(value)} of ${goQuote(s.name)} is not a 32-bit integer; the container's exit code is kept`,
      ),
    );
    return undefined;
  }
  return n;
}

/** The TaskRun's artifacts after merging each done step's contributions, in order. */
export function mergeAll(start: Artifacts, contributions: readonly Artifacts[]): Artifacts {
  let merged = start;
  for (const next of contributions) merged = mergeArtifacts(merged, next);
  return merged;
}
