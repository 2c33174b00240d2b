/** The string tables answer as a Map or Set would, whether their entries are in one table or spread. */
import { describe, expect, it } from "vitest";
import { stringMap, stringSet, stringTableHash } from "../../src/k8s/string-tables.js";

/** Names that spread evenly, crowd a few parts, or are the odd short and empty ones. */
function names(count: number): string[] {
  const out = ["", "a", "é", "\u{1F600}"];
  for (let i = 0; out.length < count; i++) {
    out.push(`p${i}`, `${i}-suffix-constant`, `param-${i}-value`, "x".repeat(i % 70));
  }
  return out.slice(0, count);
}

it("are the built-in Set and Map up to 4,096 expected entries, and the large table past them", () => {
  expect(stringSet(4096)).toBeInstanceOf(Set);
  expect(stringMap(4096)).toBeInstanceOf(Map);
  expect(stringSet(4097)).not.toBeInstanceOf(Set);
  expect(stringMap(4097)).not.toBeInstanceOf(Map);
});

// Only the large table is held to the built-ins: below the cut-over the tables are the built-ins.
describe.each([4097, 30_000])("with %d expected entries", (expected) => {
  const keys = names(expected);

  it("stringSet: the same sizes, answers and order as a Set, repeats counted once", () => {
    const set = stringSet(expected);
    const reference = new Set<string>();
    for (const key of [...keys, ...keys.slice(0, 50)]) {
      const isNew = !reference.has(key);
      const before = set.size;
      set.add(key);
      reference.add(key);
      expect(set.size - before).toBe(isNew ? 1 : 0);
    }
    expect(set.size).toBe(reference.size);
    expect([...set]).toEqual([...reference]);
    for (const key of keys) expect(set.has(key)).toBe(true);
    for (const key of ["missing", "p-1", "xx-suffix-constant"]) expect(set.has(key)).toBe(reference.has(key));
  });

  it("stringMap: get answers as a Map's, after sets and overwrites", () => {
    const map = stringMap<number>(expected);
    const reference = new Map<string, number>();
    keys.forEach((key, i) => {
      map.set(key, i);
      reference.set(key, i);
    });
    for (const key of keys.slice(0, 100)) {
      map.set(key, -1);
      reference.set(key, -1);
    }
    for (const key of keys) expect(map.get(key)).toBe(reference.get(key));
    expect(map.get("missing")).toBeUndefined();
  });
});

/** Fills a set and a map made for `expected` entries with `keys`, and checks them against a Set's and a Map's answers. */
function expectAnswersOfSetAndMap(keys: readonly string[], expected: number): void {
  const set = stringSet(expected);
  const map = stringMap<number>(expected);
  keys.forEach((key, i) => {
    set.add(key);
    map.set(key, i);
  });
  const reference = new Set(keys);
  expect(set.size).toBe(reference.size);
  expect([...set]).toEqual([...reference]);
  for (const key of [...keys, "missing"]) expect(set.has(key)).toBe(reference.has(key));
  for (const key of keys) expect(map.get(key)).toBe(keys.lastIndexOf(key));
  expect(map.get("missing")).toBeUndefined();
}

describe("more entries than expected", () => {
  it("grows its slots and keeps every answer and the order", () => {
    expectAnswersOfSetAndMap(names(20_000), 5000);
  });
});

describe("keys chosen to collide", () => {
  it("still find their entries, in order, once the table gives up its slots", () => {
    const expected = 5000;
    const mask = 16_383; // the slots of a table for 5,000 entries
    const colliding: string[] = [];
    for (let i = 0; colliding.length < 200; i++) if ((stringTableHash(`k${i}`) & mask) === 7) colliding.push(`k${i}`);
    expectAnswersOfSetAndMap([...names(expected - colliding.length), ...colliding], expected);
  });
});
