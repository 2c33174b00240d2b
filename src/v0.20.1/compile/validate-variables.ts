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

/** One family of variables: how references are written, and which names exist. */
export interface VariableFamily {
  /** Regex source of what follows `$(` and precedes `.name` — Tekton's prefix pattern. */
  readonly prefix: string;
  /** How a reference is written, for messages: `$(params.NAME)`. */
  readonly display: string;
  /** Noun for messages: "param", "resource", "context variable". */
  readonly noun: string;
  readonly names: ReadonlySet<string>;
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
  /** Where each `$(` of `value` is: the only places a reference can start. */
  readonly starts: readonly number[];
  /** `command`/`args` items may be a whole array reference; other fields may not hold one. */
  readonly list: boolean;
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
const NAME = "([_a-zA-Z][_a-zA-Z0-9.-]*(?:\\[\\*\\])?)";

/**
 * A family's reference pattern, anchored where it is tried (sticky), and the word every match
 * starts with after `$(`. A match holds no `$(` but its first, so Tekton's left-to-right scan
 * finds exactly the matches that start at one of the string's `$(`: those are the only places
 * tried, and only where the word follows — long scripts are not scanned once per family.
 */
interface Pattern {
  readonly re: RegExp;
  readonly word: string;
}
const patterns = new Map<string, Pattern>();

function patternFor(prefix: string): Pattern {
  let pattern = patterns.get(prefix);
  if (pattern === undefined) {
    pattern = {
      re: new RegExp(`\\$\\(${prefix}\\.${NAME}\\)`, "y"),
      word: /^[A-Za-z]*/.exec(prefix)?.[0] ?? "",
    };
    patterns.set(prefix, pattern);
  }
  return pattern;
}

/** The references of `pattern` in `field`, in order, each handed to `found` until it returns true. */
function eachReference(field: StepString, pattern: Pattern, found: (match: RegExpExecArray) => boolean): void {
  const { re, word } = pattern;
  const text = field.value;
  for (const at of field.starts) {
    if (!text.startsWith(word, at + 2)) continue;
    re.lastIndex = at;
    const match = re.exec(text);
    if (match !== null && found(match)) return;
  }
}

/** The referenced name in a match: the part before the first `.`, without `[*]`. */
function referencedName(match: RegExpExecArray): string {
  const raw = match[1] ?? "";
  const dot = raw.indexOf(".");
  const name = dot >= 0 ? raw.slice(0, dot) : raw;
  return name.endsWith("[*]") ? name.slice(0, -3) : name;
}

/**
 * Every string of the steps that Tekton inspects for variables and that holds a `$(`, in
 * Tekton's order. Collect once, then run each family's check over the list.
 */
export function stepStrings(steps: readonly Immutable<Step>[], stepsPath: readonly PathSegment[]): StepString[] {
  const out: StepString[] = [];
  steps.forEach((step, i) => {
    const add = (
      field: string,
      index: number | undefined,
      subfield: string | undefined,
      value: unknown,
      list = false,
    ): void => {
      if (typeof value !== "string") return;
      let at = value.indexOf("$(");
      if (at < 0) return;
      const starts: number[] = [];
      for (; at >= 0; at = value.indexOf("$(", at + 2)) starts.push(at);
      out.push({ stepsPath, step: i, field, index, subfield, value, starts, list });
    };
    add("name", undefined, undefined, step.name);
    add("image", undefined, undefined, step.image);
    add("workingDir", undefined, undefined, step.workingDir);
    add("script", undefined, undefined, step.script);
    step.command?.forEach((c, j) => {
      add("command", j, undefined, c, true);
    });
    step.args?.forEach((a, j) => {
      add("args", j, undefined, a, true);
    });
    step.env?.forEach((e, j) => {
      add("env", j, "value", e.value);
    });
    step.volumeMounts?.forEach((v, j) => {
      add("volumeMounts", j, "name", v.name);
      add("volumeMounts", j, "mountPath", v.mountPath);
      add("volumeMounts", j, "subPath", v.subPath);
    });
  });
  return out;
}

function quoteShort(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}

function listNames(names: ReadonlySet<string>, display: string): string {
  if (names.size === 0) return "none are declared";
  const shown = [...names].slice(0, 10).map((n) => display.replace("NAME", n));
  return `available: ${shown.join(", ")}${names.size > 10 ? ", …" : ""}`;
}

/**
 * Reports references to names that do not exist in `family`, one issue per step field
 * (Tekton stops at the first bad reference of a field; we name all of them).
 */
export function checkVariablesExist(strings: readonly StepString[], family: VariableFamily): Issue[] {
  const issues: Issue[] = [];
  const pattern = patternFor(family.prefix);
  for (const field of strings) {
    // Unknown references are collected only once one is found: most fields have none.
    let unknown: { readonly text: string; readonly name: string }[] | undefined;
    eachReference(field, pattern, (m) => {
      const name = referencedName(m);
      if (family.names.has(name)) return false;
      unknown ??= [];
      unknown.push({ text: m[0], name });
      return false;
    });
    if (unknown === undefined) continue;
    const refs = [...new Set(unknown.map((r) => r.text))].slice(0, 5).join(", ");
    const hint = suggestion(unknown[0]?.name ?? "", family);
    issues.push(
      issue(
        "non-existent-variable",
        stringPath(field),
        `${refs} in ${quoteShort(field.value)} refers to a ${family.noun} that does not exist (${listNames(
          family.names,
          family.display,
        )}${hint}); fix the reference or declare the ${family.noun}`,
      ),
    );
  }
  return issues;
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
  for (const field of strings) {
    let firstReference: string | undefined;
    let firstArray: { readonly text: string; readonly name: string } | undefined;
    eachReference(field, pattern, (m) => {
      firstReference ??= m[0];
      const name = referencedName(m);
      if (!family.names.has(name)) return false;
      firstArray = { text: m[0], name };
      return true;
    });
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
