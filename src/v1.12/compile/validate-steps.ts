/**
 * Tekton v1.12's admission rules for the steps and sidecars of a Task spec
 * (pkg/apis/pipeline/v1/container_validation.go, `StepList.Validate` and `SidecarList.Validate`
 * in task_validation.go, result_validation.go's step results, when_validation.go; and the
 * v1beta1 variants in pkg/apis/pipeline/v1beta1/task_validation.go). Steps are checked merged
 * with the stepTemplate, as Tekton does: an image or command inherited from the template counts.
 */

import type { EnvFromSource, EnvVar, VolumeDevice } from "kubernetes-types/core/v1.js";
import type { Issue, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import { formatGoDuration, parseGoDuration } from "../../k8s/duration.js";
import { cleanPath } from "../../k8s/go-path.js";
import { goQuote } from "../../k8s/go-quote.js";
import { appendAll } from "../../read-values.js";
import type { Immutable, SidecarV1, StepRef, StepResult, StepTemplateV1, WhenExpression } from "../api/types.js";
import {
  type AdmissionRules,
  apiFieldsProblem,
  isDnsLabel,
  isQualifiedName,
  type StepView,
} from "./validate-common.js";
import { references, unknownVariableProblem } from "./validate-variables.js";

type Path = readonly PathSegment[];

/** The sidecar name Tekton reserves for its sidecar-log results collector. */
export const RESERVED_RESULTS_SIDECAR = "tekton-log-results";

/** Tekton's result name format. */
export const RESULT_NAME = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const RESULT_NAME_SOURCE = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";

/** Tekton's explanation of the result name format, shown with a rejected name. */
export const RESULT_NAME_DETAIL =
  "Name must consist of alphanumeric characters, '-', '_', and must start and end with an alphanumeric character " +
  `(e.g. 'MyName',  or 'my-name',  or 'my_name', regex used for validation is '${RESULT_NAME_SOURCE}')`;

const STEP_NAME_DETAIL =
  "Task step name must be a valid DNS Label, For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names";

/**
 * A script that starts with `#!win` once trimmed: `\s` is the whitespace `trim` removes, and the
 * pattern reads only the start of a script, where `trim` read both ends and made a new string.
 */
const WINDOWS_SCRIPT = /^\s*#!win/;

const STEP_RESULT_REF = /\$\(steps\..*?\.results\..*?\)/;
const STEP_ARTIFACT_REF = /\$\(steps\.([^.]+)\.(?:inputs|outputs)\.([^.)]+)\)/;
const TASK_ARTIFACT_REF = /\$\(tasks\.([^.]+)\.(?:inputs|outputs)\.([^.)]+)\)/;

// Each pattern starts with a fixed text: looking for that first is much cheaper than running
// the pattern over a long script full of shell `$(…)`.
function stepResultReferenced(s: string): boolean {
  return s.includes("$(steps.") && STEP_RESULT_REF.test(s);
}

function stepArtifactReferenced(s: string): boolean {
  return (s.includes("$(steps.") && STEP_ARTIFACT_REF.test(s)) || s.includes("$(step.artifacts.path)");
}

/**
 * Whether `s` references a step's or a Task's artifacts (`$(steps.<s>.inputs.<a>)`,
 * `$(step.artifacts.path)`, `$(tasks.<t>.outputs.<a>)`, `$(artifacts.path)`), in one scan:
 * each of the four texts looked for starts with `$(`, so the `$(`s are visited once and what
 * follows each is compared, instead of the string (often a long script) being searched four
 * times.
 */
function artifactReferenced(s: string, dollars?: readonly number[]): boolean {
  let seen = 0;
  // The `$(`s are read from `dollars` when they are known (a script's are), else looked for.
  if (dollars !== undefined) {
    for (const at of dollars) seen |= artifactHead(s, at);
  } else {
    for (let at = s.indexOf("$("); at >= 0; at = s.indexOf("$(", at + 2)) seen |= artifactHead(s, at);
  }
  if ((seen & ARTIFACT_PATH) !== 0) return true;
  return ((seen & STEPS) !== 0 && STEP_ARTIFACT_REF.test(s)) || ((seen & TASKS) !== 0 && TASK_ARTIFACT_REF.test(s));
}

