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
}

const heads = new Map<string, Head | null>();

/**
 * The literal text a prefix's matches start with: its leading word characters and escaped dots,
 * up to the first other regular-expression character (`step.results` gives `step`, as its `.`
 * matches any character) or a character a quantifier makes optional. A string without `$(` and
 * that text holds no reference, which one `includes` tells far faster than the pattern.
 */
function literalStart(prefix: string): string {
  // An alternation splits the whole pattern, so no text is certain.
  if (prefix.includes("|")) return "";
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
  return out;
}

/** The compiled head for a prefix; null when the prefix does not compile (Tekton then finds nothing). */
function headFor(prefix: string): Head | null {
  let head = heads.get(prefix);
  if (head === undefined) {
    try {
      head = { re: new RegExp(headPattern(prefix), "g"), literal: literalStart(prefix) };
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
interface Reference {
  readonly match: string;
  readonly dotted: boolean;
  readonly name: string;
}

/** `indexOf(needle, from)` that remembers its last answer, so rising `from`s scan the text once. */
class ForwardSearch {
  #searchedFrom = Number.POSITIVE_INFINITY;
  #found = -1;
  constructor(
    readonly text: string,
    readonly needle: string,
  ) {}

  from(from: number): number {
    if (from >= this.#searchedFrom && (this.#found === -1 || this.#found >= from)) return this.#found;
    this.#searchedFrom = from;
    this.#found = this.text.indexOf(this.needle, from);
    return this.#found;
  }
}

/** What ends the name after each opener: `)` after `.`, `"])` after `["`, `'])` after `['`. */
const TERMINATORS = { ".": ")", '["': '"])', "['": "'])" } as const;
type Opener = keyof typeof TERMINATORS;

function references(value: string, prefix: string): Reference[] {
  if (!value.includes("$(")) return [];
  const head = headFor(prefix);
  if (head === null || !value.includes(head.literal)) return [];
  // One search per terminator, made when an opener first needs it.
  const terminators: Partial<Record<Opener, ForwardSearch>> = {};
  const newline = new ForwardSearch(value, "\n");
  const out: Reference[] = [];
  // The shared global pattern, its lastIndex set before use (nothing runs between its exec calls).
  const re = head.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null = re.exec(value);
  while (m !== null) {
    const start = m.index;
    const nameStart = start + m[0].length;
    const opener: Opener = m[0].endsWith(".") ? "." : (m[0].slice(-2) as '["' | "['");
    let search = terminators[opener];
    if (search === undefined) {
      search = new ForwardSearch(value, TERMINATORS[opener]);
      terminators[opener] = search;
    }
    const end = search.from(nameStart);
    const lineEnd = newline.from(nameStart);
    if (end !== -1 && (lineEnd === -1 || end < lineEnd)) {
      const matchEnd = end + (opener === "." ? 1 : 3);
      out.push({ match: value.slice(start, matchEnd), dotted: opener === ".", name: value.slice(nameStart, end) });
      re.lastIndex = matchEnd;
    } else {
      re.lastIndex = start + 1;
    }
    m = re.exec(value);
  }
  return out;
}

/**
 * Tekton's `ExtractVariablesFromString`: the referenced names (`$(params.a.b)` names `a`), or an
 * error when a dotted reference has more than two components.
 */
function extractVariables(value: string, prefix: string): { names: string[]; error?: string } {
  const names: string[] = [];
  for (const ref of references(value, prefix)) {
    if (ref.dotted && ref.name.includes(".")) {
      if (ref.name.split(".").length > 2) {
        return {
          names,
          error: `Invalid referencing of parameters in "${value}"! Only two dot-separated components after the prefix "${prefix}" are allowed.`,
        };
      }
      names.push(ref.name.slice(0, ref.name.indexOf(".")));
    } else {
      names.push(ref.name);
    }
  }
  return { names };
}

const ARRAY_INDEX = /\[([0-9])*\*?\]/g;

/**
 * A reference to a name not in `vars` (array indexes `[0]`, `[*]` ignored). With `detail`, the
 * message names the variable (Tekton's v1beta1 wording for scripts).
 */
export function unknownVariableProblem(
  value: string,
  prefix: string,
  vars: ReadonlySet<string>,
  detail = false,
): string | undefined {
  const { names, error } = extractVariables(value, prefix);
  if (error !== undefined) return error;
  for (const raw of names) {
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
): string | undefined {
  const { names, error } = extractVariables(value, prefix);
  if (error !== undefined) return error;
  for (const name of names) {
    if (vars.has(trimStar(name))) return `variable type invalid in ${goQuote(value)}`;
  }
  return undefined;
}

/** A reference to a whole object param (`$(params.obj)` or `$(params.obj[*])`, not `$(params.obj.key)`). */
export function entireVariableProblem(value: string, prefix: string, vars: ReadonlySet<string>): string | undefined {
  for (const ref of references(value, prefix)) {
    if (vars.has(trimStar(ref.name))) return `variable type invalid in ${goQuote(value)}`;
  }
  return undefined;
}

/**
 * A reference to one of `vars` (an array param) that is not the whole string: an array expands
 * into list items, so `$(params.list[*])` must stand alone in a `command`/`args` item.
 */
export function isolationProblem(value: string, prefix: string, vars: ReadonlySet<string>): string | undefined {
  const { names, error } = extractVariables(value, prefix);
  if (error !== undefined) return error;
  if (names.length === 0) return undefined;
  const first = references(value, prefix)[0]?.match ?? "";
  for (const name of names) {
    if (vars.has(trimStar(name)) && value.length !== first.length)
      return `variable is not properly isolated in ${goQuote(value)}`;
  }
  return undefined;
}

function trimStar(name: string): string {
  return name.endsWith("[*]") ? name.slice(0, -3) : name;
}
