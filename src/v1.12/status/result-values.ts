/**
 * Typed results, as Tekton v1.12 takes them from termination-message entries (pkg/pod/status.go
 * `filterResults`, `findStepResultsFetchedByTask`, `createTaskResultsFromStepResults`): a result
 * the Task declares as `string` keeps its text as written; any other result is read as JSON the
 * way `ResultValue.UnmarshalJSON` does (an array of strings, an object of strings, a JSON string,
 * or else the text itself as a string).
 */
import { parseJsonTree } from "../../k8s/json-tree.js";
import { decodeStringList, decodeStringMap } from "./go-decode.js";
import { RESULT_TYPE, type RunResult } from "./termination-message.js";
import type { TaskRunResult } from "./types.js";

/** A declared result: its name, its type after defaulting, and (for Task results) its `value` when it is a string. */
export interface DeclaredResult {
  readonly name: string;
  readonly type: string;
  /** `value` of a Task result declared as a string (`$(steps.<step>.results.<name>)`), else `""`. */
  readonly stringValue: string;
}

const MAY_DECODE = /^(?:[[{]|[ \t\n\r]*(?:"|null))/;

/** `ResultValue.UnmarshalJSON` on the text of an entry (it never fails). */
export function decodeResultValue(text: string): Required<Pick<TaskRunResult, "type" | "value">> {
  if (text === "") return { type: "string", value: "" };
  // Only a list, an object, a JSON string or null reads as anything but the text itself.
  if (!MAY_DECODE.test(text)) return { type: "string", value: text };
  const tree = parseJsonTree(text);
  if (!tree.ok) return { type: "string", value: text };
  if (text.startsWith("[")) {
    const list = decodeStringList(tree.node);
    if (list !== undefined) return { type: "array", value: list };
  }
  if (text.startsWith("{")) {
    const map = decodeStringMap(tree.node);
    if (map !== undefined) return { type: "object", value: map };
  }
  if (tree.node.kind === "string") return { type: "string", value: tree.node.value };
  if (tree.node.kind === "null") return { type: "string", value: "" };
  return { type: "string", value: text };
}

/** The entries of a termination message sorted out as `filterResults` does. */
export interface FilteredResults {
  readonly taskResults: readonly TaskRunResult[];
  readonly stepResults: readonly TaskRunResult[];
  /** What stays in the message: everything but Tekton's internal entries. */
  readonly visible: readonly RunResult[];
}

/**
 * `filterResults`: Task results (type 1) and step results (type 4), typed by their declarations
 * (asked for only when an entry of that type needs them).
 */
export function filterResults(
  results: readonly RunResult[],
  taskDeclared: () => ReadonlyMap<string, string>,
  stepDeclared: () => ReadonlyMap<string, string>,
): FilteredResults {
  const taskResults: TaskRunResult[] = [];
  const stepResults: TaskRunResult[] = [];
  const visible: RunResult[] = [];
  for (const r of results) {
    if (r.type === RESULT_TYPE.internal) continue;
    visible.push(r);
    if (r.type === RESULT_TYPE.taskRun) taskResults.push(typed(r, taskDeclared()));
    else if (r.type === RESULT_TYPE.step) stepResults.push(typed(r, stepDeclared()));
  }
  return { taskResults, stepResults, visible };
}

function typed(r: RunResult, declared: ReadonlyMap<string, string>): TaskRunResult {
  if (declared.get(r.key) === "string") return { name: r.key, type: "string", value: r.value };
  const decoded = decodeResultValue(r.value);
  return { name: r.key, type: decoded.type, value: decoded.value };
}

const REF_START = "$(steps.";
const REF_MIDDLE = ".results.";

/**
 * The first match of Go's `\$\(steps\.(.*?)\.results\.(.*?)\)` (`ExtractStepResultName`), in
 * linear time: leftmost start, then the first `.results.` and the first `)` after it, all on one
 * line (Go's `.` does not match a newline). A start that fails means every later start on the
 * same line fails too, so the search moves to the next line.
 */
export function extractStepResultReference(
  value: string,
): { readonly step: string; readonly result: string } | undefined {
  let from = 0;
  for (;;) {
    const start = value.indexOf(REF_START, from);
    if (start < 0) return undefined;
    const newline = value.indexOf("\n", start);
    // Searching only this line keeps the whole scan linear.
    const line = value.slice(start + REF_START.length, newline < 0 ? value.length : newline);
    const middle = line.indexOf(REF_MIDDLE);
    const close = middle < 0 ? -1 : line.indexOf(")", middle + REF_MIDDLE.length);
    if (close >= 0) return { step: line.slice(0, middle), result: line.slice(middle + REF_MIDDLE.length, close) };
    if (newline < 0) return undefined;
    from = newline + 1;
  }
}

/**
 * The step-result references of the Task's results, read once per fold: every
 * `$(steps.<step>.results.<name>)` a Task result's string value makes, or the first value that
 * is not such a reference (with one of those Tekton gives up on the whole lookup, and reports it
 * for every step).
 */
export type StepResultReferences =
  | {
      readonly ok: true;
      readonly refs: readonly {
        readonly container: string;
        readonly stepResult: string;
        readonly taskResult: string;
      }[];
    }
  | { readonly ok: false; readonly value: string };

/** What a Task without results refers to (shared: no one adds to it). */
const NO_STEP_RESULT_REFERENCES: StepResultReferences = Object.freeze({ ok: true, refs: Object.freeze([]) });

/** The references `findStepResultsFetchedByTask` finds among the declared Task results. */
export function stepResultReferences(declared: readonly DeclaredResult[]): StepResultReferences {
  if (declared.length === 0) return NO_STEP_RESULT_REFERENCES;
  const refs: { container: string; stepResult: string; taskResult: string }[] = [];
  for (const r of declared) {
    if (r.stringValue === "") continue;
    const ref = extractStepResultReference(r.stringValue);
    if (ref === undefined) return { ok: false, value: r.stringValue };
    refs.push({ container: `step-${ref.step}`, stepResult: ref.result, taskResult: r.name });
  }
  return { ok: true, refs };
}

const NO_REFERENCES: ReadonlyMap<string, string> = new Map();

/**
 * `findStepResultsFetchedByTask` for container `containerName`: step result name → Task result
 * name (the last reference wins); empty when the references could not be read.
 */
export function stepResultsFetchedByTask(
  containerName: string,
  references: StepResultReferences,
): ReadonlyMap<string, string> {
  if (!references.ok || references.refs.length === 0) return NO_REFERENCES;
  const byStepResult = new Map<string, string>();
  for (const ref of references.refs)
    if (ref.container === containerName) byStepResult.set(ref.stepResult, ref.taskResult);
  return byStepResult;
}

/** `createTaskResultsFromStepResults`: the step results a Task result fetches, under the Task result's name. */
export function taskResultsFromStepResults(
  stepResults: readonly TaskRunResult[],
  fetched: ReadonlyMap<string, string>,
): TaskRunResult[] {
  const out: TaskRunResult[] = [];
  for (const r of stepResults) {
    const name = fetched.get(r.name);
    if (name === undefined) continue;
    out.push(r.type !== undefined ? { name, type: r.type, value: r.value } : { name, value: r.value });
  }
  return out;
}
