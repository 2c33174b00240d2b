/** Which lists the input check takes as plain data, and what it says of the others (src/api/plain-data.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlainData } from "../../src/api/plain-data.js";
import { SEED } from "../support/seed.js";

const messages = (value: unknown): string[] => checkPlainData({ list: value }).issues.map((i) => i.message);
const HOLES_OR_PROPERTIES = /^a list with holes or with properties besides its items;/;
const SYMBOL_KEYED = /^a list with symbol-keyed properties;/;
/** Names no list method, no conversion to text and no JSON.stringify reads on a list. */
const UNREAD = ["extra", "0x", "-1"];
const hidden = (list: unknown[], key: string | symbol, value: unknown = 1): void => {
  Object.defineProperty(list, key, { value, enumerable: false, writable: true, configurable: true });
};

describe("checkPlainData of lists", () => {
  it("takes lists that are nothing but their items", () => {
    expect(messages([])).toEqual([]);
    expect(messages(["a", 1, null, { b: [true] }])).toEqual([]);
  });
  it("refuses a list with holes or own properties besides its items", () => {
    const withProperty = ["a"];
    hidden(withProperty, "constructor", 5);
    const hole = ["a", "b", "c"];
    delete hole[1];
    for (const list of [withProperty, hole, Object.assign(["a"], { map: "x" }), Object.assign(["a"], { extra: 1 })]) {
      expect(messages(list)[0]).toMatch(HOLES_OR_PROPERTIES);
    }
  });
  it("lets be a non-enumerable property under a name nothing reads, and a non-enumerable item", () => {
    const extra = ["a", "b"];
    hidden(extra, "extra");
    const item = ["a", "b"];
    hidden(item, "1", "b");
    expect(messages(extra)).toEqual([]);
    expect(messages(item)).toEqual([]);
  });
  it("names symbol-keyed properties when the list is otherwise plain", () => {
    const list = ["a"];
    hidden(list, Symbol.iterator, () => [][Symbol.iterator]());
    expect(messages(list)[0]).toMatch(SYMBOL_KEYED);
    const both = ["a", "b"];
    hidden(both, Symbol.iterator, () => [][Symbol.iterator]());
    hidden(both, "toJSON", () => "x");
    expect(messages(both)[0]).toMatch(HOLES_OR_PROPERTIES);
    // As many string keys as a plain list has, a hole making room for the extra one.
    const holeAndBoth = ["a", "b", "c"];
    delete holeAndBoth[1];
    hidden(holeAndBoth, "extra");
    hidden(holeAndBoth, Symbol.iterator, () => [][Symbol.iterator]());
    expect(messages(holeAndBoth)[0]).toMatch(HOLES_OR_PROPERTIES);
  });
  it("refuses an array of another class", () => {
    class Steps extends Array<string> {}
    expect(messages(Steps.from(["a"]))[0]).toMatch(/^an array of another kind than a plain list;/);
  });

  it("answers the same for a list of any length (long ones are checked without listing their keys)", () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant("hole" as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant("property" as const),
        name: fc.constantFrom("extra", "map", "constructor", "toJSON", "valueOf", "__proto__", "join", "0x", "-1"),
        enumerable: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("symbol" as const), enumerable: fc.boolean() }),
      fc.record({ kind: fc.constant("hidden item" as const), at: fc.nat() }),
    );
    const lengths = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 60, max: 200 }));
    fc.assert(
      fc.property(lengths, fc.array(change, { maxLength: 3 }), (length, changes) => {
        const list: unknown[] = Array.from({ length }, (_, i) => `item-${i}`);
        let holes = false;
        let symbols = false;
        // A name defined again keeps its last definition.
        const properties = new Map<string, boolean>();
        for (const c of changes) {
          if (c.kind === "hole" && length > 0) {
            delete list[c.at % length];
            holes = true;
          } else if (c.kind === "hidden item" && length > 0) {
            const at = c.at % length;
            if (Object.hasOwn(list, at)) hidden(list, String(at), list[at]);
          } else if (c.kind === "property") {
            Object.defineProperty(list, c.name, { value: 1, enumerable: c.enumerable, configurable: true });
            properties.set(c.name, c.enumerable);
          } else if (c.kind === "symbol") {
            Object.defineProperty(list, Symbol(`s${length}`), { value: 1, enumerable: c.enumerable });
            symbols = true;
          }
        }
        const readable = [...properties].some(([name, enumerable]) => enumerable || !UNREAD.includes(name));
        const found = messages(list);
        if (holes || readable) expect(found[0]).toMatch(HOLES_OR_PROPERTIES);
        else if (symbols) expect(found[0]).toMatch(SYMBOL_KEYED);
        else expect(found).toEqual([]);
      }),
      { numRuns: 1000, seed: SEED + 41 },
    );
  });
});
