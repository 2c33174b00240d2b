/**
 * Tekton `tekton.dev/v1beta1` (and `v1alpha1` PipelineResource) object shapes, on top of
 * `kubernetes-types`. Field names and meanings follow Tekton Pipelines v0.20.1.
 */
import type {
  Affinity,
  ConfigMapVolumeSource,
  Container,
  ContainerState,
  EmptyDirVolumeSource,
  LimitRange,
  LocalObjectReference,
  PersistentVolumeClaim,
  PersistentVolumeClaimVolumeSource,
  Pod,
  PodDNSConfig,
  PodSecurityContext,
  Secret,
  SecretVolumeSource,
  ServiceAccount,
  Toleration,
  Volume,
} from "kubernetes-types/core/v1.js";
import type { ObjectMeta } from "kubernetes-types/meta/v1.js";

/**
 * Deeply read-only view of a value: what every public function promises not to change. A
 * primitive, `unknown` or a function is itself; an object or array is its
 * {@link ImmutableObject}.
 */
export type Immutable<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? ImmutableObject<T>
      : T;

/**
 * {@link Immutable} of an object or array: every property `readonly` and deeply immutable, an
 * array a `readonly` array of immutable elements. A named mapped type rather than an inline one,
 * so that TypeScript's messages say `ImmutableObject<TaskRun>` or `ImmutableObject<Step>` where
 * they would otherwise print the whole expanded structure.
 */
export type ImmutableObject<T> = { readonly [K in keyof T]: Immutable<T[K]> };

/** The type of a declared param (`ParamSpec.type`); a param without one is a `"string"`. */
export type ParamType = "string" | "array";

/** A value bound to a parameter: a string, or a list of strings for `type: array`. */
export type ParamValue = string | string[];

/** A param a Task declares (`spec.params[]`): its name, type, description and default value. */
export interface ParamSpec {
  name: string;
  type?: ParamType;
  description?: string;
  default?: ParamValue;
}

/** A value a TaskRun binds to one of the Task's declared params (`spec.params[]`). */
export interface Param {
  name: string;
  value: ParamValue;
}

/** A Task step: a Container plus Tekton's `script` and `timeout`. */
export interface Step extends Container {
  script?: string;
  /** Go duration string (`"30s"`, `"1h30m"`). */
  timeout?: string;
}

/** A Task sidecar: a Container plus Tekton's `script`. */
export interface Sidecar extends Container {
  script?: string;
}

/**
 * A workspace a Task declares (`spec.workspaces[]`): mounted at `mountPath`, by default
 * `/workspace/<name>`; an `optional` one may be left unbound.
 */
export interface WorkspaceDeclaration {
  name: string;
  description?: string;
  mountPath?: string;
  readOnly?: boolean;
  optional?: boolean;
}

/**
 * What a TaskRun binds a declared workspace to (`spec.workspaces[]`): one volume source —
 * a PVC template, an existing PVC, an emptyDir, a ConfigMap or a Secret — optionally narrowed
 * to `subPath`.
 */
export interface WorkspaceBinding {
  name: string;
  subPath?: string;
  volumeClaimTemplate?: PersistentVolumeClaim;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
}

/** A result a Task declares (`spec.results[]`); its steps write it to `/tekton/results/<name>`. */
export interface TaskResult {
  name: string;
  description?: string;
}

/**
 * The type of a PipelineResource: the six types Tekton v0.20.1 implements, and any other string,
 * so that such input still type-checks and is reported by validation instead.
 */
export type PipelineResourceType =
  | "git"
  | "image"
  | "storage"
  | "cluster"
  | "pullRequest"
  | "cloudEvent"
  // Tekton also accepts the plain string for storage subtypes etc.; keep it open.
  | (string & {});

/** A resource a Task declares (`spec.resources.inputs[]` / `outputs[]`). */
export interface TaskResource {
  name: string;
  type: PipelineResourceType;
  description?: string;
  targetPath?: string;
  optional?: boolean;
}

/** The PipelineResources a Task declares, by direction (`spec.resources`). */
export interface TaskResources {
  inputs?: TaskResource[];
  outputs?: TaskResource[];
}

