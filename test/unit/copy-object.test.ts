/** The shallow copies the stages make before they add or replace fields. */
import { describe, expect, it } from "vitest";
import { copyObject, copyWith, mapShared } from "../../src/k8s/copy-object.js";

describe("copyWith", () => {
  it("is the spread of the source and the fields, in the spread's key order", () => {
    const source = { name: "p", default: "x" };
    const out = copyWith(source, { type: "string", name: "q" });
    expect(out).toEqual({ ...source, type: "string", name: "q" });
    expect(Object.keys(out)).toEqual(["name", "default", "type"]);
  });

  it("leaves the source alone and shares its values", () => {
    const nested = { a: 1 };
    const source = Object.freeze({ nested });
    const out = copyWith(source, { extra: true });
    expect(source).toEqual({ nested });
    expect(out.nested).toBe(nested);
    expect(out).not.toBe(source);
  });

  it("keeps a `__proto__` field an ordinary field", () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const out = copyWith(source, JSON.parse('{"__proto__": {"other": true}}') as object) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ other: true });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("copyObject", () => {
  it("copies own enumerable fields only", () => {
    const source = Object.create({ inherited: 1 }) as Record<string, unknown>;
    source["own"] = 2;
    expect(copyObject(source)).toEqual({ own: 2 });
  });
});

describe("mapShared", () => {
  it("returns the list itself when nothing changed, and a new list otherwise", () => {
    const list = [1, 2, 3];
    expect(mapShared(list, (x) => x)).toBe(list);
    const changed = mapShared(list, (x) => (x === 2 ? 20 : x));
    expect(changed).toEqual([1, 20, 3]);
    expect(list).toEqual([1, 2, 3]);
    expect(mapShared(undefined, (x: number) => x)).toBeUndefined();
  });
});
