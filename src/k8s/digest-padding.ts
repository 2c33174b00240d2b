/**
 * The message padding MD5 and SHA-256 share (Merkle–Damgård, 64-byte blocks): the UTF-8 bytes
 * of the text, a 1 bit, zeros, then the length in bits as a 64-bit number — little-endian for
 * MD5, big-endian for SHA-256. The two digests differ only in that byte order, which is also
 * the order in which each reads a block's 32-bit words.
 */

/** Stateless: one serves every call (constructing one per digest cost more than the digest). */
const UTF8 = new TextEncoder();

/** Blocks of the reused scratch words: texts up to 247 bytes, every name hashed. */
const SCRATCH_BLOCKS = 4;

/**
 * Working memory of {@link padToWords} for short texts, fully rewritten by every call before
 * it is read (a digest is computed synchronously, start to end, and reads the words before any
 * other digest starts). Allocating a buffer, its encoded bytes and a DataView per digest cost
 * more than the rounds of a name's single block.
 */
const SCRATCH = new Uint32Array(SCRATCH_BLOCKS * 16);

/**
 * The padded message of `text` as 32-bit words, each read from its 4 bytes in the digest's
 * byte order, with how many 64-byte blocks (16 words each) there are. The words are valid
 * until the next call: short texts share one buffer.
 */
export function padToWords(
  text: string,
  littleEndian: boolean,
): { readonly words: Uint32Array; readonly blocks: number } {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  // Each character of ASCII text is its one UTF-8 byte: no encoding needed.
  const bytes = ascii ? undefined : UTF8.encode(text);
  const length = bytes === undefined ? text.length : bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const count = blocks * 16;
  const words = blocks <= SCRATCH_BLOCKS ? SCRATCH : new Uint32Array(count);
  words.fill(0, 0, count);
  const put = (index: number, byte: number): void => {
    const shift = littleEndian ? (index & 3) * 8 : (3 - (index & 3)) * 8;
    words[index >> 2] = (words[index >> 2] as number) | (byte << shift);
  };
  if (bytes === undefined) for (let i = 0; i < length; i++) put(i, text.charCodeAt(i));
  else for (let i = 0; i < length; i++) put(i, bytes[i] as number);
  put(length, 0x80);
  const bits = length * 8;
  const low = bits >>> 0;
  const high = Math.floor(bits / 0x100000000);
  words[count - 2] = littleEndian ? low : high;
  words[count - 1] = littleEndian ? high : low;
  return { words, blocks };
}

/** Each byte's two lowercase hex digits. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * The digest `words` as lowercase hex, each word's bytes in the digest's byte order: from a
 * table, as Number's toString(16) of a word above 2^30 takes its slow path (most of a short
 * digest's time).
 */
export function wordsToHex(words: ArrayLike<number>, littleEndian: boolean): string {
  let hex = "";
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as number;
    hex += littleEndian
      ? (BYTE_HEX[w & 255] as string) +
        (BYTE_HEX[(w >>> 8) & 255] as string) +
        (BYTE_HEX[(w >>> 16) & 255] as string) +
        (BYTE_HEX[w >>> 24] as string)
      : (BYTE_HEX[w >>> 24] as string) +
        (BYTE_HEX[(w >>> 16) & 255] as string) +
        (BYTE_HEX[(w >>> 8) & 255] as string) +
        (BYTE_HEX[w & 255] as string);
  }
  return hex;
}
