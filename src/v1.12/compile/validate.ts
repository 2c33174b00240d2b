/**
 * What Tekton v1.12.2's validating admission webhook rejects in a TaskRun (with its embedded
 * `spec.taskSpec`) and in a Task, after SetDefaults: pkg/apis/pipeline/v1/{taskrun,task}_validation.go
 * for `tekton.dev/v1` objects, and pkg/apis/pipeline/v1beta1/{taskrun,task,taskref}_validation.go
 * for `tekton.dev/v1beta1` ones, which are validated in their own version before conversion.
 * The v1beta1 rules are the v1 rules with a few differences (PipelineResources and
 * `taskRef.bundle` refused, no `retries` check, sidecars only checked for the reserved name,
 * `stepOverrides`/`sidecarOverrides` for `stepSpecs`/`sidecarSpecs`), so one implementation
 * serves both, told which version it reads.
 *
 * Tekton collects every problem into one error; so do we, one issue per problem with its path
 * into the input, and Tekton's wording (followed by what would be right). Where Tekton reports
 * the same problem twice under two of its own paths (a TaskRun's embedded spec is checked once
 * as a spec and once against the TaskRun's params) that is one place in the input: one issue.
 * The webhook returns no warnings for TaskRuns and Tasks in v1.12; what conversion drops is
 * reported by {@link conversionWarnings}.
 */

