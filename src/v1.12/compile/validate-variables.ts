/**
 * The variable-reference checks of Tekton v1.12's admission (pkg/substitution/substitution.go):
 * which `$(prefix.name)` / `$(prefix["name"])` / `$(prefix['name'])` references a string holds,
 * whether each names something declared, and whether an array or object is referenced where
 * only a string fits. Each check answers with Tekton's message, or undefined when the string
 * passes; callers attach the path.
 *
 * Tekton builds its patterns from a prefix that is itself a regular expression (`params`,
 * `context\.taskRun`, `step.results` with an unescaped `.`, `params\.<name>` with the name
 * unescaped); we build ours the same way so that the same strings match.
 */
import { goQuote } from "../../k8s/go-quote.js";

/**
 * Tekton's pattern is `\$\(<prefix>(?:\.(?P<var1>.*?(\[\*\])?)|\["(?P<var2>…)"\]|\['(?P<var3>…)'\])\)`:
 * after the head (`$(`, the prefix and `.`, `["` or `['`) the name runs lazily, within the
 * line, to the first `)`, `"])` or `'])` respectively. Go's regexp engine finds those matches in
 * linear time; a backtracking engine given the same pattern rescans the rest of the line from
 * every head that has no terminator, which is quadratic in a line of heads. So only the head is
 * a regular expression here, and the terminators are found by a forward search that never scans
 * the same stretch twice.
 */
function headPattern(prefix: string): string {
  return `\\$\\(${prefix}(?:\\.|\\["|\\[')`;
}

/** A prefix's compiled head pattern, and the text every match of it starts with. */
interface Head {
  readonly re: RegExp;
  /** `$(` and the prefix's leading literal characters (`$(params`, `$(context.taskRun`). */
  readonly literal: string;
  /**
   * Whether `literal` is the whole prefix (`params`, `context\.taskRun`, not `step.results`):
   * a head is then that text followed by an opener, found by `indexOf` without the pattern.
   */
  readonly whole: boolean;
}

const heads = new Map<string, Head | null>();

/**
 * The literal text a prefix's matches start with: its leading word characters and escaped dots,
 * up to the first other regular-expression character (`step.results` gives `step`, as its `.`
 * matches any character) or a character a quantifier makes optional. A string without `$(` and
 * that text holds no reference, which one `includes` tells far faster than the pattern. `whole`
 * when the text stands for the entire prefix.
 */
