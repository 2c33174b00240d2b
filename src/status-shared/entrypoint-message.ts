/**
 * Termination messages as Tekton's entrypoint writes them, read without a general JSON decode.
 * The entrypoint marshals each entry's fields in its struct's order — `key`, `value`, then
 * `resourceName`, `resourceRef` (v0.20.1) and `type` when set — with no white space. A message in exactly that layout
 * names every field once, under its own name, so the case-insensitive, duplicate-aware decode
 * each release otherwise needs (see their termination-message modules) reads it the same way;
 * so is an empty entry `{}` (the zero entry to Go). Any other text is left to that decode.
 */
import { readJsonString } from "../k8s/json-tree.js";

/**
 * The `resourceRef` object v0.20.1's entrypoint writes after `resourceName` (`name`, then
 * `apiVersion`, each when set), absent strings as `""`.
 */
export interface WrittenResourceRef {
  readonly name: string;
  readonly apiVersion: string;
}

/**
 * Makes a release's entry from one entry of a message in the entrypoint's layout: `resourceName`
 * is `""` when absent, `resourceRef` `undefined` when there is none, and `type` is as written —
 * a string, a small non-negative integer, or absent. `undefined` when the release's decode would
 * not read the entry this way (the whole message is then left to that decode).
 */
export type MakeEntry<T> = (
  key: string,
  value: string,
  resourceName: string,
  resourceRef: WrittenResourceRef | undefined,
  type: string | number | undefined,
) => T | undefined;

/**
 * The end of an integer type as JSON writes it at `start`, small enough to be exact as a number
 * (`0` or up to 15 digits without a leading zero); `undefined` for anything else — a fraction, an
 * exponent, a sign or a huge integer is left to the general decode. It must not run on into more
 * number: `1.5` or `1e0` would otherwise read as `1`. Scanned by hand: no match array per entry.
 */
function smallIntEnd(text: string, start: number): number | undefined {
  let end = start;
  while (isDigit(text.charCodeAt(end))) end++;
  const digits = end - start;
  if (digits === 0 || digits > 15 || (digits > 1 && text.charCodeAt(start) === 0x30) /* 0 */) return undefined;
  const next = text.charCodeAt(end);
  return next === 0x2e /* . */ || next === 0x65 /* e */ || next === 0x45 /* E */ ? undefined : end;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The entries of `message`, each made by `makeEntry`, when it is in the entrypoint's layout (see
 * the module comment) and `makeEntry` takes every entry; else `undefined`.
 */
export function readEntrypointMessage<T>(message: string, makeEntry: MakeEntry<T>): T[] | undefined {
  if (!message.startsWith("[")) return undefined;
  const out: T[] = [];
  let pos = 1;
  if (message.startsWith("]", pos)) return pos + 1 === message.length ? out : undefined;
  for (;;) {
    // Most entries are a key, a value and a type (name or number), all plain text: one match reads them.
    PLAIN_ENTRY.lastIndex = pos;
    const plain = PLAIN_ENTRY.exec(message);
    if (plain !== null) {
      pos = PLAIN_ENTRY.lastIndex;
      const entry = makeEntry(plain[1] as string, plain[2] as string, "", undefined, typeOf(plain));
      if (entry === undefined) return undefined;
      out.push(entry);
    } else if (readPlainResourceEntry(message, pos, makeEntry, out)) {
      pos = PLAIN_RESOURCE_ENTRY.lastIndex;
    } else if (message.startsWith("{}", pos)) {
      // Not the entrypoint's, but an entry Go decodes as the zero one: every field absent.
      const entry = makeEntry("", "", "", undefined, undefined);
      if (entry === undefined) return undefined;
      out.push(entry);
      pos += 2;
    } else {
      const read = readEntry(message, pos, makeEntry);
      if (read === undefined) return undefined;
      out.push(read.value);
      pos = read.end;
    }
    if (message.startsWith(",", pos)) {
      pos++;
      continue;
    }
    return message.startsWith("]", pos) && pos + 1 === message.length ? out : undefined;
  }
}

