/**
 * Turns a fixture on disk into the input of `compileTaskRun`: a folder of YAML/JSON files or
 * one multi-document file holding a TaskRun and what the controller would fetch for it
 * (Task/ClusterTask, LimitRanges, ServiceAccount, Secrets, PipelineResources, Tekton's
 * ConfigMaps). Documents are sorted by `kind` by the classifier the CLI uses too
 * (src/input/classify-objects.ts), the way the Tekton v0.20.1 reconciler would look each object
 * up by name in the cluster; a fixture is stricter than the CLI, so what the CLI only notes
 * (an unread ConfigMap, an unused kind) is an error here.
 *
 * This module reads files. It belongs to the opt-in `tekton-pod-compiler/testing` entry,
 * which is meant for test code; the compiler core (`src/` outside `src/cli/` and
 * `src/testing/`) stays free of I/O.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import type { CompileConfig, CompileInput, ImageEntrypoint } from "../api/types.js";
import {
  type AssemblyProblem,
  CONFIG_MAPS,
  classifyObjects,
  type FoundObject,
  foundObject,
  type SourceDocument,
  selectTaskRun,
} from "../input/classify-objects.js";
import type { TektonRelease } from "../profiles.js";
import { isRecord } from "../read-values.js";

/** Files whose name ends with this are golden outputs, never fixture inputs. */
export const GOLDEN_SUFFIX = ".golden.yaml";

/** A document without `kind` in a file of this name holds image entrypoints (image → ENTRYPOINT/CMD/digest). */
export const IMAGE_ENTRYPOINTS_FILE = "image-entrypoints.yaml";

/** A path on disk, or a `file:` URL such as `new URL("./fixtures/", import.meta.url)`. */
export type PathLike = string | URL;

/** A path, or a `file:` URL made a path; relative paths are taken from the current directory. */
export function toPath(path: PathLike): string {
  if (typeof path === "string") return resolve(path);
  if (path.protocol !== "file:") throw new FixtureError(path.href, "is not a file: URL; give a path or a file: URL");
  return resolve(fileURLToPath(path));
}

/** Defaults applied under every fixture: what the fixture itself holds wins. */
export interface FixtureOptions {
  /**
   * The Tekton release whose controller the fixtures are compiled for (`"v0.20.1"` when
   * absent); one of `TEKTON_RELEASES`.
   */
  readonly tekton?: TektonRelease;
  /**
   * Files or folders of documents every fixture may use — say the Tasks under test, kept once
   * instead of copied into each fixture. A fixture's own document of the same kind and name
   * wins over a shared one. Keep a shared folder outside the folder whose fixtures are listed.
   */
  readonly shared?: PathLike | readonly PathLike[];
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

type Doc = SourceDocument & { readonly value: Record<string, unknown> };

function where(source: SourceDocument): string {
  return `${source.file} (document ${source.index + 1})`;
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
    if (!isRecord(value))
      throw new FixtureError(
        file,
        `document ${index + 1} must be a mapping (a Kubernetes object), found ${Array.isArray(value) ? "a list" : typeof value}`,
      );
    docs.push({ file, index, value });
  });
  return docs;
}

function checkStringData(object: FoundObject): void {
  const data = object.value["data"] ?? {};
  if (!isRecord(data) || !Object.values(data).every((v) => typeof v === "string")) {
    const { file, index } = object.at.source;
    throw new FixtureError(
      file,
      `document ${index + 1}: ConfigMap ${object.name ?? ""} must have string values in \`data\` (quote numbers and booleans)`,
    );
  }
}

/** The fixture's wording of a problem the shared classifier met. */
function fixtureError(problem: AssemblyProblem, fixture: string): FixtureError {
  switch (problem.code) {
    case "no-task-run":
      return new FixtureError(fixture, "holds no TaskRun; add one document with `kind: TaskRun`");
    case "several-task-runs":
      return new FixtureError(
        fixture,
        `holds ${problem.taskRuns.length} TaskRuns (${problem.taskRuns.map((o) => where(o.at.source)).join(", ")}); a fixture compiles exactly one`,
      );
    case "ambiguous-name":
      return new FixtureError(
        fixture,
        `${problem.candidates.length} ${problem.kind} documents are named "${problem.name}" (${problem.candidates.map((o) => where(o.at.source)).join(", ")}); keep one`,
      );
    case "name-not-found":
      return new FixtureError(
        fixture,
        `none of the ${problem.kind} documents is named "${problem.name}", the name the TaskRun uses`,
      );
    case "no-name":
      return new FixtureError(
        fixture,
        `${problem.count} ${problem.kind} documents but the TaskRun names none of them; keep one`,
      );
    case "duplicate-config-map": {
      const { file, index } = problem.object.at.source;
      return new FixtureError(
        file,
        `document ${index + 1}: ConfigMap "${problem.object.name ?? ""}" is given twice; keep one`,
      );
    }
    case "images-not-a-mapping":
      return new FixtureError(
        problem.source.file,
        `image entrypoints must be a mapping of image → { entrypoint, cmd, digest }`,
      );
  }
}

