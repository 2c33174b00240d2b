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
import { UsageError, type CliIO } from "./io.js";

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
  const directory = (dir: string): SourceDocument[] =>
    [...io.listDirectory(dir)].sort().flatMap((name) => {
      const path = join(dir, name);
      if (options.recursive === true && io.isDirectory(path)) return directory(path);
      if (!DATA_FILE.test(name) || name.endsWith(GOLDEN_SUFFIX)) return [];
      return parseDocuments(path, readText(path, io));
    });
  const sources = paths.flatMap((path) => {
    if (path === "-") return parseDocuments(STDIN_NAME, stdin());
    if (io.isDirectory(path)) return directory(path);
    if (path.endsWith(GOLDEN_SUFFIX)) {
      notes.push(`${path}: ignored: a golden file is output, not input`);
      return [];
    }
    return parseDocuments(path, readText(path, io));
  }).filter((source) => source.value !== null && source.value !== undefined);
  return { sources, notes };
}

/**
 * Reads one file (or `-`) that must hold exactly one document, such as a conformance case or
 * the `--images` map.
 *
 * @throws {UsageError} when it cannot be read or parsed, or holds no or several documents.
 */
export function readSingleDocument(path: string, io: CliIO, stdin: () => string, what: string): SourceDocument {
  const file = path === "-" ? STDIN_NAME : path;
  const documents = parseDocuments(file, path === "-" ? stdin() : readText(path, io))
    .filter((source) => source.value !== null && source.value !== undefined);
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
export function parseDocuments(file: string, text: string): SourceDocument[] {
  const parsed = parseDocumentText(file, text);
  if (parsed.ok) return parsed.documents;
  const { problem } = parsed;
  if (problem.document !== undefined) throw new UsageError(`${file}: document ${problem.document}: ${problem.message}`);
  throw new UsageError(`${file}:${problem.line ?? 1}:${problem.column ?? 1}: ${problem.message}`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT") return "no such file or directory";
    if (code === "EACCES") return "permission denied";
    if (code === "EISDIR") return "is a directory";
    return error.message;
  }
  return String(error);
}
