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

/** Bytes per `String.fromCharCode` call: well below the number of arguments a call takes. */
const CHUNK = 8192;

/**
 * `base64.StdEncoding.EncodeToString` (what `json.Marshal` writes for a `[]byte`): the standard
 * alphabet with `=` padding, which is what the web platform's `btoa` writes for a byte string.
 */
export function encodeGoBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Go's `string(bytes)` as text: invalid UTF-8 sequences become U+FFFD. */
export function bytesToGoString(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
