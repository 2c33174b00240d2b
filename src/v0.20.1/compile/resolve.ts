/**
 * The reconciler's prepare step (reconciler/taskrun/taskrun.go `prepare`, taskspec.go,
 * validate_resources.go, workspace/validate.go in v0.20.1): find the Task, propagate its
 * labels and annotations, check the bound params against the declared ones, bind the
 * default workspace, check workspace bindings and the affinity-assistant PVC rule.
 */
import type { Immutable, Param, Task, TaskRun, TaskSpec, WorkspaceBinding } from "../../api/types.js";
import { type Checked, clip, type Issue, issue, type PathSegment, passed, stopped } from "../../errors.js";
import type { Explainer } from "../../explain/index.js";
import { copyObject } from "../../k8s/copy-object.js";
import { shortGoStringList } from "../../k8s/go-strings.js";
import { copyRecord, setRecord } from "../../k8s/records.js";
import { configYamlIssues, parseConfigYaml, type ResolvedConfig } from "./config.js";
import type { ParamBindings } from "./parameters.js";

export const TASK_LABEL = "tekton.dev/task";
export const CLUSTER_TASK_LABEL = "tekton.dev/clusterTask";
export const AFFINITY_ASSISTANT_ANNOTATION = "pipeline.tekton.dev/affinity-assistant";

/** The Task a TaskRun runs, as the reconciler sees it. */
export interface ResolvedTask {
  /** The TaskRun after defaults, with the Task's labels and annotations merged in. */
  readonly taskRun: TaskRun;
  readonly taskSpec: TaskSpec;
  /** `metadata.name` of the Task, or of the TaskRun for an embedded spec (`$(context.task.name)`). */
  readonly taskName: string;
  readonly kind: "Task" | "ClusterTask" | undefined;
}

/**
 * GetTaskData plus the label/annotation propagation of prepare(). `task` is the referenced
 * Task with its admission defaults already applied. Stops (`TaskRunResolutionFailed`) when the
 * referenced Task is not given, or the TaskRun names no Task at all.
 */
export function resolveTask(taskRun: TaskRun, task: Task | undefined, explain?: Explainer): Checked<ResolvedTask> {
  const runName = taskRun.metadata?.name ?? "";
  const ref = taskRun.spec.taskRef;
  let taskName: string;
  let taskSpec: TaskSpec;
  let taskLabels: Readonly<Record<string, string>> | undefined;
  let taskAnnotations: Readonly<Record<string, string>> | undefined;
  let kind: ResolvedTask["kind"];

  if (ref !== undefined && ref.name !== undefined && ref.name !== "") {
    kind = ref.kind === "ClusterTask" ? "ClusterTask" : "Task";
    const resource = kind === "ClusterTask" ? "clustertasks" : "tasks";
    if (task === undefined || (task.metadata?.name !== undefined && task.metadata.name !== ref.name)) {
      const found = task?.metadata?.name;
      return stopped(
        "task-not-found",
        ["taskRun", "spec", "taskRef", "name"],
        `error when listing tasks for taskRun ${runName}: ${resource}.tekton.dev ${JSON.stringify(ref.name)} not found` +
          (found === undefined
            ? "; pass the referenced Task as `task`"
            : `; the given task is named ${JSON.stringify(found)}`),
      );
    }
    taskName = task.metadata?.name ?? ref.name;
    taskSpec = task.spec;
    taskLabels = task.metadata?.labels;
    taskAnnotations = task.metadata?.annotations;
  } else if (taskRun.spec.taskSpec !== undefined) {
    taskName = runName;
    taskSpec = taskRun.spec.taskSpec;
    taskLabels = taskRun.metadata?.labels;
    taskAnnotations = taskRun.metadata?.annotations;
  } else {
    return stopped(
      "missing-task",
      ["taskRun", "spec"],
      `taskRun ${runName} not providing TaskRef or TaskSpec: set spec.taskRef.name or spec.taskSpec`,
    );
  }

  const labels = copyRecord(taskRun.metadata?.labels);
  for (const [key, value] of Object.entries(taskLabels ?? {})) setRecord(labels, key, value);
  if (ref !== undefined && kind !== undefined) {
    setRecord(labels, TASK_LABEL, taskName);
    if (kind === "ClusterTask") setRecord(labels, CLUSTER_TASK_LABEL, taskName);
  }
  const annotations = copyRecord(taskRun.metadata?.annotations);
  for (const [key, value] of Object.entries(taskAnnotations ?? {})) setRecord(annotations, key, value);
  if (explain !== undefined && ref !== undefined && kind !== undefined) {
    explainTaskMetadata(explain, { labels: taskLabels, annotations: taskAnnotations }, kind);
  }

  const withMetadata = copyObject(taskRun);
  withMetadata.metadata = copyObject(taskRun.metadata ?? {});
  withMetadata.metadata.labels = labels;
  withMetadata.metadata.annotations = annotations;
  return passed({
    taskRun: withMetadata,
    taskSpec,
    taskName,
    kind,
  });
}

