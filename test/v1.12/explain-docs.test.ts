/**
 * docs/explain-v1.12.md lists every rule a v1.12 explanation can give, with where Tekton v1.12.2
 * applies it, exactly as src/v1.12/explain-where.ts says; and every rule the v1.12 profile gives
 * over its corpus is one of them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULE_CODES, type RuleCode } from "../../src/explain/index.js";
import { explainTaskRun } from "../../src/index.js";
import { whereInV112 } from "../../src/v1.12/explain-where.js";
import { loadV112Corpus } from "../support/cases.js";

const doc = readFileSync(new URL("../../docs/explain-v1.12.md", import.meta.url), "utf8");

/** The table's rows: rule code → its "Where in v1.12.2" cell. */
function tableRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of doc.split("\n")) {
    const match = /^\| `([a-z0-9-]+)` \| .* \| ([^|]+) \|$/.exec(line);
    if (match !== null) rows.set(match[1] as string, (match[2] as string).trim());
  }
  return rows;
}

describe("docs/explain-v1.12.md", () => {
  it("lists exactly the rules that have a v1.12.2 place, with that place", () => {
    const expected = new Map(
      RULE_CODES.filter((r) => whereInV112(r) !== undefined).map((r) => [r as string, whereInV112(r) as string]),
    );
    expect(tableRows()).toEqual(expected);
  });

  it("covers every rule the v1.12 profile gives over its corpus", () => {
    const corpus = loadV112Corpus();
    if (corpus.missing !== undefined) return;
    const used = new Set<RuleCode>();
    for (const c of corpus.cases) {
      if (c.kind !== "compile" || c.expected.pod === undefined) continue;
      const { explanation } = explainTaskRun(c.input as never, { tekton: "v1.12" });
      for (const entries of Object.values(explanation)) for (const e of entries) used.add(e.rule);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((r) => whereInV112(r) === undefined)).toEqual([]);
  });
});
