/**
 * The first thing Tekton v1.12's webhook does with a TaskRun or Task: decode it into the Go
 * struct of its API version with unknown fields disallowed (knative's admission decoder). A
 * field the version does not have is refused ("cannot decode incoming new object: json:
 * unknown field …") — a sidecar `timeout`, a step `resources` in v1 (there it is
 * `computeResources`), a v1 `stepOverrides` — and so is a value of the wrong JSON type, a
 * duration `time.ParseDuration` rejects, or a quantity `resource.ParseQuantity` rejects, all
 * before defaults or validation.
 *
 * Checked here: the Tekton structs of each version (field lists of pkg/apis/pipeline/v1 and
 * v1beta1 at v1.12.2) and the JSON types of their fields; of the Kubernetes types inside them,
 * the shape later stages rely on (lists of mappings, named env vars and mounts, resource
 * quantities) but not their field lists, which grew with every Kubernetes release. Go matches
 * JSON keys to struct fields ignoring case, so `Image` is `image`; JSON `null` is Go's "unset".
 */

import type { Issue, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import { parseGoDuration } from "../../k8s/duration.js";
import { goJsonStringSinceGo122 } from "../../k8s/go-json.js";
import { parseQuantity } from "../../k8s/quantity.js";
import { setRecord } from "../../k8s/records.js";
import { isRecord } from "../../read-values.js";

type Path = readonly PathSegment[];

/** How one field decodes. */
type Field =
  | "string"
  | "bool"
  | "int"
  | "duration"
  | "strings"
  | "stringMap"
  /** A param value: a string, a list of strings or a string map (anything else becomes a string in Go). */
  | "paramValue"
  /** A Kubernetes struct whose fields are not listed here. */
  | "object"
  /** A list of Kubernetes structs. */
  | "objects"
  /** `ResourceRequirements`: `limits`/`requests` maps of quantities. */
  | "resources"
  /** A list of `EnvVar` (a `name` each). */
  | "env"
  /** A list of `VolumeMount` (`name` and `mountPath` strings). */
  | "mounts"
  | { readonly struct: () => Struct; readonly list: boolean };

/** A Go struct: its JSON fields and how each decodes. */
interface Struct {
  readonly name: string;
  readonly fields: Readonly<Record<string, Field>>;
  /** How its fields decode, set by {@link planOf} on first use. */
  plan?: StructPlan;
}

const one = (struct: () => Struct): Field => ({ struct, list: false });
const many = (struct: () => Struct): Field => ({ struct, list: true });

const PARAM: Struct = { name: "Param", fields: { name: "string", value: "paramValue" } };
const PROPERTIES: Field = "object";
const WORKSPACE_USAGE: Struct = { name: "WorkspaceUsage", fields: { name: "string", mountPath: "string" } };
const OUTPUT_CONFIG: Struct = { name: "StepOutputConfig", fields: { path: "string" } };
const REF: Struct = { name: "Ref", fields: { name: "string", resolver: "string", params: many(() => PARAM) } };
const WHEN: Struct = {
  name: "WhenExpression",
  fields: { input: "string", operator: "string", values: "strings", cel: "string" },
};
const STEP_RESULT: Struct = {
  name: "StepResult",
  fields: { name: "string", type: "string", properties: PROPERTIES, description: "string" },
};
const PARAM_SPEC: Struct = {
  name: "ParamSpec",
  fields: {
    name: "string",
    type: "string",
    description: "string",
    properties: PROPERTIES,
    default: "paramValue",
    enum: "strings",
  },
};
const TASK_RESULT: Struct = {
  name: "TaskResult",
  fields: { name: "string", type: "string", properties: PROPERTIES, description: "string", value: "paramValue" },
};
const WORKSPACE_DECLARATION: Struct = {
  name: "WorkspaceDeclaration",
  fields: { name: "string", description: "string", mountPath: "string", readOnly: "bool", optional: "bool" },
};
const WORKSPACE_BINDING: Struct = {
  name: "WorkspaceBinding",
  fields: {
    name: "string",
    subPath: "string",
    volumeClaimTemplate: "object",
    persistentVolumeClaim: "object",
    emptyDir: "object",
    configMap: "object",
    secret: "object",
    projected: "object",
    csi: "object",
  },
};
const POD_TEMPLATE: Struct = {
  name: "PodTemplate",
  fields: {
    nodeSelector: "stringMap",
    env: "env",
    tolerations: "objects",
    affinity: "object",
    securityContext: "object",
    volumes: "objects",
    runtimeClassName: "string",
    automountServiceAccountToken: "bool",
    dnsPolicy: "string",
    dnsConfig: "object",
    enableServiceLinks: "bool",
    priorityClassName: "string",
    schedulerName: "string",
    imagePullSecrets: "objects",
    hostAliases: "objects",
    hostNetwork: "bool",
    hostUsers: "bool",
    topologySpreadConstraints: "objects",
  },
};
const BREAKPOINTS: Struct = { name: "TaskBreakpoints", fields: { onFailure: "string", beforeSteps: "strings" } };
const DEBUG: Struct = {
  name: "TaskRunDebug",
  fields: {
    breakpoints: one(() => BREAKPOINTS),
  },
};
const OBJECT_META: Struct = {
  name: "ObjectMeta",
  fields: {
    name: "string",
    generateName: "string",
    namespace: "string",
    selfLink: "string",
    uid: "string",
    resourceVersion: "string",
    generation: "int",
    creationTimestamp: "string",
    deletionTimestamp: "string",
    deletionGracePeriodSeconds: "int",
    labels: "stringMap",
    annotations: "stringMap",
    ownerReferences: "objects",
    finalizers: "strings",
    managedFields: "objects",
  },
};

/** The fields of a v1beta1 Container-like struct (step, stepTemplate, sidecar). */
const CONTAINER_V1BETA1: Readonly<Record<string, Field>> = {
  name: "string",
  image: "string",
  command: "strings",
  args: "strings",
  workingDir: "string",
  ports: "objects",
  envFrom: "objects",
  env: "env",
  resources: "resources",
  volumeMounts: "mounts",
  volumeDevices: "objects",
  livenessProbe: "object",
  readinessProbe: "object",
  startupProbe: "object",
  lifecycle: "object",
  terminationMessagePath: "string",
  terminationMessagePolicy: "string",
  imagePullPolicy: "string",
  securityContext: "object",
  stdin: "bool",
  stdinOnce: "bool",
  tty: "bool",
};
const STEP_OWN: Readonly<Record<string, Field>> = {
  displayName: "string",
  script: "string",
  timeout: "duration",
  workspaces: many(() => WORKSPACE_USAGE),
  onError: "string",
  stdoutConfig: one(() => OUTPUT_CONFIG),
  stderrConfig: one(() => OUTPUT_CONFIG),
  ref: one(() => REF),
  params: many(() => PARAM),
  results: many(() => STEP_RESULT),
  when: many(() => WHEN),
};
const V1_STEP_CONTAINER: Readonly<Record<string, Field>> = {
  name: "string",
  image: "string",
  command: "strings",
  args: "strings",
  workingDir: "string",
  envFrom: "objects",
  env: "env",
  computeResources: "resources",
  volumeMounts: "mounts",
  volumeDevices: "objects",
  imagePullPolicy: "string",
  securityContext: "object",
};

function renameResources(fields: Readonly<Record<string, Field>>): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [k, v] of Object.entries(fields)) out[k === "resources" ? "computeResources" : k] = v;
  return out;
}