/** One `spec.params[]` entry of a PipelineResource; Tekton matches the names case-insensitively. */
export interface ResourceParam {
  name: string;
  value: string;
}

/** One `spec.secrets[]` entry of a PipelineResource: key `secretKey` of Secret `secretName` supplies the field `fieldName`. */
export interface SecretParam {
  fieldName: string;
  secretKey: string;
  secretName: string;
}

/** What a PipelineResource is: its type, params and secrets (also a TaskRun binding's embedded `resourceSpec`). */
export interface PipelineResourceSpec {
  type: PipelineResourceType;
  description?: string;
  params?: ResourceParam[];
  secrets?: SecretParam[];
}

/** A `tekton.dev/v1alpha1` PipelineResource object, as a TaskRun binding's `resourceRef` names it. */
export interface PipelineResource {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: PipelineResourceSpec;
}

/** A reference to a PipelineResource by name (a binding's `resourceRef`, a result's `resourceRef`). */
export interface PipelineResourceRef {
  name: string;
  apiVersion?: string;
}

/** A TaskRun's binding of a declared resource (`spec.resources.inputs[]` / `outputs[]`). */
export interface TaskResourceBinding {
  name: string;
  resourceRef?: PipelineResourceRef;
  resourceSpec?: PipelineResourceSpec;
  paths?: string[];
}

/** A TaskRun's bindings of the Task's declared resources, by direction (`spec.resources`). */
export interface TaskRunResources {
  inputs?: TaskResourceBinding[];
  outputs?: TaskResourceBinding[];
}

/** A Task's `stepTemplate`: a Container whose fields steps inherit; it has no name of its own. */
export interface StepTemplate extends Omit<Container, "name"> {
  /** Tekton ignores a template's name; the type allows one because Container has it. */
  name?: string;
}

/**
 * The body of a Task — its steps, and the params, resources, workspaces, results, volumes,
 * step template and sidecars it declares. Also what a TaskRun embeds as `spec.taskSpec`.
 */
export interface TaskSpec {
  resources?: TaskResources;
  params?: ParamSpec[];
  description?: string;
  steps?: Step[];
  volumes?: Volume[];
  stepTemplate?: StepTemplate;
  sidecars?: Sidecar[];
  workspaces?: WorkspaceDeclaration[];
  results?: TaskResult[];
}

/** A `tekton.dev/v1beta1` Task or ClusterTask object. */
export interface Task {
  apiVersion?: string;
  kind?: "Task" | "ClusterTask" | (string & {});
  metadata?: ObjectMeta;
  spec: TaskSpec;
}

/**
 * A TaskRun's reference to the Task it runs (`spec.taskRef`): by name, a ClusterTask when
 * `kind` says so; `bundle` (an OCI bundle) is accepted only with `enable-tekton-oci-bundles`.
 */
export interface TaskRef {
  name?: string;
  kind?: "Task" | "ClusterTask" | (string & {});
  apiVersion?: string;
  bundle?: string;
}

/** The Pod template a TaskRun may carry (`spec.podTemplate`). */
export interface PodTemplate {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: Affinity;
  securityContext?: PodSecurityContext;
  volumes?: Volume[];
  runtimeClassName?: string;
  automountServiceAccountToken?: boolean;
  dnsPolicy?: string;
  dnsConfig?: PodDNSConfig;
  enableServiceLinks?: boolean;
  priorityClassName?: string;
  schedulerName?: string;
  imagePullSecrets?: LocalObjectReference[];
  hostNetwork?: boolean;
}

/**
 * What a TaskRun asks for (`spec`): the Task (referenced or embedded), the params, resources
 * and workspaces bound to it, the ServiceAccount it runs as, its timeout and Pod template.
 */
export interface TaskRunSpec {
  params?: Param[];
  resources?: TaskRunResources;
  serviceAccountName?: string;
  taskRef?: TaskRef;
  taskSpec?: TaskSpec;
  /** `"TaskRunCancelled"` asks for cancellation. */
  status?: string;
  /** Go duration string. */
  timeout?: string;
  podTemplate?: PodTemplate;
  workspaces?: WorkspaceBinding[];
}

