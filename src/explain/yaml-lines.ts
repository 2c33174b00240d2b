/**
 * What readers of a Pod printed as YAML need to put its explanation beside it: the JSON
 * pointer of each node of a YAML document (the CLI writes each node's reasons as its comment)
 * and of each line of a YAML text (the playground shows a line's reasons when it is pointed
 * at), both through the `yaml` library's document model, and the entries under one field.
 * Pure and browser-safe.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { PathSegment } from "../errors.js";
import type { Explanation, ExplanationEntry } from "./explainer.js";
import { escapeToken } from "./pointer.js";

/** One node below the root of a YAML document, as {@link forEachYamlNode} visits it. */
export interface YamlNodeVisit {
  /** Its JSON pointer: the root's pointer, then one token per key or index. */
  readonly pointer: string;
  /** Its path below the root, keys as strings and list indexes as numbers. */
  readonly segments: readonly PathSegment[];
  /** The value node (`null` for a map entry without a value). */
  readonly node: unknown;
  /**
   * What starts its line: the key node of a map entry, the item itself in a list. A comment
   * for a list or object goes before it.
   */
  readonly holder: Node;
}

/**
 * Visits every node below `root` (a document's `contents`, or any map or list node), parents
 * before their children, in document order. `pointer` is the root's own JSON pointer (`/pod`).
 */
export function forEachYamlNode(root: unknown, pointer: string, visit: (child: YamlNodeVisit) => void): void {
  const segments: PathSegment[] = [];
  const walk = (node: unknown, at: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const child = `${at}/${escapeToken(key)}`;
        segments.push(key);
        visit({ pointer: child, segments, node: pair.value, holder: pair.key as Node });
        walk(pair.value, child);
        segments.pop();
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = `${at}/${i}`;
        segments.push(i);
        visit({ pointer: child, segments, node: item, holder: item as Node });
        walk(item, child);
        segments.pop();
      });
    }
  };
  walk(root, pointer);
}

/** A map key as the text it stands for (a `<<` key read back from text is a symbol). */
function keyText(key: unknown): string {
  const value = isScalar(key) ? key.value : key;
  return typeof value === "symbol" ? (value.description ?? "") : String(value);
}

/** A field of the document that a line of its YAML text shows. */
export interface YamlLineField {
  /** Its JSON pointer (`/pod/spec/containers/0/args/2`). */
  readonly pointer: string;
  /** Its path below the document's root, keys as strings and list indexes as numbers. */
  readonly segments: readonly PathSegment[];
}

/**
 * For each line of `text` (one YAML document, as the CLI prints a Pod), the fields that line
 * shows, outermost first: the entry or item that starts on it (`- name: step-a` starts the
 * container and its `name`), or the multi-line string it continues. `pointer` is the pointer
 * of the document's root (`/pod`); the root itself is not listed. A line that shows no field
 * has `[]`.
 *
 * @throws {Error} when `text` is not one YAML document.
 */
export function yamlLineFields(text: string, pointer: string): YamlLineField[][] {
  const lineCounter = new LineCounter();
  // Read back as it was written (YAML 1.1, as `kubectl` reads it), and with `<<` an ordinary key.
  const document = parseDocument(text, { version: "1.1", merge: false, lineCounter });
  if (document.errors.length > 0) throw new Error(`not one YAML document: ${document.errors[0]?.message}`);
  const lines: YamlLineField[][] = Array.from({ length: text.split("\n").length }, () => []);
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line - 1;
  forEachYamlNode(document.contents, pointer, ({ pointer: at, segments, node, holder }) => {
    const start = holder.range?.[0];
    if (start === undefined) return;
    const field = { pointer: at, segments: [...segments] };
    lines[lineOf(start)]?.push(field);
    // A string written over several lines (a block scalar): its other lines show it too.
    const end = isScalar(node) ? node.range?.[1] : undefined;
    if (end === undefined) return;
    for (let line = lineOf(start) + 1; line <= lineOf(Math.max(start, end - 1)); line++) lines[line]?.push(field);
  });
  return lines;
}

/** The entries of `explanation` at `pointer` and below it, in their order. */
export function explanationUnder(
  explanation: Explanation,
  pointer: string,
): Record<string, readonly ExplanationEntry[]> {
  const out: Record<string, readonly ExplanationEntry[]> = {};
  for (const [key, entries] of Object.entries(explanation)) {
    if (key === pointer || key.startsWith(`${pointer}/`)) out[key] = entries;
  }
  return out;
}
