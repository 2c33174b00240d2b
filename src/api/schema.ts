/**
 * Input shape checking: the first thing `compileTaskRun` does, so that every later stage can
 * trust the types it reads. Tekton v0.20.1's webhook decodes a TaskRun or Task with Go's
 * `encoding/json` and unknown fields disallowed (knative's webhook decoder), so a wrong type
 * or an unknown field there is rejected before validation ("cannot decode incoming new
 * object: json: unknown field …"). We check the whole `CompileInput` the same way with JSON
 * Schemas (./schemas/*), compiled into standalone code at build time
 * (scripts/generate-validators.js), so nothing is compiled at run time: a quick validator
 * answers whether the input passes, and only for an input that does not does the detailed one
 * collect every problem. Go durations and Kubernetes quantities are checked with the parsers
 * the later stages use (./schemas/formats.ts), so what passes here parses there.
 */
import type { AnySchemaObject, ErrorObject, SchemaObject } from "ajv";
import type { Issue, IssueCode, PathSegment } from "../errors.js";
import { issue } from "../errors.js";
import { validators as quickValidators } from "./generated/quick-validators.js";
import { validators } from "./generated/validators.js";

/** More issues than this are summarized: a garbage input should not yield a million lines. */
export const MAX_SHAPE_ISSUES = 100;

/**
 * Checks that `input` has the shape of a `CompileInput`: every field of a known type, no
 * unknown fields in Tekton or Kubernetes objects, Go durations and Kubernetes quantities that
 * parse. Returns one issue per problem (all of them, up to {@link MAX_SHAPE_ISSUES}), each
 * with a path into the input; `[]` when the shape is right.
 *
 * @example
 * ```ts
 * checkInputShape({ taskRun: { spec: { taskSpec: { steps: "x" } } } });
 * // → [{ code: "invalid-type", path: "taskRun.spec.taskSpec.steps",
 * //      message: "expected a list of Step objects, got the string \"x\"" }]
 * ```
 */
