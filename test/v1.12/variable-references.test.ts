/**
 * v1.12's variable checks find references as Tekton's whole pattern does
 * (`\$\(<prefix>(?:\.(.*?(\[\*\])?)|\["(…)"\]|\['(…)'\])\)`, `.` short of a newline), though
 * they run only its head as a pattern, or none at all for a prefix that is plain text.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { references } from "../../src/v1.12/compile/validate-variables.js";
import { SEED } from "../support/seed.js";

/** Tekton's pattern, run whole by the backtracking engine (fine for short strings). */
function byWholePattern(value: string, prefix: string): { match: string; dotted: boolean; name: string }[] {
  const name = "([^\\n]*?(?:\\[\\*\\])?)";
  let re: RegExp;
  try {
    re = new RegExp(`\\$\\(${prefix}(?:\\.${name}|\\["${name}"\\]|\\['${name}'\\])\\)`, "g");
  } catch {
    return [];
  }
  return [...value.matchAll(re)].map((m) => ({
    match: m[0],
    dotted: m[1] !== undefined,
    name: m[1] ?? m[2] ?? m[3] ?? "",
  }));
}

const PIECES = [
  "$(params.",
  '$(params["',
  "$(params['",
  "$(context.taskRun.",
  "$(context.task.",
  "$(results.",
  "$(step.results.",
  "$(stepXresults.",
  "$(params.obj.",
  '"])',
  "'])",
  ")",
  "$(",
  "params",
  ".",
  "[",
  "]",
  "[*]",
  '"',
  "'",
  "\n",
  "\r",
  "a",
  "b.c",
  "obj",
  "(",
  "\\",
  "$",
];
const PREFIXES = [
  "params",
  "context\\.taskRun",
  "context\\.task",
  "results",
  "step.results",
  "params\\.obj",
  "params\\.a.b",
  "params\\.(",
  "params\\.x?",
];

/** Where each `$(` of `text` is (what the step-string checks pass to references). */
function dollarsOf(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf("$("); at >= 0; at = text.indexOf("$(", at + 1)) out.push(at);
  return out;
}

describe(`references (seed ${SEED})`, () => {
  test("the same as Tekton's whole pattern, for plain-text and pattern prefixes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join("")),
        fc.constantFrom(...PREFIXES),
        (value, prefix) => {
          const expected = byWholePattern(value, prefix);
          expect(references(value, prefix)).toEqual(expected);
          expect(references(value, prefix, dollarsOf(value))).toEqual(expected);
        },
      ),
      { seed: SEED, numRuns: 20_000 },
    );
  });

  test("examples", () => {
    expect(references("a $(params.x) $(params['y']) $(params[\"z[*]\"]) $(params.w[*])", "params")).toEqual([
      { match: "$(params.x)", dotted: true, name: "x" },
      { match: "$(params['y'])", dotted: false, name: "y" },
      { match: '$(params["z[*]"])', dotted: false, name: "z[*]" },
      { match: "$(params.w[*])", dotted: true, name: "w[*]" },
    ]);
    expect(references("$(params.a\n) $(paramsXa)", "params")).toEqual([]);
  });
});
