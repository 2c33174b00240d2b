/**
 * Reading and rewriting a step's termination message, as Tekton v0.20.1 does in
 * pkg/termination/parse.go (`ParseMessage`) and pkg/pod/status.go (`filterResultsAndResources`,
 * `createMessageFromResults`). The message is the JSON array of `PipelineResourceResult`s the
 * entrypoint wrote: Task results, PipelineResource results and Tekton's internal entries
 * (`StartedAt`, `Reason`).
 *
 * Decoding follows Go's `encoding/json` into the typed struct, because that decides what is an
 * error: keys match field names case-insensitively, unknown keys are ignored, `null` leaves a
 * field as it was, and a value of the wrong JSON type makes the whole message unparsable.
 */
import type { PipelineResourceRef, PipelineResourceResult } from "../../api/types.js";
import { goJsonString } from "../../k8s/go-json.js";
import { compareGoStrings, foldGoFieldKey } from "../../k8s/go-strings.js";
import { jsonKindOf, parseJsonTree } from "../../k8s/json-tree.js";
import { readEntrypointMessage } from "../../status-shared/entrypoint-message.js";
import { mayShareKeys } from "../../status-shared/share-names.js";

/** The `resourceRef` of a result entry. */
export interface ResultResourceRef {
  readonly name: string;
  readonly apiVersion: string;
}

/** One decoded entry of a termination message; absent strings are `""` as in Go. */
export interface TerminationResult {
  readonly key: string;
  readonly value: string;
  readonly resourceName: string;
  readonly resourceRef?: ResultResourceRef;
  /** `TaskRunResult`, `PipelineResourceResult`, `InternalTektonResult`, `""` or anything else. */
  readonly type: string;
}

export type ParsedTerminationMessage =
  | { readonly ok: true; readonly results: readonly TerminationResult[] }
  | { readonly ok: false; readonly error: string };

/**
 * Parses a termination message like `ParseMessage`: an empty message has no results; entries
 * that are entirely empty are dropped (with Go's swap-with-last reordering); duplicate keys keep
 * the last entry; the result is sorted by key (Go byte order).
 */
export function parseTerminationMessage(message: string): ParsedTerminationMessage {
  if (message === "") return { ok: true, results: [] };
  // Only a list or `null` parses into results. Anything else — most often plain text a step
  // wrote to its termination log — is classified without `JSON.parse`, whose exception costs
  // more than the rest of the fold.
  // The entrypoint's own layout needs no general decode (its strings come back well formed).
  // Go's decode refuses a numeric type, which only v1.12's entrypoint writes: that is left to it.
  const written = readEntrypointMessage(message, writtenEntry);
  if (written !== undefined) return keepLastSorted(written);
  if (!MAY_BE_RESULTS.test(message)) return notResults(message);
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return notResults(message);
  }
  if (json === null) return { ok: true, results: [] };
  if (!Array.isArray(json)) return { ok: false, error: `it is a JSON ${jsonKind(json)}, not an array of results` };
  const decoded: TerminationResult[] = [];
  for (let i = 0; i < json.length; i++) {
    const entry = decodeEntry(json[i]);
    if (typeof entry === "string") return { ok: false, error: `entry [${i}]: ${entry}` };
    decoded.push(entry);
  }
  return keepLastSorted(decoded);
}

/** An entry in the entrypoint's layout as v0.20.1 reads it; none for a numeric type, which Go's decode refuses. */
function writtenEntry(
  key: string,
  value: string,
  resourceName: string,
  resourceRef: ResultResourceRef | undefined,
  type: string | number | undefined,
): TerminationResult | undefined {
  if (typeof type === "number") return undefined;
  return resourceRef === undefined
    ? { key, value, resourceName, type: type ?? "" }
    : { key, value, resourceName, resourceRef, type: type ?? "" };
}

