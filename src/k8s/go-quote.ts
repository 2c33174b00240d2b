/**
 * Go's `strconv.Quote`, which is what `fmt`'s `%q` verb prints for a string. Tekton v0.20.1
 * builds its status messages with `%q` (pkg/pod/status.go: failure and waiting messages;
 * pkg/reconciler/taskrun/taskrun.go: cancel and timeout messages), so the quoting is visible in
 * every TaskRun condition that names a step, an image or a TaskRun.
 *
 * Two places where a JavaScript string is not a Go string, decided here:
 * - Lone UTF-16 surrogates. A Go string holding the same code point would contain its
 *   generalized UTF-8 bytes (ED A0 80 for U+D800), which are invalid UTF-8; Go quotes each
 *   invalid byte as `\xHH`. We do exactly that, so U+D800 quotes as `"\xed\xa0\x80"`.
 * - Printability. Go's `strconv.IsPrint` is "Unicode letter, mark, number, punctuation or
 *   symbol, or the ASCII space". We evaluate those categories with the Unicode tables of the
 *   running JavaScript engine (Node 20: Unicode 15), the same version current Go ships; the Go
 *   1.15 toolchain that built v0.20.1 had Unicode 12 tables, so code points first assigned in
 *   Unicode 13–15 print literally here where that build would have escaped them.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
/** Printable ASCII: `strconv.Quote` escapes only `"` and `\` in it, as JSON does. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Printable ASCII without `"` or `\`: quoted as it is. */
const PRINTABLE_ASCII_UNESCAPED = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x07, "\\a"],
  [0x08, "\\b"],
  [0x0c, "\\f"],
  [0x0a, "\\n"],
  [0x0d, "\\r"],
  [0x09, "\\t"],
  [0x0b, "\\v"],
]);

/**
 * Quotes `s` exactly as Go's `strconv.Quote` / `fmt.Sprintf("%q", s)` would.
 *
 * @example
 * ```ts
 * goQuote('step-build');      // '"step-build"'
 * goQuote('a "b"\n');         // '"a \\"b\\"\\n"'
 * goQuote('\u00a0');          // '"\\u00a0"' (no-break space is not printable in Go)
 * ```
 */
export function goQuote(s: string): string {
  // Most quoted strings (names, images, messages) need no escape: JSON.stringify would cost
  // several times the check, more so for a long message.
  if (PRINTABLE_ASCII_UNESCAPED.test(s)) return `"${s}"`;
  if (PRINTABLE_ASCII.test(s)) return JSON.stringify(s);
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    out += quoteCodePoint(cp);
  }
  return `${out}"`;
}

/** Whether Go's `strconv.IsPrint` reports `cp` as printable. */
export function isGoPrintable(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function quoteCodePoint(cp: number): string {
  if (cp === 0x22) return '\\"';
  if (cp === 0x5c) return "\\\\";
  if (cp >= 0xd800 && cp <= 0xdfff) {
    // The three bytes a Go string would hold for this code point; each is invalid UTF-8.
    return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map(hexByte).join("");
  }
  if (isGoPrintable(cp)) return String.fromCodePoint(cp);
  const named = NAMED_ESCAPES.get(cp);
  if (named !== undefined) return named;
  if (cp < 0x20 || cp === 0x7f) return hexByte(cp);
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

function hexByte(b: number): string {
  return `\\x${b.toString(16).padStart(2, "0")}`;
}
