/**
 * The part of Tekton v1.12's v1beta1 SetDefaults (pkg/apis/pipeline/v1beta1/{task,taskrun,
 * result}_defaults.go, param_types.go) that must run before conversion: the types of declared
 * params and results. Conversion turns a param without `type` into `type: string`, so a v1beta1
 * param whose type is only implied by an array or object default must get it first, as the
 * v1beta1 webhook gives it when the object is created. The rest of v1beta1's defaults (timeout,
 * service account, Pod template, managed-by label, taskRef kind) are the same as v1's and are
 * applied after conversion with them.
 */
import { copyObject, copyWith } from "../../k8s/copy-object.js";
import { isRecord } from "../../read-values.js";

/** Object keys without a type are strings. */
function defaultProperties(properties: unknown): unknown {
  if (!isRecord(properties)) return properties;
  return Object.fromEntries(
    Object.keys(properties).map((key) => {
      const p = properties[key];
      return [
        key,
        isRecord(p) && typeof p["type"] === "string" && p["type"] !== ""
          ? p
          : copyWith(isRecord(p) ? p : {}, { type: "string" }),
      ];
    }),
  );
}

function valueType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (isRecord(value)) return "object";
  return "string";
}

function defaultParamSpec(p: unknown): unknown {
  if (!isRecord(p)) return p;
  if (typeof p["type"] === "string" && p["type"] !== "") {
    return p["properties"] === undefined ? p : { ...p, properties: defaultProperties(p["properties"]) };
  }
  if (p["properties"] !== undefined && p["properties"] !== null)
    return copyWith(p, { type: "object", properties: defaultProperties(p["properties"]) });
  if (p["default"] === undefined || p["default"] === null) return copyWith(p, { type: "string" });
  return copyWith(p, { type: valueType(p["default"]) });
}

function defaultResult(r: unknown): unknown {
  if (!isRecord(r)) return r;
  const typed = typeof r["type"] === "string" && r["type"] !== "";
  // A typed result without properties has nothing to default: it is kept as it is.
  if (typed && !isRecord(r["properties"])) return r;
  const out = copyObject(r);
  if (!typed) out["type"] = r["properties"] !== undefined && r["properties"] !== null ? "object" : "string";
  if (isRecord(r["properties"])) out["properties"] = defaultProperties(r["properties"]);
  return out;
}

function defaultSpec(spec: unknown): unknown {
  if (!isRecord(spec)) return spec;
  const out: Record<string, unknown> = { ...spec };
  if (Array.isArray(spec["params"])) out["params"] = spec["params"].map(defaultParamSpec);
  if (Array.isArray(spec["results"])) out["results"] = spec["results"].map(defaultResult);
  return out;
}

/**
 * A v1beta1 Task with the types of its params and results defaulted; a fresh object, the input
 * untouched (unchanged parts are shared, never modified).
 *
 * @example
 * ```ts
 * defaultV1beta1Task({ spec: { params: [{ name: "flags", default: ["-v"] }], steps: [] } });
 * // → { spec: { params: [{ name: "flags", default: ["-v"], type: "array" }], steps: [] } }
 * ```
 */
export function defaultV1beta1Task<T>(task: T): T {
  if (!isRecord(task)) return task;
  return { ...task, spec: defaultSpec(task["spec"]) } as T;
}

/**
 * A v1beta1 TaskRun with the types of its embedded spec's params and results defaulted, and a
 * `taskRef` that names neither a Task nor a resolver given `resolverType` (config-defaults
 * `default-resolver-type`) — which v1beta1 admission validates, so it must be there first.
 * A fresh object, the input untouched.
 *
 * @example
 * ```ts
 * defaultV1beta1TaskRun({ spec: { taskSpec: { params: [{ name: "p" }], steps: [] } } });
 * // → { spec: { taskSpec: { params: [{ name: "p", type: "string" }], steps: [] } } }
 * ```
 */
export function defaultV1beta1TaskRun<T>(taskRun: T, resolverType = ""): T {
  if (!isRecord(taskRun) || !isRecord(taskRun["spec"])) return taskRun;
  const spec: Record<string, unknown> = { ...taskRun["spec"] };
  if (isRecord(spec["taskSpec"])) spec["taskSpec"] = defaultSpec(spec["taskSpec"]);
  const ref = spec["taskRef"];
  if (isRecord(ref) && resolverType !== "" && (ref["name"] ?? "") === "" && (ref["resolver"] ?? "") === "") {
    spec["taskRef"] = copyWith(ref, { resolver: resolverType });
  }
  return { ...taskRun, spec } as T;
}
