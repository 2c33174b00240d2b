/**
 * What Tekton's substitution passes (pkg/substitution, the same in every release) share: each
 * pass replaces `$(key)` in one left-to-right scan, so a string goes through several passes in
 * one scan only while no pass can see what an earlier one put in.
 */

const DOLLAR = 36;
const OPEN = 40;

/**
 * Whether `value`, put between the characters `before` and `after` (-1 or NaN: none), holds or
 * makes a `$(`: a later pass would then see a reference that the text did not hold.
 */
export function makesReference(before: number, value: string, after: number): boolean {
  if (value.includes("$(")) return true;
  if (value === "") return before === DOLLAR && after === OPEN;
  return (
    (before === DOLLAR && value.charCodeAt(0) === OPEN) ||
    (value.charCodeAt(value.length - 1) === DOLLAR && after === OPEN)
  );
}

/** What a scan reads of a pass: its values by key, and, when given, the prefixes every key starts with. */
export interface ScanPass {
  readonly strings: { get(key: string): string | undefined };
  readonly prefixes?: readonly string[] | undefined;
}

/** Whether `text` continues with one of `prefixes` at `at`. */
export function startsWithAny(text: string, at: number, prefixes: readonly string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (text.startsWith(prefixes[i] as string, at)) return true;
  return false;
}

/** The first pass of `passes[from…to)` that may have a key starting at `at` (by its prefixes), -1 when none may. */
function firstMayMatch(text: string, at: number, passes: readonly ScanPass[], from: number, to: number): number {
  for (let p = from; p < to; p++) {
    const prefixes = (passes[p] as ScanPass).prefixes;
    if (prefixes === undefined || startsWithAny(text, at, prefixes)) return p;
  }
  return -1;
}

/** How a release's scan differs: a cheap first filter on the character after `$(`, and a budget for what it makes. */
export interface ScanLimits {
  /** Whether some key may start with the character of code `code` (a `$(echo …)` is passed over). */
  readonly mayStartKey?: (code: number) => boolean;
  /** Told the length of the text made, once it passes `checkAbove` while it grows, and at the end. */
  readonly spend?: (length: number) => void;
  readonly checkAbove?: number;
  /**
   * Whether some key of `passes[from…to)` may start with `text[at…nested)`, the text of a `$(`
   * up to the `$(` inside it (absent: any may). Every key the passes in turn could read there
   * starts with that text, which no replacement reaches into (it holds neither `$(` nor `)`):
   * when none may, no pass ever replaces this `$(`, and the scan goes on to the one inside
   * (`$(mvn -s $(params.p))`) instead of giving up.
   */
  readonly headMayBeKey?: (
    text: string,
    at: number,
    nested: number,
    passes: readonly ScanPass[],
    from: number,
    to: number,
  ) => boolean;
}

/**
 * `text` (whose first `$(` is at `first`) through `passes[from…to)` in a single scan, each
 * `$(key)` taking the value of the first pass that has its key — which is what pass after pass
 * gives as long as no pass can see what an earlier one put in. Undefined, for the passes to run
 * one after another, when one could: a `$(` inside another (`$(workspaces.$(params.w).path)`
 * becomes a workspace reference once the param is in, `$($(params.v))` whatever reference `v`
 * names; but see `headMayBeKey`), or a value that holds a `$(` or makes one with the text beside it ({@link makesReference}).
 * A script then costs one scan and one cut per candidate key instead of one of each per pass.
 * The same string comes back when nothing was replaced.
 */
export function replaceInOneScan(
  text: string,
  first: number,
  passes: readonly ScanPass[],
  from: number,
  to: number,
  limits: ScanLimits = {},
): string | undefined {
  const { mayStartKey, spend, checkAbove = Number.POSITIVE_INFINITY, headMayBeKey } = limits;
  let start = first;
  let out = "";
  let copied = 0;
  // The last character of the last value put in (-1: none or empty), read here rather than
  // from `out`, which reading a character of would flatten each time.
  let valueEnd = -1;
  while (start >= 0) {
    const at = start + 2;
    const close = text.indexOf(")", at);
    if (close < 0) break;
    const next = text.indexOf("$(", at);
    // A `$(` inside this one, whether or not this one is a key: a value put in there may make
    // it one (`$($(params.v))`, `$(con$(params.x))`), which only the passes in turn see.
    if (next >= 0 && next < close) {
      if (headMayBeKey === undefined || headMayBeKey(text, at, next, passes, from, to)) return undefined;
      start = next;
      continue;
    }
    // The first pass that may have a key here; the passes before it are not asked again.
    const firstPass =
      mayStartKey === undefined || mayStartKey(text.charCodeAt(at)) ? firstMayMatch(text, at, passes, from, to) : -1;
    if (firstPass < 0) {
      start = next;
      continue;
    }
    const key = text.slice(at, close);
    // firstMayMatch has checked the first pass's prefixes already.
    let value = (passes[firstPass] as ScanPass).strings.get(key);
    for (let p = firstPass + 1; p < to && value === undefined; p++) {
      const pass = passes[p] as ScanPass;
      if (pass.prefixes === undefined || startsWithAny(text, at, pass.prefixes)) value = pass.strings.get(key);
    }
    if (value !== undefined) {
      const before = start > copied ? text.charCodeAt(start - 1) : valueEnd;
      if (makesReference(before, value, text.charCodeAt(close + 1))) return undefined;
      out += text.slice(copied, start) + value;
      valueEnd = value === "" ? before : value.charCodeAt(value.length - 1);
      // One string past the limit is refused before it outgrows what the engine can hold.
      if (out.length > checkAbove) spend?.(out.length);
      copied = close + 1;
    }
    start = next;
  }
  if (copied === 0) return text;
  out += text.slice(copied);
  spend?.(out.length);
  return out;
}
