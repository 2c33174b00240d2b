/**
 * Problems in user data are data: each issue has a stable `code`, a place in the input as
 * `segments` (`["taskRun", "spec", "params", 2, "value"]`, for tools) and as the rendered `path`
 * (`taskRun.spec.params[2].value`, for people), and a message that says what is wrong and what
 * would be right. `compileTaskRun` throws one {@link CompileError} carrying all of them.
 */

/** Where Tekton v0.20.1 would have stopped the TaskRun. */
export type CompileStage =
  /** The validating admission webhook rejects the object. */
  | "admission"
  /** The reconciler's prepare step fails (Task, params, resources, workspaces). */
  | "resolution"
  /** Building or creating the Pod fails. */
  | "build"
  /** A ConfigMap value does not parse. */
  | "config"
  /** The input lacks data Tekton would fetch (an image entrypoint, a ServiceAccount…). */
  | "input"
  /** The TaskRun was created cancelled (`spec.status: TaskRunCancelled`); v1.12 stops before prepare. */
  | "cancelled"
  /** The TaskRun was created pending (`spec.status: TaskRunPending`); v1.12 stops before prepare. */
  | "pending";

/** The TaskRun condition reason the controller sets for resolution/build failures. */
export type FailureReason =
  | "TaskRunValidationFailed"
  | "TaskRunResolutionFailed"
  | "CouldntGetTask"
  | "CouldntGetResource"
  | "TaskRunImagePullFailed"
  | (string & {});

/**
 * Stable issue codes. Tools may switch on them; new codes are only ever added.
 */
export type IssueCode =
  // input shape
  | "invalid-type"
  | "unknown-field"
  | "missing-field"
  | "invalid-value"
  // names and references
  | "invalid-name"
  | "name-too-long"
  | "duplicate-name"
  | "task-not-found"
  | "task-ref-and-spec"
  | "missing-task"
  // params
  | "missing-param"
  | "extra-param"
  | "param-type-mismatch"
  | "param-default-type-mismatch"
  | "duplicate-param"
  | "non-existent-variable"
  | "array-not-isolated"
  // steps, sidecars, results, volumes
  | "no-steps"
  | "missing-image"
  | "script-with-command"
  | "invalid-result-name"
  | "reserved-volume-name"
  | "duplicate-volume"
  | "missing-entrypoint"
  | "missing-digest"
  | "missing-uid"
  | "invalid-duration"
  | "negative-timeout"
  | "invalid-spec-status"
  // workspaces
  | "workspace-not-bound"
  | "workspace-binding-source"
  | "workspace-mountpath-conflict"
  | "multiple-pvc-workspaces"
  // PipelineResources
  | "resource-not-found"
  | "missing-resource"
  | "extra-resource"
  | "duplicate-resource"
  | "resource-type-mismatch"
  | "invalid-resource"
  // credentials
  | "service-account-not-found"
  | "secret-not-found"
  | "missing-known-hosts"
  // configuration
  | "invalid-config"
  // input shape and admission (src/api/schema.ts, src/v0.20.1/compile/validate.ts)
  /** A Kubernetes quantity (`cpu`, `memory`, `sizeLimit` …) that `resource.ParseQuantity` rejects. */
  | "invalid-quantity"
  /** More problems were found than are listed; the last issue says how many. */
  | "too-many-issues"
  /** A param `type` other than "string" or "array". */
  | "invalid-param-type"
  /** An array param referenced where only a string fits (name, image, script, env value …). */
  | "array-not-allowed"
  /** A volumeMount under /tekton/ (other than /tekton/home), which Tekton reserves. */
  | "reserved-mount-path"
  /** A Task resource declaration whose `type` is not a PipelineResource type Tekton knows. */
  | "invalid-resource-type"
  /** A TaskRun resource binding with both `resourceRef` and `resourceSpec`. */
  | "resource-ref-and-spec"
  /** `taskRef.bundle` while the `enable-tekton-oci-bundles` feature flag is off. */
  | "bundle-not-enabled"
  /** A `taskRef.bundle` that is not an image reference. */
  | "invalid-bundle"
  // status fold (warnings of foldTaskRunStatusWithWarnings, src/v0.20.1/status/)
  /** A step's termination message is not Tekton's JSON array of results. */
  | "invalid-termination-message"
  /** The entrypoint's `StartedAt` result is not a `2006-01-02T15:04:05.000Z07:00` time. */
  | "invalid-step-start-time"
  // v1.12 reconcile outcomes
  /** A TaskRun created with `spec.status: TaskRunCancelled` or `TaskRunPending`: no Pod yet. */
  | "not-started"
  /** A remote `taskRef`/step `ref` (a `resolver`): the resolution request is never answered here. */
  | "remote-resolution"
  /** A step `ref` names a StepAction the input does not hold. */
  | "step-action-not-found"
  /** An input object that the chosen Tekton release does not serve (a ClusterTask, PipelineResources…). */
  | "unsupported-input"
  // v1.12 admission (src/v1.12/compile/validate*.ts)
  /** A field or value that needs a feature flag (`enable-api-fields`, `enable-param-enum`, …) the cluster does not set. */
  | "feature-not-enabled"
  /** A field admission refuses outright (`taskRef.bundle` on create, v1beta1 `resources`, an inline spec under `disable-inline-spec`). */
  | "field-not-allowed"
  /** A Pod template env var that `default-forbidden-env` forbids. */
  | "forbidden-env"
  /** A step or sidecar uses a workspace the Task does not declare. */
  | "undefined-workspace"
  /** A param name Tekton's name format rejects. */
  | "invalid-param-name"
  /** A param `enum` problem: not a string param, a repeated value, a default outside the list. */
  | "invalid-enum"
  /** A field the v1beta1 → v1 conversion does not carry over (a warning: the Pod is built without it). */
  | "dropped-by-conversion"
  // v1.12 status fold
  /** The entrypoint's `ExitCode` result is not a 32-bit decimal integer. */
  | "invalid-step-exit-code"
  /** An artifacts entry (type 5 or 6) of a termination message is not Tekton's artifacts JSON. */
  | "invalid-artifacts"
  /** A Task result's string value is not a `$(steps.<step>.results.<name>)` reference. */
  | "invalid-step-result-reference"
  /** v1.12 with `results-from: sidecar-logs`: the results sidecar's logs are not part of the input. */
  | "sidecar-log-results-not-read"
  // v0.20.1 quirks a Task author should know about (warnings of compileTaskRun; see docs/explain.md)
  /** A step's `timeout` is lost because the Task has a stepTemplate (or a workspace, which makes one). */
  | "step-timeout-dropped"
  /** `$(context.task.name)` in an embedded spec is replaced by the TaskRun's name. */
  | "context-task-name-is-taskrun-name"
  /** A step's own cpu, memory or ephemeral-storage request is replaced: only the largest is kept. */
  | "request-not-kept"
  // bounds (what the package refuses to build, and what Kubernetes would never store)
  /** The input or the Pod it makes is larger than a limit the message names. */
  | "limit-exceeded"
  /** Input that is not plain data: a Proxy, a class instance, a cycle, an array with extra properties … */
  | "not-plain-data";

