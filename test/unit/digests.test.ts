/** The library's own SHA-256 and MD5 (src/k8s/sha256.ts, md5.ts) agree with Node's on any text. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { md5Hex } from "../../src/k8s/md5.js";
import { sha256Hex } from "../../src/k8s/sha256.js";

const nodeSha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const nodeMd5 = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");

describe("sha256Hex", () => {
  it("gives the FIPS 180-4 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("agrees with node:crypto around every padding boundary", () => {
    for (let length = 0; length <= 200; length++) {
      const text = "x".repeat(length);
      expect(sha256Hex(text), `length ${length}`).toBe(nodeSha256(text));
    }
  });

  it("agrees with node:crypto on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 200 },
    );
  });

  it("encodes a lone surrogate as U+FFFD, as Node does", () => {
    for (const text of ["\uD800", "a\uDC00b", "\uDBFF\uDBFF"]) expect(sha256Hex(text)).toBe(nodeSha256(text));
  });
});

describe("md5Hex", () => {
  it("gives the RFC 1321 test vectors", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toBe(
      "57edf4a22be3c955ac49da2e2107b67a",
    );
  });

  it("agrees with node:crypto around every padding boundary and on any text", () => {
    for (let length = 0; length <= 200; length++)
      expect(md5Hex("y".repeat(length)), `length ${length}`).toBe(nodeMd5("y".repeat(length)));
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(md5Hex(text)).toBe(nodeMd5(text));
      }),
      { numRuns: 200 },
    );
  });
});
