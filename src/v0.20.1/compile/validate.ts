/**
 * What Tekton v0.20.1's validating admission webhook rejects in a TaskRun (with its embedded
 * `spec.taskSpec`) and in a Task or ClusterTask, after SetDefaults has run:
 * pkg/apis/pipeline/v1beta1/{taskrun_validation,task_validation,workspace_validation,
 * resource_types_validation}.go and pkg/apis/validate/metadata.go. PipelineResource specs
 * embedded in a TaskRun are checked by the resources stage, not here.
 *
 * Tekton collects most problems into one error; where it stops at the first problem of an
 * object (workspace bindings, resource bindings, a param's type) we still report each object
 * once. Fields the decoder left out are Go zero values: a missing string is "".
 */
import type { VolumeMount } from "kubernetes-types/core/v1.js";
import type {
  Immutable,
  ParamSpec,
  Task,
  TaskResource,
  TaskResourceBinding,
  TaskRun,
  TaskRunSpec,
  TaskSpec,
  WorkspaceBinding,
} from "../../api/types.js";
import type { Issue, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import { parseGoDuration } from "../../k8s/duration.js";
import { cleanPath } from "../../k8s/go-path.js";
import { parseImageReference } from "../../k8s/image-reference.js";
import { stringSet } from "../../k8s/string-tables.js";
import { appendAll } from "../../read-values.js";
import { HOME_DIR, RESOURCE_TYPES, TASK_RUN_CANCELLED, WORKSPACE_DIR } from "../contract.js";
import type { StepView, VariableFamily } from "./validate-variables.js";
import { checkArrayUsage, checkVariablesExist, stepStrings, stepViews } from "./validate-variables.js";

/** Cluster settings that change what the webhook accepts. */
export interface ValidateOptions {
  /** The `enable-tekton-oci-bundles` feature flag (default false: `taskRef.bundle` is rejected). */
  readonly enableTektonOCIBundles?: boolean;
}

type Path = readonly PathSegment[];
type ObjectMeta = NonNullable<Immutable<TaskRun>["metadata"]>;

const MAX_NAME_LENGTH = 63;
const WORKSPACE_SOURCES = ["persistentVolumeClaim", "volumeClaimTemplate", "emptyDir", "configMap", "secret"] as const;
const WORKSPACE_SOURCE_LIST = WORKSPACE_SOURCES.join(", ");
const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const RESULT_NAME = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * Everything Tekton's webhook rejects in a TaskRun: metadata name, taskRef/taskSpec choice,
 * the embedded Task spec (paths `taskRun.spec.taskSpec.steps[0].name`), duplicate params,
 * workspace and resource bindings, `spec.status` and a negative `spec.timeout`.
 * Expects a TaskRun whose shape passed `checkInputShape`; returns `[]` when it is valid.
 *
 * @example
 * ```ts
 * validateTaskRun({ spec: { status: "Paused", taskRef: { name: "t" } } });
 * // → [{ code: "invalid-spec-status", path: "taskRun.spec.status", message: … }]
 * ```
 */
export function validateTaskRun(taskRun: Immutable<TaskRun>, options: ValidateOptions = {}): Issue[] {
  const base: Path = ["taskRun"];
  return [
    ...validateMetadata(taskRun.metadata, [...base, "metadata"], "TaskRun"),
    ...validateTaskRunSpec(taskRun.spec ?? {}, [...base, "spec"], options),
  ];
}

/**
 * Everything Tekton's webhook rejects in a Task or ClusterTask (paths `task.spec.steps[0]…`).
 * Expects a Task whose shape passed `checkInputShape`; returns `[]` when it is valid.
 *
 * @example
 * ```ts
 * validateTask({ metadata: { name: "t" }, spec: { steps: [] } });
 * // → [{ code: "no-steps", path: "task.spec.steps", message: "a Task needs at least one step …" }]
 * ```
 */
export function validateTask(task: Immutable<Task>): Issue[] {
  const base: Path = ["task"];
  return [
    ...validateMetadata(task.metadata, [...base, "metadata"], task.kind === "ClusterTask" ? "ClusterTask" : "Task"),
    ...validateTaskSpec(task.spec ?? {}, [...base, "spec"]),
  ];
}

function validateMetadata(meta: ObjectMeta | undefined, path: Path, kind: string): Issue[] {
  const name = meta?.name ?? "";
  if (name.includes(".")) {
    return [
      issue(
        "invalid-name",
        [...path, "name"],
        `${kind} name ${quote(name)} must not contain "."; use letters, digits and "-" (e.g. ${quote(name.replace(/\./g, "-"))})`,
      ),
    ];
  }
  if (name.length > MAX_NAME_LENGTH) {
    return [
      issue(
        "name-too-long",
        [...path, "name"],
        `${kind} name is ${name.length} characters long; Tekton allows at most ${MAX_NAME_LENGTH}`,
      ),
    ];
  }
  return [];
}

function validateTaskRunSpec(spec: Immutable<TaskRunSpec>, path: Path, options: ValidateOptions): Issue[] {
  const issues: Issue[] = [];
  const refName = spec.taskRef?.name ?? "";
  if (refName !== "" && spec.taskSpec !== undefined) {
    issues.push(
      issue(
        "task-ref-and-spec",
        [...path, "taskSpec"],
        `taskRef (naming Task ${quote(refName)}) and taskSpec are both set; keep exactly one of them`,
      ),
    );
  }
  if (refName === "" && spec.taskSpec === undefined) {
    issues.push(
      issue(
        "missing-task",
        [...path, "taskRef", "name"],
        "a TaskRun needs either taskRef.name (the Task to run) or taskSpec (an embedded Task); neither is set",
      ),
    );
  }
  const bundle = spec.taskRef?.bundle ?? "";
  if (bundle !== "") {
    if (options.enableTektonOCIBundles !== true) {
      issues.push(
        issue(
          "bundle-not-enabled",
          [...path, "taskRef", "bundle"],
          'taskRef.bundle is only allowed when the feature flag "enable-tekton-oci-bundles" is "true"; remove the bundle or enable the flag',
        ),
      );
    } else {
      if (refName === "") {
        issues.push(
          issue(
            "missing-field",
            [...path, "taskRef", "name"],
            "taskRef.bundle needs taskRef.name: the name of the Task inside the bundle",
          ),
        );
      }
      // The webhook parses the bundle as name.ParseReference does, the parser entrypoint lookup uses.
      if (parseImageReference(bundle) === undefined) {
        issues.push(
          issue(
            "invalid-bundle",
            [...path, "taskRef", "bundle"],
            `${quote(bundle)} is not a valid image reference ([registry/]repository[:tag|@sha256:digest], the repository ` +
              `in lowercase letters, digits, "_", "-", "." and "/"); expected e.g. "gcr.io/project/tasks:v1"`,
          ),
        );
      }
    }
  }
  if (spec.taskSpec !== undefined) appendAll(issues, validateTaskSpec(spec.taskSpec, [...path, "taskSpec"]));

  appendAll(issues, validateParams(spec.params ?? [], [...path, "params"]));
  appendAll(issues, validateWorkspaceBindings(spec.workspaces ?? [], [...path, "workspaces"]));
  appendAll(issues, validateResourceBindings(spec.resources?.inputs ?? [], [...path, "resources", "inputs"]));
  appendAll(issues, validateResourceBindings(spec.resources?.outputs ?? [], [...path, "resources", "outputs"]));

  const status = spec.status ?? "";
  if (status !== "" && status !== TASK_RUN_CANCELLED) {
    issues.push(
      issue(
        "invalid-spec-status",
        [...path, "status"],
        `spec.status ${quote(status)} is not allowed; the only value is ${quote(TASK_RUN_CANCELLED)} (to cancel), or leave it unset`,
      ),
    );
  }
  // Only a duration written with a minus sign can be negative: the defaulted "1h0m0s" is not parsed.
  if (spec.timeout?.startsWith("-") === true) {
    const nanos = parseGoDuration(spec.timeout);
    if (nanos !== undefined && nanos < 0n) {
      issues.push(
        issue(
          "negative-timeout",
          [...path, "timeout"],
          `timeout ${quote(spec.timeout)} is negative; use a duration of at least 0 (e.g. "1h"; "0" means no timeout)`,
        ),
      );
    }
  }
  return issues;
}

/**
 * Duplicate names; Tekton lowercases the name it looks up but stores it as written, so only a
 * name whose lowercase an earlier lowercase name equals is reported. Without any, one insertion
 * per lowercase name (the table not growing is a repeat) answers for the whole list; at the
 * first repeat, the list is taken again with Tekton's lookups to report it.
 */
function validateParams(params: readonly Immutable<{ name?: string }>[], path: Path): Issue[] {
  const lowercase = stringSet(params.length);
  for (const p of params) {
    const name = p.name ?? "";
    const lower = name.toLowerCase();
    if (lower === name) {
      const size = lowercase.size;
      lowercase.add(name);
      if (lowercase.size === size) return duplicateParams(params, path);
    } else if (lowercase.has(lower)) {
      return duplicateParams(params, path);
    }
  }
  return [];
}

/** {@link validateParams}' issues, the list holding a repeat. */
function duplicateParams(params: readonly Immutable<{ name?: string }>[], path: Path): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  params.forEach((p, i) => {
    const name = p.name ?? "";
    const lower = name.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate-param",
          [...path, i, "name"],
          `param ${quote(name)} is given more than once (first at params[${earlier}]); give each param one value`,
        ),
      );
    }
    // A name that is its own lowercase was just looked up: no second lookup needed.
    if (lower === name ? earlier === undefined : !seen.has(name)) seen.set(name, i);
  });
  return issues;
}

