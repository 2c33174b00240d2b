/**
 * Kubernetes name-length rules and deterministic stand-ins for Tekton's random suffixes
 * (pkg/names in v0.20.1). Tekton appends 5 random characters; we derive them from a stable
 * hash of the TaskRun's identity, the base name and how many times that base was asked for,
 * so the same input always yields the same names.
 */

/** Kubernetes DNS-1123 label limit. */
export const MAX_NAME_LENGTH = 63;
const SUFFIX_LENGTH = 5;
const MAX_GENERATED_BASE_LENGTH = MAX_NAME_LENGTH - SUFFIX_LENGTH - 1;
/** k8s.io/apimachinery/pkg/util/rand's alphabet: no vowels, no confusable digits. */
export const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/**
 * Cuts a name to 63 characters, then drops trailing characters until it ends with an ASCII
 * letter or digit (Tekton's `RestrictLength`). A name with no letter or digit becomes empty.
 */
export function restrictLength(base: string): string {
  let name = base.length > MAX_NAME_LENGTH ? base.slice(0, MAX_NAME_LENGTH) : base;
  let end = name.length;
  while (end > 0 && !isAsciiAlphanumeric(name.charCodeAt(end - 1))) end--;
  name = name.slice(0, end);
  return name;
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * cyrb53's running state: text is taken in one character at a time, so the state after a
 * prefix can be kept and continued with different endings, each hashing as the whole text would.
 */
class Hash53 {
  h1: number;
  h2: number;

  constructor(h1: number, h2: number) {
    this.h1 = h1;
    this.h2 = h2;
  }

  static start(): Hash53 {
    return new Hash53(0xdeadbeef, 0x41c6ce57);
  }

  copy(): Hash53 {
    return new Hash53(this.h1, this.h2);
  }

  update(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /**
   * The digest of the text so far followed by the decimal digits of `n` (a whole number), the
   * state left as it was: no copy of the state, no string of the number.
   */
  digestWithNumber(n: number): number {
    let h1 = this.h1;
    let h2 = this.h2;
    let scale = 1;
    while (scale * 10 <= n) scale *= 10;
    for (; scale >= 1; scale /= 10) {
      const ch = 48 + (Math.floor(n / scale) % 10);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    return finish(h1, h2);
  }
}

/** cyrb53's final mix of its state into a 53-bit number. */
function finish(state1: number, state2: number): number {
  const h1 = Math.imul(state1 ^ (state1 >>> 16), 2246822507) ^ Math.imul(state2 ^ (state2 >>> 13), 3266489909);
  const h2 = Math.imul(state2 ^ (state2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const ALPHABET_CODES = Array.from(SUFFIX_ALPHABET, (c) => c.charCodeAt(0));

function suffixFromHash(h: number): string {
  const n = ALPHABET_CODES.length;
  // Five digits in base 27, least significant first: one string made, not one per character.
  const c0 = ALPHABET_CODES[h % n] as number;
  let rest = Math.floor(h / n);
  const c1 = ALPHABET_CODES[rest % n] as number;
  rest = Math.floor(rest / n);
  const c2 = ALPHABET_CODES[rest % n] as number;
  rest = Math.floor(rest / n);
  const c3 = ALPHABET_CODES[rest % n] as number;
  rest = Math.floor(rest / n);
  const c4 = ALPHABET_CODES[rest % n] as number;
  return String.fromCharCode(c0, c1, c2, c3, c4);
}

/**
 * Hands out deterministic 5-character suffixes for one compilation. The n-th request for a
 * given base name gets the n-th suffix of that base; bases never influence each other, except
 * that {@link SuffixGenerator.withSuffix} never hands out the same name twice.
 */
export class SuffixGenerator {
  /** The hash of `identity\0`, the start of every suffix's hashed text. */
  readonly #identity: Hash53;
  /** Per base: how many suffixes it was given, and the hash of `identity\0base\0`. */
  readonly #bases = new Map<string, { ordinal: number; readonly hash: Hash53 }>();
  readonly #issued = new Set<string>();

  /** `identity` should name the TaskRun uniquely: namespace, name and uid. */
  constructor(identity: string) {
    this.#identity = Hash53.start().update(identity).update("\u0000");
  }

  /**
   * The next suffix for `base` (5 characters from {@link SUFFIX_ALPHABET}): the hash of
   * `identity\0base\0ordinal`, the identity and the base hashed once rather than per suffix.
   */
  next(base: string): string {
    let state = this.#bases.get(base);
    if (state === undefined) {
      state = { ordinal: 0, hash: this.#identity.copy().update(base).update("\u0000") };
      this.#bases.set(base, state);
    }
    return suffixFromHash(state.hash.digestWithNumber(state.ordinal++));
  }

  /**
   * `base-xxxxx`, with `base` first cut to 57 characters so the result fits in 63
   * (Tekton's `RestrictLengthWithRandomSuffix`). Among 27^5 suffixes, a Pod with a thousand
   * steps (a creds-init volume each) has a few percent chance of drawing one twice — Tekton's
   * random draw can collide too, and the Pod is then rejected — so a name already handed out
   * is skipped and the next suffix of that base is drawn.
   */
  withSuffix(base: string): string {
    const cut = base.length > MAX_GENERATED_BASE_LENGTH ? base.slice(0, MAX_GENERATED_BASE_LENGTH) : base;
    let name = `${cut}-${this.next(base)}`;
    while (this.#issued.has(name)) name = `${cut}-${this.next(base)}`;
    this.#issued.add(name);
    return name;
  }
}

const UTF8 = new TextEncoder();

/** FNV-32a of the UTF-8 bytes of `text` (Go's `hash/fnv.New32a`). */
export function fnv32a(text: string): number {
  // The hash is kept as a signed 32-bit integer (the same bits), which the engine holds
  // unboxed; only the result is made unsigned.
  let h = 0x811c9dc5 | 0;
  if (/^[\x00-\x7f]*$/.test(text)) {
    // ASCII (as names are): each character code is its one UTF-8 byte, no encoding needed.
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }
  for (const byte of UTF8.encode(text)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

const HEX_DIGITS = "0123456789abcdef";

/**
 * `n.toString(16)` for an unsigned 32-bit `n`, digit by digit: the engine's radix conversion of
 * a number above 2^30 (which it holds as a double) costs more than half a microsecond.
 */
function hex32(n: number): string {
  let rest = n;
  let out = "";
  do {
    out = (HEX_DIGITS[rest & 15] as string) + out;
    rest >>>= 4;
  } while (rest !== 0);
  return out;
}

/**
 * Tekton's `names.GenerateHashedName` (v0.50 and later): `<prefix>-<hex FNV-32a of name>`, the
 * hex cut or right-padded with `0` to `length` digits. Deterministic, unlike the random suffixes.
 *
 * @example hashedName("ws", "source", 5) // "ws-" + 5 hex digits
 */
export function hashedName(prefix: string, name: string, length: number): string {
  let suffix = hex32(fnv32a(name));
  suffix = suffix.length > length ? suffix.slice(0, length) : suffix.padEnd(length, "0");
  return `${prefix}-${suffix}`;
}
