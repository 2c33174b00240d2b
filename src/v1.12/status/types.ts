/** Types of Tekton v1.12's status fold: its input and the v1 / v1beta1 `TaskRunStatus` it writes. */
import type { ContainerState } from "kubernetes-types/core/v1.js";
import type { Condition, Immutable, Pod, TaskRun, TaskSpec } from "../../api/types.js";
import type { Issue } from "../../errors.js";
import type { Now } from "../../status-shared/require-now.js";
import type { TaskRunV1, TaskSpecV1 } from "../api/types.js";

export type { Now };

/** The feature flags that change what `MakeTaskRunStatus` writes (data of ConfigMap `feature-flags`). */
export interface FoldConfig {
  readonly featureFlags?: Readonly<Record<string, string>>;
}

/** What the fold reads: the TaskRun (its current `status`, if any), its Pod with status, and the feature flags. */
export interface FoldInput {
  /** A `tekton.dev/v1` TaskRun, or a `tekton.dev/v1beta1` one (its status is then read and written as v1beta1). */
  readonly taskRun: Immutable<TaskRunV1> | Immutable<TaskRun>;
  readonly pod: Immutable<Pod>;
  readonly config?: FoldConfig;
}

/** Options of the status fold. */
export interface FoldOptions {
  /** Stands in for `time.Now()`: used for `completionTime` and changed conditions. */
  readonly now: Now;
}

/** The value of a typed result: `string`, `array` (of strings) or `object` (string values). */
export type ResultValue = string | string[] | Record<string, string>;

/** A Task result in `status.results[]` (v1) or `status.taskResults[]` (v1beta1). */
export interface TaskRunResult {
  name: string;
  /** `string`, `array` or `object`. */
  type?: string;
  value: ResultValue;
}

/** A step result in `status.steps[].results[]`. */
export type TaskRunStepResult = TaskRunResult;

/** One value of an artifact: digests by algorithm and where to fetch it. */
export interface ArtifactValue {
  digest?: Record<string, string>;
  uri?: string;
}

/** An artifact a step consumed or produced. */
export interface Artifact {
  name?: string;
  values?: ArtifactValue[];
  buildOutput?: boolean;
}

/** The artifacts of a TaskRun (`status.artifacts`). */
export interface Artifacts {
  inputs?: Artifact[];
  outputs?: Artifact[];
}

/** Where a step's or the TaskRun's definition came from, and the feature flags it ran with (copied through). */
export type Provenance = Record<string, unknown>;

/** A step in `status.steps[]` of a `tekton.dev/v1` TaskRun. */
export interface StepState extends ContainerState {
  name?: string;
  container?: string;
  imageID?: string;
  results?: TaskRunStepResult[];
  provenance?: Provenance;
  /** Why the step ended: the entrypoint's `Reason` (`Skipped`, `Cancelled`, `TimeoutExceeded`), `Continued`, or the container's reason. */
  terminationReason?: string;
  inputs?: Artifact[];
  outputs?: Artifact[];
}

/** A step in `status.steps[]` of a `tekton.dev/v1beta1` TaskRun (no `terminationReason`). */
export type StepStateV1beta1 = Omit<StepState, "terminationReason">;

/** A sidecar in `status.sidecars[]`. */
export interface SidecarState extends ContainerState {
  name?: string;
  container?: string;
  imageID?: string;
}

/** The status Tekton v1.12 writes on a `tekton.dev/v1` TaskRun. */
export interface TaskRunStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  annotations?: Record<string, string>;
  podName: string;
  startTime?: string;
  completionTime?: string;
  steps?: StepState[];
  retriesStatus?: TaskRunStatus[];
  results?: TaskRunResult[];
  artifacts?: Artifacts;
  sidecars?: SidecarState[];
  /** The resolved Task spec, copied through. */
  taskSpec?: TaskSpecV1;
  provenance?: Provenance;
  spanContext?: Record<string, string>;
}

/** The same status as a `tekton.dev/v1beta1` client reads it back. */
export interface TaskRunStatusV1beta1 {
  observedGeneration?: number;
  conditions?: Condition[];
  annotations?: Record<string, string>;
  podName: string;
  startTime?: string;
  completionTime?: string;
  steps?: StepStateV1beta1[];
  cloudEvents?: Record<string, unknown>[];
  retriesStatus?: TaskRunStatusV1beta1[];
  resourcesResult?: Record<string, unknown>[];
  taskResults?: TaskRunResult[];
  sidecars?: SidecarState[];
  /** The resolved Task spec, as the v1beta1 TaskRun had it. */
  taskSpec?: TaskSpec;
  provenance?: Provenance;
}

/** The status, in the TaskRun's own version, together with what the controller would only have logged. */
export interface FoldResult {
  readonly status: TaskRunStatus | TaskRunStatusV1beta1;
  /**
   * Problems that do not stop the fold: a termination message that is not Tekton's JSON, an
   * unparsable `StartedAt` or `ExitCode` entry, results the fold cannot read (sidecar logs).
   * Tekton v1.12 logs these (and returns them as an error) and still writes the status.
   */
  readonly warnings: readonly Issue[];
}