function validateWorkspaceBindings(bindings: readonly Immutable<WorkspaceBinding>[], path: Path): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  bindings.forEach((b, i) => {
    const name = b.name ?? "";
    const earlier = firstWith(seen, name, i);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate-name",
          [...path, i, "name"],
          `workspace ${quote(name)} is bound more than once (first at workspaces[${earlier}]); bind each workspace once`,
        ),
      );
    }
    const sources = WORKSPACE_SOURCES.filter((s) => b[s] !== undefined);
    if (name === "" && b.subPath === undefined && sources.length === 0) {
      issues.push(
        issue(
          "missing-field",
          [...path, i],
          `a workspace binding needs a name and exactly one volume source (${WORKSPACE_SOURCE_LIST}); this one is empty`,
        ),
      );
    } else if (sources.length > 1) {
      issues.push(
        issue(
          "workspace-binding-source",
          [...path, i],
          `workspace binding ${quote(name)} sets ${sources.length} volume sources (${sources.join(", ")}); keep exactly one`,
        ),
      );
    } else if (sources.length === 0) {
      issues.push(
        issue(
          "workspace-binding-source",
          [...path, i],
          `workspace binding ${quote(name)} has no volume source; add exactly one of ${WORKSPACE_SOURCE_LIST}`,
        ),
      );
    } else if (b.persistentVolumeClaim !== undefined && (b.persistentVolumeClaim.claimName ?? "") === "") {
      issues.push(
        issue(
          "missing-field",
          [...path, i, "persistentVolumeClaim", "claimName"],
          `workspace binding ${quote(name)} uses a persistentVolumeClaim without claimName; name the PVC to use`,
        ),
      );
    } else if (b.configMap !== undefined && (b.configMap.name ?? "") === "") {
      issues.push(
        issue(
          "missing-field",
          [...path, i, "configMap", "name"],
          `workspace binding ${quote(name)} uses a configMap without name; name the ConfigMap to use`,
        ),
      );
    } else if (b.secret !== undefined && (b.secret.secretName ?? "") === "") {
      issues.push(
        issue(
          "missing-field",
          [...path, i, "secret", "secretName"],
          `workspace binding ${quote(name)} uses a secret without secretName; name the Secret to use`,
        ),
      );
    }
  });
  return issues;
}