/** Drops empty entries (as Go does), keeps the last entry of each key, sorts by key (Go byte order). */
function keepLastSorted(decoded: TerminationResult[]): ParsedTerminationMessage {
  let hasEmpty = false;
  let ascending = true;
  for (let i = 0; i < decoded.length; i++) {
    const entry = decoded[i] as TerminationResult;
    if (isEmptyEntry(entry)) hasEmpty = true;
    else if (i > 0 && compareGoStrings((decoded[i - 1] as TerminationResult).key, entry.key) >= 0) ascending = false;
  }
  // The usual message (the entrypoint's, keys already unique and in order) is its own result.
  if (!hasEmpty && ascending) return { ok: true, results: decoded };
  const kept = hasEmpty ? eraseEmptyEntries(decoded) : decoded;
  // Keys given once each only need sorting.
  if (!mayShareKeys(kept)) return { ok: true, results: kept.sort((a, b) => compareGoStrings(a.key, b.key)) };
  const byKey = new Map<string, TerminationResult>();
  for (const r of kept) byKey.set(r.key, r);
  const results = [...byKey.values()].sort((a, b) => compareGoStrings(a.key, b.key));
  return { ok: true, results };
}

/** The first character of a JSON list or of `null`, after JSON's white space. */
const MAY_BE_RESULTS = /^[ \t\n\r]*[[n]/;

/** Why a message that is not a JSON list (nor `null`) has no results. */
function notResults(message: string): ParsedTerminationMessage {
  const tree = parseJsonTree(message);
  if (!tree.ok) return { ok: false, error: `it is not JSON (${tree.error})` };
  return tree.node.kind === "null"
    ? { ok: true, results: [] }
    : { ok: false, error: `it is a JSON ${jsonKindOf(tree.node)}, not an array of results` };
}

/** An entry as it appears in `status.resourcesResult` (Go field order, empty fields omitted). */
export function toResourceResult(r: TerminationResult): PipelineResourceResult {
  const out: PipelineResourceResult = { key: r.key, value: r.value };
  if (r.resourceName !== "") out.resourceName = r.resourceName;
  // Go omits an empty name too; the shared type declares it required for TaskRun bindings.
  if (r.resourceRef !== undefined) out.resourceRef = refObject(r.resourceRef) as PipelineResourceRef;
  if (r.type !== "") out.type = r.type;
  return out;
}

function refObject(ref: ResultResourceRef): { name?: string; apiVersion?: string } {
  return {
    ...(ref.name !== "" ? { name: ref.name } : {}),
    ...(ref.apiVersion !== "" ? { apiVersion: ref.apiVersion } : {}),
  };
}

/**
 * One entry of the rewritten termination message (`createMessageFromResults`): Go's JSON of the
 * entry, empty fields omitted. The fold joins the entries that stay visible into a JSON list.
 */
export function encodeTerminationEntry(r: TerminationResult): string {
  let out = `{"key":${goJsonString(r.key)},"value":${goJsonString(r.value)}`;
  if (r.resourceName !== "") out += `,"resourceName":${goJsonString(r.resourceName)}`;
  if (r.resourceRef !== undefined) {
    const parts: string[] = [];
    if (r.resourceRef.name !== "") parts.push(`"name":${goJsonString(r.resourceRef.name)}`);
    if (r.resourceRef.apiVersion !== "") parts.push(`"apiVersion":${goJsonString(r.resourceRef.apiVersion)}`);
    out += `,"resourceRef":{${parts.join(",")}}`;
  }
  if (r.type !== "") out += `,"type":${goJsonString(r.type)}`;
  return `${out}}`;
}

function isEmptyEntry(r: TerminationResult): boolean {
  return r.key === "" && r.value === "" && r.resourceName === "" && r.resourceRef === undefined && r.type === "";
}

/**
 * Go ranges over the original slice while shrinking it: an empty entry at `i` is overwritten by
 * the current last element and the length drops by one; slots past the new length are still
 * visited. The swap reorders entries, which decides the winner among duplicate keys. An empty
 * entry can only survive the loop when Go would then index past the length and panic; there we
 * skip the slot and drop the surviving empty entries, as was intended.
 */
function eraseEmptyEntries(entries: readonly TerminationResult[]): TerminationResult[] {
  const slots = [...entries];
  let length = slots.length;
  for (let i = 0; i < entries.length; i++) {
    const entry = slots[i] as TerminationResult;
    if (!isEmptyEntry(entry) || i >= length) continue;
    slots[i] = slots[length - 1] as TerminationResult;
    length--;
  }
  return slots.slice(0, length).filter((entry) => !isEmptyEntry(entry));
}

type MutableResult = {
  key: string;
  value: string;
  resourceName: string;
  resourceRef?: ResultResourceRef;
  type: string;
};

type EntryField = "key" | "value" | "resourceName" | "type" | "resourceRef";
type RefField = "name" | "apiVersion";

/** The fields of an entry and of its `resourceRef`, by folded JSON key (see {@link matchField}). */
const ENTRY_FIELDS: ReadonlyMap<string, EntryField> = new Map([
  ["key", "key"],
  ["value", "value"],
  ["resourcename", "resourceName"],
  ["type", "type"],
  ["resourceref", "resourceRef"],
]);
const REF_FIELDS: ReadonlyMap<string, RefField> = new Map([
  ["name", "name"],
  ["apiversion", "apiVersion"],
]);

/** A decoded entry, or a description of the type mismatch that makes Go's decode fail. */
function decodeEntry(value: unknown): TerminationResult | string {
  const out: MutableResult = { key: "", value: "", resourceName: "", type: "" };
  if (value === null) return out;
  if (typeof value !== "object" || Array.isArray(value)) return `a JSON ${jsonKind(value)} is not a result object`;
  const record = value as Record<string, unknown>;
  for (const jsonKey of Object.keys(record)) {
    const field = matchField(jsonKey, ENTRY_FIELDS);
    if (field === undefined) continue;
    const fieldValue = record[jsonKey];
    if (field === "resourceRef") {
      if (fieldValue === null) {
        delete out.resourceRef;
        continue;
      }
      const ref = decodeRef(fieldValue, out.resourceRef);
      if (typeof ref === "string") return ref;
      out.resourceRef = ref;
      continue;
    }
    if (fieldValue === null) continue;
    if (typeof fieldValue !== "string") return `"${jsonKey}" is a JSON ${jsonKind(fieldValue)}, not a string`;
    out[field] = wellFormed(fieldValue);
  }
  return out;
}

function decodeRef(value: unknown, previous: ResultResourceRef | undefined): ResultResourceRef | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `"resourceRef" is a JSON ${jsonKind(value)}, not an object`;
  }
  const ref = { name: previous?.name ?? "", apiVersion: previous?.apiVersion ?? "" };
  const record = value as Record<string, unknown>;
  for (const jsonKey of Object.keys(record)) {
    const field = matchField(jsonKey, REF_FIELDS);
    const fieldValue = record[jsonKey];
    if (field === undefined || fieldValue === null) continue;
    if (typeof fieldValue !== "string")
      return `"resourceRef.${jsonKey}" is a JSON ${jsonKind(fieldValue)}, not a string`;
    ref[field] = wellFormed(fieldValue);
  }
  return ref;
}

/**
 * Go matches a JSON key to a field exactly or, failing that, under Unicode case folding; for
 * these ASCII field names that means ASCII case-insensitively, plus the Kelvin sign for `k`
 * and the long s for `s`. `fields` maps each field's lower-case name to the field (the names
 * differ in more than case, so exact matches are found there too).
 */
function matchField<F extends string>(jsonKey: string, fields: ReadonlyMap<string, F>): F | undefined {
  const exact = fields.get(jsonKey);
  if (exact === jsonKey) return exact;
  return fields.get(foldGoFieldKey(jsonKey));
}

const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Go decodes an escaped lone surrogate as U+FFFD. */
function wellFormed(s: string): string {
  return SURROGATE.test(s) ? s.replace(LONE_SURROGATE, "\ufffd") : s;
}

function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}
