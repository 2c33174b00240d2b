/**
 * The generated struct copiers (src/k8s/struct-copiers.ts) are what their generator writes, and
 * encode every object exactly as the encoder's general path does: the same keys, values and key
 * order, the same empty scalars left out, the same fallback for a key the struct does not know.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COPIED_STRUCTS, renderStructCopiers } from "../../scripts/gen-struct-copiers.mjs";
import { Rule, rulesOf } from "../../src/k8s/encoding-rules.js";
import { goStruct } from "../../src/k8s/field-order.js";
import { OutputEncoder } from "../../src/k8s/output-encoder.js";
import { STRUCT_COPIERS } from "../../src/k8s/struct-copiers.js";
import { SEED } from "../support/seed.js";

describe("struct copiers", () => {
  it("are what scripts/gen-struct-copiers.mjs writes from the field order and encoding rules", () => {
    const written = readFileSync(new URL("../../src/k8s/struct-copiers.ts", import.meta.url), "utf8");
    expect(renderStructCopiers({ goStruct, rulesOf, Rule })).toBe(written);
    expect([...STRUCT_COPIERS.keys()]).toEqual(COPIED_STRUCTS);
  });

  /** Values that meet every rule: empty and non-empty scalars, null, nested objects and lists, quantities. */
  const value = fc.oneof(
    fc.constantFrom("", "x", "1000m", "0.5Gi", false, true, 0, 1, -0, null, undefined),
    fc.constantFrom({}, [], ["a", ""], { a: "b", c: "" }, [{ name: "n", value: "" }], { "": "" }),
  );

  /** An object of `struct`: some of its fields (and maybe a key it does not know), in any order. */
  const objectOf = (struct: string) => {
    const names = goStruct(struct).fields.map((f) => f.name);
    const key = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...names) }, fc.constantFrom("unknown", "__proto__"));
    return fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 8 }).map((entries) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries)
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
  };

  const encode = (value: unknown, type: string, generalPathOnly: boolean): string =>
    JSON.stringify(new OutputEncoder({ generalPathOnly }).encode(value, type));

  it.each(COPIED_STRUCTS)("%s: the same output as the general path", (struct) => {
    fc.assert(
      fc.property(fc.array(objectOf(struct), { maxLength: 3 }), (objects) => {
        for (const object of objects) expect(encode(object, struct, false)).toBe(encode(object, struct, true));
      }),
      { numRuns: 300, seed: SEED + 43 },
    );
  });

  it("an env var's empty value is left out in a container's env list, and kept elsewhere", () => {
    fc.assert(
      fc.property(fc.array(objectOf("core.EnvVar"), { maxLength: 4 }), (env) => {
        const container = { name: "c", env, lifecycle: { preStop: { exec: { command: ["a"] } } } };
        expect(encode(container, "core.Container", false)).toBe(encode(container, "core.Container", true));
        const selector = { name: "s", value: "" };
        expect(encode({ env: [selector] }, "core.Container", false)).toBe('{"env":[{"name":"s"}]}');
      }),
      { numRuns: 200, seed: SEED + 47 },
    );
  });
});