import type { Issue, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import { formatGoDuration, parseGoDuration } from "../../k8s/duration.js";
import { goQuote } from "../../k8s/go-quote.js";
import { appendAll } from "../../read-values.js";
import type { Immutable, ParamV1, TaskRunSpecV1, TaskRunV1, TaskSpecV1, TaskV1 } from "../api/types.js";
import type { ResolvedConfigV112 } from "./config.js";
import {
  type AdmissionRules,
  apiFieldsProblem,
  isDnsSubdomain,
  type StepView,
  stepViews,
  taskRunSpecView,
} from "./validate-common.js";
import {
  checkVariablesExist,
  combineInlineParams,
  type LocatedParamSpec,
  locateParams,
  type StepString,
  stepStrings,
  validateParamTypes,
  validateParamUsage,
  validateParamVariables,
} from "./validate-params.js";
import {
  duplicateParamNames,
  RESULT_NAME,
  RESULT_NAME_DETAIL,
  validateReference,
  validateSidecars,
  validateSteps,
} from "./validate-steps.js";
import { referenceHead, unknownVariableProblem } from "./validate-variables.js";
import {
  validateDeclaredWorkspaces,
  validateWorkspaceBindings,
  validateWorkspaceUsages,
} from "./validate-workspaces.js";

export type { AdmissionFlags, AdmissionRules } from "./validate-common.js";

type Path = readonly PathSegment[];

/** What admission reads of the cluster configuration: the feature flags, `default-forbidden-env`, `default-resolver-type`. */
export type AdmissionConfig = Pick<ResolvedConfigV112, "featureFlags"> & {
  readonly defaults: Pick<ResolvedConfigV112["defaults"], "forbiddenEnv" | "resolverType">;
};

function rulesFor(dialect: "v1" | "v1beta1", config: AdmissionConfig): AdmissionRules {
  return { dialect, flags: config.featureFlags, forbiddenEnv: config.defaults.forbiddenEnv };
}

/** One issue per place and problem: Tekton may report one problem under two of its paths. */
function dedupe(issues: Issue[]): Issue[] {
  // Most objects have no issue, and one is never a repeat.
  if (issues.length < 2) return issues;
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function validateMetadata(name: string, path: Path, kind: string): Issue[] {
  if (!isDnsSubdomain(name)) {
    return [
      issue(
        "invalid-name",
        [...path, "name"],
        `invalid resource name ${goQuote(name)}: must be a valid DNS label — a ${kind} name is lowercase letters, digits, "-" and "."`,
      ),
    ];
  }
  if (name.length > 63) {
    return [
      issue(
        "name-too-long",
        [...path, "name"],
        `Invalid resource name: length must be no more than 63 characters (this ${kind} name has ${name.length})`,
      ),
    ];
  }
  return [];
}

const RESULT_TYPES = new Set(["string", "array", "object"]);
const STEP_RESULT_VALUE = /\$\(steps\.(.*?)\.results\.(.*?)\)/;

function validateResults(spec: Immutable<TaskSpecV1>, specPath: Path): Issue[] {
  const issues: Issue[] = [];
  (spec.results ?? []).forEach((r, i) => {
    // Most results pass: their path is built for an issue only.
    const name = r.name ?? "";
    if (!RESULT_NAME.test(name)) {
      issues.push(
        issue(
          "invalid-result-name",
          [...specPath, "results", i, "name"],
          `invalid key name ${goQuote(name)}\n${RESULT_NAME_DETAIL}`,
        ),
      );
      return;
    }
    const type: string = r.type ?? "";
    if (type === "object") {
      if (r.properties === undefined) {
        issues.push(
          issue(
            "missing-field",
            [...specPath, "results", i, "properties"],
            `missing field(s): ${name}.properties — an object result declares its keys`,
          ),
        );
      } else {
        const invalid = Object.entries(r.properties)
          .filter(([, p]) => (p?.type ?? "") !== "string")
          .map(([k]) => k);
        if (invalid.length > 0) {
          issues.push(
            issue(
              "invalid-value",
              [...specPath, "results", i, "properties"],
              `The value type specified for these keys [${invalid.join(" ")}] is invalid, the type must be string`,
            ),
          );
        }
      }
    } else if (type !== "" && !RESULT_TYPES.has(type)) {
      issues.push(
        issue(
          "invalid-value",
          [...specPath, "results", i, "type"],
          `invalid value: ${type}: type must be string, array or object`,
        ),
      );
    }
    if (r.value !== undefined) {
      if (typeof r.value !== "string") {
        issues.push(
          issue(
            "invalid-value",
            [...specPath, "results", i, "value"],
            `Invalid Type. Wanted string but got: "${Array.isArray(r.value) ? "array" : "object"}"`,
          ),
        );
      } else if (r.value !== "") {
        const m = STEP_RESULT_VALUE.exec(r.value);
        if (m === null) {
          issues.push(
            issue(
              "invalid-value",
              [...specPath, "results", i, "value"],
              `Could not extract step name and result name. Expected value to look like $(steps.<stepName>.results.<resultName>) but got "${r.value}"`,
            ),
          );
        } else {
          const [, stepName = "", resultName = ""] = m;
          if (!(stepName.length <= 63 && /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(stepName))) {
            issues.push(
              issue(
                "invalid-value",
                [...specPath, "results", i, "value"],
                `invalid extracted step name ${goQuote(stepName)}: it must be a valid DNS label`,
              ),
            );
          }
          if (!RESULT_NAME.test(resultName)) {
            issues.push(
              issue(
                "invalid-value",
                [...specPath, "results", i, "value"],
                `invalid extracted result name ${goQuote(resultName)}\n${RESULT_NAME_DETAIL}`,
              ),
            );
          }
        }
      }
    }
  });
  return issues;
}

/** The variables of `$(context.taskRun.…)` and `$(context.task.…)`. */
const TASK_RUN_CONTEXT: ReadonlySet<string> = new Set(["name", "namespace", "uid"]);
const TASK_CONTEXT: ReadonlySet<string> = new Set(["name", "retry-count"]);
/** What a script's `$(results.…)` references are looked for by. */
const RESULTS_HEAD = referenceHead("results");

function declaredParams(spec: Immutable<TaskSpecV1>, specPath: Path): LocatedParamSpec[] {
  return locateParams(spec.params ?? [], [...specPath, "params"]);
}

/**
 * A spec's steps as the checks read them: each step's view, the strings that may hold
 * references, and where the `$(`s of each step's script are (undefined when it has none).
 */
interface ReadSteps {
  readonly views: readonly Readonly<StepView>[];
  readonly strings: readonly StepString[];
  readonly scriptDollars: readonly (readonly number[] | undefined)[];
}

function readSteps(spec: Immutable<TaskSpecV1>, specPath: Path): ReadSteps {
  const views = stepViews(spec.steps ?? []);
  const strings = stepStrings(views, [...specPath, "steps"]);
  const scriptDollars: (readonly number[] | undefined)[] = new Array(views.length).fill(undefined);
  for (const s of strings) if (s.script) scriptDollars[s.step] = s.dollars;
  return { views, strings, scriptDollars };
}

/**
 * `TaskSpec.Validate`: the rules for a Task's spec, also applied to a TaskRun's embedded spec.
 * `read` is the spec's {@link readSteps}, which the caller's own checks read too.
 */
function validateTaskSpecRules(
  spec: Immutable<TaskSpecV1>,
  specPath: Path,
  rules: AdmissionRules,
  read: ReadSteps,
  params: readonly LocatedParamSpec[],
): Issue[] {
  const issues: Issue[] = [];
  const { views: steps, strings } = read;
  if (rules.dialect === "v1beta1" && (spec as { resources?: unknown }).resources !== undefined) {
    issues.push(
      issue(
        "field-not-allowed",
        [...specPath, "resources"],
        "must not set the field(s): resources — PipelineResources were removed from Tekton (v0.50); use workspaces and steps instead",
      ),
    );
  }
  if (steps.length === 0) {
    issues.push(
      issue(
        "no-steps",
        [...specPath, "steps"],
        'missing field(s): steps — a Task needs at least one step; add steps: [{ name: "…", image: "…" }]',
      ),
    );
  }
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const name = v.name ?? "";
    if (volumes.has(name)) {
      issues.push(
        issue(
          "duplicate-volume",
          [...specPath, "volumes", i, "name"],
          `multiple volumes with same name ${goQuote(name)}: give each volume its own name`,
        ),
      );
    } else {
      volumes.add(name);
    }
  });
  appendAll(issues, validateDeclaredWorkspaces(spec.workspaces ?? [], steps, spec.stepTemplate, specPath));
  appendAll(issues, validateWorkspaceUsages(spec.workspaces ?? [], steps, spec.sidecars ?? [], specPath, rules));
  appendAll(issues, validateSteps(steps, read.scriptDollars, spec.stepTemplate, specPath, rules));
  appendAll(issues, validateSidecars(spec.sidecars ?? [], specPath, rules));
  appendAll(issues, validateParamTypes(params));
  appendAll(issues, validateParamVariables(strings, params, rules));
  appendAll(
    issues,
    checkVariablesExist(
      strings,
      "context\\.taskRun",
      TASK_RUN_CONTEXT,
      "non-existent-variable",
      ": a TaskRun's context variables are name, namespace and uid",
      rules.dialect === "v1beta1",
    ),
  );
  appendAll(
    issues,
    checkVariablesExist(
      strings,
      "context\\.task",
      TASK_CONTEXT,
      "non-existent-variable",
      ": a Task's context variables are name and retry-count",
      rules.dialect === "v1beta1",
    ),
  );
  // The declared results' names, gathered when a script first references a result.
  let results: Set<string> | undefined;
  // Each step's script, among the step strings: a script without a `$(` is not one, and names no result.
  for (const s of strings) {
    if (!s.script) continue;
    const refs = s.references("results", RESULTS_HEAD);
    if (refs.length === 0) continue;
    results ??= new Set((spec.results ?? []).map((r) => r.name ?? ""));
    const v1beta1 = rules.dialect === "v1beta1";
    const problem = unknownVariableProblem(s.value, "results", results, v1beta1, refs);
    if (problem !== undefined) {
      issues.push(issue("non-existent-variable", s.path, `${problem}: declare the result in the Task's results`));
    }
  }
  appendAll(issues, validateResults(spec, specPath));
  return issues;
}

