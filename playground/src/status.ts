/**
 * The Status tab's what-if: give each step an outcome, get the Pod status a kubelet would
 * report for it, and fold that into the TaskRun status with the library. Times are fixed (the
 * Pod starts at {@link START}, step i runs from START + 10·i s for 5 s) so a shared link always
 * shows the same status.
 */
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.js";
import {
  type FoldResult,
  type FoldResultV112,
  foldTaskRunStatusWithWarnings,
  type TaskRun,
  type TektonRelease,
} from "../../dist/index.js";

/** What happens to one step. */
export type StepOutcome = "succeeded" | "failed" | "oom" | "running" | "waiting";

/** The outcomes, with how the page names them. */
export const STEP_OUTCOMES: readonly { readonly value: StepOutcome; readonly label: string }[] = [
  { value: "succeeded", label: "succeeds (exit 0)" },
  { value: "failed", label: "fails (exit 1)" },
  { value: "oom", label: "is OOMKilled (exit 137)" },
  { value: "running", label: "is running" },
  { value: "waiting", label: "has not started" },
];

/** When the simulated Pod starts. */
export const START = Date.UTC(2020, 0, 1, 10, 0, 0);

const time = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The step containers of a Pod, in order. */
export function stepNames(pod: Pod): string[] {
  return (pod.spec?.containers ?? []).map((c) => c.name).filter((name) => name.startsWith("step-"));
}

/** Whether `value` is one of the outcomes. */
export function isStepOutcome(value: unknown): value is StepOutcome {
  return STEP_OUTCOMES.some((o) => o.value === value);
}

/** The outcome of `step` in `outcomes`, `succeeded` when not given. */
export function outcomeOf(outcomes: Readonly<Record<string, StepOutcome>>, step: string): StepOutcome {
  return Object.hasOwn(outcomes, step) ? (outcomes[step] as StepOutcome) : "succeeded";
}

/** The compiled Pod with the status it would have if its steps ended as `outcomes` say. */
export function simulatePod(pod: Pod, outcomes: Readonly<Record<string, StepOutcome>>): Pod {
  const steps = stepNames(pod);
  const statuses: ContainerStatus[] = (pod.spec?.containers ?? []).map((container) => {
    const image = container.image ?? "";
    const base = { name: container.name, image, imageID: `docker-pullable://${image}`, restartCount: 0 };
    const index = steps.indexOf(container.name);
    if (index === -1) {
      return { ...base, ready: true, started: true, state: { running: { startedAt: time(START) } } };
    }
    const startedAt = START + 10_000 * index;
    const outcome = outcomeOf(outcomes, container.name);
    if (outcome === "waiting") return { ...base, ready: false, state: { waiting: { reason: "PodInitializing" } } };
    if (outcome === "running")
      return { ...base, ready: true, started: true, state: { running: { startedAt: time(startedAt) } } };
    const exitCode = outcome === "succeeded" ? 0 : outcome === "oom" ? 137 : 1;
    const reason = outcome === "succeeded" ? "Completed" : outcome === "oom" ? "OOMKilled" : "Error";
    const message = JSON.stringify([
      { key: "StartedAt", value: new Date(startedAt + 500).toISOString(), type: "InternalTektonResult" },
    ]);
    return {
      ...base,
      ready: false,
      started: false,
      state: {
        terminated: { exitCode, reason, startedAt: time(startedAt), finishedAt: time(startedAt + 5_000), message },
      },
    };
  });
  const ends = steps.map((s) => outcomeOf(outcomes, s));
  const phase = ends.some((o) => o === "failed" || o === "oom")
    ? "Failed"
    : ends.every((o) => o === "succeeded")
      ? "Succeeded"
      : ends.every((o) => o === "waiting")
        ? "Pending"
        : "Running";
  return { ...pod, status: { phase, startTime: time(START), containerStatuses: statuses } };
}

/** The moment the status is folded at: after every step could have ended. */
export function foldTime(pod: Pod): string {
  return time(START + 10_000 * stepNames(pod).length + 1_000);
}

/** Folds the simulated Pod into the TaskRun status `tekton` would write. */
export function foldOutcomes(
  taskRun: TaskRun,
  pod: Pod,
  outcomes: Readonly<Record<string, StepOutcome>>,
  tekton: TektonRelease,
): { readonly pod: Pod; readonly result: FoldResult | FoldResultV112; readonly now: string } {
  const simulated = simulatePod(pod, outcomes);
  const now = foldTime(pod);
  const withStart: TaskRun = {
    ...taskRun,
    status: { ...(taskRun.status ?? {}), startTime: time(START), podName: pod.metadata?.name ?? "" },
  };
  return {
    pod: simulated,
    now,
    result: foldTaskRunStatusWithWarnings({ taskRun: withStart, pod: simulated }, { now, tekton }),
  };
}
