/**
 * What the CLI and the playground share to put an explanation beside a Pod printed as YAML:
 * every line of the printed text names the fields it shows, by the same JSON pointers the
 * explanation is keyed by, and an issue path (an entry's `from`) reads back into segments.
 */
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDocument } from "../../src/cli/render.js";
import { formatPath, type PathSegment, parsePath } from "../../src/errors.js";
import { toPointer } from "../../src/explain/pointer.js";
import { explanationUnder, yamlLineFields } from "../../src/explain/yaml-lines.js";
import { explainTaskRun } from "../../src/index.js";
import { readFixture } from "../../src/testing/index.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** The pointer of every node below `value` (placed at `base`), parents first. */
function nodePointers(value: unknown, base: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string): void => {
    const children: [string, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [String(i), v])
      : typeof node === "object" && node !== null
        ? Object.entries(node)
        : [];
    for (const [key, child] of children) {
      const pointer = `${at}/${toPointer([key]).slice(1)}`;
      out.push(pointer);
      walk(child, pointer);
    }
  };
  walk(value, base);
  return out;
}

describe("yamlLineFields", () => {
  it("names, for each line, the entry or item it starts and the string it continues", () => {
    const text = renderDocument(
      {
        kind: "Pod",
        spec: { containers: [{ name: "a", args: ["-c", "one\ntwo\n"], env: [] }, "x"] },
      },
      "yaml",
    );
    const lines = text.split("\n");
    const fields = yamlLineFields(text, "/pod");
    expect(fields.length).toBe(lines.length);
    const shown = lines.map((line, i) => [line, fields[i]?.map((f) => f.pointer)]);
    expect(shown).toEqual([
      ["kind: Pod", ["/pod/kind"]],
      ["spec:", ["/pod/spec"]],
      ["  containers:", ["/pod/spec/containers"]],
      ["    - name: a", ["/pod/spec/containers/0", "/pod/spec/containers/0/name"]],
      ["      args:", ["/pod/spec/containers/0/args"]],
      ["        - -c", ["/pod/spec/containers/0/args/0"]],
      ["        - |", ["/pod/spec/containers/0/args/1"]],
      ["          one", ["/pod/spec/containers/0/args/1"]],
      ["          two", ["/pod/spec/containers/0/args/1"]],
      ["      env: []", ["/pod/spec/containers/0/env"]],
      ["    - x", ["/pod/spec/containers/1"]],
      ["", []],
    ]);
    expect(fields[3]?.[1]?.segments).toEqual(["spec", "containers", 0, "name"]);
  });

  it("gives every node of any printed document exactly one first line, in document order", () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom("on", "yes", "~", "null", "<<", "0o17", "1e3", "a/b", "a~b", "- x", "#c", "tekton.dev/task"),
    );
    const leaf = fc.oneof(
      fc.string(),
      fc.constantFrom("yes", "", "multi\nline\n", "  lead", "trail  \n", "0x1F", "|", "null"),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("tree"), { maxLength: 4 }),
        fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), (value) => {
        const text = renderDocument(value, "yaml");
        const starts: string[] = [];
        const seen = new Set<string>();
        for (const line of yamlLineFields(text, "/pod")) {
          for (const { pointer } of line) if (!seen.has(pointer)) starts.push(pointer);
          for (const { pointer } of line) seen.add(pointer);
        }
        expect(starts).toEqual(nodePointers(value, "/pod"));
      }),
      { numRuns: 150 },
    );
  });

  it("puts every explained field of a real Pod on a line that shows it", () => {
    const input = readFixture(join(ROOT, "fixtures", "examples", "pod-template.yaml"));
    const { pod, explanation } = explainTaskRun(input);
    const text = renderDocument(pod, "yaml");
    const shown = new Set(yamlLineFields(text, "/pod").flatMap((line) => line.map((f) => f.pointer)));
    const explained = Object.keys(explanation).filter((p) => p.startsWith("/pod/"));
    expect(explained.length).toBeGreaterThan(20);
    expect(explained.filter((p) => !shown.has(p))).toEqual([]);
  });

  it("refuses text that is not one YAML document", () => {
    expect(() => yamlLineFields("a: [", "")).toThrow(/not one YAML document/);
  });
});

describe("explanationUnder", () => {
  it("keeps the entries at a pointer and below it, not those of a sibling sharing its prefix", () => {
    const entry = { rule: "copied", note: "n" } as const;
    const explanation = { "/pod/a": [entry], "/pod/a/0": [entry], "/pod/ab": [entry], "/pod/b": [entry] };
    expect(Object.keys(explanationUnder(explanation, "/pod/a"))).toEqual(["/pod/a", "/pod/a/0"]);
  });
});

describe("parsePath", () => {
  it("reads back what formatPath writes", () => {
    const segment = fc.oneof(fc.nat(), fc.string({ maxLength: 200 }), fc.constantFrom("a-b", "$x", "tekton.dev/task"));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => /^[A-Za-z_$][\w$-]*$/.test(s)),
        fc.array(segment),
        (first, rest) => {
          const segments: PathSegment[] = [first, ...rest];
          expect(parsePath(formatPath(segments))).toEqual(segments);
        },
      ),
    );
    expect(parsePath("taskRun.spec.params[1].value")).toEqual(["taskRun", "spec", "params", 1, "value"]);
    expect(parsePath('imageEntrypoints["ubuntu:22.04"]')).toEqual(["imageEntrypoints", "ubuntu:22.04"]);
    expect(parsePath("config.defaults.default-timeout-minutes")).toEqual([
      "config",
      "defaults",
      "default-timeout-minutes",
    ]);
  });

  it("says undefined for anything else", () => {
    for (const text of ["", "a..b", "a b", "a[01]", "[x]", 'a["unterminated]', "a.", "a[1]b"])
      expect(parsePath(text), text).toBeUndefined();
  });
});