function validateTaskRunSpec(written: Immutable<TaskRunSpecV1>, path: Path, rules: AdmissionRules): Issue[] {
  const issues: Issue[] = [];
  const v1beta1 = rules.dialect === "v1beta1";
  // The spec's fields are read many times over: read once into a view.
  const spec = taskRunSpecView(written);
  if (spec.taskRef === undefined && spec.taskSpec === undefined) {
    issues.push(
      issue(
        "missing-task",
        [...path, "taskRef"],
        "expected exactly one, got neither: taskRef, taskSpec — a TaskRun needs either taskRef (the Task to run) or taskSpec (an embedded Task)",
      ),
    );
  }
  if (spec.taskRef !== undefined && spec.taskSpec !== undefined) {
    issues.push(
      issue(
        "task-ref-and-spec",
        [...path, "taskSpec"],
        "expected exactly one, got both: taskRef, taskSpec — keep exactly one of them",
      ),
    );
  }
  if (spec.taskRef !== undefined) {
    const ref = spec.taskRef as Immutable<TaskRunSpecV1["taskRef"]> & { bundle?: string };
    if (v1beta1 && (ref?.bundle ?? "") !== "") {
      issues.push(
        issue(
          "field-not-allowed",
          [...path, "taskRef", "bundle"],
          "must not set the field(s): taskRef.bundle — Tekton v1.12 no longer takes bundles this way; use a resolver (resolver: bundles, with params bundle, name and kind)",
        ),
      );
    }
    appendAll(
      issues,
      validateReference(ref?.name ?? "", ref?.resolver ?? "", ref?.params, [...path, "taskRef"], rules),
    );
  }
  const specPath: Path = [...path, "taskSpec"];
  const read = spec.taskSpec !== undefined ? readSteps(spec.taskSpec, specPath) : undefined;
  const strings = read?.strings;
  const declared = spec.taskSpec !== undefined ? declaredParams(spec.taskSpec, specPath) : [];
  if (spec.taskSpec !== undefined && read !== undefined) {
    const disabled = rules.flags.disableInlineSpec;
    // Split only when the word is there: the flag is most often empty.
    if (disabled.includes("taskrun") && disabled.split(",").includes("taskrun")) {
      issues.push(
        issue(
          "field-not-allowed",
          [...path, "taskSpec"],
          'must not set the field(s): taskSpec — the feature flag "disable-inline-spec" refuses embedded specs in TaskRuns; reference a Task with taskRef',
        ),
      );
    }
    appendAll(issues, validateTaskSpecRules(spec.taskSpec, specPath, rules, read, declared));
  }
  const params: Immutable<ParamV1[]> = spec.params ?? [];
  appendAll(issues, duplicateParamNames(params, [...path, "params"]));
  if (spec.taskSpec !== undefined && spec.taskSpec.steps !== undefined) {
    const combined = combineInlineParams(params, [...path, "params"], declared);
    appendAll(issues, combined.issues);
    appendAll(issues, validateParamTypes(combined.params));
    appendAll(issues, validateParamVariables(strings ?? [], combined.params, rules));
    appendAll(issues, validateParamUsage(strings ?? [], combined.params, v1beta1));
  }
  appendAll(issues, validateWorkspaceBindings(spec.workspaces ?? [], [...path, "workspaces"]));
  if (spec.debug !== undefined) {
    const gate = apiFieldsProblem("debug", "alpha", rules);
    if (gate !== undefined) issues.push(issue("feature-not-enabled", [...path, "debug"], gate));
    const breakpoints = spec.debug.breakpoints;
    if (breakpoints !== undefined) {
      const onFailure = breakpoints.onFailure ?? "";
      if (onFailure === "") {
        issues.push(
          issue(
            "invalid-value",
            [...path, "debug", "breakpoints", "onFailure"],
            "invalid value: onFailure breakpoint is empty, it is only allowed to be set as enabled",
          ),
        );
      } else if (onFailure !== "enabled") {
        issues.push(
          issue(
            "invalid-value",
            [...path, "debug", "breakpoints", "onFailure"],
            `invalid value: ${onFailure} is not a valid onFailure breakpoint value, onFailure breakpoint is only allowed to be set as enabled`,
          ),
        );
      }
      const seen = new Set<string>();
      (breakpoints.beforeSteps ?? []).forEach((s, i) => {
        if (seen.has(s)) {
          issues.push(
            issue(
              "duplicate-name",
              [...path, "debug", "breakpoints", "beforeSteps", i],
              `before step must be unique, the same step: ${s} is defined multiple times`,
            ),
          );
        }
        seen.add(s);
      });
    }
  }
  const overrides: [
    string,
    Immutable<{ name?: string; computeResources?: unknown; resources?: unknown }[]> | undefined,
  ][] = v1beta1
    ? [
        ["stepOverrides", spec.stepOverrides],
        ["sidecarOverrides", spec.sidecarOverrides],
      ]
    : [
        ["stepSpecs", spec.stepSpecs],
        ["sidecarSpecs", spec.sidecarSpecs],
      ];
  for (const [field, list] of overrides) {
    if (list === undefined) continue;
    const gate = apiFieldsProblem(field, "beta", rules);
    if (gate !== undefined) issues.push(issue("feature-not-enabled", [...path, field], gate));
    const seen = new Set<string>();
    list.forEach((o, i) => {
      const name = o.name ?? "";
      if (name === "") {
        issues.push(
          issue(
            "missing-field",
            [...path, field, i, "name"],
            `missing field(s): name — name the ${field.startsWith("step") ? "step" : "sidecar"} to override`,
          ),
        );
        return;
      }
      if (seen.has(name.toLowerCase())) {
        issues.push(
          issue(
            "duplicate-name",
            [...path, field, i, "name"],
            `expected exactly one, got both: ${field}[${i}].name — ${goQuote(name)} is overridden twice`,
          ),
        );
      }
      seen.add(name.toLowerCase());
    });
  }
  if (spec.computeResources !== undefined) {
    const gate = apiFieldsProblem("computeResources", "beta", rules);
    if (gate !== undefined) issues.push(issue("feature-not-enabled", [...path, "computeResources"], gate));
    const stepOverrides = (overrides[0]?.[1] ?? []) as Immutable<{ computeResources?: object; resources?: object }[]>;
    const field = v1beta1 ? "stepOverrides" : "stepSpecs";
    if (stepOverrides.some((o) => hasContent(v1beta1 ? o.resources : o.computeResources))) {
      issues.push(
        issue(
          "invalid-value",
          [...path, "computeResources"],
          `expected exactly one, got both: ${field}.resources, computeResources — set compute resources for the whole TaskRun or per step, not both`,
        ),
      );
    }
  }
  const status = spec.status ?? "";
  if (status !== "" && status !== "TaskRunCancelled" && status !== "TaskRunPending") {
    issues.push(
      issue(
        "invalid-spec-status",
        [...path, "status"],
        `invalid value: ${status} should be TaskRunCancelled or TaskRunPending — or leave spec.status unset`,
      ),
    );
  }
  if (status === "" && (spec.statusMessage ?? "") !== "") {
    issues.push(
      issue(
        "invalid-value",
        [...path, "statusMessage"],
        `invalid value: statusMessage should not be set if status is not set, but it is currently set to ${spec.statusMessage ?? ""}`,
      ),
    );
  }
  if (!v1beta1 && typeof spec.retries === "number" && spec.retries < 0) {
    issues.push(issue("invalid-value", [...path, "retries"], `invalid value: ${spec.retries} should be >= 0`));
  }
  if (v1beta1 && spec.resources !== undefined) {
    issues.push(
      issue(
        "field-not-allowed",
        [...path, "resources"],
        "must not set the field(s): resources — PipelineResources were removed from Tekton (v0.50); use workspaces and steps instead",
      ),
    );
  }
  if (spec.podTemplate !== undefined && rules.forbiddenEnv.length > 0) {
    (spec.podTemplate.env ?? []).forEach((e, i) => {
      if (rules.forbiddenEnv.includes(e.name ?? "")) {
        issues.push(
          issue(
            "forbidden-env",
            [...path, "podTemplate", "env", i, "name"],
            `invalid value: PodTemplate cannot update a forbidden env: ${e.name ?? ""} (config-defaults "default-forbidden-env" lists it)`,
          ),
        );
      }
    });
  }
  if (spec.timeout !== undefined) {
    const nanos = parseGoDuration(spec.timeout);
    if (nanos !== undefined && nanos < 0n) {
      issues.push(
        issue(
          "negative-timeout",
          [...path, "timeout"],
          `invalid value: ${formatGoDuration(nanos)} should be >= 0 — use a duration of at least 0 (e.g. "1h"; "0" means no timeout)`,
        ),
      );
    }
  }
  return issues;
}

