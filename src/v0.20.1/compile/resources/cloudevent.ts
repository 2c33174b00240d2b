/**
 * The `cloudEvent` PipelineResource of Tekton v0.20.1 (pkg/apis/resource/v1alpha1/cloudevent):
 * no steps, a `target-uri` variable, and a mandatory non-empty `targetURI` param — without it
 * the constructor fails (for an input: Pod creation fails; for an output v0.20.1 panics while
 * preparing the TaskRun's cloud event status, which we report as an error instead).
 */
import type { Immutable, PipelineResourceSpec } from "../../../api/types.js";
import { equalFold } from "../../../k8s/go-strings.js";
import { paramsOf, type ResourceResult, resourceImpl } from "./model.js";

/** The `targetURI` param, or undefined when no non-empty value was ever given. */
export function readTargetURI(spec: Immutable<PipelineResourceSpec>): { value: string; index: number } | undefined {
  let value = "";
  let index = -1;
  let specified = false;
  for (const p of paramsOf(spec)) {
    if (equalFold(p.name, "TargetURI")) {
      value = p.value;
      index = p.index;
      if (p.value !== "") specified = true;
    }
  }
  return specified ? { value, index } : undefined;
}

/** A cloudEvent resource bound as `name`; `resourceName` names it in the problem. */
export function cloudEventResource(
  name: string,
  resourceName: string,
  spec: Immutable<PipelineResourceSpec>,
): ResourceResult {
  const target = readTargetURI(spec);
  if (target === undefined) {
    return {
      problem: `cloudEvent resource "${resourceName}" has no targetURI: add a param {name: targetURI, value: <sink URL>}`,
      at: ["params"],
    };
  }
  return resourceImpl(name, spec.type, [["target-uri", target.value]]);
}
