/**
 * The leaves of a JSON value: every string, number, boolean and null, and every empty list or
 * object (which has no leaf below it but is still something the output holds). The coverage
 * rule of an explanation is stated over them: each leaf has at least one entry at its pointer.
 */
import type { PathSegment } from "../errors.js";

/**
 * Whether `value` is a mapping. The same test as read-values.ts `isRecord`, written here so that
 * the explaining code, bundled apart for the command line, shares no module with the rest.
 */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Calls `visit` with the path (relative to `value`) of each leaf of `value`, in document order. */
export function forEachLeaf(value: unknown, visit: (path: readonly PathSegment[], leaf: unknown) => void): void {
  const path: PathSegment[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      if (node.length === 0) visit(path, node);
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
    } else if (isMapping(node)) {
      const keys = Object.keys(node);
      if (keys.length === 0) visit(path, node);
      for (const key of keys) {
        if (node[key] === undefined) continue;
        path.push(key);
        walk(node[key]);
        path.pop();
      }
    } else {
      visit(path, node);
    }
  };
  walk(value);
}

/** The paths of the leaves of `value`, each as a fresh array. */
export function leafPaths(value: unknown): PathSegment[][] {
  const out: PathSegment[][] = [];
  forEachLeaf(value, (path) => out.push([...path]));
  return out;
}
