/**
 * The public entry points, and the one place that picks a Tekton release. Each release is a
 * profile: its own stages where Tekton's behaviour differs (`src/<release>/`), the shared
 * primitives (`src/k8s/`, `src/api/`, `src/errors.ts`) where it does not. The profile is chosen
 * here, once per call; no stage asks which release it is running for.
 */

import { checkInputData, type PlainDataCheck, toPlainData } from "./api/plain-data.js";
import type { CompileInput, Immutable, TaskRunStatus } from "./api/types.js";
import { CompileError, issue } from "./errors.js";
import type { Explainer } from "./explain/explainer.js";
import type { Now } from "./status-shared/require-now.js";
import { type CompileResult, compileTaskRun as compileV0201 } from "./v0.20.1/compile/index.js";
import { foldTaskRunStatusWithWarnings as foldV0201 } from "./v0.20.1/status/index.js";
import type { FoldInput, FoldResult } from "./v0.20.1/status/types.js";
import type { CompileInputV112 } from "./v1.12/api/types.js";
import { type CompileResult as CompileResultV112, compileTaskRun as compileV112 } from "./v1.12/compile/index.js";
import type {
  FoldInput as FoldInputV112,
  FoldResult as FoldResultV112,
  TaskRunStatus as TaskRunStatusV1,
  TaskRunStatusV1beta1,
} from "./v1.12/status/index.js";
import { foldTaskRunStatusWithWarnings as foldV112 } from "./v1.12/status/index.js";

/**
 * What one release of Tekton does, as the package reproduces it. Each release reads and writes
 * its own types; the public overloads below give every caller the precise ones.
 */
interface Profile {
  /**
   * `checked` is what the shared input check measured (a profile may ignore it); `explain`, when
   * given, gathers why each field of the output is what it is.
   */
  compile(input: never, checked: PlainDataCheck, explain?: Explainer): CompileResult | CompileResultV112;
  fold(input: never, options: { readonly now: Now }): FoldResult | FoldResultV112;
}

const PROFILES = {
  "v0.20.1": {
    compile: (input: Immutable<CompileInput>, _checked: PlainDataCheck, explain?: Explainer) =>
      compileV0201(input, explain),
    fold: foldV0201,
  },
  "v1.12": { compile: compileV112, fold: foldV112 },
} as const satisfies Record<string, Profile>;

/** The profile's functions, callable with any input: the public overloads have checked its type. */
interface SelectedProfile {
  compile(input: unknown, checked: PlainDataCheck, explain?: Explainer): CompileResult | CompileResultV112;
  fold(input: unknown, options: { readonly now: Now }): FoldResult | FoldResultV112;
}

/** A Tekton release the package reproduces exactly. */
export type TektonRelease = keyof typeof PROFILES;

/** The releases, in the order messages list them; the first is the default. */
export const TEKTON_RELEASES = Object.keys(PROFILES) as readonly TektonRelease[];

/** The release used when a call names none. */
export const DEFAULT_TEKTON_RELEASE: TektonRelease = "v0.20.1";

/**
 * The input `compileTaskRun` takes for a release: for a union of releases (one chosen at run
 * time), the input of any of them.
 */
export type CompileInputFor<R extends TektonRelease> = R extends "v1.12"
  ? Immutable<CompileInputV112>
  : Immutable<CompileInput>;

/** Options of {@link compileTaskRun}. */
export interface CompileOptions<R extends TektonRelease = TektonRelease> {
  /** The Tekton release whose controller is reproduced; `"v0.20.1"` when absent. */
  readonly tekton?: R;
}

/** Options of {@link foldTaskRunStatus}. */
export interface FoldOptions<R extends TektonRelease = TektonRelease> {
  /** Stands in for `time.Now()`: used for `completionTime` and changed conditions. */
  readonly now: Now;
  /** The Tekton release whose controller is reproduced; `"v0.20.1"` when absent. */
  readonly tekton?: R;
}

function selectProfile(tekton: unknown): SelectedProfile {
  return PROFILES[checkRelease(tekton)] as SelectedProfile;
}

/**
 * The release named by `options.tekton` (the default when absent), for the entry points that
 * dispatch on it (this module and src/lifecycle.ts). A value that names no supported release,
 * or options that cannot be read, are a `CompileError` at stage `input`.
 */
export function releaseOf(options: object | undefined): TektonRelease {
  return checkRelease(readOption(options, "tekton"));
}

