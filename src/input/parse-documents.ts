/**
 * Parses the text of one input file into its documents, keeping each document's YAML syntax
 * tree and the file's line counter so that problems can later be reported at a line and
 * column (see ./locate-issue.ts). Shared by the `tekton-pod` CLI and the browser playground:
 * text in, documents or a located problem out, with no Node imports and no exceptions for
 * bad input.
 */
import { Composer, type Document, LineCounter, Parser } from "yaml";
import type { SourceDocument } from "./classify-objects.js";
import { findDuplicateKey } from "./yaml-keys.js";

/** Why a text is not YAML or JSON documents, and where. */
export interface ParseProblem {
  /** The file as the user named it. */
  readonly file: string;
  /** What is wrong, without the location. */
  readonly message: string;
  /** 1-based line and column of a syntax error. */
  readonly line?: number;
  readonly column?: number;
  /** 1-based number of the document that could not be turned into data. */
  readonly document?: number;
}

/** The documents of a text, or the first reason it has none. */
export type ParsedDocuments =
  | { readonly ok: true; readonly documents: SourceDocument[] }
  | { readonly ok: false; readonly problem: ParseProblem };

/** Options of {@link parseDocumentText}. */
export interface ParseOptions {
  /** The most documents to read; past it, the text is refused before the rest is parsed. */
  readonly maxDocuments?: number;
}

/**
 * Parses all documents of one text (empty documents included, as `null`). JSON is YAML 1.2,
 * so one parser serves both; a JSON text the YAML parser refuses (e.g. one with duplicate
 * keys) is still accepted by `JSON.parse`, without positions.
 *
 * Duplicate keys are found in linear time (./yaml-keys.ts) rather than by the parser, whose
 * own check compares each key with every earlier key of its mapping.
 */
export function parseDocumentText(file: string, text: string, options: ParseOptions = {}): ParsedDocuments {
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    const composed = composeDocuments(text, lineCounter, options.maxDocuments ?? Infinity);
    if (composed === undefined) {
      return {
        ok: false,
        problem: { file, message: `more than ${options.maxDocuments ?? 0} YAML documents, the most that is read` },
      };
    }
    documents = composed;
  } catch (error) {
    // The parser's recursion is the one thing left that input could exhaust.
    return {
      ok: false,
      problem: {
        file,
        message: `cannot be read as YAML or JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  const firstError = documents.flatMap((document) => document.errors)[0];
  const duplicate = firstError === undefined ? firstDuplicateKey(documents) : undefined;
  if (firstError !== undefined || duplicate !== undefined) {
    const asJson = parseJson(text);
    if (asJson !== undefined) return { ok: true, documents: [{ file, index: 0, value: asJson.value }] };
    const { line, col } = lineCounter.linePos(firstError?.pos[0] ?? duplicate?.offset ?? 0);
    const message =
      firstError === undefined
        ? `Map keys must be unique (${JSON.stringify(duplicate?.key ?? "")} is repeated)`
        : (firstError.message.split("\n")[0] ?? firstError.message).slice(0, 300);
    return { ok: false, problem: { file, message: `not valid YAML or JSON: ${message}`, line, column: col } };
  }
  const parsed: SourceDocument[] = [];
  for (const [index, document] of documents.entries()) {
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, problem: { file, message, document: index + 1 } };
    }
    parsed.push({ file, index, value, document, lineCounter });
  }
  return { ok: true, documents: parsed };
}

/**
 * `parseAllDocuments`, one document at a time, stopping (undefined) as soon as there are more
 * than `max`: a file of a million tiny documents is refused before it is all parsed.
 */
function composeDocuments(text: string, lineCounter: LineCounter, max: number): Document.Parsed[] | undefined {
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  const parser = new Parser(lineCounter.addNewLine);
  const documents: Document.Parsed[] = [];
  for (const document of composer.compose(parser.parse(text))) {
    if (documents.length >= max) return undefined;
    documents.push(document);
  }
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
