/**
 * A reader for the small YAML documents config maps hold (`default-pod-template`,
 * `default-task-run-workspace-binding`): block mappings and lists of plain words, such as
 *
 * ```yaml
 * nodeSelector:
 *   kubernetes.io/os: linux
 * tolerations:
 * - key: dedicated
 *   operator: Equal
 * ```
 *
 * Such text is read directly, in one pass over its lines, to exactly the value the `yaml`
 * package gives (YAML 1.2, core schema). Anything outside that narrow form — quotes, comments,
 * flow collections other than `{}` and `[]`, anchors, tags, block scalars, multi-line scalars,
 * numbers other than short integers, tabs, repeated keys — is declined with {@link NOT_SIMPLE},
 * and the caller parses the text with the full parser instead. Declining is always safe; the
 * form is kept narrow so that what is accepted is unambiguous.
 */

/** What {@link parseSimpleYaml} returns for text outside the form it reads. */
export const NOT_SIMPLE: unique symbol = Symbol("not simple YAML");

/** Nesting deeper than this is left to the full parser (this reader recurses). */
const MAX_DEPTH = 64;

/** A mapping key: a plain word, never one the core schema reads as null or a boolean, nor `__proto__`. */
const ENTRY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: +(.*))?$/;
const RESERVED_KEYS = new Set(["__proto__", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);
/**
 * A plain scalar of words: no leading indicator, `:` only inside a word (`gcr.io/x:v1`), single
 * spaces between words, no `#`. Its alternatives start with distinct characters, so matching
 * is linear.
 */
const SCALAR = /^[A-Za-z0-9_/$](?:[A-Za-z0-9_./@=+~$%-]|:(?=[A-Za-z0-9_./@=+~$%-])| (?=[A-Za-z0-9_/$]))*$/;
const SHORT_INTEGER = /^[0-9]{1,15}$/;
/** What the core schema may read as a number when it starts with a digit (left to the full parser). */
const NUMBER_LIKE = /^(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0[oOxX].*)$/;

interface Line {
  readonly indent: number;
  readonly text: string;
}

class Reader {
  next = 0;
  constructor(readonly lines: readonly Line[]) {}
}

/** Thrown inside the reader when the text leaves the form; never escapes {@link parseSimpleYaml}. */
const DECLINE = new Error("not simple YAML");

function isItem(text: string): boolean {
  return text.startsWith("- ") || text === "-";
}

function scalar(text: string): unknown {
  if (text === "{}") return {};
  if (text === "[]") return [];
  if (!SCALAR.test(text)) throw DECLINE;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    // Digits: a decimal integer (exact below 16 digits); a float, hex or octal the core schema
    // has rules of its own for; else a word such as a quantity (`250m`, `64Mi`), a string.
    if (SHORT_INTEGER.test(text)) return Number(text);
    if (NUMBER_LIKE.test(text)) throw DECLINE;
    return text;
  }
  switch (text) {
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
    case "null":
    case "Null":
    case "NULL":
      return null;
    default:
      return text;
  }
}

/** The node at `indent` starting at the reader's line, or at `inline` (the rest of a `- ` line). */
function node(reader: Reader, indent: number, depth: number, inline?: string): unknown {
  if (depth > MAX_DEPTH) throw DECLINE;
  const text = inline ?? (reader.lines[reader.next] as Line).text;
  return isItem(text) ? list(reader, indent, depth, inline) : mapping(reader, indent, depth, inline);
}

function mapping(reader: Reader, indent: number, depth: number, inline: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let text = inline ?? (reader.lines[reader.next++] as Line).text;
  for (;;) {
    const entry = ENTRY.exec(text);
    if (entry === null) throw DECLINE;
    const key = entry[1] as string;
    if (RESERVED_KEYS.has(key) || Object.hasOwn(out, key)) throw DECLINE;
    const rest = entry[2];
    let value: unknown;
    if (rest !== undefined && rest !== "") {
      value = scalar(rest);
    } else {
      const below = reader.lines[reader.next];
      if (below !== undefined && below.indent > indent) value = node(reader, below.indent, depth + 1);
      else if (below !== undefined && below.indent === indent && isItem(below.text))
        value = list(reader, indent, depth + 1, undefined);
      else throw DECLINE; // an empty value (null): rare, left to the full parser
    }
    out[key] = value;
    const after = reader.lines[reader.next];
    if (after === undefined || after.indent < indent) return out;
    if (after.indent > indent || isItem(after.text)) throw DECLINE;
    text = after.text;
    reader.next++;
  }
}

function list(reader: Reader, indent: number, depth: number, inline: string | undefined): unknown[] {
  const out: unknown[] = [];
  let text = inline ?? (reader.lines[reader.next++] as Line).text;
  for (;;) {
    if (text === "-") throw DECLINE;
    let start = 2;
    while (text.charCodeAt(start) === 32) start++;
    const rest = text.slice(start);
    if (isItem(rest)) throw DECLINE;
    // `- key: value` opens a mapping whose keys line up with this first one.
    out.push(ENTRY.test(rest) ? mapping(reader, indent + start, depth + 1, rest) : scalar(rest));
    const after = reader.lines[reader.next];
    if (after === undefined || after.indent < indent) return out;
    if (after.indent > indent) throw DECLINE;
    // A list written level with its mapping key ends where the mapping's next key begins.
    if (!isItem(after.text)) return out;
    text = after.text;
    reader.next++;
  }
}

/**
 * The value of `text` when it is a simple block mapping or list (see the module comment), the
 * same value `yaml`'s `parseDocument(text).toJS()` gives; {@link NOT_SIMPLE} for any other text.
 *
 * @example
 * ```ts
 * parseSimpleYaml("nodeSelector:\n  disk: ssd\n"); // { nodeSelector: { disk: "ssd" } }
 * parseSimpleYaml("a: 'quoted'"); // NOT_SIMPLE
 * ```
 */
export function parseSimpleYaml(text: string): unknown {
  if (/[\t\r#]/.test(text)) return NOT_SIMPLE;
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 32) end--;
    if (end === 0) continue;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    lines.push({ indent, text: raw.slice(indent, end) });
  }
  const first = lines[0];
  if (first === undefined) return NOT_SIMPLE;
  const reader = new Reader(lines);
  try {
    const value = node(reader, first.indent, 0);
    return reader.next === lines.length ? value : NOT_SIMPLE;
  } catch (error) {
    if (error === DECLINE) return NOT_SIMPLE;
    throw error;
  }
}