function validateResourceBindings(bindings: readonly Immutable<TaskResourceBinding>[], path: Path): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  bindings.forEach((r, i) => {
    const name = r.name ?? "";
    const earlier = firstWith(seen, name.toLowerCase(), i);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate-resource",
          [...path, i, "name"],
          `resource ${quote(name)} is bound more than once (first at [${earlier}], names compared ignoring case); bind each resource once`,
        ),
      );
    }
    if (r.resourceRef !== undefined && r.resourceSpec !== undefined) {
      issues.push(
        issue(
          "resource-ref-and-spec",
          [...path, i],
          `resource binding ${quote(name)} sets both resourceRef and resourceSpec; keep exactly one`,
        ),
      );
    } else if ((r.resourceRef?.name ?? "") === "" && r.resourceSpec === undefined) {
      issues.push(
        issue(
          "missing-field",
          [...path, i, "resourceRef", "name"],
          `resource binding ${quote(name)} needs resourceRef.name (a PipelineResource) or resourceSpec (an embedded one)`,
        ),
      );
    }
  });
  return issues;
}

/** Task/ClusterTask spec rules; also applied to a TaskRun's embedded `taskSpec`. */
function validateTaskSpec(spec: Immutable<TaskSpec>, path: Path): Issue[] {
  const issues: Issue[] = [];
  // Every check below reads the steps through these views: one walk over each step's keys.
  const steps = stepViews(spec.steps ?? []);
  if (steps.length === 0) {
    issues.push(
      issue("no-steps", [...path, "steps"], 'a Task needs at least one step; add steps: [{ name: "…", image: "…" }]'),
    );
  }
  appendAll(issues, validateVolumes(spec, path));
  appendAll(issues, validateDeclaredWorkspaces(spec, steps, path));
  appendAll(issues, validateSteps(spec, steps, path));
  appendAll(issues, validateTaskResources(spec.resources?.inputs ?? [], [...path, "resources", "inputs"]));
  appendAll(issues, validateTaskResources(spec.resources?.outputs ?? [], [...path, "resources", "outputs"]));
  appendAll(issues, validateParamSpecs(spec.params ?? [], [...path, "params"]));
  appendAll(issues, validateVariables(spec, steps, path));
  (spec.results ?? []).forEach((r, i) => {
    const name = r.name ?? "";
    if (!RESULT_NAME.test(name)) {
      issues.push(
        issue(
          "invalid-result-name",
          [...path, "results", i, "name"],
          `result name ${quote(name)} is invalid; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit (e.g. "image-digest")`,
        ),
      );
    }
  });
  return issues;
}

