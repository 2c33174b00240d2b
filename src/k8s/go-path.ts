/**
 * Go's `path/filepath` on Linux (Clean, Join, IsAbs) and Go's byte-wise string ordering:
 * Tekton uses them for working directories, mount paths and generated file names.
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
  return !path.includes("//") && !path.includes("/.") && !path.startsWith(".") && (path.length === 1 || !path.endsWith("/"));
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

const encoder = new TextEncoder();

/**
 * Orders strings as Go compares them: by their UTF-8 bytes. Differs from JavaScript's default
 * (UTF-16 code units) only for characters beyond the Basic Multilingual Plane.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (isAsciiOnly(a) && isAsciiOnly(b)) return a < b ? -1 : 1;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function isAsciiOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Sorts `values` in place as Go's sort.Strings does (by UTF-8 bytes) and returns it. Without
 * surrogates, UTF-16 code units order strings exactly as UTF-8 bytes do, so the engine's own
 * sort serves; comparing byte by byte is kept for the rare list that needs it.
 */
export function sortGoStrings(values: string[]): string[] {
  return values.some((v) => SURROGATE.test(v)) ? values.sort(compareGoStrings) : values.sort();
}

/** Go's `%s` of a []string: `[a b c]`. */
export function formatGoStringList(items: readonly string[]): string {
  return `[${items.join(" ")}]`;
}

/**
 * {@link formatGoStringList} for messages: names are listed until the text reaches about
 * `max` characters, then the rest are counted (`[a b … and 9998 more]`), so a message about
 * thousands of names stays short. Each name is cut to 100 characters.
 */
export function shortGoStringList(items: readonly string[], max = 500): string {
  let out = "[";
  let shown = 0;
  for (const item of items) {
    if (out.length > max) break;
    const name = item.length > 100 ? `${item.slice(0, 100)}…` : item;
    out += shown === 0 ? name : ` ${name}`;
    shown++;
  }
  return shown < items.length ? `${out} … and ${items.length - shown} more]` : `${out}]`;
}
