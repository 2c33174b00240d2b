/**
 * The direct reader of simple config YAML must give exactly what the full parser gives (values
 * and key order) for every text it accepts, and must decline what it cannot read exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { NOT_SIMPLE, parseSimpleYaml } from "../../src/input/simple-yaml.js";
import { findDuplicateKey } from "../../src/input/yaml-keys.js";
import { SEED } from "../support/seed.js";

/** The full parser as the config reader uses it; `"invalid"` for text it refuses. */
function fullParse(text: string): unknown {
  try {
    const document = parseDocument(text, { uniqueKeys: false });
    if (document.errors.length > 0 || findDuplicateKey(document) !== undefined) return "invalid";
    return document.toJS({ maxAliasCount: 100 });
  } catch {
    return "invalid";
  }
}

/** Same value, same key order: JSON text compares both. */
function expectSame(text: string): void {
  const simple = parseSimpleYaml(text);
  if (simple === NOT_SIMPLE) return;
  expect(JSON.stringify(simple), text).toBe(JSON.stringify(fullParse(text)));
  expect(simple, text).toStrictEqual(fullParse(text));
}

/** Words from both sides of every rule the reader applies. */
const WORDS = [
  "linux",
  "Equal",
  "NoSchedule",
  "kubernetes.io/os",
  "gcr.io/x:v1",
  "http://example.com/a",
  "a b",
  "a  b",
  "a #b",
  "a:b",
  "a: b",
  "a:",
  "1001",
  "0",
  "007",
  "1e3",
  "0x1F",
  "0o17",
  "1Gi",
  "500m",
  "250m",
  "2.5Gi",
  "1e+3",
  "1E3",
  "1.",
  "12.3.4",
  "0X1f",
  "0b11",
  "1_000",
  "12:30",
  "1.5",
  ".5",
  ".inf",
  "-1",
  "+1",
  "1234567890123456",
  "123456789012345",
  "true",
  "True",
  "TRUE",
  "tRue",
  "false",
  "FALSE",
  "yes",
  "on",
  "null",
  "Null",
  "~",
  "",
  "{}",
  "[]",
  "{ }",
  "[a]",
  "'q'",
  '"q"',
  "&a x",
  "*a",
  "!!str 1",
  "|",
  ">",
  "%x",
  "@x",
  "$(params.x)",
  "a=b",
  "__proto__",
  "-",
  "- x",
  "?",
  "x,y",
];

/** Mostly words the reader accepts, so that generated documents are often read whole. */
const word = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.constantFrom("linux", "Equal", "a b", "gcr.io/x:v1", "1001", "true", "FALSE", "{}", "[]"),
  },
  { weight: 1, arbitrary: fc.constantFrom(...WORDS) },
);
const key = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom("a", "b", "c", "nodeSelector", "kubernetes.io/os", "x_y") },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "true", "null", "1", "a b", "-a", "a:b") },
  { weight: 1, arbitrary: word },
);

type Tree = string | { readonly map: [string, Tree][] } | { readonly list: Tree[] };
/** Small documents, lists mostly of words and mappings (a list directly in a list is declined). */
function treeOf(depth: number): fc.Arbitrary<Tree> {
  const map = (value: fc.Arbitrary<Tree>): fc.Arbitrary<Tree> =>
    fc.record({ map: fc.uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength: 4, selector: ([k]) => k }) });
  const list = (item: fc.Arbitrary<Tree>): fc.Arbitrary<Tree> =>
    fc.record({ list: fc.array(item, { minLength: 1, maxLength: 3 }) });
  if (depth === 0) return word;
  const below = treeOf(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: word },
    { weight: 3, arbitrary: map(below) },
    {
      weight: 2,
      arbitrary: list(
        fc.oneof({ weight: 5, arbitrary: word }, { weight: 5, arbitrary: map(below) }, { weight: 1, arbitrary: below }),
      ),
    },
  );
}
const tree = treeOf(3);
/** A document: a mapping or a list at the top. */
const documentTree: fc.Arbitrary<Tree> = fc.oneof(
  fc.record({ map: fc.uniqueArray(fc.tuple(key, tree), { minLength: 1, maxLength: 5, selector: ([k]) => k }) }),
  fc.record({ list: fc.array(tree, { minLength: 1, maxLength: 4 }) }),
);

