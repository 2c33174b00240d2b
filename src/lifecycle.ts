/**
 * The public controller lifecycle helpers around the fold — readiness, sidecar stop, start,
 * timeout, cancel — with the same per-call choice of Tekton release as `compileTaskRun` and
 * `foldTaskRunStatus`. The release is read once per call (`releaseOf`, src/profiles.ts) and
 * picks that release's helpers from the table below; no helper asks which release it runs for.
 * Helpers Tekton did not change between releases (`sidecarsReady`, the timeout checks) live in
 * src/status-shared/ and appear in every row.
 */
import type { Immutable, Pod, TaskRun, TaskRunStatus } from "./api/types.js";
import { formatGoDuration } from "./k8s/duration.js";
import { releaseOf, type TektonRelease } from "./profiles.js";
import {
  type TimeoutOptions as SharedTimeoutOptions,
  hasTimedOut as sharedHasTimedOut,
  taskRunTimeout as sharedTaskRunTimeout,
} from "./status-shared/check-timeout.js";
import type { JsonPatchOperation } from "./status-shared/json-patch.js";
import type { Now } from "./status-shared/require-now.js";
import { sidecarsReady as sharedSidecarsReady } from "./status-shared/sidecars-ready.js";
import * as v0201 from "./v0.20.1/status/index.js";
import type { TaskRunV1 } from "./v1.12/api/types.js";
import * as v112 from "./v1.12/status/index.js";

/** Options of every lifecycle helper. */
export interface LifecycleOptions<R extends TektonRelease = TektonRelease> {
  /** The Tekton release whose controller is reproduced; `"v0.20.1"` when absent. */
  readonly tekton?: R;
}

/** Options of {@link readyAnnotationPatch}. */
export interface ReadyPatchOptions<R extends TektonRelease = TektonRelease> extends LifecycleOptions<R> {
  /**
   * The Pod to patch. Tekton v1.12 sends no patch when its `tekton.dev/ready` annotation is
   * already `READY`; v0.20.1 always patches and ignores it.
   */
  readonly pod?: Immutable<Pod>;
}

/** The cluster configuration the sidecar stop reads (only Tekton v1.12 reads any). */
export interface SidecarStopConfig {
  /**
   * Data of ConfigMap `feature-flags`: `results-from: sidecar-logs` keeps the results sidecar
   * running, `enable-kubernetes-sidecar: "true"` stops nothing (native sidecars).
   */
  readonly featureFlags?: Readonly<Record<string, string>>;
}

/** Options of {@link stopSidecars} and {@link sidecarsToStop}. */
export interface SidecarStopOptions<R extends TektonRelease = TektonRelease> extends LifecycleOptions<R> {
  /** Ignored for v0.20.1, which has neither flag. */
  readonly config?: SidecarStopConfig;
}

/** Options of the timeout helpers: the default timeout, and the release. */
export interface TimeoutOptions<R extends TektonRelease = TektonRelease>
  extends SharedTimeoutOptions,
    LifecycleOptions<R> {}

/**
 * Options of {@link timeout}: those of the other timeout helpers and, read by Tekton v1.12 only,
 * the Pod whose step states v1.12 reads just before it times the run out.
 */
export interface TimeoutStatusOptions<R extends TektonRelease = TektonRelease> extends TimeoutOptions<R> {
  /**
   * The TaskRun's Pod, as last seen (v1.12 only; v0.20.1 does not look at the Pod). v1.12 first
   * refreshes `status.steps` from it as the fold would — only the steps — so a step that ended
   * since the last fold keeps its real ending. Used only when its `metadata.name` is
   * `status.podName`; absent, the recorded steps are stopped as they are.
   */
  readonly pod?: Immutable<Pod> | undefined;
  /**
   * `defaults` (data of `config-defaults`) gives the default timeout; `featureFlags` (data of
   * `feature-flags`) is what the v1.12 refresh reads the Pod with, as the fold does.
   */
  readonly config?: {
    readonly defaults?: Readonly<Record<string, string>>;
    readonly featureFlags?: Readonly<Record<string, string>>;
  };
}

/** A TaskRun of any release: `tekton.dev/v1beta1`, or `tekton.dev/v1` for v1.12. */
type AnyTaskRun = Immutable<TaskRun> | Immutable<TaskRunV1>;

/** The status a v1.12 helper writes: v1, or v1beta1 for a `tekton.dev/v1beta1` TaskRun. */
type StatusV112 = v112.TaskRunStatus | v112.TaskRunStatusV1beta1;

