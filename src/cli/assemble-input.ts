/**
 * Sorts the documents a user hands to `tekton-pod` into the argument of `compileTaskRun` or
 * `foldTaskRunStatus`, the way the Tekton v0.20.1 controller would find them in the cluster:
 * the TaskRun; the Task or ClusterTask its `taskRef` names (pkg/reconciler/taskrun/resources
 * GetTaskFunc); the ServiceAccount it runs as (`spec.serviceAccountName`, else
 * `default-service-account` of config-defaults, else `default`); every LimitRange, Secret and
 * PipelineResource; and the `data` of the ConfigMaps config-defaults, feature-flags,
 * config-artifact-pvc and config-artifact-bucket. Every piece remembers where it came from, so
 * an issue path such as `taskRun.spec.params[1].value` can be traced back to a file and line.
 */
import { formatPath, type PathSegment } from "../errors.js";
import { UsageError } from "./io.js";
import type { SourceDocument } from "./read-sources.js";

/** Where an object (or a part of one) sits in the user's files. */
export interface Placement {
  readonly source: SourceDocument;
  /** Path from the document's root to the object (non-empty inside a `List`). */
  readonly path: readonly PathSegment[];
  /** How to name the object in messages, e.g. `TaskRun "read-repo-run"`. */
  readonly label: string;
  /** Where a `List` item sits in its document (`items[1]`), for messages. */
  readonly within?: string;
}

/** A Kubernetes-style object found in the input. */
export interface FoundObject {
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly value: Readonly<Record<string, unknown>>;
  readonly at: Placement;
}

/** Input path prefix (`["limitRanges", 0]`) → where that part of the input was read from. */
export interface Origin {
  readonly prefix: readonly PathSegment[];
  readonly at: Placement;
}

/** An assembled input with its origins and the remarks made while assembling it. */
export interface Assembled {
  readonly input: Record<string, unknown>;
  readonly origins: readonly Origin[];
  /** Documents that were skipped and why, already located (`file (document 2): …`). */
  readonly notes: readonly string[];
}

/** The ConfigMaps Tekton reads, by name, and where their `data` goes in `config`. */
export const CONFIG_MAPS: Readonly<Record<string, string>> = {
  "config-defaults": "defaults",
  "feature-flags": "featureFlags",
  "config-artifact-pvc": "artifactPVC",
  "config-artifact-bucket": "artifactBucket",
};

