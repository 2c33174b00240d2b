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

/** A path Clean would return unchanged: no empty, `.` or `..` element, no trailing slash. */
function isClean(path: string): boolean {
  return (
    !path.includes("//") && !path.includes("/.") && !path.startsWith(".") && (path.length === 1 || !path.endsWith("/"))
  );
}

/** Go's filepath.Join: joins the non-empty elements with "/" and cleans the result. */
export function joinPath(...elements: readonly string[]): string {
  const parts = elements.filter((e) => e !== "");
  return parts.length === 0 ? "" : cleanPath(parts.join("/"));
}

/** Go's filepath.IsAbs on Linux. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/");
}
