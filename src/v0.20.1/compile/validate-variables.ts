/**
 * The variable checks of Tekton v0.20.1's Task validation (pkg/apis/pipeline/v1beta1/
 * task_validation.go with pkg/substitution/substitution.go): every `$(params.x)`,
 * `$(resources.inputs.x…)`, `$(context.taskRun.x)` and `$(context.task.x)` in a step must name
 * something that exists, an array param may only stand alone as a whole `command`/`args` item,
 * and nowhere else. Only the Task's own steps are checked — not sidecars, not the stepTemplate
 * — because that is all Tekton checks (such references elsewhere are left literal).
 */
import type { Immutable, Step } from "../../api/types.js";
import type { Issue, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import type { StringSet } from "../../k8s/string-tables.js";
import { ViewReader } from "../../read-values.js";

/** One family of variables: how references are written, and which names exist. */
export interface VariableFamily {
  /** Regex source of what follows `$(` and precedes `.name` — Tekton's prefix pattern. */
  readonly prefix: string;
  /** How a reference is written, for messages: `$(params.NAME)`. */
  readonly display: string;
  /** Noun for messages: "param", "resource", "context variable". */
  readonly noun: string;
  readonly names: StringSet;
}

/**
 * A step field that holds a string: where it is and what it holds. The path is kept in parts
 * and only assembled (by {@link stringPath}) for a field that gets reported.
 */
export interface StepString {
  /** Path of the steps list; shared by all strings of one Task. */
  readonly stepsPath: readonly PathSegment[];
  readonly step: number;
  /** The step's field: `script`, or `env` with `index` and `subfield` `value`. */
  readonly field: string;
  readonly index: number | undefined;
  readonly subfield: string | undefined;
  readonly value: string;
  /** Where the first `$(` of `value` is: references start only at one. */
  readonly first: number;
  /** `command`/`args` items may be a whole array reference; other fields may not hold one. */
  readonly list: boolean;
}

/** Every field of a step that validation reads, `undefined` where the step has none. */
export interface StepView {
  readonly name: string | undefined;
  readonly image: string | undefined;
  readonly command: Immutable<Step>["command"] | undefined;
  readonly args: Immutable<Step>["args"] | undefined;
  readonly workingDir: string | undefined;
  readonly env: Immutable<Step>["env"] | undefined;
  readonly volumeMounts: Immutable<Step>["volumeMounts"] | undefined;
  readonly script: string | undefined;
  readonly timeout: string | undefined;
}

/** A view with no field set: every view is made from this one literal, and so has its shape. */
function emptyStepView(): StepView {
  return {
    name: undefined,
    image: undefined,
    command: undefined,
    args: undefined,
    workingDir: undefined,
    env: undefined,
    volumeMounts: undefined,
    script: undefined,
    timeout: undefined,
  };
}

const stepReader = new ViewReader(emptyStepView);

/** Each step's fields as the checks read them, in views of one shape (see {@link ViewReader}). */
export function stepViews(steps: readonly Immutable<Step>[]): StepView[] {
  return steps.map((step) => stepReader.read(step));
}

/** Where a step string is in the input. */
export function stringPath(s: StepString): PathSegment[] {
  const path: PathSegment[] = [...s.stepsPath, s.step, s.field];
  if (s.index !== undefined) path.push(s.index);
  if (s.subfield !== undefined) path.push(s.subfield);
  return path;
}

// Tekton's `[_a-zA-Z][_a-zA-Z0-9.-]*(\[\*\])?` inside `$(prefix.…)`. The character class
// excludes `[`, `]`, `)` and `$`, so a failed match backtracks over one run only: linear time.
const NAME = "[_a-zA-Z][_a-zA-Z0-9.-]*(?:\\[\\*\\])?";

/**
 * A family's reference pattern and the pattern of its prefix (up to the name), both anchored
 * where they are tried (sticky), and the word every match starts with after `$(`. A match holds
 * no `$(` but its first, so Tekton's left-to-right scan finds exactly the matches that start at
 * one of the string's `$(`: those are the only places tried, and only where the word follows.
 * Matches are tested, not executed: a thousand-step Task has thousands of references, and each
 * match's array and captured strings were most of what the check allocated.
 */
interface Pattern {
  readonly re: RegExp;
  readonly prefix: RegExp;
  readonly word: string;
  /** How long what precedes the name is (`$(params.`), when the prefix is literal text; -1 otherwise. */
  readonly nameOffset: number;
}
const patterns = new Map<string, Pattern>();

function patternFor(prefix: string): Pattern {
  let pattern = patterns.get(prefix);
  if (pattern === undefined) {
    pattern = {
      re: new RegExp(`\\$\\(${prefix}\\.${NAME}\\)`, "y"),
      // Every family's prefix matches in one way only (its alternatives differ in their first
      // letter), so where it ends is where the name of the whole match starts.
      prefix: new RegExp(`\\$\\(${prefix}\\.`, "y"),
      word: /^[A-Za-z]*/.exec(prefix)?.[0] ?? "",
      nameOffset: literalLength(prefix),
    };
    patterns.set(prefix, pattern);
  }
  return pattern;
}

/** The length of the text a prefix pattern matches when it is literal (letters and `\\.` only), else -1. */
function literalLength(prefix: string): number {
  if (!/^(?:[A-Za-z]|\\\.)*$/.test(prefix)) return -1;
  const text = prefix.replaceAll("\\.", ".");
  return "$(".length + text.length + ".".length;
}

/** Where the next `$(` of `text` at or after `from` is, -1 when there is none. */
function nextStart(text: string, from: number): number {
  return text.indexOf("$(", from);
}

/**
 * Whether a reference of `pattern` starts at `at` in `text`; when it does, `pattern.re.lastIndex`
 * is where it ends.
 */
function referenceAt(text: string, at: number, pattern: Pattern): boolean {
  if (!text.startsWith(pattern.word, at + 2)) return false;
  pattern.re.lastIndex = at;
  return pattern.re.test(text);
}

/**
 * The name a reference found by {@link referenceAt} refers to: its name up to the first `.`,
 * without `[*]`.
 */
function referencedName(text: string, at: number, pattern: Pattern): string {
  let start = at + pattern.nameOffset;
  if (pattern.nameOffset < 0) {
    pattern.prefix.lastIndex = at;
    pattern.prefix.test(text);
    start = pattern.prefix.lastIndex;
  }
  let end = start;
  for (;;) {
    const ch = text.charCodeAt(end);
    // `.`, `[` (of `[*]`) or the closing `)`: the name's characters are none of them.
    if (ch === 46 || ch === 91 || ch === 41) break;
    end++;
  }
  return text.slice(start, end);
}

function addString(
  out: StepString[],
  stepsPath: readonly PathSegment[],
  step: number,
  field: string,
  index: number | undefined,
  subfield: string | undefined,
  value: unknown,
  list: boolean,
): void {
  if (typeof value !== "string") return;
  const first = value.indexOf("$(");
  if (first >= 0) out.push({ stepsPath, step, field, index, subfield, value, first, list });
}

/**
 * Every string of the steps that Tekton inspects for variables and that holds a `$(`, in
 * Tekton's order. Collect once, then run each family's check over the list.
 */
export function stepStrings(steps: readonly StepView[], stepsPath: readonly PathSegment[]): StepString[] {
  const out: StepString[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as StepView;
    addString(out, stepsPath, i, "name", undefined, undefined, step.name, false);
    addString(out, stepsPath, i, "image", undefined, undefined, step.image, false);
    addString(out, stepsPath, i, "workingDir", undefined, undefined, step.workingDir, false);
    addString(out, stepsPath, i, "script", undefined, undefined, step.script, false);
    const { command, args, env, volumeMounts } = step;
    if (command !== undefined)
      for (let j = 0; j < command.length; j++) addString(out, stepsPath, i, "command", j, undefined, command[j], true);
    if (args !== undefined)
      for (let j = 0; j < args.length; j++) addString(out, stepsPath, i, "args", j, undefined, args[j], true);
    if (env !== undefined)
      for (let j = 0; j < env.length; j++) addString(out, stepsPath, i, "env", j, "value", env[j]?.value, false);
    if (volumeMounts !== undefined) {
      for (let j = 0; j < volumeMounts.length; j++) {
        const mount = volumeMounts[j];
        addString(out, stepsPath, i, "volumeMounts", j, "name", mount?.name, false);
        addString(out, stepsPath, i, "volumeMounts", j, "mountPath", mount?.mountPath, false);
        addString(out, stepsPath, i, "volumeMounts", j, "subPath", mount?.subPath, false);
      }
    }
  }
  return out;
}

function quoteShort(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}

function listNames(names: StringSet, display: string): string {
  if (names.size === 0) return "none are declared";
  const shown = [...names].slice(0, 10).map((n) => display.replace("NAME", n));
  return `available: ${shown.join(", ")}${names.size > 10 ? ", …" : ""}`;
}

/**
 * Reports references to names that do not exist, for each of `families`: one list of issues
 * per family, in their order, each with one issue per step field (Tekton stops at the first bad
 * reference of a field; we name all of them). The families are checked in one scan of each
 * field's `$(`s, each `$(` tried against every family, as checking them one after another would.
 */
export function checkVariablesExist(strings: readonly StepString[], families: readonly VariableFamily[]): Issue[][] {
  const issues: Issue[][] = families.map(() => []);
  const familyPatterns = families.map((family) => patternFor(family.prefix));
  for (let f = 0; f < strings.length; f++) {
    const field = strings[f] as StepString;
    const text = field.value;
    // Unknown references, by family, are collected only once one is found: most fields have none.
    let unknown: ({ readonly text: string; readonly name: string }[] | undefined)[] | undefined;
    for (let at = field.first; at >= 0; at = nextStart(text, at + 2)) {
      for (let k = 0; k < families.length; k++) {
        const pattern = familyPatterns[k] as Pattern;
        if (!referenceAt(text, at, pattern)) continue;
        const name = referencedName(text, at, pattern);
        if ((families[k] as VariableFamily).names.has(name)) continue;
        unknown ??= [];
        const refs = unknown[k] ?? [];
        refs.push({ text: text.slice(at, pattern.re.lastIndex), name });
        unknown[k] = refs;
      }
    }
    if (unknown === undefined) continue;
    for (let k = 0; k < families.length; k++) {
      const refs = unknown[k];
      if (refs !== undefined) (issues[k] as Issue[]).push(unknownIssue(field, refs, families[k] as VariableFamily));
    }
  }
  return issues;
}

function unknownIssue(
  field: StepString,
  unknown: readonly { readonly text: string; readonly name: string }[],
  family: VariableFamily,
): Issue {
  const refs = [...new Set(unknown.map((r) => r.text))].slice(0, 5).join(", ");
  const hint = suggestion(unknown[0]?.name ?? "", family);
  return issue(
    "non-existent-variable",
    stringPath(field),
    `${refs} in ${quoteShort(field.value)} refers to a ${family.noun} that does not exist (${listNames(
      family.names,
      family.display,
    )}${hint}); fix the reference or declare the ${family.noun}`,
  );
}

function suggestion(name: string, family: VariableFamily): string {
  const lower = name.toLowerCase();
  for (const candidate of family.names) {
    if (candidate.toLowerCase() === lower || nearlyEqual(candidate, name)) {
      return `; did you mean ${family.display.replace("NAME", candidate)}?`;
    }
  }
  return "";
}

/** True when one substitution, insertion, deletion or adjacent swap turns a into b. */
function nearlyEqual(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Reports array params used where a string belongs: anywhere but as a whole `command` or
 * `args` item (`"$(params.list[*])"` or `"$(params.list)"` alone).
 */
export function checkArrayUsage(strings: readonly StepString[], family: VariableFamily): Issue[] {
  const issues: Issue[] = [];
  if (family.names.size === 0) return issues;
  const pattern = patternFor(family.prefix);
  for (let f = 0; f < strings.length; f++) {
    const field = strings[f] as StepString;
    const text = field.value;
    let firstReference: string | undefined;
    let firstArray: { readonly text: string; readonly name: string } | undefined;
    for (let at = field.first; at >= 0; at = nextStart(text, at + 2)) {
      if (!referenceAt(text, at, pattern)) continue;
      const end = pattern.re.lastIndex;
      firstReference ??= text.slice(at, end);
      const name = referencedName(text, at, pattern);
      if (!family.names.has(name)) continue;
      firstArray = { text: text.slice(at, end), name };
      break;
    }
    if (firstArray === undefined) continue;
    if (!field.list) {
      issues.push(
        issue(
          "array-not-allowed",
          stringPath(field),
          `${firstArray.text} in ${quoteShort(field.value)} refers to array param "${firstArray.name}", which only fits as a whole item of command or args; use a string param here`,
        ),
      );
    } else if (field.value !== firstReference) {
      // Tekton compares the whole item with the first reference of any param.
      issues.push(
        issue(
          "array-not-isolated",
          stringPath(field),
          `array param "${firstArray.name}" must stand alone as a whole item (e.g. "$(params.${firstArray.name}[*])"), but ${quoteShort(
            field.value,
          )} mixes it with other text; split the item or use a string param`,
        ),
      );
    }
  }
  return issues;
}
