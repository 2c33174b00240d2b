/**
 * Reads the `-f FILE|DIR|-` arguments the way `kubectl apply -f` does: a file holds any number
 * of YAML or JSON documents separated by `---`, a directory contributes its `*.yaml`, `*.yml`
 * and `*.json` files in sorted order (not recursively), and `-` is standard input. Each parsed
 * document keeps its YAML syntax tree and line counter so that problems can later be reported
 * with a line and column.
 */
import { join } from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import type { SourceDocument } from "../input/classify-objects.js";
import { UsageError, type CliIO } from "./io.js";

/** What `-` is called in messages. */
export const STDIN_NAME = "<stdin>";

const DATA_FILE = /\.(ya?ml|json)$/i;

/**
 * Reads every `-f` argument in order and returns all their non-empty documents.
 *
 * @param stdin the run's one reader of standard input (see {@link stdinOnce}).
 * @throws {UsageError} when a path cannot be read, a document is not valid YAML/JSON, or `-`
 *   is given twice.
 */
export function readSources(paths: readonly string[], io: CliIO, stdin: () => string): SourceDocument[] {
  return paths.flatMap((path) => {
    if (path === "-") return parseDocuments(STDIN_NAME, stdin());
    if (io.isDirectory(path)) {
      return [...io.listDirectory(path)]
        .filter((name) => DATA_FILE.test(name))
        .sort()
        .flatMap((name) => {
          const file = join(path, name);
          return parseDocuments(file, readText(file, io));
        });
    }
    return parseDocuments(path, readText(path, io));
  }).filter((source) => source.value !== null && source.value !== undefined);
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
 * Parses all documents of one text. JSON is YAML 1.2, so one parser serves both; a JSON text
 * the YAML parser refuses (e.g. one with duplicate keys) is still accepted by `JSON.parse`,
 * without positions.
 */
export function parseDocuments(file: string, text: string): SourceDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const firstError = documents.flatMap((document) => document.errors)[0];
  if (firstError !== undefined) {
    const asJson = parseJson(text);
    if (asJson !== undefined) return [{ file, index: 0, value: asJson.value }];
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    const message = firstError.message.split("\n")[0] ?? firstError.message;
    throw new UsageError(`${file}:${line}:${col}: not valid YAML or JSON: ${message}`);
  }
  return documents.map((document, index) => {
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      throw new UsageError(`${file}: document ${index + 1}: ${describeError(error)}`);
    }
    return { file, index, value, document, lineCounter };
  });
}

function parseJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
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