/** What resolveTask takes from a referenced Task, for an explanation at `["taskRun", "metadata", …]`. */
function explainTaskMetadata(
  explain: Explainer,
  task: {
    readonly labels: Readonly<Record<string, string>> | undefined;
    readonly annotations: Readonly<Record<string, string>> | undefined;
  },
  kind: NonNullable<ResolvedTask["kind"]>,
): void {
  for (const field of ["labels", "annotations"] as const) {
    for (const key of Object.keys(task[field] ?? {})) {
      explain.drop(["taskRun", "metadata", field, key]);
      explain.add(
        ["taskRun", "metadata", field, key],
        "task-metadata",
        `The ${kind}'s ${field === "labels" ? "label" : "annotation"} is copied onto the TaskRun, and from it onto the Pod.`,
        ["task", "metadata", field, key],
      );
    }
  }
  const taskLabels = kind === "ClusterTask" ? [TASK_LABEL, CLUSTER_TASK_LABEL] : [TASK_LABEL];
  for (const key of taskLabels) {
    explain.drop(["taskRun", "metadata", "labels", key]);
    explain.add(
      ["taskRun", "metadata", "labels", key],
      "taskrun-label",
      `The TaskRun is labelled with the name of the ${kind} it runs.`,
      ["taskRun", "spec", "taskRef", "name"],
    );
  }
}

/**
 * Where in the input the workspace binding at `index` of bindDefaultWorkspaces' result was
 * written: the TaskRun's own bindings come first, the defaulted ones after them.
 */
export function workspaceBindingPath(index: number, ownBindings: number): PathSegment[] {
  return index < ownBindings
    ? ["taskRun", "spec", "workspaces", index]
    : ["config", "defaults", "default-task-run-workspace-binding"];
}

/** How Tekton's messages about a TaskRun's params begin; made only for an issue reported. */
function paramsPrefix(taskName: string): string {
  return `invalid input params for task ${taskName}: `;
}

/**
 * validateParams of validate_resources.go: missing, extra, and mistyped params, in that order;
 * the issues of the first kind found (Tekton stops there), or none.
 */
export function checkParams(taskName: string, bindings: ParamBindings, params: readonly Immutable<Param>[]): Issue[] {
  // Tekton's list.DiffLeft both ways, and the type check, read from the one table of bindings.
  const missing = bindings.missing();
  // Every issue repeats Tekton's one message, which lists all the names: it is built once,
  // with the list cut short, so that ten thousand names do not make ten thousand copies of
  // ten thousand names.
  if (missing.length > 0) {
    const message = `${paramsPrefix(taskName)}missing values for these params which have no default values: ${shortGoStringList(missing)}`;
    return missing.map((name) =>
      issue(
        "missing-param",
        ["taskRun", "spec", "params"],
        `${message}; add {name: ${clip(name, 100)}, value: …} to spec.params`,
      ),
    );
  }
  // Extras are reported first.
  const extra = bindings.extra;
  const wrong = bindings.mistyped;
  if (extra.length > 0) {
    const message = `${paramsPrefix(taskName)}didn't need these params but they were provided anyway: ${shortGoStringList(extra.map((i) => (params[i] as Immutable<Param>).name))}`;
    // The first binding of each undeclared name, as Tekton's message names each once.
    const first = new Map<string, number>();
    for (const i of extra) {
      const name = (params[i] as Immutable<Param>).name;
      if (!first.has(name)) first.set(name, i);
    }
    return extra.map((i) => {
      const name = (params[i] as Immutable<Param>).name;
      return issue(
        "extra-param",
        ["taskRun", "spec", "params", first.get(name) ?? i],
        `${message}; remove ${JSON.stringify(clip(name, 100))} or declare it in the Task's params`,
      );
    });
  }
  if (wrong.length === 0) return [];
  const message = `${paramsPrefix(taskName)}param types don't match the user-specified type: ${shortGoStringList(wrong.map((w) => w.name))}`;
  return wrong.map(({ name, index, declared }) =>
    issue(
      "param-type-mismatch",
      ["taskRun", "spec", "params", index, "value"],
      `${message}; ${JSON.stringify(clip(name, 100))} is declared as ${declared}`,
    ),
  );
}

