/**
 * The text of a golden file: what `compileTaskRun` produced, as YAML a reviewer can read in
 * a diff. PersistentVolumeClaims come first (the Tekton v0.20.1 reconciler creates them
 * before the Pod), then the Pod; warnings are comments on top. A rejected TaskRun renders as
 * its `CompileError` (stage, reason, issues), so rejections can be golden-tested too.
 *
 * The output is byte-stable: compilation is deterministic (the random-looking suffixes are
 * derived from the TaskRun's identity) and nothing here depends on paths, time or locale.
 */
import { stringify } from "yaml";
import { CompileError, type Issue } from "../errors.js";
import {
  type CompileResult,
  type CompileResultV112,
  DEFAULT_TEKTON_RELEASE,
  type SafeCompileResult,
  type TektonRelease,
} from "../profiles.js";

/** Anything a golden file can be rendered from. */
export type Snapshottable =
  | CompileResult
  | CompileResultV112
  | SafeCompileResult<CompileResult | CompileResultV112>
  | CompileError;

function yamlDocument(value: unknown): string {
  // lineWidth 0: long strings (scripts, entrypoint args) are never re-folded, so a one-word
  // change stays a one-line diff.
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

function comment(text: string): string {
  return text
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
}

function warningLines(warnings: readonly Issue[]): string {
  return warnings.map((w) => `${comment(`warning ${w.code} at ${w.path}: ${w.message}`)}\n`).join("");
}

function renderError(error: CompileError, tekton: string): string {
  const body: Record<string, unknown> = { stage: error.stage };
  if (error.reason !== undefined) body["reason"] = error.reason;
  body["issues"] = error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }));
  return `# Tekton ${tekton} would not create a Pod for this TaskRun.\n${yamlDocument({ error: body })}`;
}

/**
 * Renders a compile result (or the `CompileError` of a rejected TaskRun) as the YAML text
 * stored in a golden file. `options.tekton` names the release in a rejection's header.
 * Works with any test runner: it only returns text.
 *
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { compileTaskRun } from "tekton-pod-compiler";
 * import { readFixture, renderSnapshot } from "tekton-pod-compiler/testing";
 *
 * test("build-push", async () => {
 *   const result = compileTaskRun(readFixture("test/fixtures/build-push"));
 *   await expect(renderSnapshot(result)).toMatchFileSnapshot("fixtures/build-push/pod.golden.yaml");
 * });
 * ```
 */
export function renderSnapshot(value: Snapshottable, options: { readonly tekton?: TektonRelease } = {}): string {
  const tekton = options.tekton ?? DEFAULT_TEKTON_RELEASE;
  if (value instanceof CompileError) return renderError(value, tekton);
  if ("ok" in value && !value.ok) return renderError(value.error, tekton);
  const result = value as CompileResult | CompileResultV112;
  const documents = [...(result.persistentVolumeClaims ?? []), result.pod].map(yamlDocument);
  return warningLines(result.warnings) + documents.join("---\n");
}
