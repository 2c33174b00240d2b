/**
 * Sorts Kubernetes objects by `kind` into the input of `compileTaskRun`, the way the Tekton
 * v0.20.1 controller would find them in the cluster: the TaskRun; the Task or ClusterTask its
 * `taskRef` names (pkg/reconciler/taskrun/resources GetTaskFunc, `taskRef.kind` choosing which);
 * the ServiceAccount it runs as (`spec.serviceAccountName`, else `default-service-account` of
 * config-defaults, else `default`, as pkg/apis/pipeline/v1beta1 TaskRun SetDefaults does);
 * every LimitRange, Secret and PipelineResource; and the `data` of the ConfigMaps
 * config-defaults, feature-flags, config-artifact-pvc and config-artifact-bucket.
 *
 * Both readers of user documents share this classifier: the `tekton-pod` CLI and the fixture
 * reader of `tekton-pod-compiler/testing`. It is pure — objects in, the input and a list of
 * problems out — and reports problems and remarks as data, so that each reader words them for
 * its own audience and decides which of them are fatal.
 */
import type { Document, LineCounter } from "yaml";
import type { CompileConfig, CompileInput } from "../api/types.js";
import { formatPath, type PathSegment } from "../errors.js";
import { isRecord, nonEmptyString } from "../read-values.js";

/** One document of one input file. */
export interface SourceDocument {
  /** The file as the user named it (`<stdin>` for standard input). */
  readonly file: string;
  /** 0-based position of the document within its file. */
  readonly index: number;
  /** The document as plain data (`null` for an empty document). */
  readonly value: unknown;
  /** The YAML syntax tree, when the reader kept it (for line and column in messages). */
  readonly document?: Document;
  /** Maps offsets in the file to lines and columns. */
  readonly lineCounter?: LineCounter;
}

/** Where an object (or a part of one) sits in the user's files. */
export interface Placement {
  /** The document the object was read from. */
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
  /** Its `kind`. */
  readonly kind: string;
  /** Its `metadata.name`, when that is a non-empty string. */
  readonly name: string | undefined;
  /** Its `metadata.namespace`, when that is a non-empty string. */
  readonly namespace: string | undefined;
  /** The whole object. */
  readonly value: Readonly<Record<string, unknown>>;
  /** Where it was read from. */
  readonly at: Placement;
}

/** Input path prefix (`["limitRanges", 0]`) → where that part of the input was read from. */
export interface Origin {
  /** The path into the assembled input. */
  readonly prefix: readonly PathSegment[];
  /** Where the value at that path came from. */
  readonly at: Placement;
}

/** The `config` keys that ConfigMaps fill. */
export type ConfigMapKey = keyof Pick<CompileConfig, "defaults" | "featureFlags" | "artifactPVC" | "artifactBucket">;

/** The ConfigMaps Tekton reads, by name, and where their `data` goes in `config`. */
export const CONFIG_MAPS: Readonly<Record<string, ConfigMapKey>> = {
  "config-defaults": "defaults",
  "feature-flags": "featureFlags",
  "config-artifact-pvc": "artifactPVC",
  "config-artifact-bucket": "artifactBucket",
};

/** The kinds `compileTaskRun` reads, in the order messages list them. */
export const COMPILE_KINDS: ReadonlySet<string> = new Set([
  "TaskRun",
  "Task",
  "ClusterTask",
  "LimitRange",
  "ServiceAccount",
  "Secret",
  "PipelineResource",
  "ConfigMap",
]);

/**
 * A reason the objects do not make one compile input. Each reader words it; the objects
 * involved are included so that the message can point at them.
 */
export type AssemblyProblem =
  /** No TaskRun, or (with `wanted`) none of that name; `taskRuns` are all the TaskRuns there are. */
  | { readonly code: "no-task-run"; readonly wanted: string | undefined; readonly taskRuns: readonly FoundObject[] }
  /** Several TaskRuns (with `wanted`: several of that name); `taskRuns` are the ones that clash. */
  | {
      readonly code: "several-task-runs";
      readonly wanted: string | undefined;
      readonly taskRuns: readonly FoundObject[];
    }
  /** Several objects of `kind` carry the wanted `name` and the namespace does not tell them apart. */
  | {
      readonly code: "ambiguous-name";
      readonly kind: string;
      readonly name: string;
      readonly candidates: readonly FoundObject[];
    }
  /** With `fallBackToOnly`: several objects of `kind`, none of them named `name`. */
  | { readonly code: "name-not-found"; readonly kind: string; readonly name: string; readonly count: number }
  /** With `fallBackToOnly`: several objects of `kind` and the TaskRun names none of them. */
  | { readonly code: "no-name"; readonly kind: string; readonly count: number }
  /** A second ConfigMap of a name already read. */
  | { readonly code: "duplicate-config-map"; readonly object: FoundObject }
  /** The image-entrypoints document is not a mapping. */
  | { readonly code: "images-not-a-mapping"; readonly source: SourceDocument };

