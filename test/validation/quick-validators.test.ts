/**
 * The shape check runs the quick validator (first error only, plain property reads) and the
 * detailed one only when it fails: the two must agree on every input, or a malformed input would
 * pass unchecked (quick says yes, detailed would say no) or a valid one be reported with no issue.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { validators as quick } from "../../src/api/generated/quick-validators.js";
import { validators as detailed } from "../../src/api/generated/validators.js";
import { loadV0201Corpora } from "../support/cases.js";

const inputs = loadV0201Corpora()
  .flatMap((corpus) => corpus.cases)
  .filter((c) => c.kind === "compile")
  .map((c) => c.input);

const agree = (value: unknown): void => {
  expect(quick.compileInput(value)).toBe(detailed.compileInput(value));
};

/** Every object and list inside `value`, with `value` itself. */
function containers(value: unknown, out: object[] = []): object[] {
  if (value === null || typeof value !== "object") return out;
  out.push(value);
  for (const child of Object.values(value)) containers(child, out);
  return out;
}

describe("the quick and the detailed input validators", () => {
  test("agree on every v0.20.1 compile case, valid or not", () => {
    expect(inputs.length).toBeGreaterThan(100);
    for (const input of inputs) agree(input);
  });

  test("agree when any field of a case is set to any JSON value", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.oneof(fc.constantFrom("name", "image", "steps", "params", "value", "type", "default"), fc.string()),
        fc.jsonValue({ maxDepth: 2 }),
        (which, where, key, value) => {
          const input = structuredClone(inputs[which % inputs.length]);
          const targets = containers(input);
          const target = targets[where % targets.length] as Record<string, unknown>;
          if (Array.isArray(target)) target[where % (target.length + 1)] = value;
          else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
          agree(input);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