/** The Tekton structs of one API version. */
function structs(version: "v1" | "v1beta1"): { taskRun: Struct; task: Struct } {
  const v1 = version === "v1";
  const step: Struct = { name: "Step", fields: { ...(v1 ? V1_STEP_CONTAINER : CONTAINER_V1BETA1), ...STEP_OWN } };
  const templateFields: Record<string, Field> = v1 ? { ...V1_STEP_CONTAINER } : { ...CONTAINER_V1BETA1 };
  if (v1) delete templateFields["name"];
  const stepTemplate: Struct = { name: "StepTemplate", fields: templateFields };
  const sidecar: Struct = {
    name: "Sidecar",
    fields: {
      ...(v1 ? renameResources(CONTAINER_V1BETA1) : CONTAINER_V1BETA1),
      script: "string",
      workspaces: many(() => WORKSPACE_USAGE),
      restartPolicy: "string",
    },
  };
  const taskSpec: Struct = {
    name: "TaskSpec",
    fields: {
      ...(v1 ? {} : { resources: "object" as const }),
      params: many(() => PARAM_SPEC),
      displayName: "string",
      description: "string",
      steps: many(() => step),
      volumes: "objects",
      stepTemplate: one(() => stepTemplate),
      sidecars: many(() => sidecar),
      workspaces: many(() => WORKSPACE_DECLARATION),
      results: many(() => TASK_RESULT),
    },
  };
  const override = (name: string): Struct => ({
    name,
    fields: { name: "string", [v1 ? "computeResources" : "resources"]: "resources" },
  });
  const stepOverride = override(v1 ? "TaskRunStepSpec" : "TaskRunStepOverride");
  const sidecarOverride = override(v1 ? "TaskRunSidecarSpec" : "TaskRunSidecarOverride");
  const taskRef: Struct = {
    name: "TaskRef",
    fields: {
      name: "string",
      kind: "string",
      apiVersion: "string",
      ...(v1 ? {} : { bundle: "string" as const }),
      resolver: "string",
      params: many(() => PARAM),
    },
  };
  const taskRunSpec: Struct = {
    name: "TaskRunSpec",
    fields: {
      debug: one(() => DEBUG),
      params: many(() => PARAM),
      ...(v1 ? {} : { resources: "object" as const }),
      serviceAccountName: "string",
      taskRef: one(() => taskRef),
      taskSpec: one(() => taskSpec),
      status: "string",
      statusMessage: "string",
      retries: "int",
      timeout: "duration",
      podTemplate: one(() => POD_TEMPLATE),
      workspaces: many(() => WORKSPACE_BINDING),
      [v1 ? "stepSpecs" : "stepOverrides"]: many(() => stepOverride),
      [v1 ? "sidecarSpecs" : "sidecarOverrides"]: many(() => sidecarOverride),
      computeResources: "resources",
      managedBy: "string",
    },
  };
  return {
    taskRun: {
      name: "TaskRun",
      fields: {
        apiVersion: "string",
        kind: "string",
        metadata: one(() => OBJECT_META),
        spec: one(() => taskRunSpec),
        status: "object",
      },
    },
    task: {
      name: "Task",
      fields: { apiVersion: "string", kind: "string", metadata: one(() => OBJECT_META), spec: one(() => taskSpec) },
    },
  };
}

