/**
 * The variable checks of Tekton v0.20.1's Task validation (pkg/apis/pipeline/v1beta1/
 * task_validation.go with pkg/substitution/substitution.go): every `$(params.x)`,
 * `$(resources.inputs.x…)`, `$(context.taskRun.x)` and `$(context.task.x)` in a step must name
 * something that exists, an array param may only stand alone as a whole `command`/`args` item,
 * and nowhere else. Only the Task's own steps are checked — not sidecars, not the stepTemplate
 * — because that is all Tekton checks (such references elsewhere are left literal).
 */
import type { Immutable, Step } from "../api/types.js";
import { issue } from "../errors.js";
import type { Issue, PathSegment } from "../errors.js";

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

/** A step field that holds a string: where it is and what it holds. */
export interface StepString {
  readonly path: readonly PathSegment[];
  readonly value: string;
  /** `command`/`args` items may be a whole array reference; other fields may not hold one. */
  readonly list: boolean;
}

// Tekton's `[_a-zA-Z][_a-zA-Z0-9.-]*(\[\*\])?` inside `$(prefix.…)`. The character class
// excludes `[`, `]`, `)` and `$`, so a failed match backtracks over one run only: linear time.
const NAME = "([_a-zA-Z][_a-zA-Z0-9.-]*(?:\\[\\*\\])?)";
const patterns = new Map<string, RegExp>();

function patternFor(prefix: string): RegExp {
  let re = patterns.get(prefix);
  if (re === undefined) {
    re = new RegExp(`\\$\\(${prefix}\\.${NAME}\\)`, "g");
    patterns.set(prefix, re);
  }
  return re;
}

interface Reference {
  readonly text: string;
  /** The referenced name: the part before the first `.`, without `[*]`. */
  readonly name: string;
}

function references(value: string, prefix: string): Reference[] {
  if (!value.includes("$(")) return [];
  const re = patternFor(prefix);
  re.lastIndex = 0;
  const found: Reference[] = [];
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const raw = (m[1] ?? "").split(".")[0] ?? "";
    found.push({ text: m[0], name: raw.endsWith("[*]") ? raw.slice(0, -3) : raw });
  }
  return found;
}

/**
 * Every string of the steps that Tekton inspects for variables and that holds a `$(`, in
 * Tekton's order. Collect once, then run each family's check over the list.
 */
export function stepStrings(steps: readonly Immutable<Step>[], stepsPath: readonly PathSegment[]): StepString[] {
  return steps.flatMap((step, i) => stringsOf(step, [...stepsPath, i]));
}

function stringsOf(step: Immutable<Step>, base: readonly PathSegment[]): StepString[] {
  const out: StepString[] = [];
  const add = (path: readonly PathSegment[], value: unknown, list: boolean): void => {
    if (typeof value === "string" && value.includes("$(")) out.push({ path: [...base, ...path], value, list });
  };
  add(["name"], step.name, false);
  add(["image"], step.image, false);
  add(["workingDir"], step.workingDir, false);
  add(["script"], step.script, false);
  step.command?.forEach((c, i) => add(["command", i], c, true));
  step.args?.forEach((a, i) => add(["args", i], a, true));
  step.env?.forEach((e, i) => add(["env", i, "value"], e.value, false));
  step.volumeMounts?.forEach((v, i) => {
    add(["volumeMounts", i, "name"], v.name, false);
    add(["volumeMounts", i, "mountPath"], v.mountPath, false);
    add(["volumeMounts", i, "subPath"], v.subPath, false);
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
  for (const field of strings) {
    const unknown = references(field.value, family.prefix).filter((r) => !family.names.has(r.name));
    if (unknown.length === 0) continue;
    const refs = [...new Set(unknown.map((r) => r.text))].slice(0, 5).join(", ");
    const hint = suggestion(unknown[0]?.name ?? "", family);
    issues.push(
      issue(
        "non-existent-variable",
        field.path,
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
  for (const field of strings) {
    const refs = references(field.value, family.prefix);
    const arrays = refs.filter((r) => family.names.has(r.name));
    const first = arrays[0];
    if (first === undefined) continue;
    if (!field.list) {
      issues.push(
        issue(
          "array-not-allowed",
          field.path,
          `${first.text} in ${quoteShort(field.value)} refers to array param "${first.name}", which only fits as a whole item of command or args; use a string param here`,
        ),
      );
    } else if (field.value !== refs[0]?.text) {
      // Tekton compares the whole item with the first reference of any param.
      issues.push(
        issue(
          "array-not-isolated",
          field.path,
          `array param "${first.name}" must stand alone as a whole item (e.g. "$(params.${first.name}[*])"), but ${quoteShort(
            field.value,
          )} mixes it with other text; split the item or use a string param`,
        ),
      );
    }
  }
  return issues;
}
