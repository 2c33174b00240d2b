/**
 * Sets and maps of strings that keep their cost per entry at tens of thousands of entries.
 *
 * A `Map` or `Set` keeps its entries in one table, reallocated at twice the size as it grows.
 * Past 4,096 entries that table is over 128 KiB, which V8 allocates as a large object: on
 * pages of its own, mapped afresh for each such table (twice on the way to ten thousand) and
 * faulted in page by page as they are first written. Building a `Set` of ten thousand names
 * costs about four times per name what one of a thousand does, half of it in the kernel.
 * Spreading the entries over several small `Map`s avoids that but puts them in the young
 * generation, whose collections then copy them: that measured worse. So for more than 4,096
 * entries these functions give a table of open addressing whose slots are a typed array,
 * outside the heap, where the C allocator can reuse memory from call to call and the collector
 * never copies it; up to that, a plain `Set` or `Map`. Either answers the same: only the time
 * differs.
 */

/** The most entries a `Map`'s or `Set`'s table holds while under 128 KiB. */
const TABLE_MAX = 4096;

/** The part of a {@link Set} of strings that the large table has too. */
export interface StringSet extends Iterable<string> {
  readonly size: number;
  has(key: string): boolean;
  add(key: string): unknown;
}

/** The part of a {@link Map} from strings to numbers that the large table has too. */
export interface StringMap<V extends number> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
}

/**
 * A set of strings for about `expected` entries (any number is right; the number only shapes
 * the time): a `Set` up to {@link TABLE_MAX}, else a {@link LargeStringTable}.
 */
export function stringSet(expected: number): StringSet {
  return expected > TABLE_MAX ? new LargeStringTable(expected) : new Set<string>();
}

/** A map from strings to numbers for about `expected` entries, as {@link stringSet}. */
export function stringMap<V extends number>(expected: number): StringMap<V> {
  return expected > TABLE_MAX ? (new LargeStringTable(expected) as unknown as StringMap<V>) : new Map<string, V>();
}

/** FNV-1a over the UTF-16 code units of `key`: where the large table starts looking for it. */
export function stringTableHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The most slots a lookup reads before the table gives up on its slots for a `Map`: keys
 * chosen to collide (the hash is fixed, unlike V8's) would otherwise make each lookup read
 * most of the table.
 */
const MAX_PROBES = 64;

/**
 * Keys in insertion order, found through a typed array of slots (linear probing, at most half
 * full), each slot 0 or the key's place in the order plus one. A value, when set, is kept at
 * the key's place.
 */
class LargeStringTable implements StringSet {
  readonly #keys: string[] = [];
  /** Each key's value, by its place; undefined for a key added without one. */
  #values: (number | undefined)[] | undefined;
  #slots: Int32Array;
  #mask: number;
  /** Each key's place, once a lookup read more than {@link MAX_PROBES} slots. */
  #fallback: Map<string, number> | undefined;

  constructor(expected: number) {
    let capacity = 1;
    while (capacity < 2 * expected) capacity *= 2;
    this.#slots = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#keys.length;
  }

  /**
   * The slot holding `key`, or the empty slot where it would go; -1 once the table answers
   * from its `Map` (already, or now that the probes ran out).
   */
  #slotOf(key: string): number {
    if (this.#fallback !== undefined) return -1;
    const slots = this.#slots;
    const mask = this.#mask;
    let i = stringTableHash(key) & mask;
    for (let probes = 0; probes < MAX_PROBES; probes++, i = (i + 1) & mask) {
      const slot = slots[i] as number;
      if (slot === 0 || this.#keys[slot - 1] === key) return i;
    }
    this.#fallBack();
    return -1;
  }

  /** The place of `key` in the order, -1 when absent. */
  #find(key: string): number {
    const i = this.#slotOf(key);
    if (i < 0) return (this.#fallback as Map<string, number>).get(key) ?? -1;
    return (this.#slots[i] as number) - 1;
  }

  /** The place of `key`, which is added at the end of the order when absent. */
  #insert(key: string): number {
    const i = this.#slotOf(key);
    if (i < 0) {
      const fallback = this.#fallback as Map<string, number>;
      const known = fallback.get(key);
      if (known !== undefined) return known;
      fallback.set(key, this.#keys.length);
      return this.#keys.push(key) - 1;
    }
    const slot = this.#slots[i] as number;
    if (slot !== 0) return slot - 1;
    const place = this.#keys.push(key) - 1;
    this.#slots[i] = place + 1;
    if (2 * this.#keys.length > this.#slots.length) this.#grow();
    return place;
  }

  /** Every key's place in a `Map`, which answers from now on. */
  #fallBack(): void {
    const fallback = new Map<string, number>();
    this.#keys.forEach((key, place) => {
      fallback.set(key, place);
    });
    this.#fallback = fallback;
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    this.#keys.forEach((key, place) => {
      let i = stringTableHash(key) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = place + 1;
    });
    this.#slots = slots;
    this.#mask = mask;
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  add(key: string): this {
    this.#insert(key);
    return this;
  }

  get(key: string): number | undefined {
    const place = this.#find(key);
    return place < 0 ? undefined : this.#values?.[place];
  }

  set(key: string, value: number): this {
    const place = this.#insert(key);
    this.#values ??= [];
    while (this.#values.length < place) this.#values.push(undefined);
    this.#values[place] = value;
    return this;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.#keys.values();
  }
}
