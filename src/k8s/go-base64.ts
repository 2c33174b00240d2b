/**
 * Go's `encoding/base64` (StdEncoding) as Tekton's cluster PipelineResource uses it, and Go's
 * `string(bytes)` conversion of what it decodes.
 */

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

/** The alphabet as character codes, and a decoder that turns those codes back into text. */
const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const PAD = 61; // "="
const ASCII = new TextDecoder("latin1");

/**
 * `base64.StdEncoding.EncodeToString` (what `json.Marshal` writes for a `[]byte`). The output
 * is written as character codes and decoded once: much faster than growing a string four
 * characters at a time.
 */
export function encodeGoBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let i = 0;
  let j = 0;
  for (; i + 2 < n; i += 3, j += 4) {
    const bits = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[j] = B64_CODES[bits >> 18] as number;
    out[j + 1] = B64_CODES[(bits >> 12) & 63] as number;
    out[j + 2] = B64_CODES[(bits >> 6) & 63] as number;
    out[j + 3] = B64_CODES[bits & 63] as number;
  }
  if (i < n) {
    const two = i + 1 < n;
    const bits = ((bytes[i] as number) << 16) | (two ? (bytes[i + 1] as number) << 8 : 0);
    out[j] = B64_CODES[bits >> 18] as number;
    out[j + 1] = B64_CODES[(bits >> 12) & 63] as number;
    out[j + 2] = two ? (B64_CODES[(bits >> 6) & 63] as number) : PAD;
    out[j + 3] = PAD;
  }
  return ASCII.decode(out);
}

/** What the encoding of text needs of Node's `Buffer`, when the host has one. */
interface NativeUtf8 {
  byteLength(text: string, encoding: "utf8"): number;
  from(text: string, encoding: "utf8"): { toString(encoding: "base64"): string };
}

/**
 * Node's `Buffer`, read from the global object rather than named (the library runs in a
 * browser too, which has none): it encodes text as UTF-8 base64 natively, several times faster
 * than a byte loop over a `TextEncoder`'s output, and tells ASCII text by its byte length
 * without a scan.
 */
const nativeUtf8 = (globalThis as { Buffer?: NativeUtf8 }).Buffer;

/** Text whose UTF-8 bytes are its character codes, which `btoa` encodes as they are. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * `base64.StdEncoding.EncodeToString([]byte(text))`: the base64 of the text's UTF-8 bytes. A
 * lone surrogate becomes U+FFFD, as Go's JSON decoding made it before the text reached Go.
 * Where the host has Node's `Buffer` it does the work; elsewhere {@link encodeTextGoBase64Portably}
 * does, with the same result.
 */
export function encodeTextGoBase64(text: string): string {
  if (nativeUtf8 === undefined) return encodeTextGoBase64Portably(text);
  // ASCII (most scripts) is what `btoa` encodes fastest; its byte length tells it without a scan.
  if (nativeUtf8.byteLength(text, "utf8") === text.length) return btoa(text);
  return nativeUtf8.from(text, "utf8").toString("base64");
}

/** {@link encodeTextGoBase64} with the platform's web APIs only. */
export function encodeTextGoBase64Portably(text: string): string {
  return ASCII_ONLY.test(text) ? btoa(text) : encodeGoBase64(new TextEncoder().encode(text));
}

/** Go's `string(bytes)` as text: invalid UTF-8 sequences become U+FFFD. */
export function bytesToGoString(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
