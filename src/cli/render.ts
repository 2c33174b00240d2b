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
  return yamlDocument(value).toString({ lineWidth: 0 });
}

/**
 * `value` as the YAML document {@link renderDocument} writes (print it with
 * `toString({ lineWidth: 0 })`), for callers that add to it first (comments).
 */
export function yamlDocument(value: unknown): Document {
  // Shared sub-objects would otherwise come out as YAML anchors and aliases.
  const document = new Document(value, { version: "1.1", aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && readsAsOtherThanString(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return document;
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
 * Objects as one stream: YAML documents separated by `---` (as `kubectl get -o yaml` of
 * several objects would be read back by `kubectl apply -f`), or in JSON the object itself
 * when there is one and a `kind: List` holding them when there are several.
 */
export function renderObjects(objects: readonly unknown[], format: OutputFormat): string {
  if (format === "json") {
    return renderDocument(
      objects.length === 1 ? objects[0] : { apiVersion: "v1", kind: "List", items: objects },
      format,
    );
  }
  return objects.map((o) => renderDocument(o, format)).join("---\n");
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

/** What the hints may draw on besides the issues: the compile input and the Tasks the input holds. */
export interface HintContext {
  readonly input?: Readonly<Record<string, unknown>>;
  readonly taskNames?: readonly string[];
}

/** Hints for issues whose fix is a CLI option or a missing document rather than an edit of the TaskRun. */
export function hintsFor(issues: readonly Issue[], context: HintContext = {}): string[] {
  return [...new Set(issues.map((i) => hint(i, context)).filter((h): h is string => h !== undefined))];
}

function hint(item: Issue, context: HintContext): string | undefined {
  if (item.code === "missing-entrypoint") {
    return "hint: give the image's entrypoint with --images FILE (a YAML map: IMAGE: { entrypoint: [...], digest: sha256:... })";
  }
  if (item.code === "service-account-not-found")
    return "hint: add the file holding the ServiceAccount (kind: ServiceAccount) to the command's files";
  if (item.code === "secret-not-found")
    return "hint: add the file holding the Secret (kind: Secret) to the command's files";
  if (item.code === "task-not-found") return taskHint(context);
  if (item.code === "resource-not-found")
    return "hint: add the file holding the PipelineResource (kind: PipelineResource) to the command's files";
  return undefined;
}

function taskHint(context: HintContext): string {
  const taskRun = context.input?.["taskRun"] as { spec?: { taskRef?: { name?: unknown } } } | undefined;
  const wanted = taskRun?.spec?.taskRef?.name;
  const base = `hint: add the file holding the Task${typeof wanted === "string" ? ` ${JSON.stringify(wanted)}` : ""} to the command's files (tekton-pod compile task.yaml taskrun.yaml)`;
  if (typeof wanted !== "string") return base;
  const near = (context.taskNames ?? []).filter(
    (name) => name !== wanted && editDistance(name, wanted) <= Math.max(2, Math.floor(wanted.length / 4)),
  );
  if (near.length === 0) return base;
  return `${base}; the input has ${near.map((n) => `Task ${JSON.stringify(n)}`).join(", ")} — did the taskRef mean ${near.length === 1 ? "it" : "one of them"}?`;
}

/** Levenshtein distance: how many single-character edits turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The report of a rejected input: a headline saying where Tekton would stop, one line per
 * issue, and hints for issues the CLI's options fix.
 */
export function renderCompileError(
  error: CompileError,
  origins: readonly Origin[],
  subject: string,
  context: HintContext & { readonly tekton?: string } = {},
): string {
  const count = error.issues.length === 1 ? "1 problem" : `${error.issues.length} problems`;
  const reason = error.reason === undefined ? "" : `, reason ${error.reason}`;
  const lines = [`${subject}: ${count} (Tekton ${context.tekton ?? "v0.20.1"} stops at ${error.stage}${reason}):`];
  for (const item of error.issues) lines.push(`  ${renderIssue(item, origins)}`);
  for (const hint of hintsFor(error.issues, context)) lines.push(`  ${hint}`);
  return `${lines.join("\n")}\n`;
}

/** `warning: …` lines for issues that did not stop the command. */
export function renderWarnings(warnings: readonly Issue[], origins: readonly Origin[]): string {
  return warnings.map((w) => `warning: ${renderIssue(w, origins)}\n`).join("");
}
