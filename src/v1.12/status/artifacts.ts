/**
 * Artifacts reported in termination messages (entry types 5, a step's, and 6, the TaskRun's):
 * decoded as Go decodes JSON into `v1.Artifacts`, and combined as `Artifacts.Merge` does
 * (pkg/apis/pipeline/v1/artifact_types.go).
 *
 * `Merge` rebuilds its lists from Go maps, so Tekton writes artifacts of several names in a
 * random order; here they keep the order in which their names first appear.
 */
import { type JsonNode, jsonKindOf, parseJsonTree } from "../../k8s/json-tree.js";
import { decodeStringMap, matchGoField } from "./go-decode.js";
import type { Artifact, Artifacts, ArtifactValue } from "./types.js";

/** A decode, and the first mismatch Go would report (Go still fills every field it can). */
export interface DecodedArtifacts {
  readonly artifacts: Artifacts;
  readonly error?: string;
}

/** `json.Unmarshal(value, &artifacts)`. */
export function decodeArtifacts(text: string): DecodedArtifacts {
  const tree = parseJsonTree(text);
  if (!tree.ok) return { artifacts: {}, error: `it is not JSON (${tree.error})` };
  const errors: string[] = [];
  const out: Artifacts = {};
  const node = tree.node;
  if (node.kind === "object") {
    for (const [key, value] of node.members) {
      const field = matchGoField(key, ["inputs", "outputs"] as const);
      if (field === undefined) continue;
      const list = decodeList(value, key, errors);
      if (list === undefined) delete out[field];
      else out[field] = list;
    }
  } else if (node.kind !== "null") {
    errors.push(`a JSON ${jsonKindOf(node)} is not an artifacts object`);
  }
  return errors.length > 0 ? { artifacts: out, error: errors[0] as string } : { artifacts: out };
}

function decodeList(node: JsonNode, path: string, errors: string[]): Artifact[] | undefined {
  if (node.kind === "null") return undefined;
  if (node.kind !== "array") {
    errors.push(`"${path}" is a JSON ${jsonKindOf(node)}, not a list`);
    return undefined;
  }
  return node.items.map((item, i) => decodeArtifact(item, `${path}[${i}]`, errors));
}

function decodeArtifact(node: JsonNode, path: string, errors: string[]): Artifact {
  const out: Artifact = {};
  if (node.kind === "null") return out;
  if (node.kind !== "object") {
    errors.push(`${path} is a JSON ${jsonKindOf(node)}, not an artifact`);
    return out;
  }
  for (const [key, value] of node.members) {
    const field = matchGoField(key, ["name", "values", "buildOutput"] as const);
    if (field === undefined || value.kind === "null") continue;
    if (field === "name") {
      if (value.kind === "string") out.name = value.value;
      else errors.push(`${path}.name is a JSON ${jsonKindOf(value)}, not a string`);
    } else if (field === "buildOutput") {
      if (value.kind === "bool") out.buildOutput = value.value;
      else errors.push(`${path}.buildOutput is a JSON ${jsonKindOf(value)}, not a boolean`);
    } else if (value.kind === "array") {
      out.values = value.items.map((v, i) => decodeValue(v, `${path}.values[${i}]`, errors));
    } else {
      errors.push(`${path}.values is a JSON ${jsonKindOf(value)}, not a list`);
    }
  }
  return out;
}

function decodeValue(node: JsonNode, path: string, errors: string[]): ArtifactValue {
  const out: ArtifactValue = {};
  if (node.kind === "null") return out;
  if (node.kind !== "object") {
    errors.push(`${path} is a JSON ${jsonKindOf(node)}, not an artifact value`);
    return out;
  }
  for (const [key, value] of node.members) {
    const field = matchGoField(key, ["digest", "uri"] as const);
    if (field === undefined) continue;
    if (value.kind === "null") {
      if (field === "digest") delete out.digest;
      continue;
    }
    if (field === "uri") {
      if (value.kind === "string") out.uri = value.value;
      else errors.push(`${path}.uri is a JSON ${jsonKindOf(value)}, not a string`);
    } else {
      const digest = decodeStringMap(value);
      if (digest !== undefined) out.digest = { ...(out.digest ?? {}), ...digest };
      else errors.push(`${path}.digest is not an object of strings`);
    }
  }
  return out;
}

/** `a.Merge(another)`: inputs and outputs united by name, each value once. */
export function mergeArtifacts(a: Artifacts, another: Artifacts): Artifacts {
  // The usual merge, on every step of a finished run: nothing into nothing.
  if (isEmptyArtifacts(a) && isEmptyArtifacts(another)) return {};
  const inputs = new Map<string, ValueSet>();
  for (const v of a.inputs ?? []) inputs.set(v.name ?? "", new ValueSet(v.values ?? []));
  for (const v of another.inputs ?? []) {
    const name = v.name ?? "";
    const values = inputs.get(name) ?? new ValueSet([]);
    inputs.set(name, values);
    for (const vv of v.values ?? []) values.addIfNew(vv);
  }
  const outputs = new Map<string, { values: ValueSet; buildOutput: boolean }>();
  for (const v of a.outputs ?? [])
    outputs.set(v.name ?? "", { values: new ValueSet(v.values ?? []), buildOutput: v.buildOutput ?? false });
  for (const v of another.outputs ?? []) {
    const name = v.name ?? "";
    const existing = outputs.get(name) ?? { values: new ValueSet([]), buildOutput: v.buildOutput ?? false };
    outputs.set(name, existing);
    if (v.buildOutput === true) existing.buildOutput = true;
    for (const vv of v.values ?? []) existing.values.addIfNew(vv);
  }
  const out: Artifacts = {};
  if (inputs.size > 0) out.inputs = [...inputs].map(([name, values]) => compactArtifact({ name, values: values.list }));
  if (outputs.size > 0) {
    out.outputs = [...outputs].map(([name, v]) =>
      compactArtifact({ name, values: v.values.list, buildOutput: v.buildOutput }),
    );
  }
  return out;
}

/** Whether `a` holds no input and no output. */
export function isEmptyArtifacts(a: Artifacts): boolean {
  return (a.inputs === undefined || a.inputs.length === 0) && (a.outputs === undefined || a.outputs.length === 0);
}

/**
 * A list of artifact values with a set of their identities, so that adding one is constant time
 * (Tekton compares each new value with every value so far). The list keeps what it was given,
 * duplicates included; only added values are checked.
 */
class ValueSet {
  readonly list: ArtifactValue[];
  private readonly seen: Set<string>;
  constructor(initial: readonly ArtifactValue[]) {
    this.list = [...initial];
    this.seen = new Set(initial.map(identity));
  }
  addIfNew(value: ArtifactValue): void {
    const key = identity(value);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(value);
  }
}

/** `cmp.Equal` as a key: the URI, and the digest map (a missing map differs from an empty one). */
function identity(v: ArtifactValue): string {
  const digest =
    v.digest === undefined
      ? null
      : Object.keys(v.digest)
          .sort()
          .map((k) => [k, v.digest?.[k]]);
  return JSON.stringify([v.uri ?? "", digest]);
}

/** Go's `omitempty` on an artifact. */
function compactArtifact(a: { name: string; values: ArtifactValue[]; buildOutput?: boolean }): Artifact {
  const out: Artifact = {};
  if (a.name !== "") out.name = a.name;
  if (a.values.length > 0) out.values = a.values;
  if (a.buildOutput === true) out.buildOutput = true;
  return out;
}