const COMPILE_KINDS = new Set(["TaskRun", "Task", "ClusterTask", "LimitRange", "ServiceAccount", "Secret", "PipelineResource", "ConfigMap"]);
const STATUS_KINDS = new Set(["TaskRun", "Pod"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `TaskRun "name"`, or `TaskRun (unnamed)`. */
export function labelOf(kind: string, name: string | undefined): string {
  return name === undefined ? `${kind} (unnamed)` : `${kind} ${JSON.stringify(name)}`;
}

/** `file (document 2, TaskRun "x")`, for notes about a whole document. */
export function describePlacement(at: Placement): string {
  const within = at.within === undefined ? "" : ` ${at.within}`;
  return `${at.source.file} (document ${at.source.index + 1}${within}, ${at.label})`;
}

/**
 * Every object in the documents, with `List` kinds (`kind: List`, `TaskList`, …) unpacked into
 * their `items`. Documents that are not objects with a `kind` are skipped with a note.
 */
export function collectObjects(sources: readonly SourceDocument[]): { objects: FoundObject[]; notes: string[] } {
  const objects: FoundObject[] = [];
  const notes: string[] = [];
  const visit = (value: unknown, source: SourceDocument, path: readonly PathSegment[]): void => {
    const where = `${source.file} (document ${source.index + 1}${path.length > 0 ? ` ${formatPath(path)}` : ""})`;
    if (!isRecord(value)) {
      notes.push(`${where}: ignored: not a Kubernetes object (a mapping with apiVersion and kind)`);
      return;
    }
    const kind = text(value["kind"]);
    if (kind === undefined) {
      notes.push(`${where}: ignored: the document has no "kind"`);
      return;
    }
    const items = value["items"];
    if (kind.endsWith("List") && Array.isArray(items)) {
      items.forEach((item, i) => visit(item, source, [...path, "items", i]));
      return;
    }
    const metadata = isRecord(value["metadata"]) ? value["metadata"] : {};
    const name = text(metadata["name"]);
    objects.push({
      kind, name, namespace: text(metadata["namespace"]), value,
      at: { source, path, label: labelOf(kind, name), ...(path.length > 0 ? { within: formatPath(path) } : {}) },
    });
  };
  for (const source of sources) visit(source.value, source, []);
  return { objects, notes };
}

/**
 * Picks the one TaskRun: the only one, or the one named `wanted`.
 *
 * @throws {UsageError} when there is none, several without `--taskrun`, or none of that name.
 */
export function selectTaskRun(objects: readonly FoundObject[], wanted: string | undefined): FoundObject {
  const taskRuns = objects.filter((o) => o.kind === "TaskRun");
  const names = taskRuns.map((o) => o.name ?? "(unnamed)").join(", ");
  if (wanted !== undefined) {
    const matching = taskRuns.filter((o) => o.name === wanted);
    const [only] = matching;
    if (only === undefined) {
      throw new UsageError(taskRuns.length === 0
        ? `no TaskRun in the input (looked for --taskrun ${wanted})`
        : `no TaskRun named "${wanted}" in the input; found: ${names}`);
    }
    if (matching.length > 1) {
      throw new UsageError(`${matching.length} TaskRuns are named "${wanted}": ${matching.map((o) => describePlacement(o.at)).join(", ")}; keep one`);
    }
    return only;
  }
  const [only] = taskRuns;
  if (only === undefined) throw new UsageError("no TaskRun in the input; give a file with a document of kind: TaskRun", { suggestHelp: true });
  if (taskRuns.length > 1) throw new UsageError(`the input has ${taskRuns.length} TaskRuns (${names}); choose one with --taskrun NAME`);
  return only;
}

/**
 * The object of `kind` named `name`; when several share the name, the one in the TaskRun's
 * namespace (Tekton only looks there).
 */
function pickNamed(
  objects: readonly FoundObject[],
  kinds: readonly string[],
  name: string,
  namespace: string | undefined,
): FoundObject | undefined {
  const named = objects.filter((o) => kinds.includes(o.kind) && o.name === name);
  if (named.length <= 1) return named[0];
  const local = named.filter((o) => o.namespace === undefined || namespace === undefined || o.namespace === namespace);
  const [first] = local;
  if (local.length === 1 && first !== undefined) return first;
  throw new UsageError(`${named.length} objects could be ${kinds.join(" or ")} "${name}": ${named.map((o) => describePlacement(o.at)).join(", ")}; keep one`);
}

function ignoredNote(object: FoundObject, why: string): string {
  return `${describePlacement(object.at)}: ignored: ${why}`;
}

/**
 * Builds the `compileTaskRun` input from the objects and an optional image-entrypoints map
 * (the `--images` file).
 *
 * @throws {UsageError} when the TaskRun, its Task or its ServiceAccount cannot be chosen.
 */
export function assembleCompileInput(
  objects: readonly FoundObject[],
  options: { readonly taskRun?: string | undefined; readonly imageEntrypoints?: SourceDocument | undefined },
): Assembled {
  const notes: string[] = [];
  const origins: Origin[] = [];
  const input: Record<string, unknown> = {};

  const taskRun = selectTaskRun(objects, options.taskRun);
  input["taskRun"] = taskRun.value;
  origins.push({ prefix: ["taskRun"], at: taskRun.at });
  const spec = isRecord(taskRun.value["spec"]) ? taskRun.value["spec"] : {};
  const namespace = taskRun.namespace;

  const config: Record<string, unknown> = {};
  for (const object of objects) {
    if (object.kind !== "ConfigMap") continue;
    const key = object.name === undefined ? undefined : CONFIG_MAPS[object.name];
    if (key === undefined) {
      notes.push(ignoredNote(object, `only the ConfigMaps ${Object.keys(CONFIG_MAPS).join(", ")} are read`));
      continue;
    }
    if (config[key] !== undefined) throw new UsageError(`ConfigMap "${object.name}" is given twice; keep one`);
    config[key] = isRecord(object.value["data"]) ? object.value["data"] : {};
    origins.push({ prefix: ["config", key], at: { ...object.at, path: [...object.at.path, "data"] } });
  }
  if (Object.keys(config).length > 0) input["config"] = config;

  const taskRef = isRecord(spec["taskRef"]) ? spec["taskRef"] : undefined;
  const taskName = text(taskRef?.["name"]);
  if (taskName !== undefined) {
    const kind = taskRef?.["kind"] === "ClusterTask" ? "ClusterTask" : "Task";
    const task = pickNamed(objects, [kind], taskName, namespace);
    if (task !== undefined) {
      input["task"] = task.value;
      origins.push({ prefix: ["task"], at: task.at });
    } else {
      const other = pickNamed(objects, [kind === "Task" ? "ClusterTask" : "Task"], taskName, namespace);
      if (other !== undefined) {
        notes.push(`${describePlacement(other.at)}: not used: the TaskRun's taskRef asks for a ${kind}` +
          (kind === "Task" ? ' (set taskRef.kind: ClusterTask to use it)' : " (remove taskRef.kind to use it)"));
      }
    }
  }

  const defaults = isRecord(config["defaults"]) ? config["defaults"] : {};
  const accountName = text(spec["serviceAccountName"]) ?? text(defaults["default-service-account"]) ?? "default";
  const account = pickNamed(objects, ["ServiceAccount"], accountName, namespace);
  if (account !== undefined) {
    input["serviceAccount"] = account.value;
    origins.push({ prefix: ["serviceAccount"], at: account.at });
  }

  const all = (kind: string, key: string): void => {
    const found = objects.filter((o) => o.kind === kind);
    if (found.length === 0) return;
    input[key] = found.map((o) => o.value);
    found.forEach((o, i) => origins.push({ prefix: [key, i], at: o.at }));
  };
  all("LimitRange", "limitRanges");
  all("Secret", "secrets");
  all("PipelineResource", "pipelineResources");

  if (options.imageEntrypoints !== undefined) {
    const images = options.imageEntrypoints;
    if (!isRecord(images.value)) {
      throw new UsageError(`${images.file}: --images needs a mapping of image → { entrypoint: [...], digest: "sha256:…" } (or image → [entrypoint…])`);
    }
    input["imageEntrypoints"] = images.value;
    origins.push({ prefix: ["imageEntrypoints"], at: { source: images, path: [], label: "image entrypoints" } });
  }

  for (const object of objects) {
    if (object === taskRun || COMPILE_KINDS.has(object.kind)) continue;
    notes.push(ignoredNote(object, `kind ${object.kind} is not used by compile (it reads ${[...COMPILE_KINDS].join(", ")})`));
  }
  for (const object of objects) {
    if (object.kind === "TaskRun" && object !== taskRun) notes.push(ignoredNote(object, `compiling ${taskRun.at.label} instead`));
  }
  return { input, origins, notes };
}

/**
 * Builds the `foldTaskRunStatus` input: the TaskRun and its Pod (the only Pod, or the one named
 * by `status.podName` or labelled `tekton.dev/taskRun: <name>`).
 *
 * @throws {UsageError} when the TaskRun or the Pod cannot be chosen.
 */
export function assembleStatusInput(
  objects: readonly FoundObject[],
  options: { readonly taskRun?: string | undefined },
): Assembled {
  const notes: string[] = [];
  const taskRun = selectTaskRun(objects, options.taskRun);
  const pods = objects.filter((o) => o.kind === "Pod");
  let pod: FoundObject | undefined;
  if (pods.length <= 1) {
    pod = pods[0];
  } else {
    const status = isRecord(taskRun.value["status"]) ? taskRun.value["status"] : {};
    const podName = text(status["podName"]);
    const owned = pods.filter((o) => {
      const metadata = isRecord(o.value["metadata"]) ? o.value["metadata"] : {};
      const labels = isRecord(metadata["labels"]) ? metadata["labels"] : {};
      return (podName !== undefined && o.name === podName) || (taskRun.name !== undefined && labels["tekton.dev/taskRun"] === taskRun.name);
    });
    if (owned.length !== 1) {
      throw new UsageError(`the input has ${pods.length} Pods and ${owned.length} of them belong to ${taskRun.at.label} ` +
        `(by status.podName or the tekton.dev/taskRun label); give exactly the TaskRun's Pod`);
    }
    pod = owned[0];
  }
  if (pod === undefined) throw new UsageError(`no Pod in the input; status needs ${taskRun.at.label} and its Pod (kind: Pod, with status)`);
  for (const object of objects) {
    if (object === taskRun || object === pod) continue;
    notes.push(ignoredNote(object, STATUS_KINDS.has(object.kind)
      ? `using ${object.kind === "Pod" ? pod.at.label : taskRun.at.label} instead`
      : `kind ${object.kind} is not used by status (it reads a TaskRun and its Pod)`));
  }
  return {
    input: { taskRun: taskRun.value, pod: pod.value },
    origins: [{ prefix: ["taskRun"], at: taskRun.at }, { prefix: ["pod"], at: pod.at }],
    notes,
  };
}
