/**
 * Unpacks documents into the Kubernetes objects they hold: kubectl-style `List` documents
 * (`kind: List`, `TaskList`, …) give their `items`, anything that is not an object with a `kind`
 * is skipped with a note. Shared by the `tekton-pod` CLI and the browser playground, so it stays
 * free of Node imports.
 */
import { formatPath, type PathSegment } from "../errors.js";
import { isRecord, nonEmptyString } from "../read-values.js";
import { type FoundObject, foundObject, type SourceDocument } from "./classify-objects.js";

/** How deep `List`s may nest inside one another; kubectl's own Lists are one level deep. */
export const MAX_LIST_DEPTH = 100;
/** The most objects the documents may hold, `List` items included (aliases can repeat a List). */
export const MAX_OBJECTS = 100_000;

/** Documents past {@link MAX_LIST_DEPTH} or {@link MAX_OBJECTS}; the message names the place and the limit. */
export class UnpackLimitError extends Error {
  override readonly name = "UnpackLimitError";
}

/**
 * Every object in the documents, with `List` kinds (`kind: List`, `TaskList`, …) unpacked into
 * their `items`. Documents that are not objects with a `kind` are skipped with a note.
 * Unpacked without recursion, in document order.
 *
 * @throws {UnpackLimitError} when Lists nest deeper than {@link MAX_LIST_DEPTH} or hold more
 *   than {@link MAX_OBJECTS} objects.
 */
export function collectObjects(sources: readonly SourceDocument[]): { objects: FoundObject[]; notes: string[] } {
  const objects: FoundObject[] = [];
  const notes: string[] = [];
  let visited = 0;
  for (const source of sources) {
    // Items are taken in order: the stack holds them reversed.
    const stack: { value: unknown; path: readonly PathSegment[]; depth: number }[] = [
      { value: source.value, path: [], depth: 0 },
    ];
    while (stack.length > 0) {
      const { value, path, depth } = stack.pop() as (typeof stack)[number];
      if (++visited > MAX_OBJECTS) {
        throw new UnpackLimitError(
          `${source.file} (document ${source.index + 1}): more than ${MAX_OBJECTS} objects in all, the most that is read`,
        );
      }
      // Built only for a note: building it for every item was quadratic in the nesting depth.
      const where = (): string =>
        `${source.file} (document ${source.index + 1}${path.length > 0 ? ` ${formatPath(path)}` : ""})`;
      if (!isRecord(value)) {
        notes.push(`${where()}: ignored: not a Kubernetes object (a mapping with apiVersion and kind)`);
        continue;
      }
      const kind = nonEmptyString(value["kind"]);
      if (kind === undefined) {
        notes.push(`${where()}: ignored: the document has no "kind"`);
        continue;
      }
      const items = value["items"];
      if (kind.endsWith("List") && Array.isArray(items)) {
        if (depth >= MAX_LIST_DEPTH) {
          throw new UnpackLimitError(
            `${where()}: Lists nest more than ${MAX_LIST_DEPTH} deep; unpack them (kubectl's Lists hold objects, not Lists)`,
          );
        }
        for (let i = items.length - 1; i >= 0; i--)
          stack.push({ value: items[i], path: [...path, "items", i], depth: depth + 1 });
        continue;
      }
      objects.push(foundObject(value, kind, source, path));
    }
  }
  return { objects, notes };
}