function validateVolumes(spec: Immutable<TaskSpec>, path: Path): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  (spec.volumes ?? []).forEach((v, i) => {
    const name = v.name ?? "";
    const earlier = firstWith(seen, name, i);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate-volume",
          [...path, "volumes", i, "name"],
          `volume name ${quote(name)} is already used by volumes[${earlier}]; give each volume its own name`,
        ),
      );
    }
  });
  return issues;
}

/** What already uses a mount path: a step's mount (`step` its index), the stepTemplate's, or a workspace. */
interface MountUser {
  readonly step: number | "stepTemplate" | "workspace";
  readonly index: number;
}

function describeMountUser(user: MountUser): string {
  if (user.step === "workspace") return `workspaces[${user.index}]`;
  if (user.step === "stepTemplate") return `the volumeMount stepTemplate.volumeMounts[${user.index}]`;
  return `the volumeMount steps[${user.step}].volumeMounts[${user.index}]`;
}

function validateDeclaredWorkspaces(spec: Immutable<TaskSpec>, steps: readonly StepView[], path: Path): Issue[] {
  // The mount paths are gathered only to be compared with the declared workspaces'.
  if ((spec.workspaces ?? []).length === 0) return [];
  const issues: Issue[] = [];
  // Where each mount path is already used: volumeMounts of steps and stepTemplate, then
  // workspaces. The user is described only for a conflict reported.
  const used = new Map<string, MountUser>();
  for (let i = 0; i < steps.length; i++) {
    const mounts = (steps[i] as StepView).volumeMounts ?? [];
    for (let j = 0; j < mounts.length; j++) {
      const p = cleanPath(mounts[j]?.mountPath ?? "");
      if (!used.has(p)) used.set(p, { step: i, index: j });
    }
  }
  (spec.stepTemplate?.volumeMounts ?? []).forEach((m, j) => {
    const p = cleanPath(m.mountPath ?? "");
    if (!used.has(p)) used.set(p, { step: "stepTemplate", index: j });
  });
  const names = new Map<string, number>();
  (spec.workspaces ?? []).forEach((w, i) => {
    const name = w.name ?? "";
    const earlier = firstWith(names, name, i);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate-name",
          [...path, "workspaces", i, "name"],
          `workspace name ${quote(name)} is already declared by workspaces[${earlier}]; workspace names must be unique`,
        ),
      );
    }
    const mountPath = cleanPath((w.mountPath ?? "") !== "" ? (w.mountPath ?? "") : `${WORKSPACE_DIR}/${name}`);
    const owner = used.get(mountPath);
    if (owner !== undefined) {
      issues.push(
        issue(
          "workspace-mountpath-conflict",
          [...path, "workspaces", i, "mountPath"],
          `workspace ${quote(name)} would be mounted at ${quote(mountPath)}, which ${describeMountUser(owner)} already uses; give the workspace (or the volumeMount) another mountPath`,
        ),
      );
    } else {
      used.set(mountPath, { step: "workspace", index: i });
    }
  });
  return issues;
}

