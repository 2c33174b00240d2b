/** goQuote = Go's strconv.Quote / fmt %q; expectations are what Go prints. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goQuote, isGoPrintable } from "../../src/k8s/go-quote.js";
import { SEED } from "../support/seed.js";

describe("goQuote", () => {
  it.each([
    ["", '""'],
    ["step-build", '"step-build"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["it's", `"it's"`],
    ["\u0007\b\f\n\r\t\v", '"\\a\\b\\f\\n\\r\\t\\v"'],
    ["\u0000", '"\\x00"'],
    ["\u001b[0m", '"\\x1b[0m"'],
    ["\u007f", '"\\x7f"'],
    // C1 controls and formatting characters are not printable: \u form.
    ["\u0085", '"\\u0085"'],
    ["\u00a0", '"\\u00a0"'],
    ["\u00ad", '"\\u00ad"'],
    ["\u200b", '"\\u200b"'],
    ["\u2028", '"\\u2028"'],
    ["\ufeff", '"\\ufeff"'],
    ["\u3000", '"\\u3000"'],
    ["\ue000", '"\\ue000"'],
    // Beyond the BMP: \U with eight digits.
    ["\u{e0001}", '"\\U000e0001"'],
    ["\u{10ffff}", '"\\U0010ffff"'],
    // Printable non-ASCII stays literal: letters, marks, symbols, emoji.
    ["é日本", '"é日本"'],
    ["e\u0301", '"e\u0301"'],
    ["☺😀", '"☺😀"'],
    ["\ufffd", '"\ufffd"'],
    [" ", '" "'],
    // Go's own documentation example.
    ['"Fran & Freddie\'s Diner\t☺"', '"\\"Fran & Freddie\'s Diner\\t☺\\""'],
    // A lone surrogate is rendered like the invalid UTF-8 bytes Go would hold.
    ["\ud800", '"\\xed\\xa0\\x80"'],
    ["a\udfffb", '"a\\xed\\xbf\\xbfb"'],
    ["\udbff\ud800", '"\\xed\\xaf\\xbf\\xed\\xa0\\x80"'],
  ])("quotes %j as %s", (input, expected) => {
    expect(goQuote(input)).toBe(expected);
  });

  it("knows Go's printable ASCII range", () => {
    expect(isGoPrintable(0x20)).toBe(true);
    expect(isGoPrintable(0x7e)).toBe(true);
    expect(isGoPrintable(0x1f)).toBe(false);
    expect(isGoPrintable(0x7f)).toBe(false);
  });

  it("round-trips every well-formed string through a Go unquoter (seed printed on failure)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(goUnquote(goQuote(s))).toBe(s);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("never emits raw control or non-printable characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        for (const ch of goQuote(s)) expect(isGoPrintable(ch.codePointAt(0) as number)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

/** strconv.Unquote for the escapes Quote produces (no \x: the round trip feeds well-formed text). */
function goUnquote(q: string): string {
  expect(q.startsWith('"') && q.endsWith('"')).toBe(true);
  const body = q.slice(1, -1);
  const simple: Record<string, string> = {
    a: "\u0007",
    b: "\b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
    v: "\v",
    '"': '"',
    "\\": "\\",
  };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i] as string;
    if (e in simple) out += simple[e];
    else if (e === "x") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === "u") {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e === "U") {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else throw new Error(`unknown escape \\${e}`);
  }
  return out;
}
