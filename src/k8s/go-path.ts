/**
 * Go's `path/filepath` on Linux (Clean, Join, IsAbs): Tekton uses them for working
 * directories, mount paths and generated file names.
 */

/** Go's filepath.Clean: the shortest equivalent path, by purely lexical processing. */
export function cleanPath(path: string): string {
  if (path === "") return ".";
  if (isClean(path)) return path;
  const rooted = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/**
 * A path Clean would return unchanged: no empty, `.` or `..` element, no trailing slash (`/`
 * itself is clean). One walk over its elements: `.m2` or `.docker` is an element like another.
 */
function isClean(path: string): boolean {
  const length = path.length;
  let start = path.charCodeAt(0) === SLASH ? 1 : 0;
  for (;;) {
    let end = path.indexOf("/", start);
    if (end < 0) end = length;
    const size = end - start;
    // An empty element: "//", or a trailing slash — unless the path is "/".
    if (size === 0) return length === 1;
    if (path.charCodeAt(start) === DOT && (size === 1 || (size === 2 && path.charCodeAt(start + 1) === DOT))) {
      return false;
    }
    if (end === length) return true;
    start = end + 1;
  }
}

const SLASH = 0x2f;
const DOT = 0x2e;

/** Go's filepath.Join: joins the non-empty elements with "/" and cleans the result. */
export function joinPath(...elements: readonly string[]): string {
  let joined = "";
  for (const element of elements) {
    if (element === "") continue;
    joined = joined === "" ? element : `${joined}/${element}`;
  }
  return joined === "" ? "" : cleanPath(joined);
}

/** Go's filepath.IsAbs on Linux. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/");
}