function validateSteps(spec: Immutable<TaskSpec>, steps: readonly StepView[], path: Path): Issue[] {
  const issues: Issue[] = [];
  const template = spec.stepTemplate;
  const templateMounts = template?.volumeMounts ?? [];
  const names = new Map<string, number>();
  steps.forEach((step, i) => {
    // Tekton validates each step merged with the stepTemplate.
    const image = (step.image ?? "") !== "" ? (step.image ?? "") : (template?.image ?? "");
    const stepCommand = step.command ?? [];
    const command = stepCommand.length > 0 ? stepCommand : (template?.command ?? []);
    const name = (step.name ?? "") !== "" ? (step.name ?? "") : (template?.name ?? "");
    if (image === "") {
      issues.push(
        issue(
          "missing-image",
          [...path, "steps", i, "image"],
          "step has no image; set the container image to run (e.g. image: alpine), here or in stepTemplate.image",
        ),
      );
    }
    if ((step.script ?? "") !== "" && command.length > 0) {
      const from = stepCommand.length > 0 ? "command" : "command (inherited from stepTemplate)";
      issues.push(
        issue(
          "script-with-command",
          [...path, "steps", i, "script"],
          `a step with a script cannot also have a ${from}; the script is what runs, so move the command into the script or drop the script`,
        ),
      );
    }
    if (name !== "") {
      const earlier = firstWith(names, name, i);
      if (earlier !== undefined) {
        issues.push(
          issue(
            "duplicate-name",
            [...path, "steps", i, "name"],
            `step name ${quote(name)} is already used by steps[${earlier}]; step names must be unique`,
          ),
        );
      }
      if (name.length > MAX_NAME_LENGTH || !DNS_LABEL.test(name)) {
        issues.push(
          issue(
            "invalid-name",
            [...path, "steps", i, "name"],
            `step name ${quote(name)} is not a valid DNS label; use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. ${quote(dnsLabelLike(name))})`,
          ),
        );
      }
    }
    if (step.timeout?.startsWith("-") === true) {
      const nanos = parseGoDuration(step.timeout);
      if (nanos !== undefined && nanos < 0n) {
        issues.push(
          issue(
            "negative-timeout",
            [...path, "steps", i, "timeout"],
            `step timeout ${quote(step.timeout)} is negative; use a duration of at least 0 (e.g. "5m")`,
          ),
        );
      }
    }
    const mounts = step.volumeMounts ?? [];
    for (let j = 0; j < mounts.length; j++) {
      const mount = mounts[j] as Immutable<VolumeMount>;
      // The mount's path is made only for a mount reported.
      if (reservedMountPath(mount) || reservedVolumeName(mount)) {
        appendAll(issues, validateMount(mount, [...path, "steps", i, "volumeMounts", j]));
      }
    }
  });
  // The template's mounts are merged into every step that does not mount the same path itself.
  templateMounts.forEach((m, j) => {
    const inherited = steps.some((s) => !(s.volumeMounts ?? []).some((own) => own.mountPath === m.mountPath));
    if (inherited) appendAll(issues, validateMount(m, [...path, "stepTemplate", "volumeMounts", j]));
  });
  return issues;
}