/** Whether a ResourceRequirements holds anything (Go's `Size() != 0`). */
function hasContent(value: unknown): boolean {
  if (value === undefined || value === null || typeof value !== "object") return false;
  return Object.values(value).some(
    (v) =>
      v !== undefined &&
      v !== null &&
      (typeof v !== "object" || Object.keys(v).length > 0 || (Array.isArray(v) && v.length > 0)),
  );
}

function taskRunIssues(taskRun: Immutable<TaskRunV1>, rules: AdmissionRules): Issue[] {
  const issues = validateMetadata(taskRun.metadata?.name ?? "", ["taskRun", "metadata"], "TaskRun");
  appendAll(issues, validateTaskRunSpec(taskRun.spec ?? {}, ["taskRun", "spec"], rules));
  return dedupe(issues);
}

function taskIssues(task: Immutable<TaskV1>, rules: AdmissionRules): Issue[] {
  const spec = task.spec ?? {};
  const specPath: Path = ["task", "spec"];
  const read = readSteps(spec, specPath);
  const strings = read.strings;
  const params = declaredParams(spec, specPath);
  const issues = validateMetadata(task.metadata?.name ?? "", ["task", "metadata"], "Task");
  appendAll(issues, validateTaskSpecRules(spec, specPath, rules, read, params));
  appendAll(issues, validateParamUsage(strings, params, rules.dialect === "v1beta1"));
  return dedupe(issues);
}