const STRUCTS = { v1: structs("v1"), v1beta1: structs("v1beta1") };

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/**
 * How one field's value decodes: its checks (issues go at the decoder's current path, which
 * ends with the field) and the value Go's decoder leaves. One function per kind of field, chosen
 * once per struct field, so that the walk does not tell the kinds apart again for every value.
 */
type Decode = (decoder: Decoder, value: unknown) => unknown;

/** A field of a struct's plan: the Go field a key fills and how its value decodes. */
interface FieldPlan {
  readonly name: string;
  readonly decode: Decode;
  /** A string field: a string value, which most fields hold, is decoded without a call. */
  readonly string: boolean;
}

/** A struct's fields by JSON key: the exact spelling, and (Go matches keys ignoring case) lowercased. */
interface StructPlan {
  readonly exact: ReadonlyMap<string, FieldPlan>;
  readonly folded: ReadonlyMap<string, FieldPlan>;
}

/**
 * A constant struct's plan, built on its first use and kept on it (derived from the tables
 * above, never from an input): a field of the struct is one read, where a side table cost a
 * lookup for every object decoded.
 */
function planOf(struct: Struct): StructPlan {
  let plan = struct.plan;
  if (plan === undefined) {
    const fields = Object.entries(struct.fields).map(
      ([name, kind]): FieldPlan => ({ name, decode: decoderOf(kind), string: kind === "string" }),
    );
    plan = {
      exact: new Map(fields.map((f) => [f.name, f])),
      folded: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
    };
    struct.plan = plan;
  }
  return plan;
}

/** The decoding of a field of kind `kind`. */
function decoderOf(kind: Field): Decode {
  if (typeof kind === "string") return DECODERS[kind];
  // The struct is looked up on first use: the tables refer to one another in any order.
  let plan: { struct: Struct; plan: StructPlan } | undefined;
  const target = (): { struct: Struct; plan: StructPlan } => {
    if (plan === undefined) {
      const struct = kind.struct();
      plan = { struct, plan: planOf(struct) };
    }
    return plan;
  };
  if (!kind.list) {
    return (decoder, value) => {
      const { struct, plan } = target();
      return decoder.struct(value, struct, plan);
    };
  }
  return (decoder, value) => {
    const { struct, plan } = target();
    return decoder.structs(value, struct, plan);
  };
}