/** Whether a mount is under /tekton/, which Tekton reserves (but for /tekton/home). */
function reservedMountPath(mount: Immutable<VolumeMount>): boolean {
  const mountPath = mount.mountPath ?? "";
  return mountPath.startsWith("/tekton/") && !mountPath.startsWith(HOME_DIR);
}

/** Whether a mount names a volume of Tekton's own. */
function reservedVolumeName(mount: Immutable<VolumeMount>): boolean {
  return (mount.name ?? "").startsWith("tekton-internal-");
}

function validateMount(mount: Immutable<VolumeMount>, at: Path): Issue[] {
  const issues: Issue[] = [];
  const mountPath = mount.mountPath ?? "";
  const name = mount.name ?? "";
  if (reservedMountPath(mount)) {
    issues.push(
      issue(
        "reserved-mount-path",
        [...at, "mountPath"],
        `volumeMount ${quote(name)} is mounted at ${quote(mountPath)}, under /tekton/, which Tekton reserves for itself (only /tekton/home may be used); choose another mountPath`,
      ),
    );
  }
  if (reservedVolumeName(mount)) {
    issues.push(
      issue(
        "reserved-volume-name",
        [...at, "name"],
        `volumeMount name ${quote(name)} starts with "tekton-internal-", which Tekton reserves for its own volumes; rename the volume`,
      ),
    );
  }
  return issues;
}

function validateTaskResources(resources: readonly Immutable<TaskResource>[], path: Path): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  resources.forEach((r, i) => {
    const type = r.type ?? "";
    if (!RESOURCE_TYPES.includes(type)) {
      issues.push(
        issue(
          "invalid-resource-type",
          [...path, i, "type"],
          `resource type ${quote(type)} is not a PipelineResource type; use one of ${RESOURCE_TYPES.join(", ")}`,
        ),
      );
    }
  });
  resources.forEach((r, i) => {
    const name = (r.name ?? "").toLowerCase();
    const earlier = firstWith(seen, name, i);
    if (earlier !== undefined) {
      issues.push(
        issue(
          "duplicate-resource",
          [...path, i, "name"],
          `resource ${quote(r.name ?? "")} is declared more than once (first at [${earlier}], names compared ignoring case); declare each resource once`,
        ),
      );
    }
  });
  return issues;
}

/** A ParamSpec's type after SetDefaults: as written, else the default's, else "string". */
function effectiveType(p: Immutable<ParamSpec>): string {
  const written: string = p.type ?? "";
  if (written !== "") return written;
  if (p.default !== undefined) return Array.isArray(p.default) ? "array" : "string";
  return "string";
}