/** What {@link artifactHead} tells of a `$(`: it starts `$(steps.`, `$(tasks.`, or an artifacts path. */
const STEPS = 1;
const TASKS = 2;
const ARTIFACT_PATH = 4;

/** What the `$(` at `at` of `s` starts: {@link STEPS}, {@link TASKS}, {@link ARTIFACT_PATH} or 0. */
function artifactHead(s: string, at: number): number {
  const c = s.charCodeAt(at + 2);
  if (c === 115 /* s */) {
    if (s.startsWith("step.artifacts.path)", at + 2)) return ARTIFACT_PATH;
    if (s.startsWith("steps.", at + 2)) return STEPS;
  } else if (c === 116 /* t */) {
    if (s.startsWith("tasks.", at + 2)) return TASKS;
  } else if (c === 97 /* a */ && s.startsWith("artifacts.path)", at + 2)) return ARTIFACT_PATH;
  return 0;
}

/** A step as Tekton validates it: merged with the stepTemplate, each field remembering where it came from. */
interface MergedStep {
  readonly step: Readonly<StepView>;
  /** Where each `$(` of the step's script is; undefined when it has none. */
  readonly scriptDollars: readonly number[] | undefined;
  /** A v1beta1 stepTemplate may carry a (deprecated) name, which unnamed steps inherit. */
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly mounts: readonly MergedMount[];
}

/** A mount of a merged step: `volumeMounts[index]` of the step or template at `owner`. */
interface MergedMount {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath: string;
  readonly owner: Path;
  readonly index: number;
}

/** Where a merged mount's `field` is written (built only for an issue). */
function mountField(m: MergedMount, field: string): PathSegment[] {
  return [...m.owner, "volumeMounts", m.index, field];
}

/** What a merged step has when it has no mounts: one shared empty list, never written to. */
const NO_MOUNTS: readonly MergedMount[] = [];

/** The step's own mounts, as merged mounts (most steps have none). */
function ownMounts(step: Readonly<StepView>, at: Path): readonly MergedMount[] {
  const mounts = step.volumeMounts;
  if (mounts === undefined || mounts.length === 0) return NO_MOUNTS;
  return mounts.map((m, j) => ({
    name: m.name ?? "",
    mountPath: m.mountPath ?? "",
    subPath: m.subPath ?? "",
    owner: at,
    index: j,
  }));
}

function mergeWithTemplate(
  step: Readonly<StepView>,
  scriptDollars: readonly number[] | undefined,
  template: Immutable<StepTemplateV1> | undefined,
  at: Path,
  specPath: Path,
): MergedStep {
  // A step that references a StepAction is not merged until the StepAction is resolved.
  if (template === undefined || step.ref !== undefined) {
    return {
      step,
      scriptDollars,
      name: step.name ?? "",
      image: step.image ?? "",
      command: step.command ?? [],
      mounts: ownMounts(step, at),
    };
  }
  const own = ownMounts(step, at);
  const templatePath: Path = [...specPath, "stepTemplate"];
  // Strategic merge keys volumeMounts by mountPath: the template's mounts the step does not override.
  const inherited = (template.volumeMounts ?? [])
    .map((m, j) => ({
      name: m.name ?? "",
      mountPath: m.mountPath ?? "",
      subPath: m.subPath ?? "",
      owner: templatePath,
      index: j,
    }))
    .filter((m) => !own.some((o) => o.mountPath === m.mountPath));
  const stepCommand = step.command ?? [];
  const templateName = (template as { name?: string }).name ?? "";
  return {
    step,
    scriptDollars,
    name: (step.name ?? "") !== "" ? (step.name ?? "") : templateName,
    image: (step.image ?? "") !== "" ? (step.image ?? "") : (template.image ?? ""),
    command: stepCommand.length > 0 ? stepCommand : (template.command ?? []),
    mounts: [...own, ...inherited],
  };
}

