/**
 * Tekton `tekton.dev/v1` object shapes (and the `tekton.dev/v1beta1` StepAction), on top of
 * `kubernetes-types`, with field names and meanings of Tekton Pipelines v1.12. The input of the
 * v1.12 profile: a v1 TaskRun/Task is used as is, a v1beta1 one is converted to these types first.
 */
import type {
  Affinity,
  ConfigMapVolumeSource,
  Container,
  ContainerPort,
  CSIVolumeSource,
  EmptyDirVolumeSource,
  EnvFromSource,
  EnvVar,
  HostAlias,
  Lifecycle,
  LimitRange,
  LocalObjectReference,
  PersistentVolumeClaim,
  PersistentVolumeClaimVolumeSource,
  PodDNSConfig,
  PodSecurityContext,
  Probe,
  ProjectedVolumeSource,
  ResourceRequirements,
  Secret,
  SecretVolumeSource,
  SecurityContext,
  ServiceAccount,
  Toleration,
  TopologySpreadConstraint,
  Volume,
  VolumeDevice,
  VolumeMount,
} from "kubernetes-types/core/v1.js";
import type { ObjectMeta } from "kubernetes-types/meta/v1.js";

export type { Immutable } from "../../api/types.js";

/** The type of a declared param or result; absent means `"string"`. */
export type ParamTypeV1 = "string" | "array" | "object";

/** A value bound to a param: a string, a list of strings (`array`) or a string map (`object`). */
export type ParamValueV1 = string | string[] | Record<string, string>;

/** One key of an `object` param or result (`properties.<key>`). */
export interface PropertySpec {
  type?: ParamTypeV1;
}

/** A param a Task or StepAction declares (`spec.params[]`). */
export interface ParamSpecV1 {
  name: string;
  type?: ParamTypeV1;
  description?: string;
  properties?: Record<string, PropertySpec>;
  default?: ParamValueV1;
  /** Allowed values of a string param (`enable-param-enum`). */
  enum?: string[];
}

/** A value bound to a param (TaskRun `spec.params[]`, a step's `params[]`, a ref's `params[]`). */
export interface ParamV1 {
  name: string;
  value: ParamValueV1;
}

/** A result a Task declares (`spec.results[]`); `value` names a step result it is taken from. */
export interface TaskResultV1 {
  name: string;
  type?: ParamTypeV1;
  properties?: Record<string, PropertySpec>;
  description?: string;
  value?: ParamValueV1;
}

/** A result a step or StepAction declares (`steps[].results[]`), written under `/tekton/steps/<step>/results`. */
export interface StepResult {
  name: string;
  type?: ParamTypeV1;
  properties?: Record<string, PropertySpec>;
  description?: string;
}

/** Where a step's stdout or stderr is also written (`stdoutConfig` / `stderrConfig`). */
export interface StepOutputConfig {
  path?: string;
}

/** A step's use of a declared workspace (`steps[].workspaces[]`, isolated workspaces). */
export interface WorkspaceUsage {
  name: string;
  mountPath?: string;
}

/** A reference to a StepAction: by name in the namespace, or through a resolver. */
export interface StepRef {
  name?: string;
  resolver?: string;
  params?: ParamV1[];
}

/** A `when` expression (`steps[].when[]`). */
export interface WhenExpression {
  input?: string;
  operator?: string;
  values?: string[];
  cel?: string;
}

/** A v1 Task step: the Container fields Tekton keeps, plus its own. */
export interface StepV1 {
  name?: string;
  displayName?: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  envFrom?: EnvFromSource[];
  env?: EnvVar[];
  computeResources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  volumeDevices?: VolumeDevice[];
  imagePullPolicy?: string;
  securityContext?: SecurityContext;
  script?: string;
  /** Go duration string. */
  timeout?: string;
  workspaces?: WorkspaceUsage[];
  /** `"continue"` or `"stopAndFail"`. */
  onError?: string;
  stdoutConfig?: StepOutputConfig;
  stderrConfig?: StepOutputConfig;
  ref?: StepRef;
  params?: ParamV1[];
  results?: StepResult[];
  when?: WhenExpression[];
}

/** A v1 `stepTemplate`: the Container fields steps inherit. */
export interface StepTemplateV1 {
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  envFrom?: EnvFromSource[];
  env?: EnvVar[];
  computeResources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  volumeDevices?: VolumeDevice[];
  imagePullPolicy?: string;
  securityContext?: SecurityContext;
}