/** The decodings of the kinds of field that are not Tekton structs. */
const DECODERS: Readonly<Record<Exclude<Field, object>, Decode>> = {
  string: (decoder, value) => {
    if (typeof value !== "string") decoder.typeError(decoder.at(), "a string", value);
    return value;
  },
  bool: (decoder, value) => {
    if (typeof value !== "boolean") decoder.typeError(decoder.at(), "true or false", value);
    return value;
  },
  int: (decoder, value) => {
    if (typeof value !== "number" || !Number.isInteger(value)) decoder.typeError(decoder.at(), "a whole number", value);
    return value;
  },
  duration: (decoder, value) => {
    if (typeof value !== "string") decoder.typeError(decoder.at(), 'a duration string (e.g. "1h30m")', value);
    else if (parseGoDuration(value) === undefined) {
      decoder.issues.push(
        issue(
          "invalid-duration",
          decoder.at(),
          `time: invalid duration ${JSON.stringify(value)}: expected a Go duration such as "30s", "1h30m" or "0"`,
        ),
      );
    }
    return value;
  },
  strings: (decoder, value) => {
    if (!Array.isArray(value)) {
      decoder.typeError(decoder.at(), "a list of strings", value);
      return value;
    }
    let hasNull = false;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "string") continue;
      if (v === null) hasNull = true;
      else decoder.typeError(decoder.at(i), "a string", v);
    }
    return hasNull ? value.map((v: unknown) => (v === null ? "" : v)) : value;
  },
  stringMap: (decoder, value) => {
    if (!isRecord(value)) {
      decoder.typeError(decoder.at(), "a mapping of strings", value);
      return value;
    }
    let hasNull = false;
    for (const k in value) {
      const v = value[k];
      if (v === null) hasNull = true;
      else if (typeof v !== "string") decoder.typeError(decoder.at(k), "a string", v);
    }
    if (!hasNull) return value;
    const out: Record<string, unknown> = {};
    for (const k in value) setRecord(out, k, value[k] === null ? "" : value[k]);
    return out;
  },
  // Go's ParamValue takes anything, turning what is not a string list or map into a string.
  paramValue: (_decoder, value) => decodeParamValue(value),
  object: (decoder, value) => {
    if (!isRecord(value)) decoder.typeError(decoder.at(), "a mapping", value);
    return withoutNulls(value);
  },
  objects: (decoder, value) => {
    if (!Array.isArray(value)) decoder.typeError(decoder.at(), "a list", value);
    else {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (v !== null && !isRecord(v)) decoder.typeError(decoder.at(i), "a mapping", v);
      }
    }
    return withoutNulls(value);
  },
  resources: (decoder, value) => {
    decoder.resources(value);
    return withoutNulls(value);
  },
  env: (decoder, value) => {
    decoder.namedList(value, "EnvVar", ENV_VAR_STRINGS);
    return withoutNulls(value);
  },
  mounts: (decoder, value) => {
    decoder.namedList(value, "VolumeMount", VOLUME_MOUNT_STRINGS);
    return withoutNulls(value);
  },
};

/** The string fields of an `EnvVar` and a `VolumeMount` that later stages read. */
const ENV_VAR_STRINGS = ["name", "value"] as const;
const VOLUME_MOUNT_STRINGS = ["name", "mountPath", "subPath", "subPathExpr", "mountPropagation"] as const;

/** Go's zero value for a `null` list item, judged by the item's siblings. */
function zeroLike(siblings: readonly unknown[]): unknown {
  return siblings.some((v) => typeof v === "string") ? "" : {};
}

/**
 * An opaque Kubernetes value as Go decodes it: `null` fields unset, `null` list items zero.
 * What holds no `null` is returned as it is (the input is never written to).
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const decoded = v === null ? zeroLike(value) : withoutNulls(v);
      if (out === undefined && decoded !== v) out = value.slice(0, i);
      if (out !== undefined) out.push(decoded);
    }
    return out ?? value;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  // for…in lists a plain object's own keys in Object.keys' order without building their list.
  for (const k in record) {
    const v = record[k];
    const decoded = v === null ? undefined : withoutNulls(v);
    if (out === undefined && decoded !== v) out = copyBefore(record, k);
    if (out !== undefined && v !== null) setRecord(out, k, decoded);
  }
  return out ?? value;
}

/** A fresh record with the keys of `record` that come before `key`. */
function copyBefore(record: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in record) {
    if (k === key) break;
    setRecord(out, k, record[k]);
  }
  return out;
}

