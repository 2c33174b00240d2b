/**
 * The `tekton-pod` side of assembling input: unpacks kubectl-style `List` documents into
 * objects, hands them to the shared classifier (src/input/classify-objects.ts, which sorts them
 * by kind the way the Tekton v0.20.1 controller would find them in the cluster), and words its
 * problems as usage errors and its remarks as notes. Also picks the TaskRun and Pod that
 * `tekton-pod status` folds. Every piece remembers where it came from, so an issue path such as
 * `taskRun.spec.params[1].value` can be traced back to a file and line.
 */
import {
  type AssemblyProblem,
  type AssemblyRemark,
  COMPILE_KINDS,
  CONFIG_MAPS,
  classifyObjects,
  describePlacement,
  type FoundObject,
  type Origin,
  type SourceDocument,
  selectTaskRun,
} from "../input/classify-objects.js";
import { collectObjects as collectAll, UnpackLimitError } from "../input/collect-objects.js";
import { isRecord, nonEmptyString } from "../read-values.js";
import { UsageError } from "./io.js";

/**
 * Every object in the documents, `List`s unpacked (src/input/collect-objects.ts); Lists nested
 * too deep or holding too many objects are a usage error.
 *
 * @throws {UsageError} past the limits of unpacking.
 */
export function collectObjects(sources: readonly SourceDocument[]): ReturnType<typeof collectAll> {
  try {
    return collectAll(sources);
  } catch (error) {
    if (error instanceof UnpackLimitError) throw new UsageError(error.message);
    throw error;
  }
}

/** An assembled input with its origins and the remarks made while assembling it. */
export interface Assembled {
  readonly input: Record<string, unknown>;
  readonly origins: readonly Origin[];
  /** Documents that were skipped and why, already located (`file (document 2): …`). */
  readonly notes: readonly string[];
}

const STATUS_KINDS = new Set(["TaskRun", "Pod"]);

/** The usage error that tells the user about `problem`. */
function usageError(problem: AssemblyProblem): UsageError {
  switch (problem.code) {
    case "no-task-run": {
      const { wanted, taskRuns } = problem;
      if (wanted === undefined)
        return new UsageError("no TaskRun in the input; give a file with a document of kind: TaskRun", {
          suggestHelp: true,
        });
      return new UsageError(
        taskRuns.length === 0
          ? `no TaskRun in the input (looked for --taskrun ${wanted})`
          : `no TaskRun named "${wanted}" in the input; found: ${names(taskRuns)}`,
      );
    }
    case "several-task-runs": {
      const { wanted, taskRuns } = problem;
      return new UsageError(
        wanted === undefined
          ? `the input has ${taskRuns.length} TaskRuns (${names(taskRuns)}); choose one with --taskrun NAME`
          : `${taskRuns.length} TaskRuns are named "${wanted}": ${placements(taskRuns)}; keep one`,
      );
    }
    case "ambiguous-name":
      return new UsageError(
        `${problem.candidates.length} objects could be ${problem.kind} "${problem.name}": ${placements(problem.candidates)}; keep one`,
      );
    case "name-not-found":
      return new UsageError(
        `none of the ${problem.count} objects of kind ${problem.kind} is named "${problem.name}"; keep one`,
      );
    case "no-name":
      return new UsageError(
        `the input has ${problem.count} objects of kind ${problem.kind} and the TaskRun names none of them; keep one`,
      );
    case "duplicate-config-map":
      return new UsageError(`ConfigMap "${problem.object.name ?? ""}" is given twice; keep one`);
    case "images-not-a-mapping":
      return new UsageError(
        `${problem.source.file}: --images needs a mapping of image → { entrypoint: [...], digest: "sha256:…" } (or image → [entrypoint…])`,
      );
  }
}

function names(objects: readonly FoundObject[]): string {
  return objects.map((o) => o.name ?? "(unnamed)").join(", ");
}

function placements(objects: readonly FoundObject[]): string {
  return objects.map((o) => describePlacement(o.at)).join(", ");
}

function ignoredNote(object: FoundObject, why: string): string {
  return `${describePlacement(object.at)}: ignored: ${why}`;
}

