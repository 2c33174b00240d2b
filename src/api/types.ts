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

/** Deeply read-only view of a value: what every public function promises not to change. */
export type Immutable<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly Immutable<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Immutable<T[K]> }
      : T;

export type ParamType = "string" | "array";

/** A value bound to a parameter: a string, or a list of strings for `type: array`. */
export type ParamValue = string | string[];

export interface ParamSpec {
  name: string;
  type?: ParamType;
  description?: string;
  default?: ParamValue;
}

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

export interface WorkspaceDeclaration {
  name: string;
  description?: string;
  mountPath?: string;
  readOnly?: boolean;
  optional?: boolean;
}

export interface WorkspaceBinding {
  name: string;
  subPath?: string;
  volumeClaimTemplate?: PersistentVolumeClaim;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
}

export interface TaskResult {
  name: string;
  description?: string;
}

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

export interface TaskResources {
  inputs?: TaskResource[];
  outputs?: TaskResource[];
}

export interface ResourceParam {
  name: string;
  value: string;
}

export interface SecretParam {
  fieldName: string;
  secretKey: string;
  secretName: string;
}

export interface PipelineResourceSpec {
  type: PipelineResourceType;
  description?: string;
  params?: ResourceParam[];
  secrets?: SecretParam[];
}

export interface PipelineResource {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: PipelineResourceSpec;
}

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

export interface TaskRunResources {
  inputs?: TaskResourceBinding[];
  outputs?: TaskResourceBinding[];
}

/** A Task's `stepTemplate`: a Container whose fields steps inherit; it has no name of its own. */
export type StepTemplate = Omit<Container, "name"> & { name?: string };

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

export interface Task {
  apiVersion?: string;
  kind?: "Task" | "ClusterTask" | (string & {});
  metadata?: ObjectMeta;
  spec: TaskSpec;
}

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

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown" | (string & {});
  severity?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface StepState extends ContainerState {
  name?: string;
  container?: string;
  imageID?: string;
}

export interface SidecarState extends ContainerState {
  name?: string;
  container?: string;
  imageID?: string;
}

export interface TaskRunResult {
  name: string;
  value: string;
}

export interface PipelineResourceResult {
  key: string;
  value: string;
  resourceName?: string;
  type?: string;
  resourceRef?: PipelineResourceRef;
}

export interface CloudEventDelivery {
  target?: string;
  status?: { condition?: string; message?: string; retryCount?: number; sentAt?: string };
}

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

export type { Pod, PersistentVolumeClaim, Container, Volume };