/**
 * Go's `ParamValue.UnmarshalJSON`: a list of strings, a map of strings, or a string; anything
 * else becomes the string of its JSON text (kubectl sends compact JSON with sorted keys).
 */
function decodeParamValue(value: unknown): unknown {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  if (isRecord(value) && Object.values(value).every((v) => typeof v === "string")) return value;
  return compactJson(value);
}

function compactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${goJsonStringSinceGo122(k)}:${compactJson(value[k])}`).join(",")}}`;
  }
  if (typeof value === "string") return goJsonStringSinceGo122(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "null";
}

/**
 * One walk of Go's strict decoder: collects what it refuses and builds the value it leaves.
 * The value matters only when nothing was refused; it shares every part of the input that
 * decoding does not change (the input is never written to, and later stages only read it).
 */
class Decoder {
  readonly issues: Issue[] = [];
  /** Where the walk is; copied only into an issue. */
  readonly #path: PathSegment[];
  constructor(
    readonly version: string,
    root: PathSegment,
  ) {
    this.#path = [root];
  }

  /** The current path, with `more` appended (public for the module's DECODERS table, which is not a method). */
  at(...more: PathSegment[]): PathSegment[] {
    return [...this.#path, ...more];
  }

  typeError(path: Path, expected: string, value: unknown): void {
    this.issues.push(issue("invalid-type", path, `json: cannot unmarshal ${describe(value)} into ${expected}`));
  }

  struct(value: unknown, struct: Struct, plan: StructPlan = planOf(struct)): unknown {
    if (value === null || value === undefined) return {};
    if (!isRecord(value)) {
      this.typeError(this.at(), `a ${struct.name} (a mapping)`, value);
      return value;
    }
    const { exact, folded } = plan;
    let out: Record<string, unknown> | undefined;
    // for…in lists a plain object's own keys in Object.keys' order without building their list.
    for (const key in value) {
      const v = value[key];
      const field = exact.get(key) ?? folded.get(key.toLowerCase());
      if (field === undefined) {
        this.issues.push(
          issue(
            "unknown-field",
            this.at(key),
            `json: unknown field ${JSON.stringify(key)}: a ${this.version} ${struct.name} has no such field${hintFor(struct.name, key, this.version)}`,
          ),
        );
        continue;
      }
      let decoded: unknown = v;
      if (v !== null && v !== undefined && !(field.string && typeof v === "string")) {
        this.#path.push(key);
        decoded = field.decode(this, v);
        this.#path.pop();
      }
      // Go fills the field whatever the key's case; later stages read the field's own name.
      if (out === undefined && (v === null || field.name !== key || decoded !== v)) out = copyBefore(value, key);
      if (out !== undefined && v !== null) setRecord(out, field.name, decoded);
    }
    return out ?? value;
  }

  /** A list of `struct`s. */
  structs(value: unknown, struct: Struct, plan: StructPlan): unknown {
    if (!Array.isArray(value)) {
      this.typeError(this.at(), `a list of ${struct.name}`, value);
      return value;
    }
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      this.#path.push(i);
      const decoded = this.struct(item, struct, plan);
      this.#path.pop();
      if (out === undefined && decoded !== item) out = value.slice(0, i);
      if (out !== undefined) out.push(decoded);
    }
    return out ?? value;
  }

  resources(value: unknown): void {
    if (!isRecord(value)) {
      this.typeError(this.at(), "a ResourceRequirements (a mapping)", value);
      return;
    }
    for (const list of ["limits", "requests"]) {
      const quantities = value[list];
      if (quantities === null || quantities === undefined) continue;
      if (!isRecord(quantities)) {
        this.typeError(this.at(list), "a mapping of quantities", quantities);
        continue;
      }
      for (const [name, q] of Object.entries(quantities)) {
        const text = typeof q === "number" ? String(q) : q;
        if (typeof text !== "string" || parseQuantity(text) === undefined) {
          this.issues.push(
            issue(
              "invalid-quantity",
              this.at(list, name),
              `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${describe(q)} is not one (e.g. "500m", "1", "256Mi")`,
            ),
          );
        }
      }
    }
  }

