/**
 * PipelineResources (Tekton v0.20.1, `tekton.dev/v1alpha1`): how a TaskRun's resource bindings
 * are resolved and checked in the reconciler's `prepare()`, which steps and volumes they add
 * in `createPod()`, which `$(resources.…)` variables they define, and what the admission
 * webhook rejects about them. One file per resource type; this module only re-exports.
 *
 * Where each piece runs in Tekton's order:
 * - admission: {@link validatePipelineResourceSpec} for specs embedded in the TaskRun (its
 *   bindings, and the Task's declarations and variables, are checked in ../validate.ts);
 * - prepare(): {@link bindResources} right after the Task is resolved; then (after the params
 *   check) {@link matchResourceBindings}; then (after the workspace checks)
 *   {@link checkCloudEventOutputs} — or all three at once with {@link resolveResources};
 * - createPod(): {@link addResourceSteps} first, then parameters, contexts, and
 *   {@link resourceReplacementValues} for `"inputs"` then `"outputs"` (the variables
 *   {@link resourceReplacements} lists, looked up as the substitution meets them).
 */

export { addResourceSteps, instantiateBoundResources } from "./add-resource-steps.js";
export { isOwnedByPipelineRun, pipelineRunPVCName } from "./artifact-storage.js";
export { bindResources, checkCloudEventOutputs, matchResourceBindings, resolveResources } from "./resolve-resources.js";
export {
  declaredResourcePath,
  RESOURCE_VARIABLE_PREFIXES,
  resourceReplacementMap,
  resourceReplacements,
  resourceReplacementValues,
} from "./resource-replacements.js";
export type {
  BoundResource,
  ResolvedResources,
  ResourceBinding,
  ResourceBindings,
  ResourceDirection,
} from "./types.js";
export { validatePipelineResourceSpec } from "./validate-pipeline-resource-spec.js";