/** Block YAML of `t` at `indent`, lists level with their key when `compact`. */
function render(t: Tree, indent: number, compact: boolean): string[] {
  const pad = " ".repeat(indent);
  if (typeof t === "string") return [`${pad}${t}`];
  if ("map" in t) {
    return t.map.flatMap(([k, v]) => {
      if (typeof v === "string") return [`${pad}${k}: ${v}`];
      const childIndent = "list" in v && compact ? indent : indent + 2;
      return [`${pad}${k}:`, ...render(v, childIndent, compact)];
    });
  }
  return t.list.flatMap((v) => {
    const lines = render(v, indent + 2, compact);
    const first = lines[0] ?? "";
    return [`${pad}- ${first.slice(indent + 2)}`, ...lines.slice(1)];
  });
}

describe("parseSimpleYaml", () => {
  it("reads the config values of the conformance cases", () => {
    expect(parseSimpleYaml("emptyDir: {}\n")).toStrictEqual({ emptyDir: {} });
    const template = "nodeSelector:\n  workload: tekton\ntolerations:\n- key: workload\n  operator: Equal\n";
    expect(parseSimpleYaml(template)).toStrictEqual({
      nodeSelector: { workload: "tekton" },
      tolerations: [{ key: "workload", operator: "Equal" }],
    });
    expect(parseSimpleYaml("securityContext:\n  runAsNonRoot: true\n  runAsUser: 1001\n")).toStrictEqual({
      securityContext: { runAsNonRoot: true, runAsUser: 1001 },
    });
  });

  it("reads quantities that start with a digit as strings, as the full parser does", () => {
    const text = "requests:\n  cpu: 250m\n  memory: 2.5Gi\n  storage: 64Mi\n";
    expect(parseSimpleYaml(text)).toStrictEqual({ requests: { cpu: "250m", memory: "2.5Gi", storage: "64Mi" } });
    expect(parseSimpleYaml(text)).toStrictEqual(fullParse(text));
  });

  it("declines what it does not read exactly", () => {
    for (const text of [
      "",
      "a: 'x'",
      "a: 1e3",
      "a: 1E3",
      "a: 0X1f",
      "a: 1.5",
      "a: x # c",
      "a:\n",
      "a: 1\na: 2",
      "__proto__: {}",
      "a: b\n  c",
      "a: |\n  x",
      "a: [x]",
      "---\na: 1",
    ]) {
      expect(parseSimpleYaml(text), text).toBe(NOT_SIMPLE);
    }
  });

  it("gives the full parser's value for generated block YAML", () => {
    fc.assert(
      fc.property(documentTree, fc.boolean(), fc.integer({ min: 0, max: 3 }), (t, compact, indent) => {
        expectSame(render(t, indent, compact).join("\n"));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("gives the full parser's value for generated YAML with one character changed", () => {
    fc.assert(
      fc.property(
        documentTree,
        fc.boolean(),
        fc.nat(),
        fc.constantFrom(" ", "-", ":", "\n", "#", "\t", "a", "1", "{", "}", "'", "", "  "),
        (t, compact, at, insert) => {
          const text = render(t, 0, compact).join("\n");
          const i = at % (text.length + 1);
          expectSame(text.slice(0, i) + insert + text.slice(i));
          expectSame(text.slice(0, i) + insert + text.slice(i + 1));
        },
      ),
      { seed: SEED + 1, numRuns: 3000 },
    );
  });

  it("declines deep nesting instead of recursing without bound", () => {
    const deep = `${Array.from({ length: 5000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} x`;
    expect(parseSimpleYaml(deep)).toBe(NOT_SIMPLE);
  });
});
