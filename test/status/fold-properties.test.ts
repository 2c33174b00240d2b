/**
 * Properties of the fold, one line each: total on any input, never writes to its inputs,
 * shares nothing with them, and orders steps by the Pod's containers whatever order the
 * kubelet reports them in. Fixed seed; fast-check prints it with any counterexample.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldTaskRunStatusWithWarnings } from "../../src/index.js";
import type { FoldInput } from "../../src/v0.20.1/status/types.js";
import { containerState, podContainerNames, podLike, taskRunLike } from "../support/arbitraries/status.js";
import { containsFrozen, deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";

const NOW = "2020-12-01T12:00:00Z";

function fold(taskRun: unknown, pod: unknown) {
  return foldTaskRunStatusWithWarnings({ taskRun, pod } as unknown as FoldInput, { now: NOW });
}

describe("foldTaskRunStatus properties", () => {
  it("is total: any TaskRun and Pod give a status with a Succeeded condition", () => {
    fc.assert(
      fc.property(taskRunLike, podLike, (taskRun, pod) => {
        const { status, warnings } = fold(taskRun, pod);
        expect(typeof status.podName).toBe("string");
        expect(status.conditions?.some((c) => c.type === "Succeeded")).toBe(true);
        expect(Array.isArray(warnings)).toBe(true);
        expect(undefinedKeys(status)).toEqual([]);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("is total on garbage of any shape", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), fc.anything(), (taskRun, pod) => {
        expect(() => fold(taskRun, pod)).not.toThrow();
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("never writes to deep-frozen inputs, shares nothing with them, and is deterministic", () => {
    fc.assert(
      fc.property(taskRunLike, podLike, (taskRun, pod) => {
        const before = JSON.stringify([taskRun, pod]);
        const frozenTaskRun = deepFreeze(taskRun);
        const frozenPod = deepFreeze(pod);
        const first = fold(frozenTaskRun, frozenPod);
        expect(JSON.stringify([frozenTaskRun, frozenPod])).toBe(before);
        expect(containsFrozen(first.status)).toBe(false);
        expect(fold(frozenTaskRun, frozenPod)).toEqual(first);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });

  it("orders steps and sidecars by the Pod's containers, whatever the order of containerStatuses", () => {
    const scenario = podContainerNames.chain((containers) =>
      fc.record({
        containers: fc.constant(containers),
        phase: fc.constantFrom("Pending", "Running", "Succeeded", "Failed"),
        states: fc.array(containerState, { minLength: containers.length, maxLength: containers.length }),
        order: fc.shuffledSubarray(
          containers.map((_, i) => i),
          { minLength: containers.length, maxLength: containers.length },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ containers, phase, states, order }) => {
        const statuses = containers.map((name, i) => ({ name, imageID: `id-${i}`, state: states[i] }));
        const podWith = (list: unknown[]) => ({
          metadata: { name: "p", namespace: "ns" },
          spec: { containers: containers.map((name) => ({ name })) },
          status: { phase, containerStatuses: list },
        });
        const inOrder = fold(undefined, podWith(statuses)).status;
        const shuffled = fold(undefined, podWith(order.map((i) => statuses[i]))).status;
        expect(shuffled).toEqual(inOrder);
        expect(inOrder.steps?.map((s) => s.container) ?? []).toEqual(containers.filter((n) => n.startsWith("step-")));
        expect(inOrder.sidecars?.map((s) => s.container) ?? []).toEqual(
          containers.filter((n) => n.startsWith("sidecar-")),
        );
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/** Paths of keys whose value is `undefined` (outputs must omit such keys, like Go's omitempty). */
function undefinedKeys(value: unknown, path = "status"): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    v === undefined ? [`${path}.${k}`] : undefinedKeys(v, `${path}.${k}`),
  );
}