function validateRef(ref: Immutable<StepRef>, at: Path, rules: AdmissionRules): Issue[] {
  return validateReference(ref.name ?? "", ref.resolver ?? "", ref.params, at, rules);
}

/**
 * Tekton's `validateRef`, shared by a TaskRun's `taskRef` and a step's `ref`: a name, or a
 * resolver with params, not both; a resolver needs beta API fields; a URL-like name is the
 * concise resolver syntax, behind its own flag.
 */
export function validateReference(
  name: string,
  resolver: string,
  params: Immutable<{ name?: string }[]> | undefined,
  at: Path,
  rules: AdmissionRules,
): Issue[] {
  const issues: Issue[] = [];
  // Every match holds ":/", which most names (plain Task names) do not.
  const urlLike = name.includes(":/") && /[\w-]+:\/\/*/.test(name);
  const concise = `feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax`;
  if (resolver !== "" || params !== undefined) {
    if (params !== undefined) {
      const gate = apiFieldsProblem("resolver params", "beta", rules);
      if (gate !== undefined) issues.push(issue("feature-not-enabled", [...at, "params"], gate));
      if (name !== "") {
        issues.push(
          issue(
            "invalid-value",
            [...at, "name"],
            "expected exactly one, got both: name, params — a reference is either by name or through a resolver with params",
          ),
        );
      }
      if (resolver === "")
        issues.push(
          issue(
            "missing-field",
            [...at, "resolver"],
            "missing field(s): resolver — params are passed to a resolver; name it",
          ),
        );
      appendAll(issues, duplicateParamNames(params, [...at, "params"]));
    }
    if (resolver !== "") {
      const gate = apiFieldsProblem("resolver", "beta", rules);
      if (gate !== undefined) issues.push(issue("feature-not-enabled", [...at, "resolver"], gate));
      if (name !== "") {
        if (urlLike && !rules.flags.enableConciseResolverSyntax)
          issues.push(issue("feature-not-enabled", [...at, "name"], concise));
        if (!urlLike)
          issues.push(
            issue(
              "invalid-value",
              [...at, "name"],
              "invalid value: invalid URI for request: with a resolver, the name must be a URL (concise resolver syntax)",
            ),
          );
      }
    }
  } else if (name !== "") {
    if (urlLike) {
      if (!rules.flags.enableConciseResolverSyntax) issues.push(issue("feature-not-enabled", [...at, "name"], concise));
      issues.push(
        issue(
          "missing-field",
          [...at, "resolver"],
          "missing field(s): resolver — a URL-like name needs the resolver that fetches it",
        ),
      );
    } else {
      const problems = isQualifiedName(name);
      if (problems.length > 0)
        issues.push(issue("invalid-name", [...at, "name"], `invalid value: ${problems.join(",")}`));
    }
  } else {
    issues.push(
      issue(
        "missing-field",
        [...at, "name"],
        "missing field(s): name — reference something by name, or through a resolver",
      ),
    );
  }
  return issues;
}

/** Duplicate param names, compared ignoring case: Tekton reports each repetition. */
export function duplicateParamNames(params: Immutable<{ name?: string }[]>, at: Path): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  params.forEach((p, i) => {
    const name = p.name ?? "";
    const lower = name.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      issues.push(
        issue(
          "duplicate-param",
          [...at, i, "name"],
          `expected exactly one, got both: params[${name}].name — param ${goQuote(name)} is given more than once (first at [${first}]; names are compared ignoring case)`,
        ),
      );
    } else {
      seen.set(lower, i);
    }
  });
  return issues;
}