function literalStart(prefix: string): { text: string; whole: boolean } {
  // An alternation splits the whole pattern, so no text is certain.
  if (prefix.includes("|")) return { text: "", whole: false };
  let out = "$(";
  let i = 0;
  while (i < prefix.length) {
    const escapedDot = prefix[i] === "\\" && prefix[i + 1] === ".";
    const next = i + (escapedDot ? 2 : 1);
    if (!escapedDot && !/[A-Za-z0-9_-]/.test(prefix[i] as string)) break;
    if (/[?*+{]/.test(prefix[next] ?? "")) break;
    out += escapedDot ? "." : prefix[i];
    i = next;
  }
  return { text: out, whole: i === prefix.length };
}

/**
 * The compiled head for a prefix, made once per prefix (a check that reads many strings looks it
 * up once); null when the prefix does not compile (Tekton then finds nothing).
 */
export function referenceHead(prefix: string): ReferenceHead {
  let head = heads.get(prefix);
  if (head === undefined) {
    try {
      const start = literalStart(prefix);
      head = { re: new RegExp(headPattern(prefix), "g"), literal: start.text, whole: start.whole };
    } catch {
      head = null;
    }
    // Prefixes include param names, so the compiled heads are kept for a few only.
    if (heads.size >= 256) heads.clear();
    heads.set(prefix, head);
  }
  return head;
}

/** A reference Tekton found: the whole match and the name in it. */
export interface Reference {
  readonly match: string;
  readonly dotted: boolean;
  readonly name: string;
}

/**
 * `indexOf` of each terminator (`)`, `"])`, `'])`) and of the line's end in `text`, each
 * remembering its last answer so that rising starts scan the text once. One object with a pair
 * of fields per search: an object per search, kept in a record by opener, cost more to make than
 * the scan of a short string takes.
 */
class NameEnds {
  #dotFrom = Number.POSITIVE_INFINITY;
  #dot = -1;
  #doubleFrom = Number.POSITIVE_INFINITY;
  #double = -1;
  #singleFrom = Number.POSITIVE_INFINITY;
  #single = -1;
  #lineFrom = Number.POSITIVE_INFINITY;
  #line = -1;
  constructor(readonly text: string) {}

  /** Where the terminator of `opener` first stands at or after `from`, or -1. */
  terminator(opener: Opener, from: number): number {
    if (opener === ".") {
      if (!(from >= this.#dotFrom && (this.#dot === -1 || this.#dot >= from))) {
        this.#dotFrom = from;
        this.#dot = this.text.indexOf(")", from);
      }
      return this.#dot;
    }
    if (opener === '["') {
      if (!(from >= this.#doubleFrom && (this.#double === -1 || this.#double >= from))) {
        this.#doubleFrom = from;
        this.#double = this.text.indexOf('"])', from);
      }
      return this.#double;
    }
    if (!(from >= this.#singleFrom && (this.#single === -1 || this.#single >= from))) {
      this.#singleFrom = from;
      this.#single = this.text.indexOf("'])", from);
    }
    return this.#single;
  }

  /** Where the first newline at or after `from` is, or -1. */
  lineEnd(from: number): number {
    if (!(from >= this.#lineFrom && (this.#line === -1 || this.#line >= from))) {
      this.#lineFrom = from;
      this.#line = this.text.indexOf("\n", from);
    }
    return this.#line;
  }
}

/** What opens a reference's name; `)` ends it after `.`, `"])` after `["`, `'])` after `['`. */
type Opener = "." | '["' | "['";

/**
 * Where the head that starts at or after `from` ends (its opener included), with the opener; the
 * head's own start in `found.start`. Undefined when there is none. A whole-literal head is its
 * text and an opener, found by `indexOf` (the same first match the pattern gives: its three
 * openers differ in their first two characters); otherwise the pattern is run.
 */
function nextHead(value: string, head: Head, from: number, found: { start: number; end: number }): Opener | undefined {
  if (!head.whole) {
    const re = head.re;
    re.lastIndex = from;
    const m = re.exec(value);
    if (m === null) return undefined;
    found.start = m.index;
    found.end = m.index + m[0].length;
    return m[0].endsWith(".") ? "." : (m[0].slice(-2) as '["' | "['");
  }
  const literal = head.literal;
  for (let start = value.indexOf(literal, from); start >= 0; start = value.indexOf(literal, start + 1)) {
    const at = start + literal.length;
    const c = value.charCodeAt(at);
    let opener: Opener | undefined;
    if (c === 46) opener = ".";
    else if (c === 91) {
      const q = value.charCodeAt(at + 1);
      opener = q === 34 ? '["' : q === 39 ? "['" : undefined;
    }
    if (opener !== undefined) {
      found.start = start;
      found.end = at + opener.length;
      return opener;
    }
  }
  return undefined;
}

/**
 * Where the literal first stands in `value`: found among `dollars` (the places of the `$(`s of
 * `value`, with which the literal starts) when they are known, so that a long string (a script)
 * searched for one prefix after another is not read again for each.
 */
function firstPlace(value: string, literal: string, dollars: readonly number[] | undefined): number {
  // A prefix with an alternation has no literal: a string holding a `$(` is searched from its start.
  if (literal === "") return value.includes("$(") ? 0 : -1;
  if (dollars === undefined || literal.length < 3) return value.indexOf(literal);
  // The character after `$(` tells most places apart before the literal is compared.
  const third = literal.charCodeAt(2);
  for (const at of dollars) if (value.charCodeAt(at + 2) === third && value.startsWith(literal, at)) return at;
  return -1;
}

/**
 * The references with `prefix` that Tekton's pattern finds in `value`, left to right (exported
 * for the tests that hold it to that pattern). `dollars`: where the `$(`s of `value` are, if known.
 */
export function references(value: string, prefix: string, dollars?: readonly number[]): readonly Reference[] {
  return referencesWith(value, referenceHead(prefix), dollars);
}

/** A prefix's compiled head: what {@link referencesWith} looks for; null when it finds nothing. */
export type ReferenceHead = Head | null;

/** {@link references} with the prefix's head already looked up ({@link referenceHead}). */
export function referencesWith(value: string, head: ReferenceHead, dollars?: readonly number[]): readonly Reference[] {
  if (head === null) return NO_REFERENCES;
  // Every match starts with the literal (which starts with `$(`): none before its first place.
  const first = firstPlace(value, head.literal, dollars);
  if (first < 0) return NO_REFERENCES;
  const ends = new NameEnds(value);
  let out: Reference[] | undefined;
  const found = { start: 0, end: 0 };
  let opener = nextHead(value, head, first, found);
  while (opener !== undefined) {
    const start = found.start;
    const nameStart = found.end;
    const end = ends.terminator(opener, nameStart);
    const lineEnd = ends.lineEnd(nameStart);
    let from: number;
    if (end !== -1 && (lineEnd === -1 || end < lineEnd)) {
      const matchEnd = end + (opener === "." ? 1 : 3);
      out ??= [];
      out.push({ match: value.slice(start, matchEnd), dotted: opener === ".", name: value.slice(nameStart, end) });
      from = matchEnd;
    } else {
      from = start + 1;
    }
    opener = nextHead(value, head, from, found);
  }
  return out ?? NO_REFERENCES;
}

/** What a string without references gives: one shared empty list, never written to. */
const NO_REFERENCES: readonly Reference[] = [];

/**
 * Tekton's `ExtractVariablesFromString` on the references `refs` found in `value` with `prefix`
 * gives the referenced names ({@link variableName}), or an error when a dotted reference has more
 * than two components: that error, or undefined. Read apart from the names, so that the checks
 * walk `refs` without building a list of them (most strings pass).
 */
function componentsProblem(value: string, prefix: string, refs: readonly Reference[]): string | undefined {
  for (const ref of refs) {
    if (!ref.dotted) continue;
    const dot = ref.name.indexOf(".");
    // More than two components: a second dot.
    if (dot >= 0 && ref.name.indexOf(".", dot + 1) >= 0) {
      return `Invalid referencing of parameters in "${value}"! Only two dot-separated components after the prefix "${prefix}" are allowed.`;
    }
  }
  return undefined;
}

/** The name a reference names, as `ExtractVariablesFromString` gives it: `$(params.a.b)` names `a`. */
function variableName(ref: Reference): string {
  const dot = ref.dotted ? ref.name.indexOf(".") : -1;
  return dot >= 0 ? ref.name.slice(0, dot) : ref.name;
}

const ARRAY_INDEX = /\[([0-9])*\*?\]/g;

/*
 * The checks below read `refs`, the references with `prefix` in `value` (as {@link references}
 * finds them): a caller that runs several checks on one string finds them once.
 */

/**
 * A reference to a name not in `vars` (array indexes `[0]`, `[*]` ignored). With `detail`, the
 * message names the variable (Tekton's v1beta1 wording for scripts).
 */
export function unknownVariableProblem(
  value: string,
  prefix: string,
  vars: ReadonlySet<string>,
  detail = false,
  refs: readonly Reference[] = references(value, prefix),
): string | undefined {
  if (refs.length === 0) return undefined;
  const error = componentsProblem(value, prefix, refs);
  if (error !== undefined) return error;
  for (const ref of refs) {
    const raw = variableName(ref);
    const name = raw.includes("[") ? raw.replace(ARRAY_INDEX, "") : raw;
    if (!vars.has(name)) {
      return detail
        ? `non-existent variable \`${name}\` in ${goQuote(value)}`
        : `non-existent variable in ${goQuote(value)}`;
    }
  }
  return undefined;
}

/** A reference to one of `vars` (an array or object param) in a field that only takes a string. */
export function prohibitedVariableProblem(
  value: string,
  prefix: string,
  vars: ReadonlySet<string>,
  refs: readonly Reference[],
): string | undefined {
  if (refs.length === 0) return undefined;
  const error = componentsProblem(value, prefix, refs);
  if (error !== undefined) return error;
  for (const ref of refs) {
    if (vars.has(trimStar(variableName(ref)))) return `variable type invalid in ${goQuote(value)}`;
  }
  return undefined;
}

/** A reference to a whole object param (`$(params.obj)` or `$(params.obj[*])`, not `$(params.obj.key)`). */
export function entireVariableProblem(
  value: string,
  vars: ReadonlySet<string>,
  refs: readonly Reference[],
): string | undefined {
  for (const ref of refs) {
    if (vars.has(trimStar(ref.name))) return `variable type invalid in ${goQuote(value)}`;
  }
  return undefined;
}

/**
 * A reference to one of `vars` (an array param) that is not the whole string: an array expands
 * into list items, so `$(params.list[*])` must stand alone in a `command`/`args` item.
 */
export function isolationProblem(
  value: string,
  prefix: string,
  vars: ReadonlySet<string>,
  refs: readonly Reference[],
): string | undefined {
  if (refs.length === 0) return undefined;
  const error = componentsProblem(value, prefix, refs);
  if (error !== undefined) return error;
  const first = refs[0]?.match ?? "";
  for (const ref of refs) {
    if (vars.has(trimStar(variableName(ref))) && value.length !== first.length)
      return `variable is not properly isolated in ${goQuote(value)}`;
  }
  return undefined;
}

function trimStar(name: string): string {
  return name.endsWith("[*]") ? name.slice(0, -3) : name;
}