function checkRelease(tekton: unknown): TektonRelease {
  if (tekton === undefined) return DEFAULT_TEKTON_RELEASE;
  if (typeof tekton === "string" && Object.hasOwn(PROFILES, tekton)) return tekton as TektonRelease;
  const shown = typeof tekton === "string" ? JSON.stringify(tekton.slice(0, 40)) : `a ${typeof tekton}`;
  throw new CompileError("input", [
    issue(
      "invalid-value",
      ["options", "tekton"],
      `tekton must be one of ${TEKTON_RELEASES.map((r) => JSON.stringify(r)).join(", ")}, got ${shown}`,
    ),
  ]);
}

/**
 * Compiles a TaskRun into the Pod the chosen Tekton release would create for it (Tekton
 * v0.20.1 unless `options.tekton` says otherwise).
 *
 * Pure and deterministic: the input is never modified, and the same input always yields the
 * same output, byte for byte.
 *
 * The input is read as plain data (own enumerable properties of plain objects and lists, as
 * JSON or YAML give them); a Proxy that cannot be read, a class instance or a cycle is a
 * `CompileError`, but a getter (or Proxy trap) that throws propagates its own error. Work and
 * memory stay roughly linear in the input; text generated past 64 Mi characters is refused.
 *
 * @throws {CompileError} when Tekton would reject the TaskRun, fail to resolve it, or fail to
 *   build its Pod, and when the input is malformed, not plain data, too large, or lacks data
 *   Tekton would fetch.
 * @example
 * ```ts
 * const { pod } = compileTaskRun({ taskRun, task, config: { featureFlags: { "disable-creds-init": "true" } } });
 * console.log(pod.spec?.containers.map((c) => c.name));
 * ```
 */
export function compileTaskRun(input: Immutable<CompileInput>, options?: CompileOptions<"v0.20.1">): CompileResult;
/** Tekton v1.12: `tekton.dev/v1` or `tekton.dev/v1beta1` input, the Pod v1.12.2 creates. */
export function compileTaskRun(
  input: Immutable<CompileInputV112>,
  options: CompileOptions<"v1.12"> & { readonly tekton: "v1.12" },
): CompileResultV112;
/**
 * A release chosen at run time: the input of any release it may be. `options` is not optional
 * here, and a release known when compiling picks its own input type, so that a call without
 * options or with `tekton: "v0.20.1"` is checked against the v0.20.1 input types rather than
 * accepted as v1.12 input (whose `taskRun` is checked at run time only).
 */
export function compileTaskRun<R extends TektonRelease>(
  input: CompileInputFor<R>,
  options: CompileOptions<R> | undefined,
): CompileResult | CompileResultV112;
export function compileTaskRun(
  input: Immutable<CompileInput> | Immutable<CompileInputV112>,
  options?: CompileOptions,
): CompileResult | CompileResultV112 {
  return compileWith(input, options, undefined);
}

/** The compile of the release `options` names, with `explain` gathering the explanation when given. */
function compileWith(
  input: Immutable<CompileInput> | Immutable<CompileInputV112>,
  options: CompileOptions | undefined,
  explain: Explainer | undefined,
): CompileResult | CompileResultV112 {
  const profile = selectProfile(readOption(options, "tekton"));
  // Shared by every release: the input is plain data of a sane size before any stage reads it.
  const checked = checkInputData(input);
  if (checked.issues.length > 0) throw new CompileError("input", checked.issues);
  return profile.compile(input, checked, explain);
}

/** `options[key]`, where options that cannot be read (a revoked Proxy) are a CompileError. */
function readOption(options: object | undefined, key: string): unknown {
  try {
    return options === undefined || options === null ? undefined : (options as Record<string, unknown>)[key];
  } catch {
    throw new CompileError("input", [
      issue("not-plain-data", ["options"], "the options cannot be read; pass a plain object"),
    ]);
  }
}

/**
 * The compile of `explainTaskRun` (src/explain/explain-task-run.ts): the release `options`
 * names compiles the input with `explain` gathering why each field is what it is.
 */
export function compileExplained(
  input: Immutable<CompileInput> | Immutable<CompileInputV112>,
  options: CompileOptions | undefined,
  explain: Explainer,
): CompileResult | CompileResultV112 {
  return compileWith(input, options, explain);
}

/** The outcome of {@link safeCompileTaskRun}. */
export type SafeCompileResult<R extends CompileResult | CompileResultV112 = CompileResult> =
  | ({ readonly ok: true } & R)
  | { readonly ok: false; readonly error: CompileError };

/**
 * Like {@link compileTaskRun}, but returns `{ ok: false, error }` instead of throwing.
 *
 * @example
 * ```ts
 * const result = safeCompileTaskRun(input);
 * if (!result.ok) for (const i of result.error.issues) console.error(`${i.path}: ${i.message}`);
 * ```
 */