function validateStepResultDeclaration(result: Immutable<StepResult>, at: Path): Issue[] {
  const name = result.name ?? "";
  if (!RESULT_NAME.test(name)) {
    return [issue("invalid-result-name", [...at, "name"], `invalid key name ${goQuote(name)}\n${RESULT_NAME_DETAIL}`)];
  }
  const type: string = result.type ?? "";
  if (type === "object") {
    if (result.properties === undefined)
      return [
        issue(
          "missing-field",
          [...at, "properties"],
          `missing field(s): ${name}.properties — an object result declares its keys`,
        ),
      ];
    const invalid = Object.entries(result.properties)
      .filter(([, p]) => (p?.type ?? "") !== "string")
      .map(([k]) => k);
    if (invalid.length > 0) {
      return [
        issue(
          "invalid-value",
          [...at, "properties"],
          `the value type specified for these keys [${invalid.join(" ")}] is invalid, the type must be string`,
        ),
      ];
    }
  } else if (type !== "" && type !== "string" && type !== "array") {
    return [
      issue(
        "invalid-value",
        [...at, "type"],
        `invalid value: ${type}: invalid type ${type} (use string, array or object)`,
      ),
    ];
  }
  return [];
}

function validateWhen(when: Immutable<WhenExpression[]>, at: Path, rules: AdmissionRules): Issue[] {
  const issues: Issue[] = [];
  when.forEach((w, i) => {
    const path = [...at, "when", i];
    const cel = w.cel ?? "";
    if (cel !== "") {
      if (!rules.flags.enableCELInWhenExpression) {
        issues.push(
          issue(
            "feature-not-enabled",
            [...path, "cel"],
            `feature flag enable-cel-in-whenexpression should be set to true to use CEL: ${cel} in WhenExpression`,
          ),
        );
      } else if ((w.input ?? "") !== "" || (w.operator ?? "") !== "" || (w.values ?? []).length > 0) {
        issues.push(issue("invalid-value", path, "cel and input+operator+values cannot be set in one WhenExpression"));
      }
      return;
    }
    if ((w.input ?? "") === "" && (w.operator ?? "") === "" && (w.values ?? []).length === 0) {
      issues.push(
        issue("missing-field", path, "missing field(s): a when expression needs input, operator and values (or cel)"),
      );
    } else if (w.operator !== "in" && w.operator !== "notin") {
      issues.push(
        issue(
          "invalid-value",
          [...path, "operator"],
          `invalid value: operator ${goQuote(w.operator ?? "")} is not recognized. valid operators: in,notin`,
        ),
      );
    } else if ((w.values ?? []).length === 0) {
      issues.push(issue("invalid-value", [...path, "values"], "invalid value: expecting non-empty values field"));
    }
  });
  return issues;
}

// The tests of one field or list item are functions of their own, not closures made per step.
const referenced = (t: string | undefined): boolean => t !== undefined && artifactReferenced(t);
const envReferenced = (e: Immutable<EnvVar>): boolean => referenced(e.value);

function artifactsProblem(merged: MergedStep): boolean {
  const step = merged.step;
  // A script (often long) is read only at its `$(`s, which are known.
  const script = merged.scriptDollars;
  return (
    (script !== undefined && artifactReferenced(step.script ?? "", script)) ||
    (step.command ?? []).some(referenced) ||
    (step.args ?? []).some(referenced) ||
    (step.env ?? []).some(envReferenced)
  );
}

const holds = (t: string | undefined): boolean => t?.includes("$(step") === true;
/** {@link holds} for a string whose `$(`s are known to be at `dollars`. */
function holdsAt(t: string, dollars: readonly number[]): boolean {
  for (const at of dollars) if (t.startsWith("$(step", at)) return true;
  return false;
}
const envFromHolds = (e: Immutable<EnvFromSource>): boolean =>
  holds(e.prefix) || holds(e.configMapRef?.name) || holds(e.secretRef?.name);