/** What one release's controller does around the fold. */
interface Lifecycle {
  sidecarsReady(pod: Immutable<Pod>): boolean;
  readyAnnotationPatch(pod: Immutable<Pod> | undefined): JsonPatchOperation[];
  sidecarsToStop(pod: Immutable<Pod>, nopImage: string, config: SidecarStopConfig | undefined): string[];
  stopSidecars(pod: Immutable<Pod>, nopImage: string, config: SidecarStopConfig | undefined): Pod;
  initializeTaskRunStatus(taskRun: AnyTaskRun, now: Now): TaskRunStatus | StatusV112;
  taskRunTimeout(taskRun: AnyTaskRun, options: SharedTimeoutOptions): bigint;
  hasTimedOut(taskRun: AnyTaskRun, now: Now, options: SharedTimeoutOptions): boolean;
  cancel(taskRun: AnyTaskRun, now: Now): TaskRunStatus | StatusV112;
  timeout(taskRun: AnyTaskRun, now: Now, options: TimeoutStatusOptions): TaskRunStatus | StatusV112;
}

// The v0.20.1 helpers read a v1beta1 TaskRun; a v1 one reads as the data it is (fields it lacks
// are Go's zero values), which is what their total readers do with any input.
const asV1beta1 = (taskRun: AnyTaskRun) => taskRun as Immutable<TaskRun>;

const LIFECYCLES = {
  "v0.20.1": {
    sidecarsReady: sharedSidecarsReady,
    readyAnnotationPatch: () => v0201.readyAnnotationPatch(),
    sidecarsToStop: (pod, nopImage) => v0201.sidecarsToStop(pod, nopImage),
    stopSidecars: (pod, nopImage) => v0201.stopSidecars(pod, nopImage),
    initializeTaskRunStatus: (taskRun, now) => v0201.initializeTaskRunStatus(asV1beta1(taskRun), now),
    taskRunTimeout: (taskRun, options) => sharedTaskRunTimeout(asV1beta1(taskRun), options),
    hasTimedOut: (taskRun, now, options) => sharedHasTimedOut(asV1beta1(taskRun), now, options),
    cancel: (taskRun, now) => v0201.cancel(asV1beta1(taskRun), now),
    timeout: (taskRun, now, options) => v0201.timeout(asV1beta1(taskRun), now, options),
  },
  "v1.12": {
    sidecarsReady: sharedSidecarsReady,
    readyAnnotationPatch: (pod) => v112.readyAnnotationPatch(pod),
    sidecarsToStop: (pod, nopImage, config) => v112.sidecarsToStop(pod, nopImage, config),
    stopSidecars: (pod, nopImage, config) => v112.stopSidecars(pod, nopImage, config),
    initializeTaskRunStatus: (taskRun, now) => v112.initializeTaskRunStatus(taskRun, now),
    taskRunTimeout: (taskRun, options) => sharedTaskRunTimeout(asV1beta1(taskRun), options),
    hasTimedOut: (taskRun, now, options) => sharedHasTimedOut(asV1beta1(taskRun), now, options),
    cancel: (taskRun, now) => v112.cancel(taskRun, now),
    timeout: (taskRun, now, options) => v112.timeout(taskRun, now, options),
  },
} as const satisfies Record<TektonRelease, Lifecycle>;

function lifecycleOf(options: object | undefined): Lifecycle {
  return LIFECYCLES[releaseOf(options)];
}

/**
 * Whether the Pod is Running and every container that is not a step is running and ready, or
 * terminated — when the controller lets the first step start. Injected sidecars count too: they
 * need not carry the `sidecar-` prefix. The same test in every supported release; never throws
 * on any Pod (only on an unknown `options.tekton`).
 *
 * @example
 * ```ts
 * if (sidecarsReady(pod, { tekton: "v1.12" })) await client.patch(pod, readyAnnotationPatch({ tekton: "v1.12", pod }));
 * ```
 */
export function sidecarsReady(pod: Immutable<Pod>, options?: LifecycleOptions): boolean {
  return lifecycleOf(options).sidecarsReady(pod);
}

/**
 * The JSON Patch (RFC 6902, `application/json-patch+json`) that marks the Pod ready:
 * `[{"op":"add","path":"/metadata/annotations/tekton.dev~1ready","value":"READY"}]` — an `add`
 * where Tekton sends `replace`, since the annotation does not exist yet on a Pod with sidecars
 * and a strict applier refuses to replace a missing member. With `tekton: "v1.12"` and a `pod`
 * whose annotation is already `READY`, it is `[]`: v1.12 sends no patch then.
 *
 * @example
 * ```ts
 * JSON.stringify(readyAnnotationPatch()); // always the patch (v0.20.1)
 * readyAnnotationPatch({ tekton: "v1.12", pod }); // [] when pod is already READY
 * ```
 */