function noteFor(remark: AssemblyRemark): string {
  switch (remark.code) {
    case "unread-config-map":
      return ignoredNote(remark.object, `only the ConfigMaps ${Object.keys(CONFIG_MAPS).join(", ")} are read`);
    case "other-task-kind":
      return (
        `${describePlacement(remark.object.at)}: not used: the TaskRun's taskRef asks for a ${remark.wantedKind}` +
        (remark.wantedKind === "Task"
          ? " (set taskRef.kind: ClusterTask to use it)"
          : " (remove taskRef.kind to use it)")
      );
    case "unused-kind":
      return ignoredNote(
        remark.object,
        `kind ${remark.object.kind} is not used by compile (it reads ${[...COMPILE_KINDS].join(", ")})`,
      );
    case "other-task-run":
      return ignoredNote(remark.object, `compiling ${remark.chosen.at.label} instead`);
  }
}

/**
 * Builds the `compileTaskRun` input from the objects and an optional image-entrypoints map
 * (the `--images` file).
 *
 * @throws {UsageError} when the TaskRun, its Task or its ServiceAccount cannot be chosen.
 */
export function selectCompileInput(
  objects: readonly FoundObject[],
  options: { readonly taskRun?: string | undefined; readonly imageEntrypoints?: SourceDocument | undefined },
): Assembled {
  const selected = selectTaskRun(objects, options.taskRun);
  if (!selected.ok) throw usageError(selected.problem);
  const result = classifyObjects(objects, selected.value, { imageEntrypoints: options.imageEntrypoints });
  const [problem] = result.problems;
  if (problem !== undefined) throw usageError(problem);
  return {
    input: result.input as unknown as Record<string, unknown>,
    origins: result.origins,
    notes: result.remarks.map(noteFor),
  };
}

/**
 * Builds the `foldTaskRunStatus` input: the TaskRun and its Pod (the only Pod, or the one named
 * by `status.podName` or labelled `tekton.dev/taskRun: <name>`).
 *
 * @throws {UsageError} when the TaskRun or the Pod cannot be chosen.
 */
export function selectStatusInput(
  objects: readonly FoundObject[],
  options: { readonly taskRun?: string | undefined },
): Assembled {
  const notes: string[] = [];
  const selected = selectTaskRun(objects, options.taskRun);
  if (!selected.ok) throw usageError(selected.problem);
  const taskRun = selected.value;
  const pods = objects.filter((o) => o.kind === "Pod");
  let pod: FoundObject | undefined;
  if (pods.length <= 1) {
    pod = pods[0];
  } else {
    const status = isRecord(taskRun.value["status"]) ? taskRun.value["status"] : {};
    const podName = nonEmptyString(status["podName"]);
    const owned = pods.filter((o) => {
      const metadata = isRecord(o.value["metadata"]) ? o.value["metadata"] : {};
      const labels = isRecord(metadata["labels"]) ? metadata["labels"] : {};
      return (
        (podName !== undefined && o.name === podName) ||
        (taskRun.name !== undefined && labels["tekton.dev/taskRun"] === taskRun.name)
      );
    });
    if (owned.length !== 1) {
      throw new UsageError(
        `the input has ${pods.length} Pods and ${owned.length} of them belong to ${taskRun.at.label} ` +
          `(by status.podName or the tekton.dev/taskRun label); give exactly the TaskRun's Pod`,
      );
    }
    pod = owned[0];
  }
  if (pod === undefined)
    throw new UsageError(`no Pod in the input; status needs ${taskRun.at.label} and its Pod (kind: Pod, with status)`);
  for (const object of objects) {
    if (object === taskRun || object === pod) continue;
    notes.push(
      ignoredNote(
        object,
        STATUS_KINDS.has(object.kind)
          ? `using ${object.kind === "Pod" ? pod.at.label : taskRun.at.label} instead`
          : `kind ${object.kind} is not used by status (it reads a TaskRun and its Pod)`,
      ),
    );
  }
  return {
    input: { taskRun: taskRun.value, pod: pod.value },
    origins: [
      { prefix: ["taskRun"], at: taskRun.at },
      { prefix: ["pod"], at: pod.at },
    ],
    notes,
  };
}