const mountHolds = (m: MergedMount): boolean => holds(m.name) || holds(m.mountPath) || holds(m.subPath);
const deviceHolds = (d: Immutable<VolumeDevice>): boolean => holds(d.name) || holds(d.devicePath);

/**
 * Whether a field {@link referenceLocationIssues} reads holds a `$(step`: every reference it
 * looks for starts so (`$(steps.…` or `$(step.artifacts.path)`), and scripts full of shell
 * `$(…)` seldom do, so their paths need not be built.
 */
function mayReference(step: Readonly<StepView>, merged: MergedStep): boolean {
  return (
    holds(step.name) ||
    holds(merged.image) ||
    holds(step.imagePullPolicy) ||
    holds(step.workingDir) ||
    (merged.scriptDollars !== undefined && holdsAt(step.script ?? "", merged.scriptDollars)) ||
    (step.envFrom ?? []).some(envFromHolds) ||
    merged.mounts.some(mountHolds) ||
    (step.volumeDevices ?? []).some(deviceHolds)
  );
}

/** What a check that finds nothing gives: one shared empty list, never written to. */
const NO_ISSUES: readonly Issue[] = [];

/** Step result and artifact references are only allowed in env, command and args (and script, for artifacts). */
function referenceLocationIssues(step: Readonly<StepView>, merged: MergedStep, at: Path): readonly Issue[] {
  if (!mayReference(step, merged)) return NO_ISSUES;
  const issues: Issue[] = [];
  const fields: [string, Path][] = [
    [step.name ?? "", [...at, "name"]],
    [merged.image, [...at, "image"]],
    [step.imagePullPolicy ?? "", [...at, "imagePullPolicy"]],
    [step.workingDir ?? "", [...at, "workingDir"]],
  ];
  (step.envFrom ?? []).forEach((e, i) => {
    fields.push([e.prefix ?? "", [...at, "envFrom", i, "prefix"]]);
    if (e.configMapRef !== undefined)
      fields.push([e.configMapRef.name ?? "", [...at, "envFrom", i, "configMapRef", "name"]]);
    if (e.secretRef !== undefined) fields.push([e.secretRef.name ?? "", [...at, "envFrom", i, "secretRef", "name"]]);
  });
  for (const m of merged.mounts) {
    fields.push(
      [m.name, mountField(m, "name")],
      [m.mountPath, mountField(m, "mountPath")],
      [m.subPath, mountField(m, "subPath")],
    );
  }
  (step.volumeDevices ?? []).forEach((d, i) => {
    fields.push(
      [d.name ?? "", [...at, "volumeDevices", i, "name"]],
      [d.devicePath ?? "", [...at, "volumeDevices", i, "devicePath"]],
    );
  });
  const withScript: [string, Path][] = [
    ...fields.slice(0, 2),
    [step.script ?? "", [...at, "script"]],
    ...fields.slice(2),
  ];
  for (const [value, path] of withScript) {
    if (stepResultReferenced(value)) {
      issues.push(
        issue(
          "invalid-value",
          path,
          "stepResult substitutions are only allowed in env, command and args. Found usage in this field",
        ),
      );
    }
  }
  for (const [value, path] of fields) {
    if (stepArtifactReferenced(value)) {
      issues.push(
        issue(
          "invalid-value",
          path,
          "stepArtifact substitutions are only allowed in env, command, args and script. Found usage in this field",
        ),
      );
    }
  }
  return issues;
}