/** An object that is left out of the input, and why. */
export type AssemblyRemark =
  /** A ConfigMap that is not one of {@link CONFIG_MAPS}. */
  | { readonly code: "unread-config-map"; readonly object: FoundObject }
  /** A Task where the `taskRef` asks for a ClusterTask of that name (or the other way round). */
  | { readonly code: "other-task-kind"; readonly object: FoundObject; readonly wantedKind: "Task" | "ClusterTask" }
  /** An object of a kind outside {@link COMPILE_KINDS}. */
  | { readonly code: "unused-kind"; readonly object: FoundObject }
  /** A TaskRun other than the one compiled. */
  | { readonly code: "other-task-run"; readonly object: FoundObject; readonly chosen: FoundObject };

/** A choice that either succeeded or met a problem. */
export type Selection<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: AssemblyProblem };

/** How {@link classifyObjects} chooses among the objects. */
export interface AssembleOptions {
  /** A document mapping image → entrypoint, given apart from the objects. */
  readonly imageEntrypoints?: SourceDocument | undefined;
  /**
   * The fixture rule: when no Task or ServiceAccount carries the name the TaskRun uses (or
   * the TaskRun names no Task), take the only object of that kind; with several, that is a
   * problem. Without it, an object is used only when its name matches, and a Task of the kind
   * the `taskRef` does not ask for is remarked on.
   */
  readonly fallBackToOnly?: boolean;
}

/** The assembled input, where each part came from, and what was met on the way. */
export interface Assembly {
  /** The input, built around any problems (an ambiguous Task is left out; a second ConfigMap of a name wins). */
  readonly input: CompileInput;
  /** Input path prefixes and the documents they came from, for locating issues. */
  readonly origins: readonly Origin[];
  /** Objects left out of the input. */
  readonly remarks: readonly AssemblyRemark[];
  /** Why the input may not be what the user meant, in the order met. */
  readonly problems: readonly AssemblyProblem[];
}

/** `TaskRun "name"`, or `TaskRun (unnamed)`. */
export function labelOf(kind: string, name: string | undefined): string {
  return name === undefined ? `${kind} (unnamed)` : `${kind} ${JSON.stringify(name)}`;
}

/** `file (document 2, TaskRun "x")`, for messages about a whole document. */
export function describePlacement(at: Placement): string {
  const within = at.within === undefined ? "" : ` ${at.within}`;
  return `${at.source.file} (document ${at.source.index + 1}${within}, ${at.label})`;
}

/** The object `value` of `kind`, found at `path` inside `source`. */
export function foundObject(
  value: Readonly<Record<string, unknown>>,
  kind: string,
  source: SourceDocument,
  path: readonly PathSegment[] = [],
): FoundObject {
  const metadata = isRecord(value["metadata"]) ? value["metadata"] : {};
  const name = nonEmptyString(metadata["name"]);
  return {
    kind,
    name,
    namespace: nonEmptyString(metadata["namespace"]),
    value,
    at: { source, path, label: labelOf(kind, name), ...(path.length > 0 ? { within: formatPath(path) } : {}) },
  };
}

/** Picks the one TaskRun: the only one, or the one named `wanted`. */
export function selectTaskRun(objects: readonly FoundObject[], wanted: string | undefined): Selection<FoundObject> {
  const taskRuns = objects.filter((o) => o.kind === "TaskRun");
  const matching = wanted === undefined ? taskRuns : taskRuns.filter((o) => o.name === wanted);
  const [only] = matching;
  if (only === undefined) return { ok: false, problem: { code: "no-task-run", wanted, taskRuns } };
  if (matching.length > 1) return { ok: false, problem: { code: "several-task-runs", wanted, taskRuns: matching } };
  return { ok: true, value: only };
}

/**
 * The object of `kind` named `name`; when several share the name, the one in the TaskRun's
 * namespace (Tekton only looks there). With `fallBackToOnly`, the only object of the kind
 * stands in when none has the name.
 */
function pickNamed(
  objects: readonly FoundObject[],
  kind: string,
  name: string | undefined,
  namespace: string | undefined,
  fallBackToOnly: boolean,
): Selection<FoundObject | undefined> {
  const ofKind = objects.filter((o) => o.kind === kind);
  const named = name === undefined ? [] : ofKind.filter((o) => o.name === name);
  if (named.length > 1) {
    const local = named.filter(
      (o) => o.namespace === undefined || namespace === undefined || o.namespace === namespace,
    );
    const [first] = local;
    if (local.length === 1 && first !== undefined) return { ok: true, value: first };
    return { ok: false, problem: { code: "ambiguous-name", kind, name: name ?? "", candidates: named } };
  }
  if (named.length === 1) return { ok: true, value: named[0] };
  if (!fallBackToOnly || ofKind.length <= 1) return { ok: true, value: fallBackToOnly ? ofKind[0] : undefined };
  return {
    ok: false,
    problem:
      name === undefined
        ? { code: "no-name", kind, count: ofKind.length }
        : { code: "name-not-found", kind, name, count: ofKind.length },
  };
}