/** Path segments into the input; numbers render as `[i]`, strings as `.key`. */
export type PathSegment = string | number;

/** One problem found in the input. */
export interface Issue {
  readonly code: IssueCode;
  /** Where in the input, rendered for display: `taskRun.spec.params[2].value` (`formatPath(segments)`). */
  readonly path: string;
  /** Where in the input, as keys and indexes: `["taskRun", "spec", "params", 2, "value"]`; `[]` for the input as a whole. */
  readonly segments: readonly PathSegment[];
  readonly message: string;
}

/** Where in the input step `index` of the spec being built was written, for issue paths. */
export type StepPath = (index: number) => PathSegment[];

/** The most issues one {@link CompileError} lists; the rest are counted in a last issue. */
export const MAX_ISSUES = 1000;
/** The longest issue message kept whole; longer ones are cut (they quote user data). */
export const MAX_MESSAGE_LENGTH = 2000;
/** The longest path key kept whole in a rendered path. */
const MAX_SEGMENT_LENGTH = 200;

/**
 * `text` cut to `max` characters with a note of how much was left out, so that a message
 * quoting user data stays readable however large the data is.
 *
 * @example clip("a".repeat(10), 4) // "aaaa…(6 more characters)"
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length - max} more characters)`;
}

/** Renders `["taskRun","spec","params",2,"value"]` as `taskRun.spec.params[2].value`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (segment.length <= 64 && /^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(clip(segment, MAX_SEGMENT_LENGTH))}]`;
  }
  return out;
}

/**
 * Reads a path written by {@link formatPath} back into segments: `taskRun.spec.params[2].value`
 * → `["taskRun", "spec", "params", 2, "value"]`, `imageEntrypoints["ubuntu:22.04"]` →
 * `["imageEntrypoints", "ubuntu:22.04"]`. For tools that have only the text, such as the `from`
 * of an explanation entry. `undefined` when `text` is not such a path (or is empty).
 */
