/**
 * How `tekton-pod` writes what it produces: documents as YAML (block style, no anchors, no
 * line folding, so a Pod reads like `kubectl get -o yaml`) or indented JSON, and problems as
 * one plain line each, located in the user's files where possible.
 */
import { Document, parse, visit } from "yaml";
import type { CompileError, Issue } from "../errors.js";
import type { Origin } from "../input/classify-objects.js";
import { formatLocation, locateIssue } from "../input/locate-issue.js";

/** The output formats of `-o`. */
export type OutputFormat = "yaml" | "json";

/**
 * A document in the chosen format, ending in a newline.
 *
 * YAML output must mean the same to kubectl (go-yaml reads YAML 1.1, where `yes`, `on` and
 * `n` are booleans) and to YAML 1.2 readers such as this package (where `0o17` is a number),
 * so a string is quoted when either would read it as something else.
 */
export function renderDocument(value: unknown, format: OutputFormat): string {
  if (format === "json") return `${JSON.stringify(value, null, 2)}\n`;
  // Shared sub-objects would otherwise come out as YAML anchors and aliases.
  const document = new Document(value, { version: "1.1", aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && readsAsOtherThanString(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return document.toString({ lineWidth: 0 });
}

/** True when a YAML 1.2 reader would not take `text`, written plain, for this string. */
function readsAsOtherThanString(text: string): boolean {
  if (!/^[-+.0-9]/.test(text) || text.includes("\n")) return false;
  try {
    return parse(text) !== text;
  } catch {
    return true;
  }
}

/**
 * One line for an issue: `FILE:LINE:COL (document N, KIND "NAME"): PATH: MESSAGE [CODE]`,
 * or `PATH: MESSAGE [CODE]` when no input document holds that path. Continuation lines of a
 * multi-line message are indented.
 */
export function renderIssue(item: Issue, origins: readonly Origin[]): string {
  const location = item.segments.length === 0 ? undefined : locateIssue(item.segments, origins);
  const where = location === undefined ? "" : `${formatLocation(location)}: `;
  const path = item.path === "" ? "" : `${item.path}: `;
  return `${where}${path}${item.message.replace(/\n/g, "\n    ")} [${item.code}]`;
}

/** Hints for issues whose fix is a CLI option or a missing document rather than an edit of the TaskRun. */
export function hintsFor(issues: readonly Issue[]): string[] {
  return [...new Set(issues.map(hint).filter((h): h is string => h !== undefined))];
}

function hint(item: Issue): string | undefined {
  if (item.code === "missing-entrypoint") {
    return "hint: give the image's entrypoint with --images FILE (a YAML map: IMAGE: { entrypoint: [...], digest: sha256:... })";
  }
  if (item.code === "service-account-not-found") return "hint: add the ServiceAccount as a document (kind: ServiceAccount) with -f";
  if (item.code === "secret-not-found") return "hint: add the Secret as a document (kind: Secret) with -f";
  if (item.code === "task-not-found") return "hint: add the Task (or ClusterTask) the taskRef names as a document with -f";
  if (item.code === "resource-not-found") return "hint: add the PipelineResource as a document (kind: PipelineResource) with -f";
  return undefined;
}

/**
 * The report of a rejected input: a headline saying where Tekton would stop, one line per
 * issue, and hints for issues the CLI's options fix.
 */
export function renderCompileError(error: CompileError, origins: readonly Origin[], subject: string): string {
  const count = error.issues.length === 1 ? "1 problem" : `${error.issues.length} problems`;
  const reason = error.reason === undefined ? "" : `, reason ${error.reason}`;
  const lines = [`${subject}: ${count} (Tekton v0.20.1 stops at ${error.stage}${reason}):`];
  for (const item of error.issues) lines.push(`  ${renderIssue(item, origins)}`);
  for (const hint of hintsFor(error.issues)) lines.push(`  ${hint}`);
  return `${lines.join("\n")}\n`;
}

/** `warning: …` lines for issues that did not stop the command. */
export function renderWarnings(warnings: readonly Issue[], origins: readonly Origin[]): string {
  return warnings.map((w) => `warning: ${renderIssue(w, origins)}\n`).join("");
}