export function readyAnnotationPatch(options?: ReadyPatchOptions): JsonPatchOperation[] {
  return lifecycleOf(options).readyAnnotationPatch(options?.pod);
}

/**
 * Names of the containers {@link stopSidecars} switches to `nopImage`: for v0.20.1 every running
 * non-step container, in `spec.containers` order; for v1.12 the same in `status.containerStatuses`
 * order, except the results sidecar under `results-from: sidecar-logs`, and none at all under
 * `enable-kubernetes-sidecar` (read from `options.config.featureFlags`).
 *
 * @example
 * ```ts
 * sidecarsToStop(pod, nopImage); // ["sidecar-db", "istio-proxy"]
 * sidecarsToStop(pod, nopImage, { tekton: "v1.12", config: { featureFlags: { "enable-kubernetes-sidecar": "true" } } }); // []
 * ```
 */
export function sidecarsToStop(pod: Immutable<Pod>, nopImage: string, options?: SidecarStopOptions): string[] {
  return lifecycleOf(options).sidecarsToStop(pod, nopImage, options?.config);
}

/**
 * A copy of the Pod in which the sidecars {@link sidecarsToStop} names run `nopImage` (v0.20.1:
 * every container of that name; v1.12: the first of that name not already on it). Only a
 * Running Pod changes. The input is not modified and shares nothing with the result.
 *
 * @example
 * ```ts
 * const updated = stopSidecars(pod, "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/nop:v0.20.1");
 * const v112 = stopSidecars(pod, nopImage, { tekton: "v1.12", config: { featureFlags: { "results-from": "sidecar-logs" } } });
 * ```
 */
export function stopSidecars(pod: Immutable<Pod>, nopImage: string, options?: SidecarStopOptions): Pod {
  return lifecycleOf(options).stopSidecars(pod, nopImage, options?.config);
}

/**
 * The TaskRun's status after the controller's first look at it at `now`: when it has no
 * `status.startTime`, `startTime` is set (not before `creationTimestamp`) and `Succeeded` is
 * Unknown with reason `Started`; a started run keeps its status. With `tekton: "v1.12"` the
 * status is in the TaskRun's own version (v1, or v1beta1), and a pending TaskRun
 * (`spec.status: TaskRunPending`) is not started.
 *
 * @example
 * ```ts
 * initializeTaskRunStatus(taskRun, "2020-12-01T10:00:00Z").startTime; // "2020-12-01T10:00:00Z"
 * initializeTaskRunStatus(v1TaskRun, "2026-01-15T10:00:00Z", { tekton: "v1.12" }).conditions?.[0]?.reason; // "Started"
 * ```
 */
export function initializeTaskRunStatus(
  taskRun: Immutable<TaskRun>,
  now: Now,
  options?: LifecycleOptions<"v0.20.1">,
): TaskRunStatus;
/** Tekton v1.12: the status in the TaskRun's own version. */
export function initializeTaskRunStatus(
  taskRun: AnyTaskRun,
  now: Now,
  options: LifecycleOptions<"v1.12"> & { readonly tekton: "v1.12" },
): StatusV112;
/** A release chosen at run time. */
export function initializeTaskRunStatus(
  taskRun: AnyTaskRun,
  now: Now,
  options?: LifecycleOptions,
): TaskRunStatus | StatusV112;
export function initializeTaskRunStatus(
  taskRun: AnyTaskRun,
  now: Now,
  options?: LifecycleOptions,
): TaskRunStatus | StatusV112 {
  return lifecycleOf(options).initializeTaskRunStatus(taskRun, now);
}

/**
 * The TaskRun's timeout in nanoseconds: `spec.timeout`, else `options.defaultTimeoutMinutes`,
 * else `default-timeout-minutes` of `options.config.defaults`, else 60 minutes (the same rules in
 * every supported release). A bigint; see {@link taskRunTimeoutDuration} and
 * {@link taskRunTimeoutMilliseconds} for forms `JSON.stringify` accepts. Throws a `CompileError`
 * when `spec.timeout` is not a Go duration.
 *
 * @example
 * ```ts
 * taskRunTimeout({ spec: { timeout: "1h30m" } }); // 5_400_000_000_000n
 * ```
 */
export function taskRunTimeout(taskRun: AnyTaskRun, options: TimeoutOptions = {}): bigint {
  return lifecycleOf(options).taskRunTimeout(taskRun, options);
}

/**
 * The TaskRun's timeout as Go prints a duration (`"1h0m0s"`, `"0s"` for none) — the form
 * Tekton's messages use.
 *
 * @example
 * ```ts
 * taskRunTimeoutDuration({ spec: { timeout: "90s" } }, { tekton: "v1.12" }); // "1m30s"
 * ```
 */
