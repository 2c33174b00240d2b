/**
 * What the v1.12 stages before the Pod builder tell an explanation, in helpers they call only
 * when one is asked for: the conversion webhook's renames of a `tekton.dev/v1beta1` object, and
 * where in the input each workspace binding was written.
 */
import type { PathSegment } from "../../errors.js";
import type { Explainer, Location } from "../../explain/index.js";
import { isRecord } from "../../read-values.js";
import type { WorkspaceBindingV1 } from "../api/types.js";
import { TASK_DEPRECATIONS_ANNOTATION } from "./encode-task-deprecations.js";
import { paramSpellings } from "./parameters.js";
import type { PassOrigin } from "./substitute.js";

const NOTE = "Renamed by the conversion from tekton.dev/v1beta1 to tekton.dev/v1.";

/** Moves the entries of `from` to `to` and says the conversion renamed them. */
function rename(explain: Explainer, object: unknown, at: Location, from: string, to: string): void {
  if (!isRecord(object) || object[from] === undefined) return;
  explain.move([...at, from], [...at, to]);
  explain.each([...at, to], object[from], "converted-from-v1beta1", NOTE);
}

/** A v1beta1 Task spec's containers: `resources` → `computeResources`. */
function renameSpec(explain: Explainer, spec: unknown, at: Location): void {
  if (!isRecord(spec)) return;
  for (const list of ["steps", "sidecars"] as const) {
    const items = spec[list];
    if (Array.isArray(items))
      items.forEach((item, i) => {
        rename(explain, item, [...at, list, i], "resources", "computeResources");
      });
  }
  rename(explain, spec["stepTemplate"], [...at, "stepTemplate"], "resources", "computeResources");
}

/**
 * The conversion webhook's renames (`ConvertTo`) of a `tekton.dev/v1beta1` TaskRun or Task whose
 * entries are at `at` (`isSpec`: `at` holds the Task spec itself); nothing for a v1 object.
 */
export function explainConversion(explain: Explainer, object: unknown, at: Location, isSpec = false): void {
  if (!isRecord(object) || object["apiVersion"] !== "tekton.dev/v1beta1") return;
  const spec = object["spec"];
  if (!isRecord(spec)) return;
  if (isSpec) {
    renameSpec(explain, spec, at);
    return;
  }
  renameSpec(explain, spec["taskSpec"], [...at, "spec", "taskSpec"]);
  // What v1 steps no longer have is kept in an annotation, so converting back loses nothing.
  explain.add(
    [...at, "metadata", "annotations", TASK_DEPRECATIONS_ANNOTATION],
    "converted-from-v1beta1",
    "The conversion to tekton.dev/v1 records here the step fields v1 no longer has.",
    [...at, "spec", "taskSpec"],
  );
  for (const [from, to] of [
    ["stepOverrides", "stepSpecs"],
    ["sidecarOverrides", "sidecarSpecs"],
  ] as const) {
    const list = spec[from];
    if (!Array.isArray(list)) continue;
    list.forEach((o, i) => {
      rename(explain, o, [...at, "spec", from, i], "resources", "computeResources");
    });
    rename(explain, spec, [...at, "spec"], from, to);
  }
}

/**
 * Where each workspace binding of prepare's result was written: the TaskRun's own bindings by
 * index, a binding prepare made from config-defaults `default-task-run-workspace-binding` there.
 */
export function explainWorkspaceBindings(
  bindings: readonly WorkspaceBindingV1[],
  own: readonly WorkspaceBindingV1[],
): PathSegment[][] {
  return bindings.map((b) => {
    const i = own.indexOf(b);
    return i >= 0 ? ["taskRun", "spec", "workspaces", i] : ["config", "defaults", "default-task-run-workspace-binding"];
  });
}

/**
 * Where the value of each `$(params…)` variable came from: the TaskRun's param of that name (the
 * last one, as the pass lets it win) or the Task's default; an array item or object key below
 * it. `specPath` is where the Task spec is written in the input.
 */
export function parameterOrigin(
  explain: Explainer,
  specs: readonly { readonly name: string }[],
  params: readonly { readonly name: string }[],
  specPath: readonly PathSegment[],
): PassOrigin {
  // Each param's value: the TaskRun's (`given`) or the Task's default.
  const source = new Map<string, { from: PathSegment[]; given: boolean }>();
  specs.forEach((p, i) => {
    source.set(p.name, { from: [...specPath, "params", i, "default"], given: false });
  });
  params.forEach((p, i) => {
    source.set(p.name, { from: ["taskRun", "spec", "params", i, "value"], given: true });
  });
  const resolve = (key: string): { name: string; from: PathSegment[]; given: boolean } | undefined => {
    for (const [name, { from, given }] of source) {
      for (const base of paramSpellings(name)) {
        if (key === base || key === `${base}[*]`) return { name, from, given };
        if (!key.startsWith(base)) continue;
        const rest = key.slice(base.length);
        const index = /^\[(\d+)\]$/.exec(rest);
        if (index !== null) return { name, from: [...from, Number(index[1])], given };
        if (rest.startsWith(".")) return { name, from: [...from, rest.slice(1)], given };
      }
    }
    return undefined;
  };
  return {
    explain,
    rule: "param-substitution",
    from: (key) => resolve(key)?.from,
    note: (key) => {
      const found = resolve(key);
      return found === undefined
        ? `$(${key}) is replaced by the param's value.`
        : `$(${key}) is replaced by param ${JSON.stringify(found.name)}'s value${found.given ? " from the TaskRun" : ", the Task's default"}.`;
    },
  };
}

/** A pass whose values all come from one rule; `from` names each key's input field. */
export function passOrigin(
  explain: Explainer,
  rule: PassOrigin["rule"],
  what: string,
  from: (key: string) => Location | undefined = () => undefined,
): PassOrigin {
  return { explain, rule, from, note: (key) => `$(${key}) is replaced by ${what}.` };
}
