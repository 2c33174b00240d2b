/**
 * Turns a fixture on disk into the input of `compileTaskRun`: a folder of YAML/JSON files or
 * one multi-document file holding a TaskRun and what the controller would fetch for it
 * (Task/ClusterTask, LimitRanges, ServiceAccount, Secrets, PipelineResources, Tekton's
 * ConfigMaps). Documents are sorted by `kind`, the way the Tekton v0.20.1 reconciler would
 * look each object up by name in the cluster.
 *
 * This module reads files. It belongs to the opt-in `tekton-pod-compiler/testing` entry,
 * which is meant for test code; the compiler core (`src/` outside `src/cli/` and
 * `src/testing/`) stays free of I/O.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parseAllDocuments } from "yaml";
import type { CompileConfig, CompileInput, ImageEntrypoint } from "../api/types.js";

/** Files whose name ends with this are golden outputs, never fixture inputs. */
export const GOLDEN_SUFFIX = ".golden.yaml";

/** A document without `kind` in a file of this name holds image entrypoints (image → ENTRYPOINT/CMD/digest). */
export const IMAGE_ENTRYPOINTS_FILE = "image-entrypoints.yaml";

/** Defaults applied under every fixture: what the fixture itself holds wins. */
export interface FixtureOptions {
  /** Image entrypoints for images the fixtures use without a `command` (fixture entries win). */
  readonly imageEntrypoints?: Readonly<Record<string, ImageEntrypoint>>;
  /** Cluster configuration (fixture ConfigMaps win, key by key). */
  readonly config?: CompileConfig;
}

/** A fixture that cannot be read: the message names the file and the document. */
export class FixtureError extends Error {
  override readonly name = "FixtureError";
  /** The file (or folder) at fault. */
  readonly file: string;

  /**
   * @param file the file or folder at fault.
   * @param message what is wrong and what would be right.
   */
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

interface Doc {
  readonly file: string;
  readonly index: number;
  readonly value: Record<string, unknown>;
}

const CONFIG_MAPS: Readonly<Record<string, keyof CompileConfig>> = {
  "config-defaults": "defaults",
  "feature-flags": "featureFlags",
  "config-artifact-pvc": "artifactPVC",
  "config-artifact-bucket": "artifactBucket",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nameOf(doc: Doc): string | undefined {
  const meta = doc.value["metadata"];
  const name = isRecord(meta) ? meta["name"] : undefined;
  return typeof name === "string" ? name : undefined;
}

function where(doc: Doc): string {
  return `${doc.file} (document ${doc.index + 1})`;
}

/** The fixture files of a folder, sorted by name so every machine reads them in one order. */
function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith(GOLDEN_SUFFIX))
    .sort()
    .map((f) => join(dir, f));
}

function readDocs(file: string): Doc[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new FixtureError(file, `cannot be read (${(e as Error).message})`);
  }
  const docs: Doc[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    const error = document.errors[0];
    if (error !== undefined) {
      const pos = error.linePos?.[0];
      const at = pos !== undefined ? ` at line ${pos.line}, column ${pos.col}` : "";
      throw new FixtureError(file, `document ${index + 1} is not valid YAML${at}: ${error.message}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    if (!isRecord(value)) throw new FixtureError(file, `document ${index + 1} must be a mapping (a Kubernetes object), found ${Array.isArray(value) ? "a list" : typeof value}`);
    docs.push({ file, index, value });
  });
  return docs;
}

function stringMap(doc: Doc, field: string): Record<string, string> {
  const data = doc.value[field] ?? {};
  if (!isRecord(data) || !Object.values(data).every((v) => typeof v === "string")) {
    throw new FixtureError(doc.file, `document ${doc.index + 1}: ConfigMap ${nameOf(doc) ?? ""} must have string values in \`${field}\` (quote numbers and booleans)`);
  }
  return data as Record<string, string>;
}

/** Picks the one document the TaskRun names, or the only one when it names none. */
function pick(docs: readonly Doc[], wanted: string | undefined, what: string, fixture: string): Doc | undefined {
  if (docs.length === 0) return undefined;
  if (wanted !== undefined) {
    const named = docs.filter((d) => nameOf(d) === wanted);
    if (named.length === 1) return named[0];
    if (named.length > 1) throw new FixtureError(fixture, `${named.length} ${what} documents are named "${wanted}" (${named.map(where).join(", ")}); keep one`);
    if (docs.length === 1) return docs[0];
    throw new FixtureError(fixture, `none of the ${what} documents is named "${wanted}", the name the TaskRun uses`);
  }
  if (docs.length === 1) return docs[0];
  throw new FixtureError(fixture, `${docs.length} ${what} documents but the TaskRun names none of them; keep one`);
}