export function taskRunTimeoutDuration(taskRun: AnyTaskRun, options: TimeoutOptions = {}): string {
  return formatGoDuration(taskRunTimeout(taskRun, options));
}

/**
 * The TaskRun's timeout in whole milliseconds (0: no timeout), for timers and JSON.
 *
 * @example
 * ```ts
 * taskRunTimeoutMilliseconds({ spec: { timeout: "1h" } }); // 3_600_000
 * ```
 */
export function taskRunTimeoutMilliseconds(taskRun: AnyTaskRun, options: TimeoutOptions = {}): number {
  return Number(taskRunTimeout(taskRun, options) / 1_000_000n);
}

/**
 * Whether the TaskRun has run longer than its timeout at `now`: `false` without
 * `status.startTime` and when the timeout is 0 (the same rules in every supported release).
 *
 * @example
 * ```ts
 * hasTimedOut({ spec: { timeout: "10m" }, status: { startTime: "2020-12-01T10:00:00Z" } }, "2020-12-01T10:10:01Z"); // true
 * ```
 */
export function hasTimedOut(taskRun: AnyTaskRun, now: Now, options: TimeoutOptions = {}): boolean {
  return lifecycleOf(options).hasTimedOut(taskRun, now, options);
}

/**
 * The status after the controller cancels the TaskRun at `now`: `Succeeded` False with reason
 * `TaskRunCancelled`, `completionTime` now, and the steps still running or waiting terminated.
 * The message is `TaskRun "build" was cancelled` for v0.20.1; v1.12 appends `. ` and
 * `spec.statusMessage`, and also gives the terminated steps a message, `terminationReason`
 * and a start time. Neither release reads the Pod to cancel (v1.12 does before a timeout only:
 * see {@link timeout}).
 *
 * @example
 * ```ts
 * cancel(taskRun, "2020-12-01T10:05:00Z").conditions?.[0]?.message; // 'TaskRun "build" was cancelled'
 * cancel(v1TaskRun, "2026-01-15T10:05:00Z", { tekton: "v1.12" }).conditions?.[0]?.message; // 'TaskRun "build" was cancelled. '
 * ```
 */
export function cancel(taskRun: Immutable<TaskRun>, now: Now, options?: LifecycleOptions<"v0.20.1">): TaskRunStatus;
/** Tekton v1.12: the status in the TaskRun's own version. */
export function cancel(
  taskRun: AnyTaskRun,
  now: Now,
  options: LifecycleOptions<"v1.12"> & { readonly tekton: "v1.12" },
): StatusV112;
/** A release chosen at run time. */
export function cancel(taskRun: AnyTaskRun, now: Now, options?: LifecycleOptions): TaskRunStatus | StatusV112;
export function cancel(taskRun: AnyTaskRun, now: Now, options?: LifecycleOptions): TaskRunStatus | StatusV112 {
  return lifecycleOf(options).cancel(taskRun, now);
}

/**
 * The status after the controller times the TaskRun out at `now`: reason `TaskRunTimeout`,
 * message `TaskRun "build" failed to finish within "1h0m0s"`, steps terminated as by
 * {@link cancel} for the release. With `tekton: "v1.12"` and `options.pod`, the steps are first
 * read from the Pod as v1.12 does (see {@link TimeoutStatusOptions}); v0.20.1 stops the recorded
 * steps as they are. Throws a `CompileError` if `spec.timeout` is not a Go duration.
 *
 * @example
 * ```ts
 * timeout(taskRun, "2020-12-01T11:00:01Z").conditions?.[0]?.message; // 'TaskRun "build" failed to finish within "1h0m0s"'
 * timeout(v1TaskRun, "2026-01-15T11:00:01Z", { tekton: "v1.12", pod }).steps?.[0]?.terminationReason; // "TaskRunTimeout"
 * ```
 */
export function timeout(
  taskRun: Immutable<TaskRun>,
  now: Now,
  options?: TimeoutStatusOptions<"v0.20.1">,
): TaskRunStatus;
/** Tekton v1.12: the status in the TaskRun's own version. */
export function timeout(
  taskRun: AnyTaskRun,
  now: Now,
  options: TimeoutStatusOptions<"v1.12"> & { readonly tekton: "v1.12" },
): StatusV112;
/** A release chosen at run time. */
export function timeout(taskRun: AnyTaskRun, now: Now, options?: TimeoutStatusOptions): TaskRunStatus | StatusV112;
export function timeout(taskRun: AnyTaskRun, now: Now, options: TimeoutStatusOptions = {}): TaskRunStatus | StatusV112 {
  return lifecycleOf(options).timeout(taskRun, now, options);
}

export type { JsonPatchOperation };
