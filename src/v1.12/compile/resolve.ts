/**
 * The reconciler's `prepare` in Tekton v1.12 (pkg/reconciler/taskrun/taskrun.go), in its order:
 * fetch the Task (or take the embedded spec; a remote ref waits on a resolver), merge its
 * metadata into the TaskRun, resolve StepAction refs, then the checks that fail the TaskRun:
 * request ≤ limit, params, enum values, array indexes, default workspaces, workspace bindings,
 * one PVC under `coschedule: workspaces`, and step/sidecar overrides.
 */

import { CompileError, type Issue, issue, type PathSegment } from "../../errors.js";
import type { Explainer } from "../../explain/index.js";
import { copyObject } from "../../k8s/copy-object.js";
import { compareQuantities, parseQuantity } from "../../k8s/quantity.js";
import { copyRecord, setRecord } from "../../k8s/records.js";
import type {
  Immutable,
  ParamV1,
  StepAction,
  StepV1,
  TaskRunV1,
  TaskSpecV1,
  TaskV1,
  WorkspaceBindingV1,
} from "../api/types.js";
import { parseYamlValue, type ResolvedConfigV112 } from "./config.js";
import { defaultTaskSpec } from "./defaults.js";
import { parameterPass, stepActionPass } from "./parameters.js";
import { type Pass, replaceStep, replaceString } from "./substitute.js";

/** The label naming the Task a TaskRun runs by reference. */
export const TASK_LABEL = "tekton.dev/task";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** What prepare hands to reconcile. */
export interface PreparedTaskRun {
  /** The TaskRun with the Task's labels and annotations merged in (its own win). */
  readonly taskRun: TaskRunV1;
  /** The Task's name (the TaskRun's for an embedded spec): `$(context.task.name)`. */
  readonly taskName: string;
  /** The defaulted spec, StepAction refs replaced by the steps they stand for. */
  readonly taskSpec: TaskSpecV1;
}