export function parsePath(text: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const token = /^(?:(\.)?([A-Za-z_$][\w$-]*)|\[(0|[1-9]\d*)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = text;
  while (rest !== "") {
    const match = token.exec(rest);
    // A bare name only at the start; after that, names follow a dot.
    if (match === null || (match[1] === undefined && match[2] !== undefined && segments.length > 0)) return undefined;
    if (match[2] !== undefined) segments.push(match[2]);
    else if (match[3] !== undefined) segments.push(Number(match[3]));
    else segments.push(JSON.parse(match[4] as string) as string);
    rest = rest.slice(match[0].length);
  }
  return segments.length === 0 ? undefined : segments;
}

/** Builds an issue from path segments. */
export function issue(code: IssueCode, path: readonly PathSegment[], message: string): Issue {
  return { code, path: formatPath(path), segments: [...path], message };
}

/**
 * Thrown by `compileTaskRun` when Tekton would not have created the Pod.
 *
 * @example
 * ```ts
 * try { compileTaskRun(input); } catch (e) {
 *   if (e instanceof CompileError) console.error(e.stage, e.reason, e.issues);
 * }
 * ```
 */
export class CompileError extends Error {
  override readonly name = "CompileError";
  readonly stage: CompileStage;
  /** Condition reason Tekton sets; undefined for admission rejections. */
  readonly reason: FailureReason | undefined;
  readonly issues: readonly Issue[];

  /**
   * At most {@link MAX_ISSUES} issues are kept (a last `too-many-issues` issue counts the
   * rest), and each message is cut to {@link MAX_MESSAGE_LENGTH} characters, so the error of a
   * huge input stays small.
   */
  constructor(stage: CompileStage, issues: readonly Issue[], reason?: FailureReason) {
    const bounded = boundIssues(issues);
    super(renderMessage(stage, bounded));
    this.stage = stage;
    this.reason = reason;
    this.issues = bounded;
  }
}

function boundIssues(issues: readonly Issue[]): readonly Issue[] {
  let bounded: Issue[] | undefined;
  const count = Math.min(issues.length, MAX_ISSUES);
  for (let i = 0; i < count; i++) {
    const item = issues[i] as Issue;
    if (item.message.length > MAX_MESSAGE_LENGTH || item.path.length > MAX_MESSAGE_LENGTH) {
      bounded ??= issues.slice(0, i);
      bounded.push({
        ...item,
        path: clip(item.path, MAX_MESSAGE_LENGTH),
        message: clip(item.message, MAX_MESSAGE_LENGTH),
      });
    } else if (bounded !== undefined) {
      bounded.push(item);
    }
  }
  if (issues.length <= MAX_ISSUES) return bounded ?? issues;
  bounded ??= issues.slice(0, MAX_ISSUES);
  bounded.push(
    issue("too-many-issues", [], `${issues.length - MAX_ISSUES} more problem(s) not listed; fix the ones above first`),
  );
  return bounded;
}

/** The most issues the error's `message` spells out; `issues` has them all (up to {@link MAX_ISSUES}). */
const MESSAGE_ISSUES = 50;

function renderMessage(stage: CompileStage, issues: readonly Issue[]): string {
  const lines = issues.slice(0, MESSAGE_ISSUES).map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`));
  if (issues.length === 1) return `${stage}: ${lines[0]}`;
  const more =
    issues.length > MESSAGE_ISSUES ? `\n  … and ${issues.length - MESSAGE_ISSUES} more (see the error's issues)` : "";
  return `${stage}: ${issues.length} problems\n${lines.map((l) => `  - ${l}`).join("\n")}${more}`;
}

/**
 * What a stage that makes something returns: the value, or the issues that stop Tekton there.
 * Stages return these (and `check*` functions return `Issue[]`); only the orchestrator turns
 * them into a thrown {@link CompileError}, so the order in which Tekton reports problems is
 * the order in which the orchestrator takes the stages.
 */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** A stage's value, as a {@link Checked}. */
export function passed<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** A stage's stop with one issue, as a {@link Checked}. */
export function stopped(code: IssueCode, path: readonly PathSegment[], message: string): Checked<never> {
  return { ok: false, issues: [issue(code, path, message)] };
}

/** The stage boundary for checks: throws the issues as one CompileError when there are any. */
export function throwIfAny(stage: CompileStage, issues: readonly Issue[], reason?: FailureReason): void {
  if (issues.length > 0) throw new CompileError(stage, issues, reason);
}

/** The stage boundary for stages that make something: the value, or the CompileError Tekton stops with. */
export function valueOrThrow<T>(stage: CompileStage, checked: Checked<T>, reason?: FailureReason): T {
  if (!checked.ok) throw new CompileError(stage, checked.issues, reason);
  return checked.value;
}

/** Shorthand for throwing a single-issue CompileError. */
export function fail(
  stage: CompileStage,
  code: IssueCode,
  path: readonly PathSegment[],
  message: string,
  reason?: FailureReason,
): never {
  throw new CompileError(stage, [issue(code, path, message)], reason);
}
