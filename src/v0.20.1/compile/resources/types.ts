/**
 * What the TaskRun's resource bindings resolve to (Tekton v0.20.1 `ResolvedTaskResources`
 * Inputs/Outputs, pkg/reconciler/taskrun/resources/taskresourceresolution.go), kept in the
 * TaskRun's binding order so everything derived from them is deterministic.
 */
import type { Immutable, PipelineResourceSpec, TaskResource } from "../../../api/types.js";
import type { PathSegment } from "../../../errors.js";

/** One TaskRun binding, resolved to its PipelineResource (before it is checked against the Task). */
export interface ResourceBinding {
  /** The binding name (`spec.resources.inputs[].name`). */
  readonly name: string;
  /**
   * The PipelineResource's `metadata.name`; for an embedded `resourceSpec` Tekton names the
   * resource after the binding, so this is the binding name.
   */
  readonly resourceName: string;
  readonly spec: Immutable<PipelineResourceSpec>;
  /** `binding.paths` (artifact storage paths of a PipelineRun). */
  readonly paths: readonly string[];
  /** Where the binding is, e.g. `["taskRun","spec","resources","inputs",0]`. */
  readonly bindingPath?: readonly PathSegment[];
  /** Where the resource's spec is: the embedded `resourceSpec` or `pipelineResources[i].spec`. */
  readonly specPath?: readonly PathSegment[];
}

/** A binding matched to the Task's declaration of the same name. */
export interface BoundResource extends ResourceBinding {
  /** From taskSpec.resources.inputs/outputs. */
  readonly declaration: Immutable<TaskResource>;
}

/** Both directions' bindings, in the TaskRun's order. */
export interface ResourceBindings {
  readonly inputs: readonly ResourceBinding[];
  readonly outputs: readonly ResourceBinding[];
}

/** The bound resources of a TaskRun, ready for the Pod. */
export interface ResolvedResources {
  readonly inputs: readonly BoundResource[];
  readonly outputs: readonly BoundResource[];
  /**
   * Every resource the Task declares, bound or not: unbound optional resources still get
   * their `path` variables. When absent, only the bound resources' declarations are used.
   */
  readonly declarations?: {
    readonly inputs: readonly Immutable<TaskResource>[];
    readonly outputs: readonly Immutable<TaskResource>[];
  };
}

/** `inputs` or `outputs`. */
export type ResourceDirection = "inputs" | "outputs";