/**
 * updateTaskRunWithDefaultWorkspaces: every required workspace the TaskRun leaves unbound
 * gets the configured default binding. Tekton rebuilds the list from a map (random order);
 * we keep the TaskRun's own bindings first, then the defaulted ones in declaration order.
 * Stops (`TaskRunResolutionFailed`) when the configured binding does not parse.
 */
export function bindDefaultWorkspaces(
  bindings: readonly Immutable<WorkspaceBinding>[],
  spec: Immutable<TaskSpec>,
  config: ResolvedConfig,
): Checked<WorkspaceBinding[]> {
  const yaml = config.defaults.taskRunWorkspaceBinding;
  if (yaml === undefined || yaml === "") return passed(bindings as WorkspaceBinding[]);
  const template = parseConfigYaml(yaml);
  if (template === null || typeof template !== "object" || Array.isArray(template)) {
    return stopped(
      "invalid-config",
      ["config", "defaults", "default-task-run-workspace-binding"],
      `failed to unmarshal ${JSON.stringify(clip(yaml, 200))}: expected a workspace binding such as "emptyDir: {}"`,
    );
  }
  const shape = configYamlIssues(template, "WorkspaceBinding", [
    "config",
    "defaults",
    "default-task-run-workspace-binding",
  ]);
  if (shape.length > 0) return { ok: false, issues: shape };
  const source = template as Partial<WorkspaceBinding>;
  const bound = new Set(bindings.map((b) => b.name));
  const added: WorkspaceBinding[] = [];
  for (const declaration of spec.workspaces ?? []) {
    if (declaration.optional === true || bound.has(declaration.name)) continue;
    const binding: WorkspaceBinding = { name: declaration.name };
    for (const key of [
      "subPath",
      "volumeClaimTemplate",
      "persistentVolumeClaim",
      "emptyDir",
      "configMap",
      "secret",
    ] as const) {
      if (source[key] !== undefined && source[key] !== null)
        (binding as unknown as Record<string, unknown>)[key] = source[key];
    }
    added.push(binding);
  }
  return passed([...(bindings as WorkspaceBinding[]), ...added]);
}

/**
 * workspace.ValidateBindings and, with an affinity assistant, ValidateOnlyOnePVCIsUsed: the
 * first problem found (Tekton stops there), or none.
 */
export function checkWorkspaceBindings(
  taskRun: Immutable<TaskRun>,
  spec: Immutable<TaskSpec>,
  bindings: readonly Immutable<WorkspaceBinding>[],
): Issue[] {
  const declared = spec.workspaces ?? [];
  const boundNames = new Set(bindings.map((b) => b.name));
  const declaredNames = new Set(declared.map((d) => d.name));
  for (const declaration of declared) {
    if (declaration.optional !== true && !boundNames.has(declaration.name)) {
      return [
        issue(
          "workspace-not-bound",
          ["taskRun", "spec", "workspaces"],
          `declared workspace ${JSON.stringify(declaration.name)} is required but has not been bound; add a binding named ${JSON.stringify(declaration.name)} to spec.workspaces`,
        ),
      ];
    }
  }
  const undeclared = bindings.findIndex((binding) => !declaredNames.has(binding.name));
  if (undeclared >= 0) {
    return [
      issue(
        "workspace-not-bound",
        ["taskRun", "spec", "workspaces", undeclared, "name"],
        `workspace binding ${JSON.stringify(bindings[undeclared]?.name)} does not match any declared workspace; the Task declares ${shortGoStringList([...declaredNames])}`,
      ),
    ];
  }
  const annotations = taskRun.metadata?.annotations;
  if (annotations !== undefined && Object.hasOwn(annotations, AFFINITY_ASSISTANT_ANNOTATION)) {
    const claims = new Set<string>();
    for (const binding of bindings) {
      if (binding.persistentVolumeClaim !== undefined) claims.add(`claim:${binding.persistentVolumeClaim.claimName}`);
      if (binding.volumeClaimTemplate !== undefined) claims.add(`template:${binding.name}`);
    }
    if (claims.size > 1) {
      return [
        issue(
          "multiple-pvc-workspaces",
          ["taskRun", "spec", "workspaces"],
          "more than one PersistentVolumeClaim is bound; with an affinity assistant a TaskRun may use a single PersistentVolumeClaim",
        ),
      ];
    }
  }
  return [];
}
