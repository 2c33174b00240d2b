/**
 * Unpacks documents into the Kubernetes objects they hold: kubectl-style `List` documents
 * (`kind: List`, `TaskList`, …) give their `items`, anything that is not an object with a `kind`
 * is skipped with a note. Shared by the `tekton-pod` CLI and the browser playground, so it stays
 * free of Node imports.
 */
import { formatPath, type PathSegment } from "../errors.js";
import { isRecord, nonEmptyString } from "../read-values.js";
import { foundObject, type FoundObject, type SourceDocument } from "./classify-objects.js";

/**
 * Every object in the documents, with `List` kinds (`kind: List`, `TaskList`, …) unpacked into
 * their `items`. Documents that are not objects with a `kind` are skipped with a note.
 */
export function collectObjects(sources: readonly SourceDocument[]): { objects: FoundObject[]; notes: string[] } {
  const objects: FoundObject[] = [];
  const notes: string[] = [];
  const visit = (value: unknown, source: SourceDocument, path: readonly PathSegment[]): void => {
    const where = `${source.file} (document ${source.index + 1}${path.length > 0 ? ` ${formatPath(path)}` : ""})`;
    if (!isRecord(value)) {
      notes.push(`${where}: ignored: not a Kubernetes object (a mapping with apiVersion and kind)`);
      return;
    }
    const kind = nonEmptyString(value["kind"]);
    if (kind === undefined) {
      notes.push(`${where}: ignored: the document has no "kind"`);
      return;
    }
    const items = value["items"];
    if (kind.endsWith("List") && Array.isArray(items)) {
      items.forEach((item, i) => {
        visit(item, source, [...path, "items", i]);
      });
      return;
    }
    objects.push(foundObject(value, kind, source, path));
  };
  for (const source of sources) visit(source.value, source, []);
  return { objects, notes };
}
