/**
 * Tekton v1.12's admission rules for declared params and the `$(params.…)` references steps
 * make (pkg/apis/pipeline/v1/task_validation.go: `ValidateParameterTypes`,
 * `ValidateParameterVariables`, `ValidateUsageOfDeclaredParameters`; param_types.go:
 * duplicate names and `enum`; taskrun_validation.go: the params a TaskRun propagates into its
 * embedded spec). References are checked in the steps as written, not merged with the template.
 */

import type { Issue, IssueCode, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import { goQuote } from "../../k8s/go-quote.js";
import { appendAll } from "../../read-values.js";
import type { Immutable, ParamSpecV1, ParamV1, ParamValueV1 } from "../api/types.js";
import type { AdmissionRules, StepView } from "./validate-common.js";
import {
  entireVariableProblem,
  isolationProblem,
  prohibitedVariableProblem,
  type Reference,
  type ReferenceHead,
  referenceHead,
  references,
  referencesWith,
  unknownVariableProblem,
} from "./validate-variables.js";

type Path = readonly PathSegment[];

/** A declared param with where it is written in the input. */
export interface LocatedParamSpec {
  readonly spec: Immutable<ParamSpecV1>;
  /** `spec.name`, `""` when unset. */
  readonly name: string;
  /** The type of `spec` after SetDefaults ({@link effectiveType}): every check asks it. */
  readonly type: string;
  /** `spec.default`, `spec.properties` and `spec.enum`, which several checks read. */
  readonly default: Immutable<ParamSpecV1>["default"];
  readonly properties: Immutable<ParamSpecV1>["properties"];
  readonly enum: Immutable<ParamSpecV1>["enum"];
  readonly path: Path;
  /** The same place declaring `spec` instead. */
  withSpec(spec: Immutable<ParamSpecV1>): LocatedParamSpec;
}

/**
 * A {@link LocatedParamSpec} at `list[index]`, read once for the fields every check asks, and
 * whose path is built only when asked for (for an issue): most params pass every check.
 */
class ParamSpecAt implements LocatedParamSpec {
  readonly name: string;
  readonly type: string;
  readonly default: Immutable<ParamSpecV1>["default"];
  readonly properties: Immutable<ParamSpecV1>["properties"];
  readonly enum: Immutable<ParamSpecV1>["enum"];
  readonly #list: Path;
  readonly #index: number;

  constructor(
    readonly spec: Immutable<ParamSpecV1>,
    list: Path,
    index: number,
  ) {
    this.name = spec.name ?? "";
    this.default = spec.default;
    this.properties = spec.properties;
    this.enum = spec.enum;
    this.type = effectiveType(spec.type ?? "", this.properties, this.default);
    this.#list = list;
    this.#index = index;
  }

  get path(): Path {
    return [...this.#list, this.#index];
  }

  withSpec(spec: Immutable<ParamSpecV1>): ParamSpecAt {
    return new ParamSpecAt(spec, this.#list, this.#index);
  }
}

/** The params `params` declares, at `listPath[i]`. */
export function locateParams(params: Immutable<ParamSpecV1[]>, listPath: Path): LocatedParamSpec[] {
  const out: LocatedParamSpec[] = [];
  for (let i = 0; i < params.length; i++) out.push(new ParamSpecAt(params[i] as Immutable<ParamSpecV1>, listPath, i));
  return out;
}

/** The type a JSON param value decodes to in Go: a list of strings, a string map, or else a string. */
export function valueType(value: unknown): "string" | "array" | "object" {
  if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? "array" : "string";
  if (value !== null && typeof value === "object") {
    return Object.values(value).every((v) => typeof v === "string") ? "object" : "string";
  }
  return "string";
}

/** A ParamSpec's type after SetDefaults: as written, else object if it has properties, else its default's. */
function effectiveType(written: string, properties: unknown, value: unknown): string {
  if (written !== "") return written;
  if (properties !== undefined) return "object";
  if (value === undefined) return "string";
  return valueType(value);
}

/** `ValidateParameterTypes`: each type is string, array or object, matches its default, and object keys are strings. */
export function validateParamTypes(params: readonly LocatedParamSpec[]): Issue[] {
  const issues: Issue[] = [];
  for (const param of params) {
    // The path is read only for an issue: it is built when read.
    const { name, type } = param;
    if (type !== "string" && type !== "array" && type !== "object") {
      issues.push(
        issue(
          "invalid-param-type",
          [...param.path, "type"],
          `invalid value: ${type}: param ${goQuote(name)} must be of type "string", "array" or "object"`,
        ),
      );
      continue;
    }
    if (param.default !== undefined) {
      const defaultType = valueType(param.default);
      if (defaultType !== type) {
        issues.push(
          issue(
            "param-default-type-mismatch",
            [...param.path, "default"],
            `"${type}" type does not match default value's type: "${defaultType}" — make the default ${type === "array" ? "a list" : type === "object" ? "a mapping" : "a string"} or declare the param as "${defaultType}"`,
          ),
        );
        continue;
      }
    }
    // Most params declare no properties: no entries to list then.
    const properties = param.properties;
    if (properties === undefined) continue;
    const invalid = Object.entries(properties)
      .filter(([, p]) => ((p?.type ?? "") || "string") !== "string")
      .map(([k]) => k);
    if (invalid.length > 0) {
      issues.push(
        issue(
          "invalid-value",
          [...param.path, "properties"],
          `The value type specified for these keys [${invalid.join(" ")}] is invalid: object keys must be strings`,
        ),
      );
    }
  }
  return issues;
}

/** One step string that may hold references, and where it is. */
export interface StepString {
  readonly value: string;
  readonly path: Path;
  /** `command`/`args` items, where a whole array may stand alone. */
  readonly list: boolean;
  /** A step's `script` (v1beta1's messages name the unknown variable there). */
  readonly script: boolean;
  /** Only the existence check reads `onError`. */
  readonly onlyExistence: boolean;
  /** The index of the step the string is in. */
  readonly step: number;
  /** Where each `$(` of `value` is. */
  readonly dollars: readonly number[];
  /**
   * The references with `prefix` in `value` ({@link references}); those with `params`, which
   * several checks read, are found once.
   */
  references(prefix: string, head?: ReferenceHead): readonly Reference[];
}

/** Where each `$(` of `text` is, the first being at `first`. */
function dollarsOf(text: string, first: number): number[] {
  const out: number[] = [];
  // A `$(` cannot start inside another (its `(` is not a `$`), so the search resumes past it.
  for (let at = first; at >= 0; at = text.indexOf("$(", at + 2)) out.push(at);
  return out;
}

/**
 * The strings of `steps` that hold a `$(`, each with its path under `stepsPath`: what every
 * reference check reads. Collected once per spec and handed to each check.
 */
export function stepStrings(steps: readonly Readonly<StepView>[], stepsPath: Path): StepString[] {
  // Only strings that can hold a reference are kept, and only their paths are built.
  const out: StepString[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Readonly<StepView>;
    addStepString(out, step.name, false, stepsPath, i, "name");
    addStepString(out, step.image, false, stepsPath, i, "image");
    addStepString(out, step.workingDir, false, stepsPath, i, "workingDir");
    addStepString(out, step.script, false, stepsPath, i, "script");
    const command = step.command ?? [];
    for (let j = 0; j < command.length; j++) addStepString(out, command[j], true, stepsPath, i, "command", j);
    const args = step.args ?? [];
    for (let j = 0; j < args.length; j++) addStepString(out, args[j], true, stepsPath, i, "args", j);
    const env = step.env ?? [];
    for (let j = 0; j < env.length; j++) addStepString(out, env[j]?.value, false, stepsPath, i, "env", j, "value");
    const mounts = step.volumeMounts ?? [];
    for (let j = 0; j < mounts.length; j++) {
      const m = mounts[j];
      addStepString(out, m?.name, false, stepsPath, i, "volumeMounts", j, "name");
      addStepString(out, m?.mountPath, false, stepsPath, i, "volumeMounts", j, "mountPath");
      addStepString(out, m?.subPath, false, stepsPath, i, "volumeMounts", j, "subPath");
    }
    const onError = step.onError ?? "";
    const first = onError.indexOf("$(");
    if (first >= 0) out.push(new StepStringAt(onError, first, false, true, stepsPath, i, "onError"));
  }
  return out;
}

/**
 * A {@link StepString} at `stepsPath[i].a[.b[.c]]`, whose path is built only when asked for
 * (for an issue): most strings pass every check.
 */
class StepStringAt implements StepString {
  /**
   * Where each `$(` of `value` is: each prefix's references are looked for there, instead of
   * the whole string (often a long script) being searched again for every prefix.
   */
  readonly dollars: readonly number[];
  #params: readonly Reference[] | undefined;
  readonly script: boolean;
  readonly #stepsPath: Path;
  readonly #a: PathSegment;
  readonly #b: PathSegment | undefined;
  readonly #c: PathSegment | undefined;

  constructor(
    readonly value: string,
    firstDollar: number,
    readonly list: boolean,
    readonly onlyExistence: boolean,
    stepsPath: Path,
    readonly step: number,
    a: PathSegment,
    b?: PathSegment,
    c?: PathSegment,
  ) {
    this.dollars = dollarsOf(value, firstDollar);
    this.script = a === "script";
    this.#stepsPath = stepsPath;
    this.#a = a;
    this.#b = b;
    this.#c = c;
  }

  references(prefix: string, head?: ReferenceHead): readonly Reference[] {
    if (prefix !== "params") {
      return head === undefined
        ? references(this.value, prefix, this.dollars)
        : referencesWith(this.value, head, this.dollars);
    }
    this.#params ??= references(this.value, prefix, this.dollars);
    return this.#params;
  }

  get path(): Path {
    const path: PathSegment[] = [...this.#stepsPath, this.step, this.#a];
    if (this.#b !== undefined) path.push(this.#b);
    if (this.#c !== undefined) path.push(this.#c);
    return path;
  }
}

/**
 * Adds `value` to `out` when it holds a `$(`, at `stepsPath[i].a[.b[.c]]`: fixed parameters
 * rather than a rest array or a closure per step.
 */
function addStepString(
  out: StepString[],
  value: string | undefined,
  list: boolean,
  stepsPath: Path,
  i: number,
  a: PathSegment,
  b?: PathSegment,
  c?: PathSegment,
): void {
  if (value === undefined) return;
  // The search for the first `$(` is where the search for all of them starts.
  const first = value.indexOf("$(");
  if (first >= 0) out.push(new StepStringAt(value, first, list, false, stepsPath, i, a, b, c));
}

/**
 * References with `prefix` that name nothing in `names` (Tekton's `validateVariables`), one
 * issue per field, in step order. With `scriptDetail` (v1beta1's wording), a script's message
 * names the unknown variable.
 */
export function checkVariablesExist(
  strings: readonly StepString[],
  prefix: string,
  names: ReadonlySet<string>,
  code: IssueCode,
  hint: string,
  scriptDetail = false,
): Issue[] {
  const issues: Issue[] = [];
  // The prefix's head is looked up once, not for every string.
  const head = referenceHead(prefix);
  if (head === null) return issues;
  for (const s of strings) {
    const problem = unknownVariableProblem(
      s.value,
      prefix,
      names,
      scriptDetail && s.script,
      s.references(prefix, head),
    );
    if (problem !== undefined) issues.push(issue(code, s.path, `${problem}${hint}`));
  }
  return issues;
}

/** Whether `values` holds a value twice: compared pairwise when few (no set to build), else by a set. */
function hasRepeat(values: readonly string[]): boolean {
  if (values.length > 16) return new Set(values).size !== values.length;
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    for (let j = 0; j < i; j++) if (values[j] === v) return true;
  }
  return false;
}

function findDuplicates(values: readonly string[]): string[] {
  // Most lists hold no repeat.
  if (!hasRepeat(values)) return [];
  const seen = new Set<string>();
  // A set, not a list searched at each repeat: a list of many repeats would be quadratic.
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dups.add(v);
    else seen.add(v);
  }
  return [...dups];
}

const OBJECT_NAME = /^[_a-zA-Z][_a-zA-Z0-9-]*$/;

/**
 * Whether `name` is a string or array param name in Tekton's format, `^[_a-zA-Z][_a-zA-Z0-9.-]*$`:
 * the pattern, read a character at a time (every param's name is checked; names are short).
 */
function isStringOrArrayName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; /* a-z A-Z _ */
    if (letter) continue;
    if (i > 0 && ((c >= 48 && c <= 57) || c === 46 || c === 45)) continue; /* 0-9 . - */
    return false;
  }
  return true;
}

/**
 * `ValidateParameterVariables`: no name declared twice, valid `enum`s, names in Tekton's
 * format, and array params referenced only where a list fits.
 */
export function validateParamVariables(
  strings: readonly StepString[],
  params: readonly LocatedParamSpec[],
  rules: AdmissionRules,
): Issue[] {
  const issues: Issue[] = [];
  const names: string[] = [];
  for (const p of params) names.push(p.name);
  for (const dup of findDuplicates(names)) {
    const located = params.filter((p) => p.name === dup)[1] as LocatedParamSpec;
    issues.push(
      issue(
        "duplicate-param",
        [...located.path, "name"],
        `parameter appears more than once: params[${dup}] — declare each param once`,
      ),
    );
  }
  for (const param of params) {
    const { name, type } = param;
    const enumValues = param.enum ?? [];
    if (enumValues.length === 0) continue;
    if (!rules.flags.enableParamEnum) {
      issues.push(
        issue(
          "feature-not-enabled",
          [...param.path, "enum"],
          `feature flag \`enable-param-enum\` should be set to true to use Enum: [${name}]`,
        ),
      );
    }
    if (type !== "string")
      issues.push(
        issue("invalid-enum", [...param.path, "enum"], `enum can only be set with string type param: [${name}]`),
      );
    for (const dup of findDuplicates(enumValues)) {
      issues.push(
        issue("invalid-enum", [...param.path, "enum"], `parameter enum value ${dup} appears more than once: [${name}]`),
      );
    }
    const value = param.default;
    if (typeof value === "string" && value !== "" && !enumValues.includes(value)) {
      issues.push(
        issue(
          "invalid-enum",
          [...param.path, "default"],
          `param default value ${value} not in the enum list: [${name}]`,
        ),
      );
    }
  }
  for (const param of params) {
    const { name, type } = param;
    if (type === "object") {
      const badKeys = Object.keys(param.properties ?? {})
        .filter((k) => !OBJECT_NAME.test(k))
        .sort();
      if (!OBJECT_NAME.test(name) || badKeys.length > 0) {
        issues.push(
          issue(
            "invalid-param-name",
            [...param.path, "name"],
            `Object param name and key name format is invalid: map[${name}:[${badKeys.join(" ")}]]\nObject Names: \nMust only contain alphanumeric characters, hyphens (-), underscores (_) \nMust begin with a letter or an underscore (_)`,
          ),
        );
      }
    } else if (!isStringOrArrayName(name)) {
      issues.push(
        issue(
          "invalid-param-name",
          [...param.path, "name"],
          `The format of following array and string variable names is invalid: [${name}]\nString/Array Names: \nMust only contain alphanumeric characters, hyphens (-), underscores (_), and dots (.)\nMust begin with a letter or an underscore (_)`,
        ),
      );
    }
  }
  const arrays = new Set<string>();
  for (const p of params) if (p.type === "array") arrays.add(p.name);
  if (arrays.size > 0) {
    for (const s of strings) {
      if (s.onlyExistence) continue;
      const refs = s.references("params");
      const problem = s.list
        ? isolationProblem(s.value, "params", arrays, refs)
        : prohibitedVariableProblem(s.value, "params", arrays, refs);
      if (problem !== undefined) {
        issues.push(
          issue(
            s.list ? "array-not-isolated" : "array-not-allowed",
            s.path,
            s.list
              ? `${problem}: an array param must be the whole item, as in "$(params.NAME[*])"`
              : `${problem}: an array param can only be used as a whole command or args item`,
          ),
        );
      }
    }
  }
  return issues;
}

/**
 * `ValidateUsageOfDeclaredParameters`: every `$(params.x)` names a declared param, object params
 * are referenced by key (`$(params.obj.key)`, a declared key) and never whole, and declare their
 * keys.
 */
export function validateParamUsage(
  strings: readonly StepString[],
  params: readonly LocatedParamSpec[],
  scriptDetail = false,
): Issue[] {
  const names = new Set<string>();
  for (const p of params) names.add(p.name);
  const issues = checkVariablesExist(
    strings,
    "params",
    names,
    "non-existent-variable",
    ": declare the param in the Task's params, or fix the name",
    scriptDetail,
  );
  const objects = params.filter((p) => p.type === "object");
  for (const { name, properties } of objects) {
    const keys = new Set(Object.keys(properties ?? {}));
    appendAll(
      issues,
      checkVariablesExist(
        strings,
        `params\\.${name}`,
        keys,
        "non-existent-variable",
        ": the object param declares no such key",
        scriptDetail,
      ),
    );
  }
  if (objects.length > 0) {
    const objectNames = new Set(objects.map((p) => p.name));
    for (const s of strings) {
      if (s.onlyExistence) continue;
      const problem = entireVariableProblem(s.value, objectNames, s.references("params"));
      if (problem !== undefined)
        issues.push(
          issue(
            "array-not-allowed",
            s.path,
            `${problem}: reference an object param by key, as in "$(params.NAME.KEY)"`,
          ),
        );
    }
  }
  for (const param of objects) {
    if (param.properties === undefined) {
      issues.push(
        issue(
          "missing-field",
          [...param.path, "properties"],
          `missing field(s): ${param.name}.properties — an object param declares its keys`,
        ),
      );
    }
  }
  return issues;
}

/**
 * The params a TaskRun passes into its embedded spec, each as a declaration: Tekton checks the
 * embedded steps against what the TaskRun gives as well as what the spec declares, since a
 * TaskRun may propagate a param the spec does not declare. A given value takes the place of the
 * declaration of the same name (its type is the value's).
 */
export function combineInlineParams(
  given: Immutable<ParamV1[]>,
  givenPath: Path,
  declared: readonly LocatedParamSpec[],
): { params: LocatedParamSpec[]; issues: Issue[] } {
  const byName = new Map<string, LocatedParamSpec>();
  given.forEach((p, i) => {
    const type = valueType(p.value);
    const spec: ParamSpecV1 = { name: p.name ?? "", type, default: p.value as ParamValueV1 };
    if (type === "object") {
      spec.properties = Object.fromEntries(Object.keys(p.value as object).map((k) => [k, { type: "string" as const }]));
    }
    byName.set(p.name ?? "", new ParamSpecAt(spec, givenPath, i));
  });
  const issues: Issue[] = [];
  for (const d of declared) {
    const name = d.name;
    const existing = byName.get(name);
    if (existing === undefined) {
      byName.set(name, d);
      continue;
    }
    const declaredDefault = d.spec.default;
    const objectDefault = declaredDefault !== undefined && valueType(declaredDefault) === "object";
    if ((objectDefault || existing.spec.type === "object") && d.spec.properties === undefined) {
      issues.push(
        issue(
          "missing-field",
          [...d.path, "properties"],
          `missing field(s): ${name}.properties — an object param declares its keys`,
        ),
      );
      continue;
    }
    if (existing.spec.type === "object") {
      byName.set(name, existing.withSpec({ ...existing.spec, properties: { ...d.spec.properties } }));
    }
  }
  return { params: [...byName.values()], issues };
}