/**
 * A Knative-style status condition. A TaskRun has one, of type `Succeeded`: `Unknown` while it
 * runs, then `True` or `False`, with a reason and message.
 */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown" | (string & {});
  severity?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The state of one step in `status.steps[]`: its container's state, with the step and container names and the image ID. */
export interface StepState extends ContainerState {
  name?: string;
  container?: string;
  imageID?: string;
}

/** The state of one sidecar in `status.sidecars[]`: its container's state, with the sidecar and container names and the image ID. */
export interface SidecarState extends ContainerState {
  name?: string;
  container?: string;
  imageID?: string;
}

/** A result the steps wrote, as it appears in `status.taskResults[]`. */
export interface TaskRunResult {
  name: string;
  value: string;
}

/**
 * A key/value pair a step reported in its termination message (a result, an image digest, a
 * git commit…), as it appears in `status.resourcesResult[]`; `type` says which kind it is
 * (`TaskRunResult`, `PipelineResourceResult`, `InternalTektonResult`).
 */
export interface PipelineResourceResult {
  key: string;
  value: string;
  resourceName?: string;
  type?: string;
  resourceRef?: PipelineResourceRef;
}

/** The delivery state of one cloud event the TaskRun sends to a cloudEvent output resource (`status.cloudEvents[]`). */
export interface CloudEventDelivery {
  target?: string;
  status?: { condition?: string; message?: string; retryCount?: number; sentAt?: string };
}

/**
 * The status the controller writes on a TaskRun: its `Succeeded` condition, Pod name, start and
 * completion times, step and sidecar states, results and resource results. What
 * `foldTaskRunStatus` computes.
 */
export interface TaskRunStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  annotations?: Record<string, string>;
  podName?: string;
  startTime?: string;
  completionTime?: string;
  steps?: StepState[];
  cloudEvents?: CloudEventDelivery[];
  retriesStatus?: TaskRunStatus[];
  resourcesResult?: PipelineResourceResult[];
  taskResults?: TaskRunResult[];
  sidecars?: SidecarState[];
  taskSpec?: TaskSpec;
}

/** A `tekton.dev/v1beta1` TaskRun object: what `compileTaskRun` turns into a Pod. */
export interface TaskRun {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: TaskRunSpec;
  status?: TaskRunStatus;
}

/** What a registry says about an image: its ENTRYPOINT, CMD and digest. */
export type ImageEntrypoint =
  | string[]
  | {
      entrypoint?: string[];
      cmd?: string[];
      /** `sha256:…` */
      digest?: string;
    };

/** Images Tekton injects; any key left out takes the v0.20.1 release default. */
export interface ImagesConfig {
  entrypointImage?: string;
  nopImage?: string;
  gitImage?: string;
  kubeconfigWriterImage?: string;
  shellImage?: string;
  gsutilImage?: string;
  buildGCSFetcherImage?: string;
  prImage?: string;
  imageDigestExporterImage?: string;
}

/** Cluster configuration: the `data` of Tekton's ConfigMaps, plus images and release. */
export interface CompileConfig {
  /** `config-defaults` data. */
  defaults?: Record<string, string>;
  /** `feature-flags` data. */
  featureFlags?: Record<string, string>;
  /** `config-artifact-pvc` data. */
  artifactPVC?: Record<string, string>;
  /** `config-artifact-bucket` data. */
  artifactBucket?: Record<string, string>;
  images?: ImagesConfig;
  /** Value of the `pipeline.tekton.dev/release` annotation. */
  version?: string;
}

/** Everything `compileTaskRun` needs; exactly the `input:` block of a conformance case. */
export interface CompileInput {
  taskRun: TaskRun;
  /** The Task or ClusterTask named by `spec.taskRef`. */
  task?: Task;
  limitRanges?: LimitRange[];
  serviceAccount?: ServiceAccount;
  secrets?: Secret[];
  pipelineResources?: PipelineResource[];
  /** Keyed by image as written in the step (after substitution), or fully qualified. */
  imageEntrypoints?: Record<string, ImageEntrypoint>;
  config?: CompileConfig;
}

export type { Container, LimitRange, ObjectMeta, PersistentVolumeClaim, Pod, Secret, ServiceAccount, Volume };
