/** The JSON tree Go's decoder sees: number literals and duplicate members kept, RFC 8259 grammar, bounded depth. */
import { describe, expect, it } from "vitest";
import { goJsonString, goJsonStringSinceGo122 } from "../../src/k8s/go-json.js";
import { parseJsonTree } from "../../src/k8s/json-tree.js";

describe("parseJsonTree", () => {
  it("keeps number literals as written and every member in order", () => {
    expect(parseJsonTree(' {"t":1.0,"t":1e2,"s":"\\ud800x"} ')).toEqual({
      ok: true,
      node: {
        kind: "object",
        members: [
          ["t", { kind: "number", literal: "1.0" }],
          ["t", { kind: "number", literal: "1e2" }],
          ["s", { kind: "string", value: "\ufffdx" }],
        ],
      },
    });
  });

  it("says where a text that is no JSON value fails, at its first character or further in", () => {
    expect(parseJsonTree("done\n")).toEqual({ ok: false, error: 'invalid character "d" at offset 0' });
    expect(parseJsonTree(" \n\ud800")).toEqual({ ok: false, error: 'invalid character "\\ud800" at offset 2' });
    expect(parseJsonTree("  ")).toEqual({ ok: false, error: "unexpected end of JSON input at offset 2" });
    expect(parseJsonTree("[1,x]")).toEqual({ ok: false, error: 'invalid character "x" at offset 3' });
    expect(parseJsonTree("[1,")).toEqual({ ok: false, error: "unexpected end of JSON input at offset 3" });
    expect(parseJsonTree("fail")).toEqual({ ok: false, error: 'invalid character "f" at offset 0' });
  });

  it("accepts exactly what JSON.parse accepts", () => {
    const texts = [
      "[1,]",
      "01",
      "-",
      '"\u0001"',
      "[true,false,null]",
      "{}",
      " [ ] ",
      "1 2",
      "nul",
      '{"a" 1}',
      "\ufeff[]",
      "[1e5,-0.5E-3]",
    ];
    for (const text of texts) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(parseJsonTree(text).ok, text).toBe(valid);
    }
  });

  it("refuses nesting deeper than a 4 KiB message can hold, without exhausting the stack", () => {
    expect(parseJsonTree(`${"[".repeat(2048)}${"]".repeat(2048)}`).ok).toBe(true);
    expect(parseJsonTree(`${"[".repeat(100_000)}${"]".repeat(100_000)}`).ok).toBe(false);
  });
});

describe("Go JSON string encoding by toolchain", () => {
  it("writes \\b and \\f short forms from Go 1.22 on only", () => {
    expect(goJsonString("a\bb\fc")).toBe('"a\\u0008b\\u000cc"');
    expect(goJsonStringSinceGo122("a\bb\fc<\u2028")).toBe('"a\\bb\\fc\\u003c\\u2028"');
  });
});
