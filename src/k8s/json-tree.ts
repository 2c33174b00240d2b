/**
 * A JSON text as Go's `encoding/json` sees it before decoding into a type: numbers keep their
 * literal (Go decides per target type whether `1.0` or `1e2` fits), objects keep every member in
 * order, duplicates included (Go decodes each one in turn, so a bad duplicate still fails the
 * decode). The grammar is RFC 8259's, which both Go and `JSON.parse` enforce.
 */

/** One JSON value with its number literals and member order kept. */
export type JsonNode =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "number"; readonly literal: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | { readonly kind: "object"; readonly members: readonly (readonly [string, JsonNode])[] };

/** Parses `text`, or returns the reason it is not JSON. */
export function parseJsonTree(
  text: string,
): { readonly ok: true; readonly node: JsonNode } | { readonly ok: false; readonly error: string } {
  const parser = new Parser(text);
  parser.skipSpace();
  // Most text that is not JSON (a step's own termination log) fails at its first character:
  // told without the parser's throw, whose unwinding costs more than the rest of a fold.
  if (!mayStartValue(text.charCodeAt(parser.pos))) return { ok: false, error: parser.noValueHere() };
  try {
    const node = parser.value(0);
    parser.skipSpace();
    if (parser.pos !== text.length) parser.fail("unexpected text after the JSON value");
    return { ok: true, node };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The JSON kind of a node, in the words Go's errors use. */
export function jsonKindOf(node: JsonNode): string {
  return node.kind === "bool" ? "boolean" : node.kind;
}

const LONE_SURROGATE_SOURCE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);
const LONE_SURROGATES = new RegExp(LONE_SURROGATE_SOURCE, "g");

/** Go decodes an escaped lone surrogate as U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATES, "\ufffd");
}

/**
 * Why the text is not JSON. Thrown inside the parser only, and deliberately not an `Error`: an
 * `Error` records a stack trace, which costs more than parsing a termination message, and
 * folds meet text that is not JSON (a step's own termination log) on every Pod event.
 */
class JsonSyntaxError {
  constructor(readonly message: string) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** The two-character escapes, by the character after the backslash: `"` `\` `/` `b` `f` `n` `r` `t`. */
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x22, '"'],
  [0x5c, "\\"],
  [0x2f, "/"],
  [0x62, "\b"],
  [0x66, "\f"],
  [0x6e, "\n"],
  [0x72, "\r"],
  [0x74, "\t"],
]);
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** A run of characters a JSON string holds as they are, and that need no check for lone surrogates. */
const PLAIN_CHARACTERS = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;
// Deeper nesting is refused rather than risking the stack. Go allows 10000 levels, but the texts
// read here come from termination messages (at most 4096 bytes, so at most 2048 levels).
const MAX_DEPTH = 2048;

/**
 * The JSON string token that starts at `start` (with its `"`), decoded — lone surrogates become
 * U+FFFD, as Go decodes them — and the offset just past it; `undefined` when no valid token
 * starts there. Scanned by hand: termination messages are mostly strings, and a scan is cheaper
 * than matching a pattern. No raw control characters, only JSON's escapes.
 */
export function readJsonString(
  text: string,
  start: number,
): { readonly value: string; readonly end: number } | undefined {
  if (text.charCodeAt(start) !== 0x22 /* " */) return undefined;
  // Most strings are plain text (no escape, control character or surrogate): the engine's
  // pattern matcher finds their end faster than a loop does.
  PLAIN_CHARACTERS.lastIndex = start + 1;
  PLAIN_CHARACTERS.test(text);
  const plainEnd = PLAIN_CHARACTERS.lastIndex;
  if (text.charCodeAt(plainEnd) === 0x22 /* " */) return { value: text.slice(start + 1, plainEnd), end: plainEnd + 1 };
  // Otherwise the value is built a run of plain characters and an escape at a time.
  let value = "";
  let surrogate = false;
  let run = start + 1;
  let i = plainEnd;
  for (;;) {
    if (i >= text.length) return undefined;
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) break;
    if (c < 0x20) return undefined;
    if (c === 0x5c /* \ */) {
      value += text.slice(run, i);
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        const hex = text.slice(i + 2, i + 6);
        if (!HEX4.test(hex)) return undefined;
        const unit = Number.parseInt(hex, 16);
        if (unit >= 0xd800 && unit <= 0xdfff) surrogate = true;
        value += String.fromCharCode(unit);
        i += 6;
      } else {
        const escaped = SIMPLE_ESCAPES.get(e);
        if (escaped === undefined) return undefined;
        value += escaped;
        i += 2;
      }
      run = i;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) surrogate = true;
    i++;
  }
  value += text.slice(run, i);
  return { value: surrogate && LONE_SURROGATE.test(value) ? wellFormed(value) : value, end: i + 1 };
}

/** Whether a JSON value may start with character `c`: `{`, `[`, `"`, `-`, a digit, or the `n`, `t`, `f` of a literal. */
function mayStartValue(c: number): boolean {
  return (
    c === 0x7b ||
    c === 0x5b ||
    c === 0x22 ||
    c === 0x2d ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x6e ||
    c === 0x74 ||
    c === 0x66
  );
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at offset ${this.pos}`);
  }

  /** Why no value starts at the current position. */
  noValueHere(): string {
    const c = this.text[this.pos];
    return `${c === undefined ? "unexpected end of JSON input" : `invalid character ${JSON.stringify(c)}`} at offset ${this.pos}`;
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  // The characters a value starts with here are the ones mayStartValue lets through: change both together.
  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail("JSON nested too deeply");
    const t = this.text;
    const c = t[this.pos];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return { kind: "string", value: this.string() };
    if (t.startsWith("null", this.pos)) {
      this.pos += 4;
      return { kind: "null" };
    }
    if (t.startsWith("true", this.pos)) {
      this.pos += 4;
      return { kind: "bool", value: true };
    }
    if (t.startsWith("false", this.pos)) {
      this.pos += 5;
      return { kind: "bool", value: false };
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (m === null) throw new JsonSyntaxError(this.noValueHere());
    this.pos += m[0].length;
    return { kind: "number", literal: m[0] };
  }

  string(): string {
    const token = readJsonString(this.text, this.pos);
    if (token === undefined) this.fail("invalid string");
    this.pos = token.end;
    return token.value;
  }

  array(depth: number): JsonNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { kind: "array", items };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === "]") return { kind: "array", items };
      if (c !== ",") this.fail("expected , or ] in array");
    }
  }

  object(depth: number): JsonNode {
    this.pos++;
    const members: [string, JsonNode][] = [];
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { kind: "object", members };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail("expected a string key in object");
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail("expected : after object key");
      this.pos++;
      this.skipSpace();
      members.push([key, this.value(depth + 1)]);
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === "}") return { kind: "object", members };
      if (c !== ",") this.fail("expected , or } in object");
    }
  }
}
