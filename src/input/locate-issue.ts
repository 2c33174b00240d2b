/**
 * Traces an issue's path (its `segments`, `["taskRun", "spec", "params", 1, "value"]`) back to the file, document, line and column it came from. The YAML syntax
 * tree of each document is walked as far as the path exists: a value that is missing (a
 * required param nobody gave) is reported at the nearest enclosing key that is there.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { PathSegment } from "../errors.js";
import type { Origin, Placement } from "./classify-objects.js";

/** Where in the user's files an issue points. */
export interface IssueLocation {
  readonly file: string;
  /** 1-based document number within the file. */
  readonly document: number;
  /** What the document (or List item) is, e.g. `TaskRun "read-repo-run"`. */
  readonly label: string;
  /** Where the object sits inside its document when that is not the root, e.g. `items[1]`. */
  readonly within?: string;
  /** 1-based line and column, when the document was YAML (or JSON read as YAML). */
  readonly line?: number;
  readonly column?: number;
  /** False when the path ends at something that is not in the file; the position is then its parent's. */
  readonly exact: boolean;
}

/**
 * The location of an issue's path (its `segments`), through the origin with the longest
 * matching prefix, or `undefined` when no input document holds that part of the input (e.g. a
 * default image).
 */
export function locateIssue(segments: readonly PathSegment[], origins: readonly Origin[]): IssueLocation | undefined {
  let best: Origin | undefined;
  for (const origin of origins) {
    const fits = origin.prefix.length <= segments.length && origin.prefix.every((s, i) => s === segments[i]);
    if (fits && (best === undefined || origin.prefix.length > best.prefix.length)) best = origin;
  }
  if (best === undefined) return undefined;
  return locateIn(best.at, segments.slice(best.prefix.length));
}

/** The location of `rest` below the object at `at`. */
export function locateIn(at: Placement, rest: readonly PathSegment[]): IssueLocation {
  const base = {
    file: at.source.file,
    document: at.source.index + 1,
    label: at.label,
    ...(at.within !== undefined ? { within: at.within } : {}),
  };
  const { document, lineCounter } = at.source;
  if (document === undefined || lineCounter === undefined) return { ...base, exact: false };
  const { offset, exact } = findOffset(document, [...at.path, ...rest]);
  if (offset === undefined) return { ...base, exact: false };
  const { line, col } = lineCounter.linePos(offset);
  return { ...base, line, column: col, exact };
}

/**
 * Walks the syntax tree along `path`. A map entry is reported at its key (so a value that
 * starts on the next line still points at the line that names it); a list item at the item.
 */
function findOffset(document: Document, path: readonly PathSegment[]): { offset: number | undefined; exact: boolean } {
  let node: unknown = document.contents;
  let offset = startOf(node);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (pair === undefined) return { offset, exact: false };
      offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) return { offset, exact: false };
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      return { offset, exact: false };
    }
  }
  return { offset, exact: true };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" || typeof key === "number" ? String(key) : undefined;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

/**
 * `file:line:column` (or just `file`), then the document number and what it holds — the
 * shape editors and terminals turn into links.
 *
 * @example
 * ```ts
 * formatLocation(loc); // 'broken.yaml:23:11 (document 2, TaskRun "broken-run")'
 * ```
 */
export function formatLocation(location: IssueLocation): string {
  const position = location.line === undefined ? "" : `:${location.line}:${location.column ?? 1}`;
  const within = location.within === undefined ? "" : ` ${location.within}`;
  return `${location.file}${position} (document ${location.document}${within}, ${location.label})`;
}