/** Builds the compile input from parsed documents. */
function toInput(docs: readonly Doc[], fixture: string, options: FixtureOptions): CompileInput {
  // Conformance cases say `kind: compile`; Kubernetes objects never have a top-level `input`.
  const cases = docs.filter(
    (d) => (d.value["kind"] === undefined || d.value["kind"] === "compile") && isRecord(d.value["input"]),
  );
  const [found] = cases;
  if (found !== undefined) {
    if (docs.length !== 1)
      throw new FixtureError(
        fixture,
        "a conformance-format case (a document with `input:`) must be the fixture's only document",
      );
    return withOptions(found.value["input"] as CompileInput, options);
  }

  const objects: FoundObject[] = [];
  let images: SourceDocument | undefined;
  for (const doc of docs) {
    const kind = doc.value["kind"];
    if (kind === undefined && basename(doc.file) === IMAGE_ENTRYPOINTS_FILE) {
      images = { ...(images ?? doc), value: { ...(images?.value as object | undefined), ...doc.value } };
      continue;
    }
    if (typeof kind !== "string") {
      throw new FixtureError(
        doc.file,
        `document ${doc.index + 1} has no \`kind\`; image entrypoints belong in a file named ${IMAGE_ENTRYPOINTS_FILE}`,
      );
    }
    objects.push(foundObject(doc.value, kind, doc));
  }

  const taskRun = selectTaskRun(objects, undefined);
  if (!taskRun.ok) throw fixtureError(taskRun.problem, fixture);
  const result = classifyObjects(objects, taskRun.value, { fallBackToOnly: true, imageEntrypoints: images });
  // Fixtures have always let the last of two same-named ConfigMaps win.
  const problem = result.problems.find((p) => p.code !== "duplicate-config-map");
  if (problem !== undefined) throw fixtureError(problem, fixture);
  // What the CLI only notes is an error in a fixture: a golden test should not pass over a document.
  const unread = new Set(result.remarks.flatMap((r) => (r.code === "unread-config-map" ? [r.object] : [])));
  for (const object of objects) {
    if (object.kind !== "ConfigMap") continue;
    if (unread.has(object)) {
      const { file, index } = object.at.source;
      throw new FixtureError(
        file,
        `document ${index + 1}: ConfigMap "${object.name ?? ""}" is not one the compiler reads (${Object.keys(CONFIG_MAPS).join(", ")})`,
      );
    }
    checkStringData(object);
  }
  for (const remark of result.remarks) {
    if (remark.code !== "unused-kind") continue;
    const { file, index } = remark.object.at.source;
    throw new FixtureError(
      file,
      `document ${index + 1} has kind ${remark.object.kind}, which a TaskRun fixture does not use`,
    );
  }
  return withOptions(result.input, options);
}

function withOptions(input: CompileInput, options: FixtureOptions): CompileInput {
  const out: CompileInput = { ...input };
  if (options.imageEntrypoints !== undefined)
    out.imageEntrypoints = { ...options.imageEntrypoints, ...input.imageEntrypoints };
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
export function readFixture(fixture: PathLike, options: FixtureOptions = {}): CompileInput {
  const path = toPath(fixture);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new FixtureError(path, "does not exist; give a fixture folder or a YAML file");
  }
  const files = isDir ? listFiles(path) : [path];
  const own = files.flatMap(readDocs);
  return toInput([...own, ...sharedDocs(own, options.shared)], path, options);
}

/** The shared documents a fixture does not hold itself (by kind and name). */
function sharedDocs(own: readonly Doc[], shared: FixtureOptions["shared"]): Doc[] {
  if (shared === undefined) return [];
  const key = (d: Doc) => {
    const metadata = d.value["metadata"];
    return `${String(d.value["kind"])}/${isRecord(metadata) ? String(metadata["name"]) : ""}`;
  };
  const taken = new Set(own.map(key));
  const paths = (typeof shared === "string" || shared instanceof URL ? [shared] : shared).map(toPath);
  return paths
    .flatMap((p) => {
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        throw new FixtureError(p, "(a shared path) does not exist");
      }
      return (isDir ? listFiles(p) : [p]).flatMap(readDocs);
    })
    .filter((d) => !taken.has(key(d)));
}
