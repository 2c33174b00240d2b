/**
 * Go's `encoding/json` string encoding as `json.Marshal` applies it: HTML-sensitive characters
 * `<`, `>`, `&` and U+2028/U+2029 become `\u` escapes, control characters other than `\n`, `\r`,
 * `\t` become `\u00XX`, everything else is written literally. Go 1.22 added the short forms `\b`
 * and `\f`: Tekton v0.20.1 was built with Go 1.15 (no short forms), v1.12 with Go 1.25. Tekton
 * marshals with it what the Pod and the TaskRun status show: the image and cluster
 * PipelineResources handed to their steps (v0.20.1), and each step's rewritten termination message
 * (pkg/pod/status.go `createMessageFromResults`).
 */

const HEX = "0123456789abcdef";

/** Any character Go writes other than literally (surrogates: a pair is literal, checked below). */
const ESCAPED_FROM = /["\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]/g;

/**
 * A JSON string literal exactly as Go 1.15's `json.Marshal` writes `s` (no `\b`/`\f` short
 * forms), where `s` is a string Go decoded (from the API server's JSON, or from a termination
 * message by `json.Unmarshal`).
 *
 * Go's decoder never yields invalid UTF-8: it turns invalid bytes and unpaired `\uD800`-style
 * escapes into U+FFFD. A lone surrogate in `s` is what JavaScript keeps in the same places, so
 * it stands for that U+FFFD and is written as the character itself. (Go writes the escape
 * `\ufffd` only for raw invalid bytes in a string it never decoded; no string Tekton marshals
 * here is one.)
 */
export function goJsonString(s: string): string {
  return encode(s, false);
}

/** A JSON string literal exactly as Go 1.22 and later write `s` with `json.Marshal` (see {@link goJsonString}). */
export function goJsonStringSinceGo122(s: string): string {
  return encode(s, true);
}

function encode(s: string, shortBackspaceFormFeed: boolean): string {
  // Most values (result names, digests, timestamps) need no escape at all.
  ESCAPED_FROM.lastIndex = 0;
  let found = ESCAPED_FROM.exec(s);
  if (found === null) return `"${s}"`;
  // Otherwise the characters between two that need care are copied a run at a time.
  let out = '"';
  let run = 0;
  while (found !== null) {
    const i = found.index;
    out += s.slice(run, i);
    const c = s.charCodeAt(i);
    run = i + 1;
    if (c === 0x22 || c === 0x5c) {
      out += `\\${s[i]}`;
    } else if (c === 0x0a) {
      out += "\\n";
    } else if (c === 0x0d) {
      out += "\\r";
    } else if (c === 0x09) {
      out += "\\t";
    } else if (shortBackspaceFormFeed && c === 0x08) {
      out += "\\b";
    } else if (shortBackspaceFormFeed && c === 0x0c) {
      out += "\\f";
    } else if (c < 0x80) {
      out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
    } else if (c === 0x2028 || c === 0x2029) {
      out += `\\u202${HEX[c & 0xf]}`;
    } else if (c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      // A surrogate pair: one character, written literally.
      out += s.slice(i, i + 2);
      run = i + 2;
    } else {
      out += "\ufffd";
    }
    ESCAPED_FROM.lastIndex = run;
    found = ESCAPED_FROM.exec(s);
  }
  return `${out}${s.slice(run)}"`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