export function checkInputShape(input: unknown): Issue[] {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return [issue("invalid-type", [], `the input must be a mapping with at least a "taskRun", got ${describe(input)}`)];
  }
  if (quickValidators.compileInput(input)) return [];
  const validate = validators.compileInput;
  validate(input);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const found = toIssue(error, input);
    if (found === undefined) continue;
    const key = `${found.code}\u0000${found.path}\u0000${found.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(found);
  }
  if (issues.length > MAX_SHAPE_ISSUES) {
    const rest = issues.length - MAX_SHAPE_ISSUES;
    return [
      ...issues.slice(0, MAX_SHAPE_ISSUES),
      issue("too-many-issues", [], `${rest} more shape problem(s) not listed; fix the ones above first`),
    ];
  }
  return issues;
}

/**
 * Whether `path` lies under a Secret's `data` or `stringData`: there a value is never quoted in
 * a message, only its type named — a Secret of the wrong shape still holds secrets.
 */
function isSecretData(path: readonly PathSegment[]): boolean {
  return path[0] === "secrets" && typeof path[1] === "number" && (path[2] === "data" || path[2] === "stringData");
}

/**
 * Checks `value` against one part of the input schema (`podTemplate`, `workspaceBinding`), as
 * {@link checkInputShape} checks the whole input; issue paths start with `prefix`. Unknown
 * fields are not reported: this is for YAML held in config values, which Tekton reads into Go
 * types with `yaml.Unmarshal`, and that ignores them.
 *
 * @example
 * ```ts
 * checkShapeOf("podTemplate", { volumes: 5 }, ["config", "defaults", "default-pod-template"]);
 * // → [{ code: "invalid-type", path: "config.defaults.default-pod-template.volumes", … }]
 * ```
 */
export function checkShapeOf(
  part: "podTemplate" | "workspaceBinding",
  value: unknown,
  prefix: readonly PathSegment[],
): Issue[] {
  if (quickValidators[part](value)) return [];
  const validate = validators[part];
  validate(value);
  const issues: Issue[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === "additionalProperties") continue;
    const found = toIssue(error, value, prefix);
    if (found !== undefined && issues.length < MAX_SHAPE_ISSUES) issues.push(found);
  }
  return issues;
}

/** Turns an ajv error into an issue whose path uses our `a.b[0]` form. */
function toIssue(error: ErrorObject, root: unknown, prefix: readonly PathSegment[] = []): Issue | undefined {
  const path = [...prefix, ...pointerToSegments(error.instancePath, root)];
  const data = isSecretData(path) ? new Redacted(error.data) : error.data;
  const title = typeof error.parentSchema?.["title"] === "string" ? (error.parentSchema["title"] as string) : undefined;
  switch (error.keyword) {
    case "type":
      return issue("invalid-type", path, `expected ${expectation(error.parentSchema, path)}, got ${describe(data)}`);
    case "additionalProperties": {
      const key = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      const known = Object.keys((error.parentSchema?.["properties"] as object | undefined) ?? {});
      return issue("unknown-field", [...path, key], unknownFieldMessage(key, title, known));
    }
    case "required": {
      const key = String((error.params as { missingProperty?: unknown }).missingProperty);
      const owner =
        title === undefined ? "this object" : title === "input" ? "the input" : `${article(title)} ${title}`;
      return issue("missing-field", [...path, key], `"${key}" is missing; ${owner} requires it`);
    }
    case "format": {
      const format = String((error.params as { format?: unknown }).format);
      if (format === "image-digest") {
        return issue(
          "invalid-value",
          path,
          `${describe(data)} is not an image digest; expected "sha256:" and 64 lowercase hex digits, as the registry reports it (or leave the digest out)`,
        );
      }
      const code: IssueCode = format === "go-duration" ? "invalid-duration" : "invalid-quantity";
      const hint =
        format === "go-duration"
          ? 'a Go duration such as "30s", "1h30m" or "0"'
          : 'a Kubernetes quantity such as "500m", "1", "256Mi" or "1Gi"';
      return issue(code, path, `${describe(data)} does not parse; expected ${hint}`);
    }
    case "minimum":
    case "maximum":
      return issue(
        "invalid-value",
        path,
        `${describe(data)} is out of range; expected a whole number from ${String(
          error.parentSchema?.["minimum"],
        )} to ${String(error.parentSchema?.["maximum"])}`,
      );
    default:
      return issue("invalid-value", path, error.message ?? `invalid value ${describe(data)}`);
  }
}

/** What a schema expects, in words: `a list of Step objects`, `a string`, `a whole number` … */
function expectation(schema: AnySchemaObject | undefined, path: readonly PathSegment[]): string {
  if (schema === undefined) return "another type";
  const types: readonly string[] = Array.isArray(schema["type"]) ? schema["type"] : [String(schema["type"])];
  const words = types.map((t) => typeWords(t, schema));
  const last = path[path.length - 1];
  const field = typeof last === "string" ? ` for "${last}"` : "";
  return `${words.join(" or ")}${field}`;
}

function typeWords(type: string, schema: AnySchemaObject): string {
  switch (type) {
    case "string":
      return "a string";
    case "integer":
      return "a whole number";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "array": {
      const items = schema["items"] as SchemaObject | undefined;
      const target = items?.["$ref"];
      if (typeof target === "string") return `a list of ${target.slice(target.lastIndexOf("/") + 1)} objects`;
      if (items?.["type"] === "string") return "a list of strings";
      return "a list";
    }
    case "object": {
      const title = schema["title"];
      if (typeof title === "string") return `${article(title)} ${title} mapping`;
      return "a mapping";
    }
    default:
      return type;
  }
}

function article(noun: string): string {
  return /^[AEIOU]/.test(noun) ? "an" : "a";
}

function unknownFieldMessage(key: string, title: string | undefined, known: readonly string[]): string {
  const owner =
    title === undefined
      ? "this object"
      : title === "input" || title === "config"
        ? `the ${title}`
        : `${article(title)} ${title}`;
  let message = `unknown field "${truncate(key, 80)}": ${owner} has no such field`;
  const suggestion = closest(key, known);
  if (title === "Sidecar" && key === "timeout") message += ' (only steps have a "timeout")';
  else if (suggestion !== undefined) message += ` (did you mean "${suggestion}"?)`;
  else if (known.length > 0 && known.length <= 12) message += ` (expected one of: ${known.join(", ")})`;
  return `${message}; Tekton rejects fields it does not know, so remove or rename it`;
}

/** The known field closest to a misspelled one: same letters ignoring case, or ≤ 2 edits. */
function closest(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  const lower = key.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A value from under a Secret's data: described by its type alone. */
class Redacted {
  readonly type: string;
  constructor(value: unknown) {
    this.type =
      value === null ? "null" : Array.isArray(value) ? "list" : typeof value === "object" ? "mapping" : typeof value;
  }
}

/** A short description of a value for messages; long strings are cut, never dumped. */
function describe(value: unknown): string {
  if (value instanceof Redacted) return `a ${value.type} (Secret data is not shown)`;
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return `a list of ${value.length} item(s)`;
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(truncate(value, 60))}`;
    case "number":
      return `the number ${String(value)}`;
    case "boolean":
      return `the boolean ${String(value)}`;
    case "object":
      return "a mapping";
    default:
      return `a ${typeof value}`;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** `/taskRun/spec/steps/0/name` → ["taskRun","spec","steps",0,"name"], using the data for indexes. */
function pointerToSegments(pointer: string, root: unknown): PathSegment[] {
  if (pointer === "") return [];
  const segments: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const index = Number(key);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(key);
      node =
        node !== null && typeof node === "object" && Object.hasOwn(node, key)
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return segments;
}
