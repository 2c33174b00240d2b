/**
 * Reads the `-f FILE|DIR|-` arguments the way `kubectl apply -f` does: a file holds any number
 * of YAML or JSON documents separated by `---`, a directory contributes its `*.yaml`, `*.yml`
 * and `*.json` files in sorted order (recursively with `-R`), and `-` is standard input. Each parsed
 * document keeps its YAML syntax tree and line counter so that problems can later be reported
 * with a line and column.
 */
import { join } from "node:path";
import type { SourceDocument } from "../input/classify-objects.js";
import { parseDocumentText } from "../input/parse-documents.js";
import { type CliIO, INPUT_LIMITS, UsageError } from "./io.js";

/** How deep `-R` descends into directories. */
const MAX_DIRECTORY_DEPTH = 32;

/** What `-` is called in messages. */
export const STDIN_NAME = "<stdin>";

const DATA_FILE = /\.(ya?ml|json)$/i;

/** Files named like this are golden outputs of the testing entry, never input. */
export const GOLDEN_SUFFIX = ".golden.yaml";

/**
 * Reads every `-f` argument in order and returns all their non-empty documents, and notes on
 * what it skipped. A directory contributes its data files in name order — with `recursive`,
 * its sub-directories' too, depth first in name order. Golden files (`*.golden.yaml`) are
 * outputs, not input: skipped in directories, and noted when named directly.
 *
 * @param stdin the run's one reader of standard input (see {@link stdinOnce}).
 * @throws {UsageError} when a path cannot be read, a document is not valid YAML/JSON, or `-`
 *   is given twice.
 */
export function readSources(
  paths: readonly string[],
  io: CliIO,
  stdin: () => string,
  options: { readonly recursive?: boolean } = {},
): { sources: SourceDocument[]; notes: string[] } {
  const notes: string[] = [];
  // The limits hold for the whole run, over every file.
  const budget = { bytes: INPUT_LIMITS.bytes, documents: INPUT_LIMITS.documents };
  const directory = (dir: string, depth: number): SourceDocument[] => {
    // A symlink to an enclosing directory would make the walk endless.
    if (depth > MAX_DIRECTORY_DEPTH) {
      throw new UsageError(`${dir}: directories nest more than ${MAX_DIRECTORY_DEPTH} deep (a symbolic link loop?)`);
    }
    return listDirectory(dir, io)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (options.recursive === true && io.isDirectory(path)) return directory(path, depth + 1);
        if (!DATA_FILE.test(name) || name.endsWith(GOLDEN_SUFFIX)) return [];
        return parseDocuments(path, readText(path, io), budget);
      });
  };
  const sources = paths
    .flatMap((path) => {
      if (path === "-") return parseDocuments(STDIN_NAME, stdin(), budget);
      if (io.isDirectory(path)) return directory(path, 0);
      if (path.endsWith(GOLDEN_SUFFIX)) {
        notes.push(`${path}: ignored: a golden file is output, not input`);
        return [];
      }
      return parseDocuments(path, readText(path, io), budget);
    })
    .filter((source) => source.value !== null && source.value !== undefined);
  return { sources, notes };
}

function listDirectory(path: string, io: CliIO): string[] {
  try {
    return [...io.listDirectory(path)];
  } catch (error) {
    throw new UsageError(`cannot read directory ${path}: ${describeError(error)}`);
  }
}

/** What a run may still read; {@link parseDocuments} takes from it. */
export interface InputBudget {
  bytes: number;
  documents: number;
}

/**
 * Reads one file (or `-`) that must hold exactly one document, such as a conformance case or
 * the `--images` map.
 *
 * @throws {UsageError} when it cannot be read or parsed, or holds no or several documents.
 */
export function readSingleDocument(path: string, io: CliIO, stdin: () => string, what: string): SourceDocument {
  const file = path === "-" ? STDIN_NAME : path;
  const documents = parseDocuments(file, path === "-" ? stdin() : readText(path, io)).filter(
    (source) => source.value !== null && source.value !== undefined,
  );
  const [only] = documents;
  if (only === undefined || documents.length > 1) {
    throw new UsageError(`${file}: expected exactly one YAML/JSON document (${what}), found ${documents.length}`);
  }
  return only;
}

/**
 * The reader of standard input for one run: stdin can be consumed only once, so a second `-`
 * (say `-f - --images -`) is a usage error rather than silently empty input.
 */
export function stdinOnce(read: () => string): () => string {
  let used = false;
  return () => {
    if (used) throw new UsageError("standard input (-) can be given only once");
    used = true;
    return read();
  };
}

function readText(path: string, io: CliIO): string {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeError(error)}`);
  }
}

/**
 * Parses all documents of one text (see src/input/parse-documents.ts).
 *
 * @throws {UsageError} when the text is not valid YAML or JSON.
 */
export function parseDocuments(
  file: string,
  text: string,
  budget: InputBudget = { bytes: INPUT_LIMITS.bytes, documents: INPUT_LIMITS.documents },
): SourceDocument[] {
  // Characters, not bytes: a cheap bound that is never below the byte count's share of UTF-8.
  budget.bytes -= text.length;
  if (budget.bytes < 0) {
    throw new UsageError(
      `${file}: the input is larger than ${INPUT_LIMITS.bytes / (1024 * 1024)} MiB in all, the most tekton-pod reads`,
    );
  }
  const parsed = parseDocumentText(file, text, { maxDocuments: budget.documents });
  if (parsed.ok) {
    budget.documents -= parsed.documents.length;
    return parsed.documents;
  }
  const { problem } = parsed;
  if (problem.document !== undefined) throw new UsageError(`${file}: document ${problem.document}: ${problem.message}`);
  if (problem.line === undefined) throw new UsageError(`${file}: ${problem.message}`);
  throw new UsageError(`${file}:${problem.line}:${problem.column ?? 1}: ${problem.message}`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT") return "no such file or directory";
    if (code === "EACCES") return "permission denied";
    if (code === "EISDIR") return "is a directory";
    if (code === "ELOOP") return "too many levels of symbolic links";
    if (code === "ENOTDIR") return "a part of the path is not a directory";
    if (code === "EFBIG") return error.message;
    return error.message;
  }
  return String(error);
}
