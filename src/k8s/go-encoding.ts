/**
 * The few Go standard-library behaviours the PipelineResource code of Tekton v0.20.1 relies on
 * and that surface in the Pod: `encoding/json` string quoting (Go 1.15, HTML-safe), base64
 * decoding that keeps what it decoded before an error, and `strings.EqualFold` / `ToUpper` /
 * `ToLower` on runes. (`strconv` parsing lives in src/k8s/go-strconv.ts.)
 */

/** Applies a per-rune case mapping, keeping runes whose mapping is not a single rune (Go's simple case mapping). */
function mapRunes(text: string, map: (rune: string) => string): string {
  let out = "";
  for (const rune of text) {
    const mapped = map(rune);
    out += [...mapped].length === 1 ? mapped : rune;
  }
  return out;
}

/** `strings.ToUpper` (rune by rune; `ß` stays `ß` as in Go). */
export function goToUpper(text: string): string {
  return mapRunes(text, (r) => r.toUpperCase());
}

/** `strings.ToLower` (rune by rune). */
export function goToLower(text: string): string {
  return mapRunes(text, (r) => r.toLowerCase());
}

/** `strings.EqualFold`: equal under simple Unicode case folding, rune by rune. */
export function equalFold(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] as string;
    const s = y[i] as string;
    if (r === s) continue;
    if (goToLower(r) === goToLower(s) || goToUpper(r) === goToUpper(s)) continue;
    return false;
  }
  return true;
}

const HEX = "0123456789abcdef";

/**
 * `json.Marshal` of a string as Go 1.15 writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped
 * as `\u00XX`/`\u20XX`, control characters other than `\n`, `\r`, `\t` as `\u00XX` (Go only
 * learned `\b`/`\f` in 1.22), and unpaired surrogates (invalid UTF-8 in Go) as U+FFFD.
 */
export function goJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) {
      out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    } else if (c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16)}`;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else {
        out += "\ufffd";
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out += "\ufffd";
    } else {
      out += text[i];
    }
  }
  return `${out}"`;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * `base64.StdEncoding.DecodeString` keeping its partial result: Tekton ignores the error and
 * uses whatever bytes came out of the complete, valid quanta before it. `\r` and `\n` are
 * skipped, padding is required on the last quantum, trailing data after padding is an error
 * that still keeps the padded quantum's bytes.
 */
export function decodeGoBase64(text: string): Uint8Array {
  const out: number[] = [];
  let i = 0;
  const n = text.length;
  const skipNewlines = (): void => {
    while (i < n && (text[i] === "\n" || text[i] === "\r")) i++;
  };
  for (;;) {
    const quantum: number[] = [];
    let padded = false;
    let stop = false;
    while (quantum.length < 4) {
      skipNewlines();
      if (i >= n) {
        // A quantum cut short without padding is an error in StdEncoding (j == 0 ends cleanly).
        stop = true;
        break;
      }
      const ch = text[i] as string;
      i++;
      if (ch === "=") {
        if (quantum.length < 2) return Uint8Array.from(out);
        if (quantum.length === 2) {
          skipNewlines();
          if (i >= n || text[i] !== "=") return Uint8Array.from(out);
          i++;
        }
        padded = true;
        break;
      }
      const v = B64.indexOf(ch);
      if (v < 0) return Uint8Array.from(out);
      quantum.push(v);
    }
    if (stop && quantum.length > 0) return Uint8Array.from(out);
    if (quantum.length === 0) return Uint8Array.from(out);
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    const bytes = [(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff];
    out.push(...bytes.slice(0, quantum.length - 1));
    if (padded || stop) return Uint8Array.from(out);
  }
}

/** `base64.StdEncoding.EncodeToString` (what `json.Marshal` writes for a `[]byte`). */
export function encodeGoBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const bits = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(bits >> 18) & 63];
    out += B64[(bits >> 12) & 63];
    out += b === undefined ? "=" : B64[(bits >> 6) & 63];
    out += c === undefined ? "=" : B64[bits & 63];
  }
  return out;
}

/** Go's `string(bytes)` as text: invalid UTF-8 sequences become U+FFFD. */
export function bytesToGoString(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
