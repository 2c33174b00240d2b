/**
 * Parses the text of one input file into its documents, keeping each document's YAML syntax
 * tree and the file's line counter so that problems can later be reported at a line and
 * column (see ./locate-issue.ts). Shared by the `tekton-pod` CLI and the browser playground:
 * text in, documents or a located problem out, with no Node imports and no exceptions for
 * bad input.
 */
import { LineCounter, parseAllDocuments } from "yaml";
import type { SourceDocument } from "./classify-objects.js";

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

/**
 * Parses all documents of one text (empty documents included, as `null`). JSON is YAML 1.2,
 * so one parser serves both; a JSON text the YAML parser refuses (e.g. one with duplicate
 * keys) is still accepted by `JSON.parse`, without positions.
 */
export function parseDocumentText(file: string, text: string): ParsedDocuments {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const firstError = documents.flatMap((document) => document.errors)[0];
  if (firstError !== undefined) {
    const asJson = parseJson(text);
    if (asJson !== undefined) return { ok: true, documents: [{ file, index: 0, value: asJson.value }] };
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    const message = firstError.message.split("\n")[0] ?? firstError.message;
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

function parseJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
