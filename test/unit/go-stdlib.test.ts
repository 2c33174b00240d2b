/** The Go standard-library behaviours the Pod and the TaskRun status show (src/k8s/go-*.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeGoBase64,
  encodeGoBase64,
  encodeTextGoBase64,
  encodeTextGoBase64Portably,
} from "../../src/k8s/go-base64.js";
import { goJsonString } from "../../src/k8s/go-json.js";
import { parseGoBool, parseGoUint32 } from "../../src/k8s/go-strconv.js";
import { equalFold, goToUpper } from "../../src/k8s/go-strings.js";

const bytes = (s: string): number[] => [...decodeGoBase64(s)];

describe("goJsonString (encoding/json, Go 1.15)", () => {
  it.each([
    ["plain", '"plain"'],
    ['q"b\\', '"q\\"b\\\\"'],
    ["a<b>&c", '"a\\u003cb\\u003e\\u0026c"'],
    ["\n\r\t", '"\\n\\r\\t"'],
    ["\b\f\u0001\u001f", '"\\u0008\\u000c\\u0001\\u001f"'],
    ["\u2028\u2029", '"\\u2028\\u2029"'],
    ["é😀", '"é😀"'],
    ["\ud800x", '"\ufffdx"'],
    ["\u007f", '"\u007f"'],
  ])("%j", (input, expected) => {
    expect(goJsonString(input)).toBe(expected);
  });

  // Go's decoder turns an unpaired `\ud800` escape, or bytes that are not UTF-8, into U+FFFD,
  // which json.Marshal then writes as the character: a decoded message re-marshals without escape.
  it("writes a lone surrogate from decoded JSON as the U+FFFD Go decoded it to", () => {
    for (const message of ['["\\ud800"]', '["\ud800"]', '["a\\udfffb"]']) {
      const [decoded] = JSON.parse(message) as [string];
      expect(goJsonString(decoded)).toBe(`"${decoded.replace(/[\ud800-\udfff]/g, "\ufffd")}"`);
      expect(goJsonString(decoded)).not.toContain("\\u");
    }
  });
});

describe("decodeGoBase64 (StdEncoding, errors ignored)", () => {
  it("decodes padded input, skipping newlines", () => {
    expect(bytes("aGVs\nbG8=")).toEqual([...Buffer.from("hello")]);
    expect(bytes("aGk=")).toEqual([...Buffer.from("hi")]);
    expect(bytes("aA==")).toEqual([...Buffer.from("h")]);
  });
  it("keeps the complete quanta before an error", () => {
    expect(bytes("aGVsbG8")).toEqual([...Buffer.from("hel")]);
    expect(bytes("aGVs!!!!")).toEqual([...Buffer.from("hel")]);
    expect(bytes("dGVzdC10b2tlbg")).toEqual([...Buffer.from("test-toke")]);
    expect(bytes("aGk=garbage")).toEqual([...Buffer.from("hi")]);
    expect(bytes("a===")).toEqual([]);
  });
  it("round-trips through encodeGoBase64", () => {
    for (const s of ["", "a", "ab", "abc", "abcd", "\u00ff\u0000"]) {
      const raw = Uint8Array.from(Buffer.from(s, "latin1"));
      expect(decodeGoBase64(encodeGoBase64(raw))).toEqual(raw);
      expect(encodeGoBase64(raw)).toBe(Buffer.from(raw).toString("base64"));
    }
  });
  it("encodes any bytes as the standard padded alphabet", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        expect(encodeGoBase64(raw)).toBe(Buffer.from(raw).toString("base64"));
      }),
    );
  });
});

describe("encodeTextGoBase64 (base64 of the text's UTF-8 bytes)", () => {
  // A lone surrogate is written as U+FFFD, as Go's JSON decoding hands such text to Go.
  const texts = ["", "echo hi\n", "caf\u00e9", "\u{1f680} launch", "\ud800 lone", "end \udc00", "\u0000\u007f\u0080"];
  it.each(texts)("encodes %j as Go encodes []byte(text)", (text) => {
    const expected = Buffer.from(text.replace(/\p{Surrogate}/gu, "\ufffd"), "utf8").toString("base64");
    expect(encodeTextGoBase64(text)).toBe(expected);
    expect(encodeTextGoBase64Portably(text)).toBe(expected);
  });
  it("gives the same text with and without Node's Buffer, for any text", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        expect(encodeTextGoBase64(text)).toBe(encodeTextGoBase64Portably(text));
      }),
    );
  });
});

describe("strconv and strings", () => {
  it("parses Go booleans", () => {
    expect(["1", "t", "TRUE", "True", "0", "F", "false", "yes", ""].map(parseGoBool)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      undefined,
      undefined,
    ]);
  });
  it("parses 32-bit unsigned decimals only", () => {
    expect(["0", "50", "4294967295", "4294967296", "-1", "+1", "0x10", "1_0", ""].map(parseGoUint32)).toEqual([
      0,
      50,
      4294967295,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
  it("folds case rune by rune", () => {
    expect(equalFold("sslverify", "SSLVerify")).toBe(true);
    expect(equalFold("\u212a", "k")).toBe(true);
    expect(equalFold("\u017fslverify", "SSLVerify")).toBe(true);
    expect(equalFold("ß", "ss")).toBe(false);
    expect(equalFold("url", "uri")).toBe(false);
    expect(goToUpper("token-ß")).toBe("TOKEN-ß");
  });
});