/** Builds the compile input from parsed documents. */
function toInput(docs: readonly Doc[], fixture: string, options: FixtureOptions): CompileInput {
  // Conformance cases say `kind: compile`; Kubernetes objects never have a top-level `input`.
  const cases = docs.filter((d) => (d.value["kind"] === undefined || d.value["kind"] === "compile") && isRecord(d.value["input"]));
  if (cases.length > 0) {
    if (docs.length !== 1) throw new FixtureError(fixture, "a conformance-format case (a document with `input:`) must be the fixture's only document");
    return withOptions(cases[0]!.value["input"] as CompileInput, options);
  }

  const byKind = new Map<string, Doc[]>();
  let imageEntrypoints: Record<string, ImageEntrypoint> | undefined;
  for (const doc of docs) {
    const kind = doc.value["kind"];
    if (kind === undefined && basename(doc.file) === IMAGE_ENTRYPOINTS_FILE) {
      imageEntrypoints = { ...imageEntrypoints, ...(doc.value as Record<string, ImageEntrypoint>) };
      continue;
    }
    if (typeof kind !== "string") {
      throw new FixtureError(doc.file, `document ${doc.index + 1} has no \`kind\`; image entrypoints belong in a file named ${IMAGE_ENTRYPOINTS_FILE}`);
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), doc]);
  }

  const taskRuns = byKind.get("TaskRun") ?? [];
  if (taskRuns.length !== 1) {
    throw new FixtureError(fixture, taskRuns.length === 0 ? "holds no TaskRun; add one document with `kind: TaskRun`" : `holds ${taskRuns.length} TaskRuns (${taskRuns.map(where).join(", ")}); a fixture compiles exactly one`);
  }
  const taskRun = taskRuns[0]!.value;
  const spec = isRecord(taskRun["spec"]) ? taskRun["spec"] : {};
  const taskRef = isRecord(spec["taskRef"]) ? spec["taskRef"] : undefined;
  const taskRefName = typeof taskRef?.["name"] === "string" ? taskRef["name"] : undefined;
  const taskKind = taskRef?.["kind"] === "ClusterTask" ? "ClusterTask" : "Task";
  const saName = typeof spec["serviceAccountName"] === "string" ? spec["serviceAccountName"] : undefined;

  const input: CompileInput = { taskRun: taskRun as unknown as CompileInput["taskRun"] };
  const task = taskRef !== undefined ? pick(byKind.get(taskKind) ?? [], taskRefName, taskKind, fixture) : undefined;
  if (task !== undefined) input.task = task.value as unknown as NonNullable<CompileInput["task"]>;
  const limitRanges = byKind.get("LimitRange");
  if (limitRanges !== undefined) input.limitRanges = limitRanges.map((d) => d.value) as unknown as NonNullable<CompileInput["limitRanges"]>;
  const serviceAccount = pick(byKind.get("ServiceAccount") ?? [], saName ?? "default", "ServiceAccount", fixture);
  if (serviceAccount !== undefined) input.serviceAccount = serviceAccount.value as unknown as NonNullable<CompileInput["serviceAccount"]>;
  const secrets = byKind.get("Secret");
  if (secrets !== undefined) input.secrets = secrets.map((d) => d.value) as unknown as NonNullable<CompileInput["secrets"]>;
  const resources = byKind.get("PipelineResource");
  if (resources !== undefined) input.pipelineResources = resources.map((d) => d.value) as unknown as NonNullable<CompileInput["pipelineResources"]>;
  if (imageEntrypoints !== undefined) input.imageEntrypoints = imageEntrypoints;

  const config: CompileConfig = {};
  for (const doc of byKind.get("ConfigMap") ?? []) {
    const name = nameOf(doc);
    const key = name !== undefined ? CONFIG_MAPS[name] : undefined;
    if (key === undefined) {
      throw new FixtureError(doc.file, `document ${doc.index + 1}: ConfigMap "${name ?? ""}" is not one the compiler reads (${Object.keys(CONFIG_MAPS).join(", ")})`);
    }
    (config as Record<string, unknown>)[key] = stringMap(doc, "data");
  }
  if (Object.keys(config).length > 0) input.config = config;

  const known = new Set(["TaskRun", "Task", "ClusterTask", "LimitRange", "ServiceAccount", "Secret", "PipelineResource", "ConfigMap"]);
  for (const [kind, list] of byKind) {
    if (!known.has(kind)) throw new FixtureError(list[0]!.file, `document ${list[0]!.index + 1} has kind ${kind}, which a TaskRun fixture does not use`);
  }
  return withOptions(input, options);
}

function withOptions(input: CompileInput, options: FixtureOptions): CompileInput {
  const out: CompileInput = { ...input };
  if (options.imageEntrypoints !== undefined) out.imageEntrypoints = { ...options.imageEntrypoints, ...input.imageEntrypoints };
  if (options.config !== undefined) {
    const base = options.config;
    const own = input.config ?? {};
    const config: CompileConfig = { ...base, ...own };
    for (const key of ["defaults", "featureFlags", "artifactPVC", "artifactBucket"] as const) {
      const merged = { ...base[key], ...own[key] };
      if (Object.keys(merged).length > 0) config[key] = merged;
    }
    if (base.images !== undefined || own.images !== undefined) config.images = { ...base.images, ...own.images };
    out.config = config;
  }
  return out;
}

/**
 * Reads a fixture — a folder of `.yaml`/`.yml`/`.json` files (golden files ending in
 * `.golden.yaml` are skipped) or a single multi-document file — into a compile input.
 *
 * Documents are classified by `kind`: exactly one `TaskRun`; the `Task`/`ClusterTask` its
 * `taskRef` names; every `LimitRange`, `Secret` and `PipelineResource`; the `ServiceAccount`
 * it runs as; the ConfigMaps `config-defaults`, `feature-flags`, `config-artifact-pvc` and
 * `config-artifact-bucket`. Image entrypoints go in a file named `image-entrypoints.yaml`
 * (a mapping from image to `{ entrypoint, cmd, digest }`). A conformance-format case (one
 * document with an `input:` block) is read as it is.
 *
 * @throws {FixtureError} when a file cannot be read or parsed, or the documents do not make
 *   one TaskRun fixture.
 * @example
 * ```ts
 * const input = readFixture("test/fixtures/build-push");
 * const { pod } = compileTaskRun(input);
 * ```
 */
export function readFixture(path: string, options: FixtureOptions = {}): CompileInput {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new FixtureError(path, "does not exist; give a fixture folder or a YAML file");
  }
  const files = isDir ? listFiles(path) : [path];
  return toInput(files.flatMap(readDocs), path, options);
}
