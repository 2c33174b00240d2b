/**
 * MD5 (RFC 1321) of a string's UTF-8 bytes, as lowercase hex. Tekton v1.12 names some things
 * after an MD5 of the TaskRun's name; computing it here rather than with `node:crypto` keeps
 * the library free of Node-only imports, so it runs in a browser as it is, and synchronously.
 * (A name, not a secret: MD5's weakness does not matter here.)
 */

import { padToWords, wordsToHex } from "./digest-padding.js";

/** Per-round left rotations. */
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** floor(abs(sin(i + 1)) · 2^32), the RFC's table T. */
const T = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) >>> 0);

/**
 * The MD5 digest of `text` (encoded as UTF-8), in lowercase hex.
 *
 * @example
 * ```ts
 * md5Hex("abc"); // "900150983cd24fb0d6963f7d28e17f72"
 * ```
 */
export function md5Hex(text: string): string {
  const { words, blocks } = padToWords(text, true);

  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const m = new Uint32Array(16);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) m[i] = words[block * 16 + i] as number;
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const sum = (a + f + (T[i] as number) + (m[g] as number)) >>> 0;
      const shift = S[(i >> 4) * 4 + (i % 4)] as number;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  return wordsToHex([a0, b0, c0, d0], true);
}