/**
 * Builds the `compileTaskRun` input for `taskRun` (one of `objects`, see {@link selectTaskRun})
 * from the objects and an optional image-entrypoints document. Object shapes are not checked
 * here: `compileTaskRun` validates the input it gets, with issue paths that the
 * {@link Assembly} `origins` map back to the documents.
 */
export function classifyObjects(
  objects: readonly FoundObject[],
  taskRun: FoundObject,
  options: AssembleOptions = {},
): Assembly {
  const fallBackToOnly = options.fallBackToOnly ?? false;
  const remarks: AssemblyRemark[] = [];
  const problems: AssemblyProblem[] = [];
  const origins: Origin[] = [];
  const input: Record<string, unknown> = {};

  input["taskRun"] = taskRun.value;
  origins.push({ prefix: ["taskRun"], at: taskRun.at });
  const spec = isRecord(taskRun.value["spec"]) ? taskRun.value["spec"] : {};
  const namespace = taskRun.namespace;

  const config: Record<string, unknown> = {};
  for (const object of objects) {
    if (object.kind !== "ConfigMap") continue;
    const key =
      object.name !== undefined && Object.hasOwn(CONFIG_MAPS, object.name) ? CONFIG_MAPS[object.name] : undefined;
    if (key === undefined) {
      remarks.push({ code: "unread-config-map", object });
      continue;
    }
    if (config[key] !== undefined) problems.push({ code: "duplicate-config-map", object });
    config[key] = isRecord(object.value["data"]) ? object.value["data"] : {};
    origins.push({ prefix: ["config", key], at: { ...object.at, path: [...object.at.path, "data"] } });
  }
  if (Object.keys(config).length > 0) input["config"] = config;

  const taskRef = isRecord(spec["taskRef"]) ? spec["taskRef"] : undefined;
  if (taskRef !== undefined) {
    const taskName = nonEmptyString(taskRef["name"]);
    const kind = taskRef["kind"] === "ClusterTask" ? "ClusterTask" : "Task";
    const task = pickNamed(objects, kind, taskName, namespace, fallBackToOnly);
    if (!task.ok) {
      problems.push(task.problem);
    } else if (task.value !== undefined) {
      input["task"] = task.value.value;
      origins.push({ prefix: ["task"], at: task.value.at });
    } else if (taskName !== undefined && !fallBackToOnly) {
      const other = pickNamed(objects, kind === "Task" ? "ClusterTask" : "Task", taskName, namespace, false);
      if (!other.ok) problems.push(other.problem);
      else if (other.value !== undefined)
        remarks.push({ code: "other-task-kind", object: other.value, wantedKind: kind });
    }
  }

  const defaults = isRecord(config["defaults"]) ? config["defaults"] : {};
  const accountName =
    nonEmptyString(spec["serviceAccountName"]) ?? nonEmptyString(defaults["default-service-account"]) ?? "default";
  const account = pickNamed(objects, "ServiceAccount", accountName, namespace, fallBackToOnly);
  if (!account.ok) {
    problems.push(account.problem);
  } else if (account.value !== undefined) {
    input["serviceAccount"] = account.value.value;
    origins.push({ prefix: ["serviceAccount"], at: account.value.at });
  }

  const all = (kind: string, key: string): void => {
    const found = objects.filter((o) => o.kind === kind);
    if (found.length === 0) return;
    input[key] = found.map((o) => o.value);
    found.forEach((o, i) => {
      origins.push({ prefix: [key, i], at: o.at });
    });
  };
  all("LimitRange", "limitRanges");
  all("Secret", "secrets");
  all("PipelineResource", "pipelineResources");

  const images = options.imageEntrypoints;
  if (images !== undefined) {
    if (isRecord(images.value)) {
      input["imageEntrypoints"] = images.value;
      origins.push({ prefix: ["imageEntrypoints"], at: { source: images, path: [], label: "image entrypoints" } });
    } else {
      problems.push({ code: "images-not-a-mapping", source: images });
    }
  }

  for (const object of objects) {
    if (object !== taskRun && !COMPILE_KINDS.has(object.kind)) remarks.push({ code: "unused-kind", object });
  }
  for (const object of objects) {
    if (object.kind === "TaskRun" && object !== taskRun)
      remarks.push({ code: "other-task-run", object, chosen: taskRun });
  }
  // The shapes inside are whatever the documents hold; compileTaskRun's admission checks them.
  return { input: input as unknown as CompileInput, origins, remarks, problems };
}