/** The text of a JSON string with no escape, control character or surrogate (a regular expression's source). */
const PLAIN_TEXT = /[^"\\\u0000-\u001f\ud800-\udfff]*/.source;
/** A JSON string with no escape, control character or surrogate, its text (without the quotes) as a group. */
export const PLAIN_STRING = `"(${PLAIN_TEXT})"`;
/**
 * The type names the entrypoints write (both releases'). {@link PLAIN_ENTRY} matches each as a
 * group of its own, so that the entry gets the name as this constant: the text matched is a
 * slice of the message, and comparing a slice with a name takes a slow runtime call.
 */
const TYPE_NAMES = [
  "InternalTektonResult",
  "TaskRunResult",
  "StepResult",
  "PipelineResourceResult",
  "StepArtifactsResult",
  "TaskRunArtifactsResult",
] as const;

/**
 * `{"key":…,"value":…}` with an optional `"type"`, every string plain (see {@link PLAIN_STRING});
 * the type is one of {@link TYPE_NAMES} (groups 3 to 8), another string (group 9) or a small
 * integer (group 10, as {@link smallIntEnd} takes one: the `}` right after it rules out a
 * fraction or an exponent). Groups 1 and 2 are the key and the value.
 */
const PLAIN_ENTRY = new RegExp(
  `\\{"key":${PLAIN_STRING},"value":${PLAIN_STRING}` +
    `(?:,"type":(?:"(?:${TYPE_NAMES.map((name) => `(${name})`).join("|")})"|${PLAIN_STRING}|(0|[1-9]\\d{0,14})))?\\}`,
  "y",
);

/** The type of an entry {@link PLAIN_ENTRY} matched: a name, a number, or `undefined` when absent. */
function typeOf(match: RegExpExecArray): string | number | undefined {
  for (let i = 0; i < TYPE_NAMES.length; i++) if (match[3 + i] !== undefined) return TYPE_NAMES[i];
  const name = match[3 + TYPE_NAMES.length];
  if (name !== undefined) return name;
  const digits = match[4 + TYPE_NAMES.length];
  if (digits === undefined) return undefined;
  return digits.length === 1 ? digits.charCodeAt(0) - 0x30 : Number(digits);
}

/**
 * {@link PLAIN_ENTRY} with v0.20.1's `resourceName` and `resourceRef` (`name`, then
 * `apiVersion`, each optional), every string plain. Groups: key, value, resourceName, the whole
 * `resourceRef` member, its name, its apiVersion after a name or alone, type.
 */
const PLAIN_RESOURCE_ENTRY = new RegExp(
  `\\{"key":${PLAIN_STRING},"value":${PLAIN_STRING}(?:,"resourceName":${PLAIN_STRING})?` +
    `(,"resourceRef":\\{(?:"name":${PLAIN_STRING}(?:,"apiVersion":${PLAIN_STRING})?|"apiVersion":${PLAIN_STRING})?\\})?` +
    `(?:,"type":${PLAIN_STRING})?\\}`,
  "y",
);

/**
 * Reads a plain entry with a resource (see {@link PLAIN_RESOURCE_ENTRY}) at `pos` into `out`,
 * leaving the regular expression's `lastIndex` past it; false when there is none there or
 * `makeEntry` does not take it (the general reader then decides).
 */
function readPlainResourceEntry<T>(message: string, pos: number, makeEntry: MakeEntry<T>, out: T[]): boolean {
  PLAIN_RESOURCE_ENTRY.lastIndex = pos;
  const m = PLAIN_RESOURCE_ENTRY.exec(message);
  if (m === null) return false;
  const resourceRef = m[4] === undefined ? undefined : { name: m[5] ?? "", apiVersion: m[6] ?? m[7] ?? "" };
  const entry = makeEntry(m[1] as string, m[2] as string, m[3] ?? "", resourceRef, m[8]);
  if (entry === undefined) return false;
  out.push(entry);
  return true;
}

/** The entry in the entrypoint's layout at `pos` (its `{`), made by `makeEntry`, and the offset past its `}`. */
function readEntry<T>(
  message: string,
  pos: number,
  makeEntry: MakeEntry<T>,
): { readonly value: T; readonly end: number } | undefined {
  if (!message.startsWith('{"key":', pos)) return undefined;
  const key = readJsonString(message, pos + 7);
  if (key === undefined || !message.startsWith(',"value":', key.end)) return undefined;
  const value = readJsonString(message, key.end + 9);
  if (value === undefined) return undefined;
  const resourceName = optionalString(message, value.end, ',"resourceName":');
  if (resourceName === undefined) return undefined;
  let end = resourceName.end;
  let resourceRef: WrittenResourceRef | undefined;
  if (message.startsWith(',"resourceRef":{', end)) {
    const ref = readResourceRef(message, end + 16);
    if (ref === undefined) return undefined;
    resourceRef = ref.value;
    end = ref.end;
  }
  let type: string | number | undefined;
  if (message.startsWith(',"type":', end)) {
    end += 8;
    if (message.charCodeAt(end) === 0x22 /* " */) {
      const name = readJsonString(message, end);
      if (name === undefined) return undefined;
      type = name.value;
      end = name.end;
    } else {
      const numberEnd = smallIntEnd(message, end);
      if (numberEnd === undefined) return undefined;
      type = numberEnd === end + 1 ? message.charCodeAt(end) - 0x30 : Number(message.slice(end, numberEnd));
      end = numberEnd;
    }
  }
  const entry = makeEntry(key.value, value.value, resourceName.value, resourceRef, type);
  if (entry === undefined || !message.startsWith("}", end)) return undefined;
  return { value: entry, end: end + 1 };
}

/**
 * The members of a `resourceRef` object whose `{` is just before `start`: `"name"` then
 * `"apiVersion"`, each optional, no white space; the offset just past its `}`.
 */
function readResourceRef(
  message: string,
  start: number,
): { readonly value: WrittenResourceRef; readonly end: number } | undefined {
  const name = optionalString(message, start, '"name":');
  if (name === undefined) return undefined;
  const apiVersion = optionalString(message, name.end, name.end === start ? '"apiVersion":' : ',"apiVersion":');
  if (apiVersion === undefined) return undefined;
  const end = apiVersion.end;
  return message.charCodeAt(end) === 0x7d /* } */
    ? { value: { name: name.value, apiVersion: apiVersion.value }, end: end + 1 }
    : undefined;
}

/**
 * The JSON string after `prefix` at `pos` and the offset past it; `""` at `pos` itself when the
 * text there does not start with `prefix` (the member is absent); `undefined` when the string is
 * malformed.
 */
function optionalString(
  message: string,
  pos: number,
  prefix: string,
): { readonly value: string; readonly end: number } | undefined {
  return message.startsWith(prefix, pos) ? readJsonString(message, pos + prefix.length) : { value: "", end: pos };
}
