/**
 * The v1.12 parameter pass reads a param under any of its four spellings (`params.<n>`,
 * `params["<n>"]`, `params['<n>']`, `inputs.params.<n>`, then `[i]` or `.<key>`) although it
 * makes the keys of the last three only when one is asked for: every lookup gives what a table
 * of all four spellings, filled in Tekton's order, gives — odd names that spell another name's
 * keys included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParamSpecV1, ParamV1, ParamValueV1 } from "../../src/v1.12/api/types.js";
import { parameterPass, paramSpellings } from "../../src/v1.12/compile/parameters.js";
import { SEED } from "../support/seed.js";

/** The tables as Tekton fills them: every spelling of every value, defaults first. */
function fullTables(specs: readonly ParamSpecV1[], params: readonly ParamV1[]) {
  const strings = new Map<string, string>();
  const arrays = new Map<string, readonly string[]>();
  const objects = new Map<string, Record<string, string>>();
  const add = (name: string, value: ParamValueV1, objectsInto: Map<string, Record<string, string>>) => {
    if (Array.isArray(value)) {
      for (const key of paramSpellings(name)) {
        for (const [i, v] of value.entries()) strings.set(`${key}[${i}]`, v);
        arrays.set(key, [...value]);
      }
    } else if (typeof value === "object") {
      for (const key of paramSpellings(name)) objectsInto.set(key, { ...value });
      for (const [k, v] of Object.entries(value)) strings.set(`params.${name}.${k}`, v);
    } else for (const key of paramSpellings(name)) strings.set(key, value);
  };
  const text = (v: ParamValueV1 | undefined) => (typeof v === "string" ? v : "");
  for (const p of specs)
    if (p.default !== undefined && !text(p.default).includes("$(params.")) add(p.name, p.default, objects);
  for (const p of specs) {
    if (p.default === undefined || !text(p.default).includes("$(params.")) continue;
    for (const match of text(p.default).match(/\$\(params\.[^)]*\)/g) ?? []) {
      for (const key of paramSpellings(match.slice("$(params.".length, -1))) {
        const value = strings.get(key);
        if (value === undefined) continue;
        for (const own of paramSpellings(p.name)) strings.set(own, text(p.default).split(match).join(value));
        break;
      }
    }
  }
  const given = new Map<string, Record<string, string>>();
  for (const p of params) add(p.name, p.value, given);
  for (const [k, v] of given) objects.set(k, { ...(objects.get(k) ?? {}), ...v });
  return { strings, arrays, objects };
}

// Names that spell parts of one another's keys: `a.b` is also object `a`'s key `b`, `a[0]`
// array `a`'s first item, and the quotes and brackets meet the other spellings' own.
const NAMES = ["a", "b", "a.b", "a[0]", 'q"', "s'", "s']", "x'][0"];
const word = fc.constantFrom("v", "w", "", "$(params.a)", "$(params.a.b)", "$(params.a[0])", "$(params.zz)");
const value: fc.Arbitrary<ParamValueV1> = fc.oneof(
  word,
  fc.array(word, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("b", "k", "0", "__proto__"), word, { maxKeys: 2 }),
);
const specs = fc.array(fc.record({ name: fc.constantFrom(...NAMES), default: fc.option(value, { nil: undefined }) }), {
  maxLength: 5,
});
const given = fc.array(fc.record({ name: fc.constantFrom(...NAMES), value }), { maxLength: 4 });

describe("v1.12 parameter pass", () => {
  it("finds every spelling of every key as a table of all four spellings does", () => {
    fc.assert(
      fc.property(specs, given, (s, p) => {
        const specList = s.map((x) => (x.default === undefined ? { name: x.name } : x)) as ParamSpecV1[];
        const pass = parameterPass(specList, p);
        const full = fullTables(specList, p);
        const probes = new Set<string>(["params.zz", "inputs.params.", "params.", "context.a", 'params["zz"]']);
        for (const table of [full.strings, full.arrays, full.objects]) for (const key of table.keys()) probes.add(key);
        for (const name of NAMES) {
          for (const key of paramSpellings(name))
            for (const tail of ["", "[0]", "[1]", ".b", ".k", "[*]"]) probes.add(key + tail);
        }
        for (const key of probes) {
          expect(pass.strings.get(key)).toEqual(full.strings.get(key));
          expect(pass.strings.has(key)).toBe(full.strings.has(key));
          expect(pass.arrays?.get(key)).toEqual(full.arrays.get(key));
          expect(pass.objects?.get(key)).toEqual(full.objects.get(key));
        }
        expect(pass.strings.size === 0).toBe(full.strings.size === 0);
      }),
      { seed: SEED + 4200, numRuns: 400 },
    );
  });
});