/** A v1 sidecar: nearly a whole Container, plus `script`, `workspaces` and `restartPolicy`. */
export interface SidecarV1 {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  envFrom?: EnvFromSource[];
  env?: EnvVar[];
  computeResources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  volumeDevices?: VolumeDevice[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: Lifecycle;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  imagePullPolicy?: string;
  securityContext?: SecurityContext;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  script?: string;
  workspaces?: WorkspaceUsage[];
  restartPolicy?: string;
}

/** A workspace a Task declares (`spec.workspaces[]`). */
export interface WorkspaceDeclarationV1 {
  name: string;
  description?: string;
  mountPath?: string;
  readOnly?: boolean;
  optional?: boolean;
}

/** What a TaskRun binds a declared workspace to (`spec.workspaces[]`). */
export interface WorkspaceBindingV1 {
  name: string;
  subPath?: string;
  volumeClaimTemplate?: PersistentVolumeClaim;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
  configMap?: ConfigMapVolumeSource;
  secret?: SecretVolumeSource;
  projected?: ProjectedVolumeSource;
  csi?: CSIVolumeSource;
}

/** The body of a v1 Task, also what a TaskRun embeds as `spec.taskSpec`. */
export interface TaskSpecV1 {
  params?: ParamSpecV1[];
  displayName?: string;
  description?: string;
  steps?: StepV1[];
  volumes?: Volume[];
  stepTemplate?: StepTemplateV1;
  sidecars?: SidecarV1[];
  workspaces?: WorkspaceDeclarationV1[];
  results?: TaskResultV1[];
}

/** A `tekton.dev/v1` Task. */
export interface TaskV1 {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: TaskSpecV1;
}

/** A TaskRun's reference to its Task: by name, or through a resolver (remote). */
export interface TaskRefV1 {
  name?: string;
  kind?: string;
  apiVersion?: string;
  resolver?: string;
  params?: ParamV1[];
}

/** The Pod template a v1 TaskRun may carry (`spec.podTemplate`). */
export interface PodTemplateV1 {
  nodeSelector?: Record<string, string>;
  env?: EnvVar[];
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
  hostAliases?: HostAlias[];
  hostNetwork?: boolean;
  topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** A per-step compute-resources override (`spec.stepSpecs[]`). */
export interface TaskRunStepSpec {
  name: string;
  computeResources?: ResourceRequirements;
}

/** A per-sidecar compute-resources override (`spec.sidecarSpecs[]`). */
export interface TaskRunSidecarSpec {
  name: string;
  computeResources?: ResourceRequirements;
}

/** The debug options of a TaskRun (`spec.debug`). */
export interface TaskRunDebug {
  breakpoints?: { onFailure?: string; beforeSteps?: string[] };
}

/** What a v1 TaskRun asks for (`spec`). */
export interface TaskRunSpecV1 {
  debug?: TaskRunDebug;
  params?: ParamV1[];
  serviceAccountName?: string;
  taskRef?: TaskRefV1;
  taskSpec?: TaskSpecV1;
  /** `"TaskRunCancelled"` or `"TaskRunPending"`. */
  status?: string;
  statusMessage?: string;
  retries?: number;
  /** Go duration string. */
  timeout?: string;
  podTemplate?: PodTemplateV1;
  workspaces?: WorkspaceBindingV1[];
  stepSpecs?: TaskRunStepSpec[];
  sidecarSpecs?: TaskRunSidecarSpec[];
  computeResources?: ResourceRequirements;
  managedBy?: string;
}

/** A `tekton.dev/v1` TaskRun. Its status is read only by the fold, which types it itself. */
export interface TaskRunV1 {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: TaskRunSpecV1;
  status?: Record<string, unknown>;
}

/** The body of a StepAction: one step's image, command or script, params and results. */
export interface StepActionSpec {
  description?: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  script?: string;
  workingDir?: string;
  params?: ParamSpecV1[];
  results?: StepResult[];
  securityContext?: SecurityContext;
  volumeMounts?: VolumeMount[];
}

/** A `tekton.dev/v1beta1` (or `v1alpha1`) StepAction, referenced by a step's `ref.name`. */
export interface StepAction {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: StepActionSpec;
}

/** One platform of a multi-platform image: `"os/arch[/variant]"`, or that with its own entrypoint and cmd. */
export type ImagePlatform =
  | string
  | {
      os?: string;
      architecture?: string;
      variant?: string;
      entrypoint?: string[];
      cmd?: string[];
    };

/** What a registry says about an image: its ENTRYPOINT (a list), or the full description. */
export type ImageEntrypointV112 =
  | string[]
  | {
      entrypoint?: string[];
      cmd?: string[];
      /** `sha256:…` */
      digest?: string;
      os?: string;
      architecture?: string;
      variant?: string;
      /** Present when the reference is a multi-platform index. */
      platforms?: ImagePlatform[];
    };

/** Images Tekton v1.12 injects; any key left out takes the v1.12.2 release default. */
export interface ImagesConfigV112 {
  entrypointImage?: string;
  sidecarLogResultsImage?: string;
  nopImage?: string;
  shellImage?: string;
  shellImageWin?: string;
  workingDirInitImage?: string;
}

/** Cluster configuration for v1.12: the `data` of Tekton's ConfigMaps, images, release and Kubernetes version. */
export interface CompileConfigV112 {
  /** `config-defaults` data. */
  defaults?: Record<string, string>;
  /** `feature-flags` data. */
  featureFlags?: Record<string, string>;
  images?: ImagesConfigV112;
  /** Value of the `pipeline.tekton.dev/release` annotation. */
  version?: string;
  /** The cluster's Kubernetes version (`v1.34.0` when absent); read only with `enable-kubernetes-sidecar`. */
  kubernetesVersion?: string;
}

/**
 * Everything the v1.12 compile needs: a conformance case's `input:` block. `taskRun` and `task`
 * are `tekton.dev/v1` or `tekton.dev/v1beta1`; their shape is checked by the profile.
 */
export interface CompileInputV112 {
  taskRun: unknown;
  /** The Task named by `spec.taskRef`. */
  task?: unknown;
  stepActions?: StepAction[];
  limitRanges?: LimitRange[];
  serviceAccount?: ServiceAccount;
  secrets?: Secret[];
  /** Keyed by image as written in the step (after substitution), or fully qualified. */
  imageEntrypoints?: Record<string, ImageEntrypointV112>;
  config?: CompileConfigV112;
}

export type { Container };
