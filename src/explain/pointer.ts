/**
 * JSON pointers (RFC 6901) into a compile result: `/pod/spec/containers/0/args/3`,
 * `/persistentVolumeClaims/0/metadata/name`. An explanation is keyed by them.
 */
import type { PathSegment } from "../errors.js";

/** One reference token, escaped: `~` → `~0`, `/` → `~1`. */
export function escapeToken(segment: PathSegment): string {
  const text = typeof segment === "number" ? String(segment) : segment;
  return text.includes("~") || text.includes("/") ? text.replaceAll("~", "~0").replaceAll("/", "~1") : text;
}

/** `["pod", "spec", "containers", 0]` as `/pod/spec/containers/0`; `[]` as `""` (the whole document). */
export function toPointer(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) out += `/${escapeToken(segment)}`;
  return out;
}

/**
 * The reference tokens of a pointer, unescaped (array indexes stay strings: a pointer does not
 * say whether a token names an index or a key).
 *
 * @throws {Error} when the text is neither `""` nor starts with `/`.
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => (t.includes("~") ? t.replaceAll("~1", "/").replaceAll("~0", "~") : t));
}
