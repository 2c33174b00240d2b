/**
 * The PipelineResource part of Tekton v0.20.1's `createPod()` (pkg/reconciler/taskrun/taskrun.go
 * and resources/{image_exporter,input_resources,output_resource,volume}.go), in its order:
 * 1. `resourceImplBinding` — every bound resource gets its type's implementation;
 * 2. `AddOutputImageDigestExporter` — one `image-digest-exporter` step after the Task's steps
 *    when any output is an image;
 * 3. `AddInputResource` — inputs walked from last to first, each prepending its steps (so they
 *    end up in declaration order), or, in a PipelineRun, copy steps from artifact storage for
 *    a git/storage input with `paths`;
 * 4. `AddOutputResources` — outputs in order, each prepending a `create-dir` step and appending
 *    its upload steps, plus copies to artifact storage in a PipelineRun.
 */
import type { Volume } from "kubernetes-types/core/v1.js";
import type { Immutable, Step, TaskResource, TaskRun, TaskSpec } from "../../../api/types.js";
import { CompileError, issue, type PathSegment } from "../../../errors.js";
import type { Explainer } from "../../../explain/index.js";
import { copyData, copyObject } from "../../../k8s/copy-object.js";
import { joinPath } from "../../../k8s/go-path.js";
import type { SuffixGenerator } from "../../../k8s/names.js";
import { appendAll, isRecord, stringOrEmpty } from "../../../read-values.js";
import type { ResolvedConfig } from "../config.js";
import {
  type ArtifactStorage,
  artifactStorage,
  isOwnedByPipelineRun,
  pipelineRunPVCName,
  pvcMount,
  pvcVolume,
} from "./artifact-storage.js";
import { type ExportedImage, exportedImagesJson, readImageParams } from "./image.js";
import { instantiateResource } from "./instantiate-resource.js";
import {
  ARTIFACT_TYPES,
  createDirStep,
  isProblem,
  OUTPUT_DIR,
  type ResourceImpl,
  type ResourceModifier,
  WORKSPACE_DIR,
} from "./model.js";
import { declarationsOf } from "./resolve-resources.js";
import type { BoundResource, ResolvedResources, ResourceDirection } from "./types.js";

function buildError(path: readonly PathSegment[], message: string): never {
  throw new CompileError("build", [issue("invalid-resource", path, message)], "CouldntGetTask");
}

/**
 * Tekton's `resourceImplBinding` for one direction: the implementation of each bound resource,
 * keyed by binding name. Throws `CompileError` (stage `build`, reason `CouldntGetTask`) when a
 * resource's type refuses it, naming the offending field.
 */
