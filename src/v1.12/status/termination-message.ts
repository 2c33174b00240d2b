/**
 * A step's termination message as Tekton v1.12 reads and rewrites it: pkg/termination/parse.go
 * `ParseMessage` decodes the entrypoint's JSON array of `result.RunResult`s, and pkg/pod/status.go
 * `createMessageFromResults` writes back what stays visible.
 *
 * What differs from v0.20.1: the entry type is a number (`1` Task result, `3` internal, `4` step
 * result, `5`/`6` artifacts, `10` unknown) and the old names (`"TaskRunResult"`, …) are still
 * read; `resourceRef` is no longer a field; entries that are entirely empty are dropped keeping
 * the order of the rest; the message is re-marshalled by Go 1.25.
 */
import { goJsonStringSinceGo122 } from "../../k8s/go-json.js";
import { compareGoStrings } from "../../k8s/go-strings.js";
import { type JsonNode, jsonKindOf, parseJsonTree } from "../../k8s/json-tree.js";
import { PLAIN_STRING, readEntrypointMessage } from "../../status-shared/entrypoint-message.js";
import { mayShareKeys } from "../../status-shared/share-names.js";
import { matchGoField } from "./go-decode.js";

/** `result.ResultType` values. */
export const RESULT_TYPE = {
  taskRun: 1,
  internal: 3,
  step: 4,
  stepArtifacts: 5,
  taskRunArtifacts: 6,
  unknown: 10,
} as const;

/** One decoded entry of a termination message; absent fields are Go's zero values. */
export interface RunResult {
  readonly key: string;
  readonly value: string;
  readonly resourceName: string;
  /** A `result.ResultType`; `0` when absent. */
  readonly type: number;
  /** The type as Go writes it back (an `int`, exact even beyond 2^53). */
  readonly typeText: string;
}

/** The parse, or why Go's decode fails. */
export type ParsedMessage =
  | { readonly ok: true; readonly results: readonly RunResult[] }
  | { readonly ok: false; readonly error: string };

/**
 * The result type an old type name stands for; any other name is "unknown". A switch rather
 * than a table: the name is a fresh slice of the message, which a table lookup must hash first.
 */
function resultTypeNamed(name: string): number {
  switch (name) {
    case "StepResult":
      return RESULT_TYPE.step;
    case "TaskRunResult":
      return RESULT_TYPE.taskRun;
    case "InternalTektonResult":
      return RESULT_TYPE.internal;
    case "StepArtifactsResult":
      return RESULT_TYPE.stepArtifacts;
    case "TaskRunArtifactsResult":
      return RESULT_TYPE.taskRunArtifacts;
    default:
      return RESULT_TYPE.unknown;
  }
}

const FIELDS = ["key", "value", "resourceName", "type"] as const;

/**
 * `ParseMessage`: an empty message has no results; entirely empty entries are dropped; a key
 * given twice keeps its last entry; the entries come back sorted by key (Go byte order).
 */
export function parseTerminationMessage(message: string): ParsedMessage {
  if (message === "") return { ok: true, results: [] };
  const written = readAsWritten(message);
  if (written !== undefined) return { ok: true, results: keepLastSorted(written) };
  const tree = parseJsonTree(message);
  if (!tree.ok) return { ok: false, error: `it is not JSON (${tree.error})` };
  const root = tree.node;
  if (root.kind === "null") return { ok: true, results: [] };
  if (root.kind !== "array") return { ok: false, error: `it is a JSON ${jsonKindOf(root)}, not an array of results` };
  const decoded: RunResult[] = [];
  for (let i = 0; i < root.items.length; i++) {
    const entry = decodeEntry(root.items[i] as JsonNode);
    if (typeof entry === "string") return { ok: false, error: `entry [${i}]: ${entry}` };
    decoded.push(entry);
  }
  return { ok: true, results: keepLastSorted(decoded) };
}

/**
 * The values the fold looks up by key (`StartedAt`, `ExitCode`, `Reason`) in a message that holds
 * only Tekton's internal entries (type 3, or its old name `InternalTektonResult`) of these keys,
 * each in the entrypoint's plain layout: the usual message of a step that reports no results,
 * often just its `StartedAt`. `ParseMessage` keeps the last entry of a key, and none of these
 * entries stays visible or is a result or an artifact, so these values are all the fold takes
 * from such a message.
 */
export interface InternalEntries {
  readonly startedAt: string | undefined;
  readonly exitCode: string | undefined;
  readonly reason: string | undefined;
}

/**
 * An internal entry of a key the fold looks up, in the entrypoint's layout: groups 1 to 3 tell
 * the key (matched as groups, not compared afterwards: the key matched is a slice of the
 * message, and comparing a slice with a name takes a slow runtime call), group 4 is the value.
 * Only these keys: a message with results then fails at its first result's key, before the
 * general decode reads it again; an internal entry of another key is left to that decode too.
 * Sticky, so its `lastIndex` is set before every `exec`: it is never used without one.
 */
const INTERNAL_ENTRY = new RegExp(
  `\\{"key":"(?:(StartedAt)|(ExitCode)|(Reason))","value":${PLAIN_STRING},"type":(?:"InternalTektonResult"|3)\\}`,
  "y",
);

/**
 * {@link InternalEntries} of `message` when it is a list of internal entries in the entrypoint's
 * layout; `undefined` for any other text (left to {@link parseTerminationMessage}).
 */