function fail(
  reason: string,
  code: Issue["code"],
  path: readonly PathSegment[],
  message: string,
  stage: "resolution" = "resolution",
): never {
  throw new CompileError(stage, [issue(code, path, message)], reason);
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

/** `GetTaskData` + `storeTaskSpecAndMergeMeta`. */
function resolveTask(taskRun: TaskRunV1, task: TaskV1 | undefined, config: ResolvedConfigV112): PreparedTaskRun {
  const ref = taskRun.spec.taskRef;
  const name = taskRun.metadata?.name ?? "";
  const namespace = taskRun.metadata?.namespace ?? "";
  let taskName: string;
  let spec: TaskSpecV1;
  let meta: { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined;
  if (ref !== undefined && isSet(ref.name) && !isSet(ref.resolver)) {
    if (task === undefined || (task.metadata?.name !== undefined && task.metadata.name !== ref.name)) {
      fail(
        "TaskRunResolutionFailed",
        "task-not-found",
        ["taskRun", "spec", "taskRef", "name"],
        `error when listing tasks for taskRun ${name}: tasks.tekton.dev ${JSON.stringify(ref.name)} not found` +
          (task === undefined
            ? " (the input has no task)"
            : ` (the input's task is named ${JSON.stringify(task.metadata?.name)})`),
      );
    }
    taskName = task.metadata?.name ?? ref.name;
    spec = task.spec;
    meta = task.metadata ?? {};
  } else if (taskRun.spec.taskSpec !== undefined) {
    taskName = name;
    spec = taskRun.spec.taskSpec;
  } else if (ref !== undefined && isSet(ref.resolver)) {
    fail(
      "ResolvingTaskRef",
      "remote-resolution",
      ["taskRun", "spec", "taskRef", "resolver"],
      `TaskRun ${namespace}/${name} awaiting remote resource: the ${JSON.stringify(ref.resolver)} resolver is not run here; ` +
        "resolve the Task yourself and pass it as task with a taskRef by name",
    );
  } else {
    fail(
      "TaskRunResolutionFailed",
      "missing-task",
      ["taskRun", "spec"],
      `taskRun ${name} not providing TaskRef or TaskSpec`,
    );
  }
  const taskSpec = defaultTaskSpec(spec, config);
  // A copy of the metadata, so the merged labels and annotations never touch the input (made
  // by copyObject: they may be added to it).
  const metadata: NonNullable<TaskRunV1["metadata"]> = copyObject(taskRun.metadata ?? {});
  const out: TaskRunV1 = { ...taskRun, metadata };
  if (meta !== undefined) {
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(meta.annotations ?? {})) if (k !== LAST_APPLIED) setRecord(annotations, k, v);
    for (const [k, v] of Object.entries(taskRun.metadata?.annotations ?? {})) setRecord(annotations, k, v);
    metadata.annotations = annotations;
    // One copy with the TaskRun's labels set over it (a second spread in one literal is slow).
    const labels = copyRecord(meta.labels);
    for (const [k, v] of Object.entries(taskRun.metadata?.labels ?? {})) setRecord(labels, k, v);
    if (ref !== undefined) labels[TASK_LABEL] = taskName;
    metadata.labels = labels;
  }
  return { taskRun: out, taskName, taskSpec };
}

/** `ToStep` of a StepAction spec, with `SetDefaults` on its results. */
function stepActionStep(action: Immutable<StepAction>): StepV1 {
  const s = structuredClone(action.spec) as StepAction["spec"];
  const step: StepV1 = {};
  if (s.image !== undefined) step.image = s.image;
  if (s.command !== undefined) step.command = s.command;
  if (s.args !== undefined) step.args = s.args;
  if (s.workingDir !== undefined) step.workingDir = s.workingDir;
  if (s.script !== undefined) step.script = s.script;
  if (s.env !== undefined) step.env = s.env;
  if (s.volumeMounts !== undefined) step.volumeMounts = s.volumeMounts;
  if (s.securityContext !== undefined) step.securityContext = s.securityContext;
  if (s.results !== undefined)
    step.results = s.results.map((r) => {
      const typed = copyObject(r);
      typed.type = r.type ?? (r.properties !== undefined ? "object" : "string");
      return typed;
    });
  return step;
}

/** The fields a StepAction gives the step that references it. */
const STEP_ACTION_FIELDS = [
  "image",
  "securityContext",
  "command",
  "args",
  "script",
  "workingDir",
  "env",
  "volumeMounts",
  "results",
] as const;

/** The Task's labels and annotations the TaskRun (and so the Pod) takes, and the Task's name label. */
function explainTaskMetadata(explain: Explainer, task: Immutable<TaskV1>, taskRun: TaskRunV1): void {
  for (const field of ["labels", "annotations"] as const) {
    const own = taskRun.metadata?.[field] ?? {};
    for (const key of Object.keys(task.metadata?.[field] ?? {})) {
      if (Object.hasOwn(own, key)) continue;
      explain.add(
        ["taskRun", "metadata", field, key],
        "task-metadata",
        `The Task's ${field === "labels" ? "label" : "annotation"}, copied onto the TaskRun and from it onto the Pod.`,
        ["task", "metadata", field, key],
      );
    }
  }
  explain.drop(["taskRun", "metadata", "labels", TASK_LABEL]);
  explain.add(
    ["taskRun", "metadata", "labels", TASK_LABEL],
    "taskrun-label",
    "The TaskRun is labelled with the name of the Task it runs.",
    ["taskRun", "spec", "taskRef", "name"],
  );
}

/** `GetStepActionsData`: every step with a `ref` becomes the StepAction it names, its params applied. */
function resolveStepActions(
  prepared: PreparedTaskRun,
  stepActions: readonly Immutable<StepAction>[],
  explain?: Explainer,
): TaskSpecV1 {
  const spec = prepared.taskSpec;
  const steps = spec.steps ?? [];
  if (!steps.some((s) => s.ref !== undefined)) return spec;
  const tr = prepared.taskRun;
  const name = tr.metadata?.name ?? "";
  const namespace = tr.metadata?.namespace ?? "";
  const resolved = steps.map((step, i): StepV1 => {
    const ref = step.ref;
    if (ref === undefined) return step;
    if (isSet(ref.resolver)) {
      fail(
        "ResolvingStepActionRef",
        "remote-resolution",
        ["taskSpec", "steps", i, "ref", "resolver"],
        `TaskRun ${namespace}/${name} awaiting remote StepAction: the ${JSON.stringify(ref.resolver)} resolver is not run here; ` +
          "pass the StepAction in stepActions and reference it by name",
      );
    }
    const action = stepActions.find((a) => a.metadata?.name === ref.name);
    if (action === undefined) {
      fail(
        "TaskRunResolutionFailed",
        "step-action-not-found",
        ["taskSpec", "steps", i, "ref", "name"],
        `failed to resolve step ref for step ${JSON.stringify(step.name ?? "")} (index ${i}): ` +
          `stepactions.tekton.dev ${JSON.stringify(ref.name ?? "")} not found; add it to stepActions`,
      );
    }
    const declaredNames = new Set((action.spec.params ?? []).map((p) => p.name));
    const extra = (step.params ?? []).map((p) => p.name).filter((n) => !declaredNames.has(n));
    const given = new Set((step.params ?? []).map((p) => p.name));
    const missing = (action.spec.params ?? [])
      .filter((p) => p.default === undefined && !given.has(p.name))
      .map((p) => p.name);
    if (extra.length > 0 || missing.length > 0) {
      fail(
        "TaskRunResolutionFailed",
        extra.length > 0 ? "extra-param" : "missing-param",
        ["taskSpec", "steps", i, "params"],
        `failed to resolve step ref for step ${JSON.stringify(step.name ?? "")} (index ${i}): ` +
          (extra.length > 0
            ? `extra params passed by Step to StepAction: [${extra.join(" ")}]`
            : `non-existent params in Step: [${missing.join(" ")}]`),
      );
    }
    const declared = (action.spec.params ?? []).map((p) => ({
      ...p,
      type:
        p.type ??
        (Array.isArray(p.default)
          ? "array"
          : p.default !== undefined && typeof p.default === "object"
            ? "object"
            : "string"),
    }));
    // Step params may use the TaskRun's params; those are replaced first.
    let provided: readonly ParamV1[] = step.params ?? [];
    if (provided.length > 0) {
      const trPass = parameterPass(spec.params ?? [], tr.spec.params ?? []);
      provided = replaceStepParams(provided, trPass);
    }
    const fromAction = replaceStep(stepActionStep(action), stepActionPass(declared, provided));
    const out: StepV1 = copyObject(step);
    if (fromAction.image !== undefined) out.image = fromAction.image;
    else delete out.image;
    if (fromAction.securityContext !== undefined) out.securityContext = fromAction.securityContext;
    else delete out.securityContext;
    const command = fromAction.command ?? [];
    if (command.length > 0) out.command = command;
    const args = fromAction.args ?? [];
    if (args.length > 0) out.args = args;
    if (isSet(fromAction.script)) out.script = fromAction.script;
    if (fromAction.workingDir !== undefined) out.workingDir = fromAction.workingDir;
    else delete out.workingDir;
    if (fromAction.env !== undefined) out.env = fromAction.env;
    const volumeMounts = fromAction.volumeMounts ?? [];
    if (volumeMounts.length > 0) out.volumeMounts = volumeMounts;
    const results = fromAction.results ?? [];
    if (results.length > 0) out.results = results;
    delete out.ref;
    delete out.params;
    if (explain !== undefined) {
      const k = stepActions.indexOf(action);
      for (const key of STEP_ACTION_FIELDS) {
        if (out[key] !== fromAction[key] || out[key] === undefined) continue;
        explain.drop(["taskSpec", "steps", i, key]);
        explain.each(
          ["taskSpec", "steps", i, key],
          out[key],
          "step-action",
          `The step runs StepAction ${JSON.stringify(ref.name ?? "")}, with the step's params applied.`,
          ["stepActions", k, "spec", key],
        );
      }
    }
    return out;
  });
  return { ...spec, steps: resolved };
}

/** `Params.ReplaceVariables`: a step's params with the TaskRun's params substituted. */
function replaceStepParams(params: readonly ParamV1[], pass: Pass): ParamV1[] {
  return params.map((p) => {
    if (typeof p.value === "string") {
      const v = p.value;
      if (v.startsWith("$(") && v.endsWith(")")) {
        const inner = v.slice(2, -1);
        const key = inner.endsWith("[*]") ? inner.slice(0, -3) : inner;
        const arr = pass.arrays?.get(key);
        if (arr !== undefined) return { ...p, value: [...arr] };
        const obj = pass.objects?.get(key);
        if (obj !== undefined) return { ...p, value: { ...obj } };
      }
      return { ...p, value: replaceString(v, pass.strings) };
    }
    if (Array.isArray(p.value)) return { ...p, value: replaceStep({ args: p.value }, pass).args ?? [] };
    return p;
  });
}

/** `validateTaskSpecRequestResources`: a step's request may not exceed its (or the template's) limit. */
function checkRequestsWithinLimits(spec: TaskSpecV1): void {
  (spec.steps ?? []).forEach((step, i) => {
    const requests = step.computeResources?.requests;
    if (requests === undefined) return;
    for (const [name, request] of Object.entries(requests)) {
      const limit = step.computeResources?.limits?.[name] ?? spec.stepTemplate?.computeResources?.limits?.[name];
      if (limit === undefined) continue;
      const r = parseQuantity(String(request));
      const l = parseQuantity(String(limit));
      if (r !== undefined && l !== undefined && compareQuantities(l, r) < 0) {
        fail(
          "TaskRunValidationFailed",
          "invalid-value",
          ["taskSpec", "steps", i, "computeResources", "requests", name],
          `[User error] invalid request resource value: ${String(request)} must be less or equal to limit ${String(limit)}`,
        );
      }
    }
  });
}

function valueType(value: unknown): string {
  return Array.isArray(value) ? "array" : typeof value === "object" && value !== null ? "object" : "string";
}

// Tekton's pattern is `[_a-zA-Z0-9.-]+(\.[_a-zA-Z0-9.-]+)*` before the index: its group adds
// only characters the first class has already, so the two match the same text. Written as
// Tekton writes it, a backtracking engine takes exponential time on `$(a.a.a…` without `)`.
const VARIABLE = /\$\([_a-zA-Z0-9.-]+(\[([0-9]+|\*)\])?\)/;

/** `ValidateResolvedTask`: every param without a default is given, with the declared type and object keys. */
function checkParams(taskName: string, spec: TaskSpecV1, params: readonly ParamV1[]): void {
  const specs = spec.params;
  if (specs === undefined) return;
  // Only the names declared without a default are looked for among the given params (usually
  // none are): a table of every given name cost more than the check.
  const unset = new Set<string>();
  for (const p of specs) if (p.default === undefined) unset.add(p.name);
  if (unset.size > 0) for (const p of params) unset.delete(p.name);
  const missing = specs.filter((p) => p.default === undefined && unset.has(p.name)).map((p) => p.name);
  const prefix = `[User error] invalid input params for task ${taskName}: `;
  if (missing.length > 0) {
    fail(
      "TaskRunValidationFailed",
      "missing-param",
      ["taskRun", "spec", "params"],
      `${prefix}missing values for these params which have no default values: [${missing.join(" ")}]`,
    );
  }
  const types = new Map<string, string>();
  for (const p of specs) types.set(p.name, p.type ?? "string");
  const wrong: string[] = [];
  for (const p of params) {
    const needed = types.get(p.name);
    if (needed === undefined) continue;
    const got = valueType(p.value);
    if (got === "string" && needed !== "string" && VARIABLE.test(p.value as string)) continue;
    if (got !== needed) wrong.push(p.name);
  }
  if (wrong.length > 0) {
    fail(
      "TaskRunValidationFailed",
      "param-type-mismatch",
      ["taskRun", "spec", "params"],
      `${prefix}param types don't match the user-specified type: [${wrong.join(" ")}]`,
    );
  }
  const missingKeys: string[] = [];
  for (const s of specs) {
    if (s.type !== "object" || s.properties === undefined) continue;
    const provided = new Set<string>();
    let any = false;
    if (s.default !== undefined && typeof s.default === "object" && !Array.isArray(s.default)) {
      any = true;
      for (const k of Object.keys(s.default)) provided.add(k);
    }
    for (const p of params) {
      if (p.name === s.name && valueType(p.value) === "object") {
        any = true;
        for (const k of Object.keys(p.value as object)) provided.add(k);
      }
    }
    if (!any) continue;
    const absent = Object.keys(s.properties).filter((k) => !provided.has(k));
    if (absent.length > 0) missingKeys.push(`${s.name}:[${absent.join(" ")}]`);
  }
  if (missingKeys.length > 0) {
    fail(
      "TaskRunValidationFailed",
      "missing-param",
      ["taskRun", "spec", "params"],
      `${prefix}missing keys for these params which are required in ParamSpec's properties map[${missingKeys.join(" ")}]`,
    );
  }
}

/** `ValidateEnumParam` (with `enable-param-enum`): a non-empty string value must be one of the declared ones. */
function checkEnums(spec: TaskSpecV1, params: readonly ParamV1[]): void {
  for (const p of params) {
    if (typeof p.value !== "string" || p.value === "") continue;
    const declared = (spec.params ?? []).find((s) => s.name === p.name)?.enum;
    if (declared === undefined || declared.length === 0) continue;
    if (!declared.includes(p.value)) {
      fail(
        "InvalidParamValue",
        "invalid-value",
        ["taskRun", "spec", "params"],
        `[User error] param \`${p.name}\` value: ${p.value} is not in the enum list`,
      );
    }
  }
}

/** Whether `text` holds `])` right after a digit, as every `…[<index>])` does. */
function endsAnIndex(text: string): boolean {
  for (let i = text.indexOf("])"); i > 0; i = text.indexOf("])", i + 2)) {
    const c = text.charCodeAt(i - 1);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Whether a string in `value`, or a key of one of its objects, holds a digit followed by `])`. */
function holdsIndexEnd(value: unknown): boolean {
  if (typeof value === "string") return endsAnIndex(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (holdsIndexEnd(v)) return true;
    return false;
  }
  for (const k in value) {
    if (endsAnIndex(k) || holdsIndexEnd((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** `ValidateParamArrayIndex`: `$(params.a[i])` needs `i` within the array the TaskRun (or the default) gives. */
function checkArrayIndexes(spec: TaskSpecV1, params: readonly ParamV1[]): void {
  const lengths = new Map<string, number>();
  for (const s of spec.params ?? [])
    if (s.type === "array" && Array.isArray(s.default)) lengths.set(s.name, s.default.length);
  for (const p of params) if (Array.isArray(p.value)) lengths.set(p.name, p.value.length);
  if (lengths.size === 0) return;
  const fields = {
    steps: spec.steps,
    stepTemplate: spec.stepTemplate,
    volumes: spec.volumes,
    sidecars: spec.sidecars,
    workspaces: spec.workspaces,
  };
  // A match ends in a digit and `])`, which the JSON text only holds inside a string or key
  // (JSON escapes none of them, and its own `]` is never followed by `)`): without one, nothing
  // matches, and the text need not be written. (`$(params.a[*])` holds `])` but matches not.)
  if (!holdsIndexEnd(fields)) return;
  const text = JSON.stringify(fields);
  const invalid = new Set<string>();
  const re = /\$\(params(?:\.([_a-zA-Z0-9.-]+)|\[\\?"([^"\\]+)\\?"\]|\['([^']+)'\])\[([0-9]+)\]\)/g;
  for (const m of text.matchAll(re)) {
    const name = m[1] ?? m[2] ?? m[3] ?? "";
    const index = Number(m[4]);
    const length = lengths.get(name);
    if (length !== undefined && index >= length) invalid.add(m[0].replace(/\\"/g, '"'));
  }
  if (invalid.size > 0) {
    fail(
      "TaskRunValidationFailed",
      "invalid-value",
      ["taskRun", "spec", "params"],
      `non-existent param references:[${[...invalid].sort().join(" ")}]`,
    );
  }
}

/** `updateTaskRunWithDefaultWorkspaces`: required workspaces the TaskRun leaves unbound take the configured binding. */
function bindDefaultWorkspaces(
  taskRun: TaskRunV1,
  spec: TaskSpecV1,
  config: ResolvedConfigV112,
): WorkspaceBindingV1[] | undefined {
  const yaml = config.defaults.taskRunWorkspaceBinding;
  if (yaml === undefined || yaml === "") return taskRun.spec.workspaces;
  const parsed = parseYamlValue(yaml);
  if (parsed === undefined) {
    fail(
      "TaskRunResolutionFailed",
      "invalid-config",
      ["config", "defaults", "default-task-run-workspace-binding"],
      `failed to unmarshal ${yaml}`,
    );
  }
  const d = (parsed.value ?? {}) as WorkspaceBindingV1;
  const byName = new Map<string, WorkspaceBindingV1>();
  for (const w of spec.workspaces ?? []) {
    if (w.optional === true) continue;
    const b: WorkspaceBindingV1 = { name: w.name };
    for (const key of [
      "subPath",
      "volumeClaimTemplate",
      "persistentVolumeClaim",
      "emptyDir",
      "configMap",
      "secret",
    ] as const) {
      if (d[key] !== undefined) (b as unknown as Record<string, unknown>)[key] = structuredClone(d[key]);
    }
    byName.set(w.name, b);
  }
  for (const b of taskRun.spec.workspaces ?? []) byName.set(b.name, b);
  return [...byName.values()];
}

function bindingSourceCount(b: WorkspaceBindingV1): number {
  let count = 0;
  if (b.persistentVolumeClaim !== undefined) count++;
  if (b.emptyDir !== undefined) count++;
  if (b.configMap !== undefined) count++;
  if (b.secret !== undefined) count++;
  if (b.volumeClaimTemplate !== undefined) count++;
  if (b.projected !== undefined) count++;
  if (b.csi !== undefined) count++;
  return count;
}

/** `workspace.ValidateBindings`, the one-PVC rule of `coschedule: workspaces`, and `validateOverrides`. */
function checkBindings(
  taskRun: TaskRunV1,
  spec: TaskSpecV1,
  bindings: readonly WorkspaceBindingV1[],
  config: ResolvedConfigV112,
): void {
  bindings.forEach((b, i) => {
    const sources = bindingSourceCount(b);
    if (sources !== 1) {
      fail(
        "TaskRunValidationFailed",
        "workspace-binding-source",
        ["taskRun", "spec", "workspaces", i],
        `[User error] binding ${JSON.stringify(b.name)} is invalid: expected exactly one, got ${sources === 0 ? "neither" : "both"}`,
      );
    }
    if (b.persistentVolumeClaim !== undefined && (b.persistentVolumeClaim.claimName ?? "") === "") {
      fail(
        "TaskRunValidationFailed",
        "missing-field",
        ["taskRun", "spec", "workspaces", i, "persistentVolumeClaim", "claimName"],
        `[User error] binding ${JSON.stringify(b.name)} is invalid: missing field(s): persistentvolumeclaim.claimname`,
      );
    }
  });
  const declarations =
    taskRun.spec.taskSpec !== undefined
      ? [...(taskRun.spec.workspaces ?? []).map((w) => ({ name: w.name, optional: false })), ...(spec.workspaces ?? [])]
      : (spec.workspaces ?? []);
  const declared = new Set(declarations.map((d) => d.name));
  const bound = new Set(bindings.map((b) => b.name));
  for (const d of declarations) {
    if (d.optional !== true && !bound.has(d.name)) {
      fail(
        "TaskRunValidationFailed",
        "workspace-not-bound",
        ["taskRun", "spec", "workspaces"],
        `[User error] declared workspace ${JSON.stringify(d.name)} is required but has not been bound`,
      );
    }
  }
  for (const b of bindings) {
    if (!declared.has(b.name)) {
      fail(
        "TaskRunValidationFailed",
        "workspace-not-bound",
        ["taskRun", "spec", "workspaces"],
        `[User error] workspace binding ${JSON.stringify(b.name)} does not match any declared workspace`,
      );
    }
  }
  if (config.featureFlags.coschedule === "workspaces") {
    const claims = new Set<string>();
    for (const b of bindings) {
      if (b.persistentVolumeClaim !== undefined) claims.add(`claim:${b.persistentVolumeClaim.claimName}`);
      if (b.volumeClaimTemplate !== undefined) claims.add(`template:${b.name}`);
    }
    if (claims.size > 1) {
      fail(
        "TaskRunValidationFailed",
        "multiple-pvc-workspaces",
        ["taskRun", "spec", "workspaces"],
        "[User error] more than one PersistentVolumeClaim is bound (coschedule: workspaces puts a TaskRun's claims on one node; " +
          'set the feature flag coschedule to "disabled" to allow this)',
      );
    }
  }
  const stepNames = new Set((spec.steps ?? []).map((s) => s.name ?? ""));
  const sidecarNames = new Set((spec.sidecars ?? []).map((s) => s.name ?? ""));
  const problems: Issue[] = [];
  (taskRun.spec.stepSpecs ?? []).forEach((o, i) => {
    if (!stepNames.has(o.name))
      problems.push(
        issue(
          "invalid-value",
          ["taskRun", "spec", "stepSpecs", i, "name"],
          `[User error] invalid StepOverride: No Step named ${o.name}`,
        ),
      );
  });
  (taskRun.spec.sidecarSpecs ?? []).forEach((o, i) => {
    if (!sidecarNames.has(o.name))
      problems.push(
        issue(
          "invalid-value",
          ["taskRun", "spec", "sidecarSpecs", i, "name"],
          `[User error] invalid SidecarOverride: No Sidecar named ${o.name}`,
        ),
      );
  });
  if (problems.length > 0) throw new CompileError("resolution", problems, "TaskRunValidationFailed");
}

/**
 * Runs `prepare` on an admitted TaskRun. Throws {@link CompileError} at stage `resolution` with
 * Tekton's condition reason when the TaskRun would fail or wait there.
 */
export function prepare(
  taskRun: TaskRunV1,
  task: TaskV1 | undefined,
  stepActions: readonly Immutable<StepAction>[],
  config: ResolvedConfigV112,
  explain?: Explainer,
): PreparedTaskRun & { readonly bindings: WorkspaceBindingV1[] | undefined } {
  const resolved = resolveTask(taskRun, task, config);
  if (
    explain !== undefined &&
    task !== undefined &&
    isSet(taskRun.spec.taskRef?.name) &&
    !isSet(taskRun.spec.taskRef?.resolver)
  )
    explainTaskMetadata(explain, task, taskRun);
  const taskSpec = resolveStepActions(resolved, stepActions, explain);
  checkRequestsWithinLimits(taskSpec);
  const params = resolved.taskRun.spec.params ?? [];
  checkParams(resolved.taskName, taskSpec, params);
  if (config.featureFlags.enableParamEnum) checkEnums(taskSpec, params);
  checkArrayIndexes(taskSpec, params);
  const bindings = bindDefaultWorkspaces(resolved.taskRun, taskSpec, config);
  checkBindings(resolved.taskRun, taskSpec, bindings ?? [], config);
  return { taskRun: resolved.taskRun, taskName: resolved.taskName, taskSpec, bindings };
}
