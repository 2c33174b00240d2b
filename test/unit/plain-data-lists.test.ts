/** Which lists the input check takes as plain data, and what it says of the others (src/api/plain-data.ts). */
import { describe, expect, it } from "vitest";
import { checkPlainData } from "../../src/api/plain-data.js";

const messages = (value: unknown): string[] => checkPlainData({ list: value }).issues.map((i) => i.message);

describe("checkPlainData of lists", () => {
  it("takes lists that are nothing but their items", () => {
    expect(messages([])).toEqual([]);
    expect(messages(["a", 1, null, { b: [true] }])).toEqual([]);
  });
  it("refuses a list with holes or own properties besides its items", () => {
    const withProperty = ["a"];
    Object.defineProperty(withProperty, "constructor", { value: 5, enumerable: false });
    const hole = ["a", "b", "c"];
    delete hole[1];
    for (const list of [withProperty, hole, Object.assign(["a"], { map: "x" })]) {
      expect(messages(list)[0]).toMatch(/^a list with holes or with properties besides its items;/);
    }
  });
  it("names symbol-keyed properties when the list is otherwise plain", () => {
    const list = ["a"];
    Object.defineProperty(list, Symbol.iterator, { value: () => [][Symbol.iterator]() });
    expect(messages(list)[0]).toMatch(/^a list with symbol-keyed properties;/);
    const both = ["a", "b"];
    Object.defineProperty(both, Symbol.iterator, { value: () => [][Symbol.iterator]() });
    Object.defineProperty(both, "extra", { value: 1 });
    expect(messages(both)[0]).toMatch(/^a list with holes or with properties besides its items;/);
    // As many string keys as a plain list has, a hole making room for the extra one.
    const holeAndBoth = ["a", "b", "c"];
    delete holeAndBoth[1];
    Object.defineProperty(holeAndBoth, "extra", { value: 1 });
    Object.defineProperty(holeAndBoth, Symbol.iterator, { value: () => [][Symbol.iterator]() });
    expect(messages(holeAndBoth)[0]).toMatch(/^a list with holes or with properties besides its items;/);
  });
  it("refuses an array of another class", () => {
    class Steps extends Array<string> {}
    expect(messages(Steps.from(["a"]))[0]).toMatch(/^an array of another kind than a plain list;/);
  });
});