function validateParamSpecs(params: readonly Immutable<ParamSpec>[], path: Path): Issue[] {
  const issues: Issue[] = [];
  params.forEach((p, i) => {
    const type = effectiveType(p);
    const name = p.name ?? "";
    if (type !== "string" && type !== "array") {
      issues.push(
        issue(
          "invalid-param-type",
          [...path, i, "type"],
          `param ${quote(name)} has type ${quote(type)}; the type must be "string" or "array"`,
        ),
      );
      return;
    }
    if (p.default !== undefined) {
      const defaultType = Array.isArray(p.default) ? "array" : "string";
      if (defaultType !== type) {
        const fix = type === "array" ? `a list (e.g. [${quote(String(p.default))}])` : "a single string";
        issues.push(
          issue(
            "param-default-type-mismatch",
            [...path, i, "default"],
            `param ${quote(name)} is declared ${quote(type)} but its default is ${defaultType === "array" ? "a list" : "a string"}; make the default ${fix} or change the type to ${quote(defaultType)}`,
          ),
        );
      }
    }
  });
  return issues;
}

/** The context variables a step may refer to. */
const CONTEXT_TASK_RUN: VariableFamily = {
  prefix: "context\\.taskRun",
  display: "$(context.taskRun.NAME)",
  noun: "context variable",
  names: new Set(["name", "namespace", "uid"]),
};
const CONTEXT_TASK: VariableFamily = {
  prefix: "context\\.task",
  display: "$(context.task.NAME)",
  noun: "context variable",
  names: new Set(["name"]),
};

function validateVariables(spec: Immutable<TaskSpec>, steps: readonly StepView[], path: Path): Issue[] {
  const strings = stepStrings(steps, [...path, "steps"]);
  // Without a `$(` in the steps there is no reference to check.
  if (strings.length === 0) return [];
  const params = spec.params ?? [];
  // Both tables in one pass, without the intermediate lists of names.
  const names = stringSet(params.length);
  const arrayNames = new Set<string>();
  for (const p of params) {
    names.add(p.name ?? "");
    if (effectiveType(p) === "array") arrayNames.add(p.name ?? "");
  }
  const paramFamily: VariableFamily = {
    prefix: "params",
    display: "$(params.NAME)",
    noun: "param",
    names,
  };
  const arrayFamily: VariableFamily = {
    prefix: paramFamily.prefix,
    display: paramFamily.display,
    noun: paramFamily.noun,
    names: arrayNames,
  };
  const families: VariableFamily[] = [paramFamily, CONTEXT_TASK_RUN, CONTEXT_TASK];
  if (spec.resources !== undefined) {
    const declared = [...(spec.resources.inputs ?? []), ...(spec.resources.outputs ?? [])];
    families.push({
      // Tekton's pattern has an unescaped "." here, matching any one character.
      prefix: "resources.(?:inputs|outputs)",
      display: "$(resources.inputs.NAME…)",
      noun: "resource",
      names: new Set(declared.map((r) => r.name ?? "")),
    });
  }
  const [unknownParams = [], unknownContextTaskRun = [], unknownContextTask = [], unknownResources = []] =
    checkVariablesExist(strings, families);
  // Tekton's order: params, array usage, resources, context.
  const issues = unknownParams;
  appendAll(issues, checkArrayUsage(strings, arrayFamily));
  appendAll(issues, unknownResources);
  appendAll(issues, unknownContextTaskRun);
  appendAll(issues, unknownContextTask);
  return issues;
}

/** The index of the first item keyed `key`; records `index` as that first when there is none yet. */
function firstWith(seen: Map<string, number>, key: string, index: number): number | undefined {
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, index);
  return earlier;
}

function dnsLabelLike(name: string): string {
  const dashed = name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-");
  // Trimmed by scanning, not with /-+$/: a regex anchored at the end retries from every dash
  // of a long run, which is quadratic in the run's length.
  let start = 0;
  while (start < dashed.length && dashed.charCodeAt(start) === 45) start++;
  let end = Math.min(dashed.length, start + MAX_NAME_LENGTH);
  while (end > start && dashed.charCodeAt(end - 1) === 45) end--;
  const label = dashed.slice(start, end);
  return label === "" ? "build" : label;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
