/**
 * Reads the `-f FILE|DIR|-` arguments the way `kubectl apply -f` does: a file holds any number
 * of YAML or JSON documents separated by `---`, a directory contributes its `*.yaml`, `*.yml`
 * and `*.json` files in sorted order (not recursively), and `-` is standard input. Each parsed
 * document keeps its YAML syntax tree and line counter so that problems can later be reported
 * with a line and column.
 */
import { join } from "node:path";
import { Composer, LineCounter, Parser, type Document } from "yaml";
import type { SourceDocument } from "../input/assemble-input.js";
import { findDuplicateKey } from "../input/yaml-keys.js";
import { INPUT_LIMITS, UsageError, type CliIO } from "./io.js";

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
  // The limits hold for the whole run, over every file.
  const budget = { bytes: INPUT_LIMITS.bytes, documents: INPUT_LIMITS.documents };
  return paths.flatMap((path) => {
    if (path === "-") return parseDocuments(STDIN_NAME, stdin(), budget);
    if (io.isDirectory(path)) {
      return listDirectory(path, io)
        .filter((name) => DATA_FILE.test(name))
        .sort()
        .flatMap((name) => {
          const file = join(path, name);
          return parseDocuments(file, readText(file, io), budget);
        });
    }
    return parseDocuments(path, readText(path, io), budget);
  }).filter((source) => source.value !== null && source.value !== undefined);
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
export function parseDocuments(
  file: string,
  text: string,
  budget: InputBudget = { bytes: INPUT_LIMITS.bytes, documents: INPUT_LIMITS.documents },
): SourceDocument[] {
  // Characters, not bytes: a cheap bound that is never below the byte count's share of UTF-8.
  budget.bytes -= text.length;
  if (budget.bytes < 0) {
    throw new UsageError(`${file}: the input is larger than ${INPUT_LIMITS.bytes / (1024 * 1024)} MiB in all, the most tekton-pod reads`);
  }
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = composeDocuments(file, text, lineCounter, budget);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The parser's recursion is the one thing left that input can exhaust.
    throw new UsageError(`${file}: cannot be read as YAML or JSON: ${describeError(error)}`);
  }
  const firstError = documents.flatMap((document) => document.errors)[0];
  const duplicate = firstError === undefined ? firstDuplicateKey(documents) : undefined;
  if (firstError !== undefined || duplicate !== undefined) {
    const asJson = parseJson(text);
    if (asJson !== undefined) return [{ file, index: 0, value: asJson.value }];
    const offset = firstError?.pos[0] ?? duplicate?.offset ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    const message = firstError === undefined
      ? `Map keys must be unique ("${duplicate?.key ?? ""}" is repeated)`
      : (firstError.message.split("\n")[0] ?? firstError.message);
    throw new UsageError(`${file}:${line}:${col}: not valid YAML or JSON: ${message.slice(0, 300)}`);
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

/**
 * `parseAllDocuments`, one document at a time, stopping as soon as the run's document limit
 * is passed — a file of a million tiny documents is refused before it is all parsed. Keys are
 * checked for uniqueness afterwards in linear time ({@link findDuplicateKey}): the parser's
 * own check is quadratic in the width of a mapping.
 */
function composeDocuments(file: string, text: string, lineCounter: LineCounter, budget: InputBudget): Document.Parsed[] {
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  const parser = new Parser(lineCounter.addNewLine);
  const documents: Document.Parsed[] = [];
  const take = (document: Document.Parsed): void => {
    budget.documents--;
    if (budget.documents < 0) {
      throw new UsageError(`${file}: more than ${INPUT_LIMITS.documents} YAML documents in all, the most tekton-pod reads`);
    }
    documents.push(document);
  };
  for (const document of composer.compose(parser.parse(text))) take(document);
  return documents;
}

function firstDuplicateKey(documents: readonly Document.Parsed[]): ReturnType<typeof findDuplicateKey> {
  for (const document of documents) {
    const duplicate = findDuplicateKey(document);
    if (duplicate !== undefined) return duplicate;
  }
  return undefined;
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
    if (code === "ELOOP") return "too many levels of symbolic links";
    if (code === "ENOTDIR") return "a part of the path is not a directory";
    if (code === "EFBIG") return error.message;
    return error.message;
  }
  return String(error);
}