export function instantiateBoundResources(bound: readonly BoundResource[]): Map<string, ResourceImpl> {
  const out = new Map<string, ResourceImpl>();
  for (const b of bound) {
    const result = instantiateResource(b.name, b.resourceName, b.spec);
    if (isProblem(result)) buildError([...(b.specPath ?? b.bindingPath ?? []), ...result.at], result.problem);
    out.set(b.name, result);
  }
  return out;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** A Task spec under construction: only steps and volumes change. */
interface Draft {
  spec: TaskSpec;
  steps: Step[];
  volumes: Volume[];
  /**
   * Only when an explanation is gathered: for each step and volume of the draft, the Task's
   * own index of it, or the resource whose steps added it.
   */
  origins?: Map<
    object,
    { readonly own: number } | { readonly resource: string; readonly path: readonly PathSegment[] }
  >;
}

/** Every step and volume the draft gained since the last call came from `resource` (bound at `path`). */
function claimAdded(draft: Draft, resource: string, path: readonly PathSegment[]): void {
  const origins = draft.origins;
  if (origins === undefined) return;
  for (const item of [...draft.steps, ...draft.volumes]) {
    if (!origins.has(item)) origins.set(item, { resource, path });
  }
}

/**
 * The explanation moves with the Task's own steps and volumes to their new places; the
 * resources' steps and volumes are explained whole.
 */
function explainResourceSteps(explain: Explainer, draft: Draft): void {
  const origins = draft.origins;
  if (origins === undefined) return;
  for (const field of ["steps", "volumes"] as const) {
    explain.move(["taskSpec", field], ["resourceSteps", field]);
    draft[field].forEach((item, i) => {
      const origin = origins.get(item);
      if (origin !== undefined && "own" in origin) {
        explain.move(["resourceSteps", field, origin.own], ["taskSpec", field, i]);
      } else {
        explain.each(
          ["taskSpec", field, i],
          item,
          "resource-step",
          `Added for PipelineResource ${JSON.stringify(origin?.resource ?? "")}.`,
          origin?.path,
        );
      }
    });
    explain.drop(["resourceSteps", field]);
  }
}

/** Tekton's `ApplyTaskModifier`: steps before/after, volumes added once by name. */
function applyModifier(
  draft: Draft,
  modifier: ResourceModifier,
  resourceName: string,
  path: readonly PathSegment[],
): void {
  for (const step of [...modifier.prepend, ...modifier.append]) {
    if (draft.steps.some((s) => s.name === step.name)) {
      buildError(
        path,
        `resource "${resourceName}" would add step "${step.name}", but the Task already has a step of that name; rename the Task's step`,
      );
    }
  }
  draft.steps = [...modifier.prepend, ...draft.steps, ...modifier.append];
  for (const volume of modifier.volumes) {
    const existing = draft.volumes.filter((v) => v.name === volume.name);
    if (existing.some((v) => canonical(v) !== canonical(volume))) {
      buildError(
        path,
        `resource "${resourceName}" needs volume "${volume.name}", but the Task already has a different volume of that name; rename the Task's volume`,
      );
    }
    if (existing.length === 0) draft.volumes.push(volume);
  }
}

/** Tekton's `appendNewSecretsVolumes`: skip a volume only when a same-named Secret volume of the same Secret exists. */
function appendSecretVolumes(draft: Draft, volumes: readonly Volume[]): void {
  for (const volume of volumes) {
    const exists = draft.volumes.some(
      (v) => v.name === volume.name && v.secret !== undefined && v.secret.secretName === volume.secret?.secretName,
    );
    if (!exists) draft.volumes.push(volume);
  }
}

function snapshot(draft: Draft): Immutable<TaskSpec> {
  const spec = copyObject(draft.spec);
  spec.steps = draft.steps;
  spec.volumes = draft.volumes;
  return spec;
}

/** Step 2: the image digest exporter, for the TaskRun's image outputs in binding order. */
function addImageDigestExporter(
  draft: Draft,
  resources: ResolvedResources,
  declared: readonly Immutable<TaskResource>[],
  config: ResolvedConfig,
  names: SuffixGenerator,
): void {
  const images: ExportedImage[] = resources.outputs
    .filter((o) => o.spec.type === "image")
    .map((o) => {
      const { url, digest } = readImageParams(o.spec);
      const declaration = declared.find((d) => d.name === o.name);
      // The Task's targetPath is used as written (not joined under /workspace) here.
      const outputImageDir =
        declaration === undefined
          ? ""
          : typeof declaration.targetPath === "string" && declaration.targetPath !== ""
            ? declaration.targetPath
            : joinPath(OUTPUT_DIR, o.name);
      return { name: o.name, url, digest, outputImageDir };
    });
  if (images.length === 0) return;
  draft.steps = [
    ...draft.steps,
    {
      name: names.withSuffix("image-digest-exporter"),
      image: config.images.imageDigestExporterImage,
      command: ["/ko-app/imagedigestexporter"],
      args: ["-images", exportedImagesJson(images)],
    },
  ];
}

/** The binding and implementation of a declared resource; undefined for an optional one left unbound. */
function bindingOf(
  declaration: Immutable<TaskResource>,
  bindings: readonly BoundResource[],
  impls: ReadonlyMap<string, ResourceImpl>,
  direction: ResourceDirection,
): { bound: BoundResource; impl: ResourceImpl } | undefined {
  const bound = bindings.find((b) => b.name === declaration.name);
  const impl = bound === undefined ? undefined : impls.get(bound.name);
  if (bound === undefined || impl === undefined) {
    if (declaration.optional === true) return undefined;
    buildError(
      ["taskRun", "spec", "resources", direction],
      `${direction === "inputs" ? "input" : "output"} resource "${declaration.name}" is required by the Task but not bound`,
    );
  }
  return { bound, impl };
}

function targetPathOf(declaration: Immutable<TaskResource>): string {
  return stringOrEmpty(declaration.targetPath);
}

/** What adding the input and the output steps share. */
interface StepContext {
  readonly draft: Draft;
  readonly config: ResolvedConfig;
  readonly names: SuffixGenerator;
  /** The PipelineRun's artifact PVC, "" outside a PipelineRun. */
  readonly pvcName: string;
  /** Whether a PipelineRun owns the TaskRun: only then do resources travel through artifact storage. */
  readonly owned: boolean;
  readonly storage: ArtifactStorage;
}

/** Step 3: inputs, last declared first, each prepending its steps. */
function addInputs(
  { draft, config, names, pvcName, owned, storage }: StepContext,
  bindings: readonly BoundResource[],
  impls: ReadonlyMap<string, ResourceImpl>,
  declared: readonly Immutable<TaskResource>[],
): void {
  let mountPVC = false;
  let mountSecrets = false;
  for (let i = declared.length - 1; i >= 0; i--) {
    const declaration = declared[i] as Immutable<TaskResource>;
    const found = bindingOf(declaration, bindings, impls, "inputs");
    if (found === undefined) continue;
    const { bound, impl } = found;
    const path = joinPath(
      WORKSPACE_DIR,
      targetPathOf(declaration) !== "" ? targetPathOf(declaration) : declaration.name,
    );
    const copySteps: Step[] = [];
    if (ARTIFACT_TYPES.has(impl.type) && owned) {
      for (const from of bound.paths) {
        const steps = storage.copyFromStorage(bound.name, from, path, names);
        if (storage.kind === "pvc") {
          mountPVC = true;
          for (const step of steps) {
            copySteps.push(createDirStep(config.images.shellImage, bound.name, path, names), {
              ...step,
              volumeMounts: [pvcMount(pvcName)],
            });
          }
        } else {
          appendAll(copySteps, steps);
        }
      }
    }
    if (copySteps.length > 0) {
      // The resource was produced by an earlier Task: copy it instead of fetching it.
      draft.steps = [...copySteps, ...draft.steps];
      mountSecrets = true;
    } else {
      const modifier = impl.inputModifier({ spec: snapshot(draft), path, images: config.images, names });
      applyModifier(draft, modifier, bound.name, bound.bindingPath ?? []);
    }
    claimAdded(draft, bound.name, bound.bindingPath ?? []);
  }
  if (mountPVC) draft.volumes.push(pvcVolume(pvcName));
  if (mountSecrets) appendSecretVolumes(draft, storage.secretVolumes());
  claimAdded(draft, "artifact storage", ["config", "artifactPVC"]);
}

/** Step 4: outputs in declaration order. */
function addOutputs(
  { draft, config, names, pvcName, owned, storage }: StepContext,
  bindings: readonly BoundResource[],
  impls: ReadonlyMap<string, ResourceImpl>,
  declared: readonly Immutable<TaskResource>[],
): void {
  let needsPVC = false;
  for (const declaration of declared) {
    const found = bindingOf(declaration, bindings, impls, "outputs");
    if (found === undefined) continue;
    const { bound, impl } = found;
    // Unlike inputs, an output's targetPath is used as written.
    const path = targetPathOf(declaration) !== "" ? targetPathOf(declaration) : joinPath(OUTPUT_DIR, bound.name);
    draft.steps = [createDirStep(config.images.shellImage, bound.name, path, names), ...draft.steps];
    if (ARTIFACT_TYPES.has(impl.type) && owned) {
      const copies = bound.paths.flatMap((to) => storage.copyToStorage(impl.name, path, to, names));
      if (bound.paths.length > 0) needsPVC = true;
      draft.steps = [...draft.steps, ...copies];
      appendSecretVolumes(draft, storage.secretVolumes());
    }
    const modifier = impl.outputModifier({ spec: snapshot(draft), path, images: config.images, names });
    applyModifier(draft, modifier, bound.name, bound.bindingPath ?? []);
    claimAdded(draft, bound.name, bound.bindingPath ?? []);
  }
  if (storage.kind === "pvc" && pvcName !== "" && needsPVC && !draft.volumes.some((v) => v.name === pvcName)) {
    draft.volumes.push(pvcVolume(pvcName));
  }
}

/**
 * createPod()'s resource steps: instantiates the bound resources, then runs
 * `AddOutputImageDigestExporter`, `AddInputResource` and `AddOutputResources` in that order and
 * returns a new Task spec with the extra steps and volumes (the input is not touched). Throws
 * `CompileError` (stage `build`, reason `CouldntGetTask`) where Tekton fails to create the Pod.
 *
 * @example
 * ```ts
 * const spec = addResourceSteps({ taskSpec, taskRun, taskName, resources, config, names });
 * spec.steps?.[0]?.command; // ["/ko-app/git-init"] for a git input
 * ```
 */
export function addResourceSteps(args: {
  taskSpec: Immutable<TaskSpec>;
  taskRun: Immutable<TaskRun>;
  taskName: string;
  resources: ResolvedResources;
  config: ResolvedConfig;
  names: SuffixGenerator;
  /** The bound resources' implementations, when the caller has made them already. */
  impls?: { readonly inputs: ReadonlyMap<string, ResourceImpl>; readonly outputs: ReadonlyMap<string, ResourceImpl> };
  /** Gathers the explanation, at `["taskSpec", …]`. */
  explain?: Explainer | undefined;
}): TaskSpec {
  const { taskSpec, taskRun, resources, config, names, explain } = args;
  // Most Tasks use no PipelineResources: nothing to add, and later stages never modify the spec.
  if (
    resources.inputs.length === 0 &&
    resources.outputs.length === 0 &&
    declarationsOf(taskSpec, "inputs").length === 0 &&
    declarationsOf(taskSpec, "outputs").length === 0
  ) {
    return taskSpec as TaskSpec;
  }
  const inputImpls = args.impls?.inputs ?? instantiateBoundResources(resources.inputs);
  const outputImpls = args.impls?.outputs ?? instantiateBoundResources(resources.outputs);
  const spec = copyData(taskSpec) as TaskSpec;
  const draft: Draft = {
    spec,
    steps: Array.isArray(spec.steps) ? spec.steps : [],
    volumes: Array.isArray(spec.volumes) ? spec.volumes : [],
  };
  if (explain !== undefined) {
    draft.origins = new Map();
    draft.steps.forEach((step, own) => {
      draft.origins?.set(step, { own });
    });
    draft.volumes.forEach((volume, own) => {
      draft.origins?.set(volume, { own });
    });
  }
  const declaredInputs = declarationsOf(taskSpec, "inputs");
  const declaredOutputs = declarationsOf(taskSpec, "outputs");
  addImageDigestExporter(draft, resources, declaredOutputs, config, names);
  claimAdded(draft, "image outputs", ["taskRun", "spec", "resources", "outputs"]);
  const pvcName = pipelineRunPVCName(taskRun);
  const context: StepContext = {
    draft,
    config,
    names,
    pvcName,
    owned: isOwnedByPipelineRun(taskRun),
    storage: artifactStorage(config, pvcName),
  };
  addInputs(context, resources.inputs, inputImpls, declaredInputs);
  addOutputs(context, resources.outputs, outputImpls, declaredOutputs);
  claimAdded(draft, "artifact storage", ["config", "artifactPVC"]);
  if (explain !== undefined) explainResourceSteps(explain, draft);
  const out: TaskSpec = copyObject(spec);
  if (draft.steps.length > 0) out.steps = draft.steps;
  else delete out.steps;
  if (draft.volumes.length > 0) out.volumes = draft.volumes;
  else delete out.volumes;
  return out;
}