export function readInternalEntries(message: string): InternalEntries | undefined {
  if (message.charCodeAt(0) !== 0x5b /* [ */) return undefined;
  let startedAt: string | undefined;
  let exitCode: string | undefined;
  let reason: string | undefined;
  let pos = 1;
  for (;;) {
    INTERNAL_ENTRY.lastIndex = pos;
    const m = INTERNAL_ENTRY.exec(message);
    if (m === null) return undefined;
    const value = m[4] as string;
    if (m[1] !== undefined) startedAt = value;
    else if (m[2] !== undefined) exitCode = value;
    else reason = value;
    pos = INTERNAL_ENTRY.lastIndex;
    const next = message.charCodeAt(pos);
    if (next === 0x2c /* , */) {
      pos++;
      continue;
    }
    return next === 0x5d /* ] */ && pos + 1 === message.length ? { startedAt, exitCode, reason } : undefined;
  }
}

/** Drops entirely empty entries, keeps the last entry of each key, sorts by key (Go byte order). */
function keepLastSorted(decoded: readonly RunResult[]): readonly RunResult[] {
  let ascending = true;
  for (let i = 0; i < decoded.length && ascending; i++) {
    const r = decoded[i] as RunResult;
    if (isEmptyEntry(r) || (i > 0 && compareGoStrings((decoded[i - 1] as RunResult).key, r.key) >= 0))
      ascending = false;
  }
  // The entrypoint writes keys once each, in order: then the entries are the result.
  if (ascending) return decoded;
  const kept = decoded.filter((r) => !isEmptyEntry(r));
  // Keys given once each only need sorting.
  if (!mayShareKeys(kept)) return sortByKey(kept);
  const byKey = new Map<string, RunResult>();
  for (const r of decoded) if (!isEmptyEntry(r)) byKey.set(r.key, r);
  return [...byKey.values()].sort((a, b) => compareGoStrings(a.key, b.key));
}

/**
 * Sorts `entries` by key (Go byte order) in place. A message has a few entries: an insertion
 * sort orders them without the temporary lists and comparator calls of Array.prototype.sort.
 */
function sortByKey(entries: RunResult[]): RunResult[] {
  if (entries.length > 16) return entries.sort((a, b) => compareGoStrings(a.key, b.key));
  for (let i = 1; i < entries.length; i++) {
    const entry = entries[i] as RunResult;
    let j = i;
    for (; j > 0 && compareGoStrings((entries[j - 1] as RunResult).key, entry.key) > 0; j--)
      entries[j] = entries[j - 1] as RunResult;
    entries[j] = entry;
  }
  return entries;
}

function isEmptyEntry(r: RunResult): boolean {
  return r.key === "" && r.value === "" && r.resourceName === "" && r.typeText === "0";
}

/** The entries of a message in the entrypoint's own layout, as `result.RunResult`s; `undefined` for any other text. */
function readAsWritten(message: string): RunResult[] | undefined {
  return readEntrypointMessage(message, writtenEntry);
}

/** An entry in the entrypoint's layout as a `result.RunResult`. */
function writtenEntry(
  key: string,
  value: string,
  resourceName: string,
  _resourceRef: unknown,
  written: string | number | undefined,
): RunResult {
  const type = written === undefined ? 0 : typeof written === "number" ? written : resultTypeNamed(written);
  return { key, value, resourceName, type, typeText: typeText(type) };
}

/** The decimal text of the usual types, made once. */
const TYPE_TEXTS: readonly string[] = Array.from({ length: 11 }, (_, i) => String(i));

/** `String(type)`, without a conversion for the usual small types. */
function typeText(type: number): string {
  return type < TYPE_TEXTS.length ? (TYPE_TEXTS[type] as string) : String(type);
}

/** `createMessageFromResults`: Go's JSON of the entries, or `""` when none remain. */
export function formatTerminationMessage(results: readonly RunResult[]): string {
  if (results.length === 0) return "";
  return `[${results.map(encodeEntry).join(",")}]`;
}

function encodeEntry(r: RunResult): string {
  let out = `{"key":${goJsonStringSinceGo122(r.key)},"value":${goJsonStringSinceGo122(r.value)}`;
  if (r.resourceName !== "") out += `,"resourceName":${goJsonStringSinceGo122(r.resourceName)}`;
  if (r.typeText !== "0") out += `,"type":${r.typeText}`;
  return `${out}}`;
}

type MutableResult = { key: string; value: string; resourceName: string; type: number; typeText: string };

/** A decoded entry, or a description of what makes Go's decode fail. */
function decodeEntry(node: JsonNode): RunResult | string {
  const out: MutableResult = { key: "", value: "", resourceName: "", type: 0, typeText: "0" };
  if (node.kind === "null") return out;
  if (node.kind !== "object") return `a JSON ${jsonKindOf(node)} is not a result object`;
  for (const [jsonKey, value] of node.members) {
    const field = matchGoField(jsonKey, FIELDS);
    if (field === undefined) continue;
    if (field === "type") {
      const type = decodeResultType(value);
      if (typeof type === "string") return type;
      out.type = Number(type);
      out.typeText = type.toString();
      continue;
    }
    if (value.kind === "null") continue;
    if (value.kind !== "string") return `"${jsonKey}" is a JSON ${jsonKindOf(value)}, not a string`;
    out[field] = value.value;
  }
  return out;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * `ResultType.UnmarshalJSON`: an integer (as Go's `int`), else one of the old type names (any
 * other string is "unknown"), else an error. `null` reads as 0.
 */
function decodeResultType(node: JsonNode): bigint | string {
  if (node.kind === "null") return 0n;
  if (node.kind === "number") {
    if (/^-?\d+$/.test(node.literal)) {
      const n = BigInt(node.literal);
      if (n >= INT64_MIN && n <= INT64_MAX) return n;
    }
    return `"type" ${node.literal} is neither an integer nor a string`;
  }
  if (node.kind === "string") return BigInt(resultTypeNamed(node.value));
  return `"type" is a JSON ${jsonKindOf(node)}, neither an integer nor a string`;
}