function validateStep(merged: MergedStep, at: Path, rules: AdmissionRules): Issue[] {
  const step = merged.step;
  if (!rules.flags.enableArtifacts && artifactsProblem(merged)) {
    return [
      issue("feature-not-enabled", at, "feature flag enable-artifacts should be set to true to use artifacts feature."),
    ];
  }
  const issues: Issue[] = [];
  if (step.ref !== undefined) {
    appendAll(issues, validateRef(step.ref, [...at, "ref"], rules));
    const withRef: [boolean, string, string][] = [
      [(step.image ?? "") !== "", "image", "image"],
      [(step.command ?? []).length > 0, "command", "command"],
      [(step.args ?? []).length > 0, "args", "args"],
      [(step.script ?? "") !== "", "script", "script"],
      [(step.workingDir ?? "") !== "", "workingDir", "working dir"],
      [step.env !== undefined, "env", "env"],
      [(step.volumeMounts ?? []).length > 0, "volumeMounts", "volumeMounts"],
      [(step.results ?? []).length > 0, "results", "results"],
    ];
    for (const [set, field, noun] of withRef) {
      if (set)
        issues.push(
          issue("invalid-value", [...at, field], `${noun} cannot be used with Ref: the StepAction supplies it`),
        );
    }
  } else {
    if ((step.params ?? []).length > 0)
      issues.push(
        issue(
          "invalid-value",
          [...at, "params"],
          "params cannot be used without Ref: only a step that references a StepAction takes params",
        ),
      );
    if (merged.image === "") {
      issues.push(
        issue(
          "missing-image",
          [...at, "image"],
          "missing field(s): Image — set the container image to run (e.g. image: alpine), here or in stepTemplate.image",
        ),
      );
    }
    if ((step.script ?? "") !== "" && merged.command.length > 0) {
      issues.push(
        issue(
          "script-with-command",
          [...at, "script"],
          "script cannot be used with command: the script is what runs, so move the command into the script or drop the script",
        ),
      );
    }
  }
  const name = merged.name;
  if (name !== "" && !isDnsLabel(name)) {
    issues.push(issue("invalid-name", [...at, "name"], `invalid value ${goQuote(name)}\n${STEP_NAME_DETAIL}`));
  }
  if (step.timeout !== undefined) {
    const nanos = parseGoDuration(step.timeout);
    // Tekton returns at once here: the step's other problems are not reported with this one.
    if (nanos !== undefined && nanos < 0n) {
      return [
        issue(
          "negative-timeout",
          [...at, "timeout"],
          `invalid value: ${formatGoDuration(nanos)}: negative timeout — use a duration of at least 0 (e.g. "5m")`,
        ),
      ];
    }
  }
  for (const m of merged.mounts) {
    const clean = cleanPath(m.mountPath);
    if (clean.startsWith("/tekton/") && !clean.startsWith("/tekton/home")) {
      issues.push(
        issue(
          "reserved-mount-path",
          mountField(m, "mountPath"),
          `volumeMount cannot be mounted under /tekton/ (volumeMount ${goQuote(m.name)} mounted at ${goQuote(m.mountPath)}); only /tekton/home may be used`,
        ),
      );
    }
    if (m.name.startsWith("tekton-internal-")) {
      issues.push(
        issue(
          "reserved-volume-name",
          mountField(m, "name"),
          `volumeMount name ${goQuote(m.name)} cannot start with "tekton-internal-"; rename the volume`,
        ),
      );
    }
  }
  const onError = step.onError ?? "";
  if (onError !== "" && !onError.startsWith("$(params") && onError !== "continue" && onError !== "stopAndFail") {
    issues.push(
      issue(
        "invalid-value",
        [...at, "onError"],
        `invalid value: "${onError}"\nTask step onError must be either "continue" or "stopAndFail"`,
      ),
    );
  }
  if (WINDOWS_SCRIPT.test(step.script ?? "")) {
    const gate = apiFieldsProblem("windows script support", "alpha", rules);
    if (gate !== undefined) issues.push(issue("feature-not-enabled", [...at, "script"], gate));
  }
  if (step.stdoutConfig !== undefined) {
    const gate = apiFieldsProblem("step stdout stream support", "alpha", rules);
    if (gate !== undefined) issues.push(issue("feature-not-enabled", [...at, "stdoutConfig"], gate));
  }
  if (step.stderrConfig !== undefined) {
    const gate = apiFieldsProblem("step stderr stream support", "alpha", rules);
    if (gate !== undefined) issues.push(issue("feature-not-enabled", [...at, "stderrConfig"], gate));
  }
  appendAll(issues, referenceLocationIssues(step, merged, at));
  return issues;
}