/**
 * Everything Tekton v1.12's webhook rejects in a `tekton.dev/v1` TaskRun (after SetDefaults):
 * metadata name, taskRef/taskSpec, the embedded Task spec (paths `taskRun.spec.taskSpec.…`),
 * params, workspace bindings, stepSpecs/sidecarSpecs/computeResources, `spec.status`, retries,
 * forbidden Pod template env and a negative timeout. `[]` means admitted.
 *
 * @example
 * ```ts
 * validateTaskRun({ metadata: { name: "r" }, spec: { status: "Paused", taskRef: { name: "t" } } }, config);
 * // → [{ code: "invalid-spec-status", path: "taskRun.spec.status",
 * //      message: "invalid value: Paused should be TaskRunCancelled or TaskRunPending — …" }]
 * ```
 */
export function validateTaskRun(taskRun: Immutable<TaskRunV1>, config: AdmissionConfig): Issue[] {
  return taskRunIssues(taskRun, rulesFor("v1", config));
}

/**
 * Everything Tekton v1.12's webhook rejects in a `tekton.dev/v1` Task (after SetDefaults), with
 * paths `task.spec.…`. `[]` means admitted.
 *
 * @example
 * ```ts
 * validateTask({ metadata: { name: "t" }, spec: { steps: [] } }, config);
 * // → [{ code: "no-steps", path: "task.spec.steps", message: "missing field(s): steps — …" }]
 * ```
 */