  namedList(value: unknown, type: string, strings: readonly string[]): void {
    if (!Array.isArray(value)) {
      this.typeError(this.at(), `a list of ${type}`, value);
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null) continue;
      if (!isRecord(item)) {
        this.typeError(this.at(i), `a ${type} (a mapping)`, item);
        continue;
      }
      for (const key of strings) {
        const v = item[key];
        if (v !== undefined && v !== null && typeof v !== "string") this.typeError(this.at(i, key), "a string", v);
      }
    }
  }
}

function hintFor(struct: string, key: string, version: string): string {
  if (struct === "Sidecar" && key === "timeout") return ' (only steps have a "timeout")';
  if (
    version === "tekton.dev/v1" &&
    key === "resources" &&
    (struct === "Step" || struct === "StepTemplate" || struct === "Sidecar")
  ) {
    return ' (in tekton.dev/v1 it is "computeResources")';
  }
  if (version === "tekton.dev/v1" && (key === "stepOverrides" || key === "sidecarOverrides")) {
    return ` (in tekton.dev/v1 it is "${key === "stepOverrides" ? "stepSpecs" : "sidecarSpecs"}")`;
  }
  if (version === "tekton.dev/v1" && key === "resources") return " (PipelineResources were removed; use workspaces)";
  return "; remove or rename it";
}

/** What {@link decodeStrict} finds: the refused fields and values, and the decoded object. */
export interface Decoded<T> {
  /** What the decoder refuses; `[]` when the object decodes. */
  readonly issues: Issue[];
  /**
   * The object as the decoder leaves it (meaningful only when `issues` is empty): `null` means
   * unset (the field is left out; a `null` list item is its type's zero value) and keys are
   * spelled as the Go field is (`Image` → `image`), so that later stages read plain, null-free
   * data. Parts the decoder does not change are the input's own (read-only) objects.
   */
  readonly value: T;
}

/**
 * The webhook's strict decode of a TaskRun (root `"taskRun"`) or Task (root `"task"`), in one
 * walk: fields its API version does not have, values of the wrong JSON type, durations and
 * quantities that do not parse, and the object as Go's decoder leaves it. Objects that are
 * neither `tekton.dev/v1` nor `tekton.dev/v1beta1` are decoded as v1.
 *
 * @example
 * ```ts
 * decodeStrict({ spec: { taskSpec: { steps: [{ Image: "alpine", args: ["a", null], env: null }] } } }, "taskRun").value;
 * // → { spec: { taskSpec: { steps: [{ image: "alpine", args: ["a", ""] }] } } }
 * ```
 */
export function decodeStrict<T>(object: T, root: "taskRun" | "task"): Decoded<T> {
  const v1beta1 = isRecord(object) && object["apiVersion"] === "tekton.dev/v1beta1";
  const decoder = new Decoder(v1beta1 ? "tekton.dev/v1beta1" : "tekton.dev/v1", root);
  if (!isRecord(object)) {
    decoder.typeError([root], `a ${root === "taskRun" ? "TaskRun" : "Task"} (a mapping)`, object);
    return { issues: decoder.issues, value: object };
  }
  const value = decoder.struct(object, (v1beta1 ? STRUCTS.v1beta1 : STRUCTS.v1)[root]) as T;
  return { issues: decoder.issues, value };
}

/**
 * What the webhook's strict decode refuses in a TaskRun (root `"taskRun"`) or Task (root
 * `"task"`); `[]` when it decodes (see {@link decodeStrict}).
 *
 * @example
 * ```ts
 * decodeIssues({ apiVersion: "tekton.dev/v1", kind: "TaskRun", spec: { taskSpec: { sidecars: [{ name: "db", timeout: "5m" }] } } }, "taskRun");
 * // → [{ code: "unknown-field", path: "taskRun.spec.taskSpec.sidecars[0].timeout", message: 'json: unknown field "timeout": …' }]
 * ```
 */
export function decodeIssues(object: unknown, root: "taskRun" | "task"): Issue[] {
  return decodeStrict(object, root).issues;
}
