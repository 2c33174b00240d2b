/**
 * How `tekton-pod explain` writes a Pod with its explanation: YAML whose every line carries
 * the reasons for its value as a trailing comment (`image: alpine@sha256:… # image-digest-pin
 * ← imageEntrypoints.alpine.digest`), built on the `yaml` library's document model, where
 * comments belong to nodes (the walk that gives each node its pointer is shared with the
 * playground: src/explain/yaml-lines.ts); or JSON. Loaded only by the explain command.
 */
import type { Document, isMap, isScalar, isSeq } from "yaml";
import { parsePath } from "../errors.js";
import type { Explanation, ExplanationEntry } from "../explain/explainer.js";
import { parsePointer } from "../explain/pointer.js";
import type { RuleCode } from "../explain/rules.js";
import { forEachYamlNode } from "../explain/yaml-lines.js";

/**
 * What the renderer uses of the `yaml` library and of render.ts, handed in by the command: the
 * executable's own chunk holds both, and a chunk loaded later that imported them itself would
 * make the bundler split them out of it, into files every command then loads at start-up.
 */
export interface YamlTools {
  /** A document as compile writes it (render.ts `yamlDocument`). */
  readonly document: (value: unknown) => Document;
  readonly isMap: typeof isMap;
  readonly isScalar: typeof isScalar;
  readonly isSeq: typeof isSeq;
}

export { explanationUnder } from "../explain/yaml-lines.js";

/** The rules that replace a `$(variable)`: their comment names it. */
const SUBSTITUTIONS: ReadonlySet<RuleCode> = new Set<RuleCode>([
  "param-substitution",
  "context-substitution",
  "quirk-context-task-name",
  "resource-substitution",
  "workspace-substitution",
  "result-path-substitution",
  "credentials-path-substitution",
]);

/**
 * One entry as a comment: `← FROM` for a copy, `← FROM via $(VAR)` for a substitution,
 * `RULE ← FROM` (or `RULE`) for everything else.
 */
function entryComment(entry: ExplanationEntry): string {
  const from = entry.from === undefined ? "" : `← ${entry.from}`;
  if (entry.rule === "copied") return from === "" ? "copied" : from;
  if (SUBSTITUTIONS.has(entry.rule)) {
    const variable = /^\$\([^)]*\)/.exec(entry.note)?.[0];
    const via = variable === undefined ? entry.rule : `via ${variable}`;
    return from === "" ? `${entry.rule} ${via}` : `${from} ${via}`;
  }
  return from === "" ? entry.rule : `${entry.rule} ${from}`;
}

/** The comment for the entries of one pointer; `undefined` when it has none. */
export function explanationComment(entries: readonly ExplanationEntry[] | undefined): string | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  return ` ${entries.map(entryComment).join("; ")}`;
}

/** Attaches each node's explanation under `pointer` to it as a comment. */
function annotate(node: unknown, pointer: string, explanation: Explanation, yaml: YamlTools): void {
  forEachYamlNode(node, pointer, (child) => {
    const comment = explanationComment(explanation[child.pointer]);
    if (comment === undefined) return;
    if (yaml.isScalar(child.node)) child.node.comment = comment;
    // A list or object with reasons of its own: the comment goes on the line above it.
    else child.holder.commentBefore = comment;
  });
}

/**
 * `value`, which sits at `pointer` of the explained result (`/pod`, `/pod/spec/containers/0`),
 * as YAML with the explanation as comments. A scalar `value` is one line with its comment.
 */
export function renderExplainedYaml(
  value: unknown,
  pointer: string,
  explanation: Explanation,
  yaml: YamlTools,
): string {
  const document = yaml.document(value);
  const contents = document.contents;
  if (yaml.isScalar(contents)) {
    const comment = explanationComment(explanation[pointer]);
    if (comment !== undefined) contents.comment = comment;
  } else {
    const comment = explanationComment(explanation[pointer]);
    if (comment !== undefined) document.commentBefore = comment;
    annotate(contents, pointer, explanation, yaml);
  }
  return document.toString({ lineWidth: 0 });
}

/**
 * The segments of a `--field` path into the Pod: `spec.containers[0].resources`,
 * `metadata.labels["tekton.dev/taskRun"]` (the path syntax of issues), or a JSON pointer
 * (`/spec/containers/0/resources`). `undefined` when the text is neither.
 */
export function parseFieldPath(text: string): (string | number)[] | undefined {
  if (text.startsWith("/")) {
    return parsePointer(text).map((t) => (/^(0|[1-9]\d*)$/.test(t) ? Number(t) : t));
  }
  return parsePath(text);
}

/** The value at `segments` below `value`, or `undefined` when there is none. */
export function valueAt(value: unknown, segments: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of segments) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (typeof node === "object" && node !== null && !Array.isArray(node) && typeof segment === "string") {
      node = Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
    } else return undefined;
  }
  return node;
}