export function validateTask(task: Immutable<TaskV1>, config: AdmissionConfig): Issue[] {
  return taskIssues(task, rulesFor("v1", config));
}

/**
 * What Tekton v1.12's webhook rejects in a `tekton.dev/v1beta1` TaskRun, before conversion (after
 * the v1beta1 SetDefaults, see ./default-v1beta1.ts): the v1 rules with v1beta1's differences
 * (`resources` and `taskRef.bundle` refused, `stepOverrides`/`sidecarOverrides`, no retries check).
 *
 * @example
 * ```ts
 * validateV1beta1TaskRun({ metadata: { name: "r" }, spec: { taskRef: { name: "t", bundle: "reg/x:1" } } }, config);
 * // → [{ code: "field-not-allowed", path: "taskRun.spec.taskRef.bundle", message: "must not set the field(s): taskRef.bundle — …" }]
 * ```
 */
export function validateV1beta1TaskRun(taskRun: Immutable<unknown>, config: AdmissionConfig): Issue[] {
  return taskRunIssues(taskRun as Immutable<TaskRunV1>, rulesFor("v1beta1", config));
}

/**
 * What Tekton v1.12's webhook rejects in a `tekton.dev/v1beta1` Task, before conversion: the v1
 * rules with v1beta1's differences (`resources` refused, sidecars only checked for the reserved name).
 *
 * @example
 * ```ts
 * validateV1beta1Task({ metadata: { name: "t" }, spec: { resources: { inputs: [] }, steps: [{ image: "a" }] } }, config);
 * // → [{ code: "field-not-allowed", path: "task.spec.resources", … }]
 * ```
 */
export function validateV1beta1Task(task: Immutable<unknown>, config: AdmissionConfig): Issue[] {
  return taskIssues(task as Immutable<TaskV1>, rulesFor("v1beta1", config));
}

/**
 * What the reconciler's createPod checks in the substituted Task spec before building the Pod:
 * `ValidateUsageOfDeclaredParameters`, then `TaskSpec.Validate` — the Task rules without the
 * metadata. Issues point under `path`.
 *
 * @example
 * ```ts
 * validateTaskSpec({ steps: [{ name: "s", image: "alpine", volumeMounts: [{ name: "tekton-internal-x", mountPath: "/x" }] }] }, config, ["taskRun", "spec", "taskSpec"]);
 * // → [{ code: "reserved-volume-name", path: "taskRun.spec.taskSpec.steps[0].volumeMounts[0].name", … }]
 * ```
 */
export function validateTaskSpec(
  spec: Immutable<TaskSpecV1>,
  config: AdmissionConfig,
  path: readonly PathSegment[],
): Issue[] {
  const read = readSteps(spec, path);
  const strings = read.strings;
  const params = declaredParams(spec, path);
  const issues = validateParamUsage(strings, params);
  appendAll(issues, validateTaskSpecRules(spec, path, rulesFor("v1", config), read, params));
  return dedupe(issues);
}