/**
 * Everything Tekton checks per step of a Task spec: unique names, each step (merged with the
 * template) on its own, its result declarations and the `$(step.results.x)` / `$(results.x)`
 * its script names, and its `when` expressions. `scriptDollars[i]`: where the `$(`s of step
 * `i`'s script are (undefined when it has none), known from the step strings: a long script is
 * not searched again for them.
 */
export function validateSteps(
  steps: readonly Readonly<StepView>[],
  scriptDollars: readonly (readonly number[] | undefined)[],
  template: Immutable<StepTemplateV1> | undefined,
  specPath: Path,
  rules: AdmissionRules,
): Issue[] {
  const issues: Issue[] = [];
  const names = new Map<string, number>();
  steps.forEach((step, i) => {
    const at: Path = [...specPath, "steps", i];
    const merged = mergeWithTemplate(step, scriptDollars[i], template, at, specPath);
    const name = merged.name;
    if (name !== "") {
      const first = names.get(name);
      if (first !== undefined) {
        issues.push(
          issue(
            "duplicate-name",
            [...at, "name"],
            rules.dialect === "v1"
              ? `expected exactly one, got both: steps[${i}].name — step name ${goQuote(name)} is already used by steps[${first}]; step names must be unique`
              : `invalid value: ${name}: step name ${goQuote(name)} is already used by steps[${first}]; step names must be unique`,
          ),
        );
      } else {
        names.set(name, i);
      }
    }
    appendAll(issues, validateStep(merged, at, rules));
    if (step.results !== undefined) {
      const declared = new Set(step.results.map((r) => r.name ?? ""));
      const script = step.script ?? "";
      // Every reference starts with a `$(`: a script without one names no result.
      const dollars = scriptDollars[i];
      if (dollars !== undefined) {
        for (const prefix of ["step.results", "results"]) {
          const refs = references(script, prefix, dollars);
          const problem = unknownVariableProblem(script, prefix, declared, false, refs);
          if (problem !== undefined)
            issues.push(
              issue("non-existent-variable", [...at, "script"], `${problem}: the step declares no such result`),
            );
        }
      }
      step.results.forEach((r, j) => {
        appendAll(issues, validateStepResultDeclaration(r, [...at, "results", j]));
      });
    }
    if ((step.when ?? []).length > 0) appendAll(issues, validateWhen(step.when ?? [], at, rules));
  });
  return issues;
}

/**
 * Sidecar rules. v1 checks each sidecar's name, image and script; v1beta1 only refuses the
 * reserved name (a v1beta1 sidecar without an image is admitted, and fails later).
 */
export function validateSidecars(sidecars: Immutable<SidecarV1[]>, specPath: Path, rules: AdmissionRules): Issue[] {
  const issues: Issue[] = [];
  sidecars.forEach((sidecar, i) => {
    const at: Path = [...specPath, "sidecars", i];
    if ((sidecar.name ?? "") === RESERVED_RESULTS_SIDECAR) {
      issues.push(
        issue(
          "invalid-name",
          [...at, "name"],
          `Invalid: cannot use reserved sidecar name ${RESERVED_RESULTS_SIDECAR}: Tekton uses it for the sidecar that collects results; rename the sidecar`,
        ),
      );
    }
    if (rules.dialect === "v1beta1") return;
    if ((sidecar.image ?? "") === "")
      issues.push(
        issue("missing-image", [...at, "image"], "missing field(s): image — a sidecar needs a container image"),
      );
    if ((sidecar.script ?? "") !== "" && (sidecar.command ?? []).length > 0) {
      issues.push(
        issue(
          "script-with-command",
          [...at, "script"],
          "script cannot be used with command: the script is what runs, so move the command into the script or drop the script",
        ),
      );
    }
  });
  return issues;
}
