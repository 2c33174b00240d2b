/**
 * `explainTaskRun`: a compile that also says why each field of the Pod is what it is. Kept
 * apart from src/profiles.ts (which still picks the release, in `compileExplained`) so that
 * what only explaining needs is loaded only by those who explain.
 */
import type { CompileInput, Immutable } from "../api/types.js";
import {
  type CompileInputFor,
  type CompileOptions,
  type CompileResult,
  type CompileResultV112,
  compileExplained,
  type TektonRelease,
} from "../profiles.js";
import type { CompileInputV112 } from "../v1.12/api/types.js";
import { Explainer, type Explanation, explanationOf } from "./explainer.js";

/** What {@link explainTaskRun} returns: everything `compileTaskRun` does, and why each field is what it is. */
export type ExplainResult<R extends CompileResult | CompileResultV112 = CompileResult> = R & {
  /**
   * For each JSON pointer into this result (`/pod/spec/containers/0/args/3`,
   * `/persistentVolumeClaims/0/metadata/name`), the reasons the field is what it is, in the
   * order the controller's stages applied them. Every leaf of the Pod and of the PVCs has at
   * least one entry at its own pointer. See docs/explain.md for the rule codes.
   */
  readonly explanation: Explanation;
};

/**
 * Compiles a TaskRun exactly as `compileTaskRun` does — the same Pod, PVCs, Task spec and
 * warnings — and explains every field of the Pod and PVCs: which behaviour of the controller
 * set it (a stable rule code, see docs/explain.md), from which input field (`from`, in the path
 * syntax of `CompileError` issues) and why (`note`). The explanation is gathered by the very
 * stages that build the Pod; `compileTaskRun` itself gathers nothing and pays nothing for it.
 *
 * @throws {CompileError} wherever `compileTaskRun` throws.
 * @example
 * ```ts
 * const { pod, explanation } = explainTaskRun({ taskRun, task });
 * for (const entry of explanation["/pod/spec/containers/0/args/0"] ?? []) console.log(entry.rule, entry.from, entry.note);
 * ```
 */
export function explainTaskRun(input: Immutable<CompileInput>, options?: CompileOptions<"v0.20.1">): ExplainResult;
/** Tekton v1.12: the Pod v1.12.2 creates, explained (docs/explain-v1.12.md names v1.12.2's place of each rule). */
export function explainTaskRun(
  input: Immutable<CompileInputV112>,
  options: CompileOptions<"v1.12"> & { readonly tekton: "v1.12" },
): ExplainResult<CompileResultV112>;
/** A release chosen at run time (typed as the last form of `compileTaskRun`). */
export function explainTaskRun<R extends TektonRelease>(
  input: CompileInputFor<R>,
  options: CompileOptions<R> | undefined,
): ExplainResult<CompileResult | CompileResultV112>;
export function explainTaskRun(
  input: Immutable<CompileInput> | Immutable<CompileInputV112>,
  options?: CompileOptions,
): ExplainResult<CompileResult | CompileResultV112> {
  const explainer = new Explainer();
  const result = compileExplained(input, options, explainer);
  return { ...result, explanation: explanationOf(explainer, result) };
}