export function safeCompileTaskRun(
  input: Immutable<CompileInput>,
  options?: CompileOptions<"v0.20.1">,
): SafeCompileResult;
/** Tekton v1.12: `tekton.dev/v1` or `tekton.dev/v1beta1` input. */
export function safeCompileTaskRun(
  input: Immutable<CompileInputV112>,
  options: CompileOptions<"v1.12"> & { readonly tekton: "v1.12" },
): SafeCompileResult<CompileResultV112>;
/** A release chosen at run time (typed as the last form of {@link compileTaskRun}, for the same reason). */
export function safeCompileTaskRun<R extends TektonRelease>(
  input: CompileInputFor<R>,
  options: CompileOptions<R> | undefined,
): SafeCompileResult<CompileResult | CompileResultV112>;
export function safeCompileTaskRun(
  input: Immutable<CompileInput> | Immutable<CompileInputV112>,
  options?: CompileOptions,
): SafeCompileResult<CompileResult | CompileResultV112> {
  try {
    return { ok: true, ...compileTaskRun(input, options) };
  } catch (error) {
    if (error instanceof CompileError) return { ok: false, error };
    throw error;
  }
}

/**
 * Folds the Pod's state into the TaskRun status the chosen Tekton release would write, and
 * returns the problems it would only have logged (see {@link FoldResult}). Never throws on any
 * TaskRun or Pod, however malformed (parts that are not plain data are left out); throws a
 * `CompileError` only when `options.now` is not a time or `options.tekton` names no supported
 * release. A getter (or Proxy trap) in the input that throws propagates its own error.
 *
 * @example
 * ```ts
 * const { status, warnings } = foldTaskRunStatusWithWarnings({ taskRun, pod }, { now: "2020-12-01T10:05:00Z" });
 * for (const w of warnings) console.warn(`${w.path}: ${w.message}`);
 * ```
 */
export function foldTaskRunStatusWithWarnings(input: FoldInput, options: FoldOptions<"v0.20.1">): FoldResult;
/** Tekton v1.12: the v1 status, or the v1beta1 form for a `tekton.dev/v1beta1` TaskRun. */
export function foldTaskRunStatusWithWarnings(
  input: FoldInputV112,
  options: FoldOptions<"v1.12"> & { readonly tekton: "v1.12" },
): FoldResultV112;
/** A release chosen at run time. */
export function foldTaskRunStatusWithWarnings(
  input: FoldInput | FoldInputV112,
  options: FoldOptions,
): FoldResult | FoldResultV112;
export function foldTaskRunStatusWithWarnings(
  input: FoldInput | FoldInputV112,
  options: FoldOptions,
): FoldResult | FoldResultV112 {
  const profile = selectProfile(readOption(options, "tekton"));
  try {
    return profile.fold(input, options);
  } catch (error) {
    if (error instanceof CompileError) throw error;
    // The fold reads the TaskRun and Pod defensively, but only plain data: a Proxy, a cycle or
    // a class instance in them can still trip it. Then it folds their plain part instead —
    // a cost paid only by such input, never by a valid one.
    return profile.fold((toPlainData(input) ?? {}) as FoldInput, options);
  }
}

/**
 * Folds the Pod's state into the TaskRun status the chosen Tekton release would write —
 * `MakeTaskRunStatus` with the clock replaced by `options.now`. Total on any TaskRun and Pod;
 * problems Tekton only logs are dropped here — use {@link foldTaskRunStatusWithWarnings} to
 * get them.
 *
 * @example
 * ```ts
 * const status = foldTaskRunStatus({ taskRun, pod }, { now: "2020-12-01T10:05:00Z" });
 * status.conditions?.[0]?.reason; // "Succeeded"
 * ```
 */
export function foldTaskRunStatus(input: FoldInput, options: FoldOptions<"v0.20.1">): TaskRunStatus;
/** Tekton v1.12: the v1 status, or the v1beta1 form for a `tekton.dev/v1beta1` TaskRun. */
export function foldTaskRunStatus(
  input: FoldInputV112,
  options: FoldOptions<"v1.12"> & { readonly tekton: "v1.12" },
): TaskRunStatusV1 | TaskRunStatusV1beta1;
/** A release chosen at run time. */
export function foldTaskRunStatus(
  input: FoldInput | FoldInputV112,
  options: FoldOptions,
): TaskRunStatus | TaskRunStatusV1 | TaskRunStatusV1beta1;
export function foldTaskRunStatus(
  input: FoldInput | FoldInputV112,
  options: FoldOptions,
): TaskRunStatus | TaskRunStatusV1 | TaskRunStatusV1beta1 {
  return foldTaskRunStatusWithWarnings(input, options).status;
}

export type {
  CompileResult,
  CompileResultV112,
  FoldInput,
  FoldInputV112,
  FoldResult,
  FoldResultV112,
  Now,
  TaskRunStatusV1,
  TaskRunStatusV1beta1,
};
