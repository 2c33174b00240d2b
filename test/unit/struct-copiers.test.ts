/**
 * The generated struct copiers (src/k8s/struct-copiers.ts) are what their generator writes, and
 * encode every object exactly as the encoder's general path does: the same keys, values and key
 * order, the same empty scalars left out, the same fallback for a key the struct does not know,
 * and no object shared with the input.
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

/** Every object and list inside `value`, itself included. */
function objectsIn(value: unknown, out = new Set<object>()): Set<object> {
  if (value !== null && typeof value === "object" && !out.has(value)) {
    out.add(value);
    for (const v of Object.values(value)) objectsIn(v, out);
  }
  return out;
}

/** The keys of every object inside `value`, in order, as one list (the order Go writes them in). */
function keyOrder(value: unknown): string[] {
  return [...objectsIn(value)].flatMap((o) => (Array.isArray(o) ? [] : ["{", ...Object.keys(o), "}"]));
}

/** Encodes `value` both ways and holds them equal: values (-0, undefined fields), key order, nothing of the input shared. */
function expectSameEncoding(value: unknown, type: string): void {
  const copied = new OutputEncoder().encode(value, type);
  const general = new OutputEncoder({ generalPathOnly: true }).encode(value, type);
  expect(copied).toStrictEqual(general);
  expect(keyOrder(copied)).toEqual(keyOrder(general));
  const input = objectsIn(value);
  for (const o of objectsIn(copied)) expect(input.has(o)).toBe(false);
}

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
        Object.defineProperty(out, k, {
          value: structuredClone(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    });
  };

  it.each(COPIED_STRUCTS)("%s: the same output as the general path", (struct) => {
    fc.assert(
      fc.property(fc.array(objectOf(struct), { maxLength: 3 }), (objects) => {
        for (const object of objects) expectSameEncoding(object, struct);
      }),
      { numRuns: 300, seed: SEED + 43 },
    );
  });

  it("an env var's empty value is left out in a container's env list, and kept elsewhere", () => {
    // The lifecycle is a struct without a copier, inside one with.
    fc.assert(
      fc.property(fc.array(objectOf("core.EnvVar"), { maxLength: 4 }), (env) => {
        expectSameEncoding({ name: "c", env, lifecycle: { preStop: { exec: { command: ["a"] } } } }, "core.Container");
      }),
      { numRuns: 200, seed: SEED + 47 },
    );
    const encoder = new OutputEncoder();
    expect(encoder.encode({ env: [{ name: "s", value: "" }] }, "core.Container")).toEqual({ env: [{ name: "s" }] });
    expect(encoder.encode({ name: "s", value: "" }, "core.EnvVar")).toEqual({ name: "s", value: "" });
  });

  it("take a part encoded before as it is, as the general path does", () => {
    const encoder = new OutputEncoder();
    const container = encoder.encode(
      { name: "step-a", image: "alpine", volumeMounts: [{ name: "v", mountPath: "/v" }] },
      "core.Container",
    );
    const pod = encoder.encode({ spec: { containers: [container] } }, "core.Pod");
    expect(pod.spec.containers[0]).toBe(container);
  });

  it("are left unused while Object.prototype has an enumerable property, which the general path does not take as a field", () => {
    const withoutName = { image: "alpine" };
    Object.defineProperty(Object.prototype, "name", {
      value: "inherited",
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      expect(new OutputEncoder().encode(withoutName, "core.Container")).toEqual({ image: "alpine" });
    } finally {
      delete (Object.prototype as { name?: unknown }).name;
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
