/**
 * The message padding MD5 and SHA-256 share (Merkle–Damgård, 64-byte blocks): the UTF-8 bytes
 * of the text, a 1 bit, zeros, then the length in bits as a 64-bit number — little-endian for
 * MD5, big-endian for SHA-256. The two digests differ only in that byte order.
 */

/** Stateless: one serves every call (constructing one per digest cost more than the digest). */
const UTF8 = new TextEncoder();

/** The padded message of `text` as whole 64-byte blocks, with how many there are. */
export function padToBlocks(text: string, littleEndian: boolean): { readonly view: DataView; readonly blocks: number } {
  const data = UTF8.encode(text);
  const blocks = Math.ceil((data.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = data.length * 8;
  const low = bits >>> 0;
  const high = Math.floor(bits / 0x100000000);
  view.setUint32(padded.length - 8, littleEndian ? low : high, littleEndian);
  view.setUint32(padded.length - 4, littleEndian ? high : low, littleEndian);
  return { view, blocks };
}
