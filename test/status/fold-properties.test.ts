/**
 * Properties of the fold, one line each: total on any input, never writes to its inputs,
 * shares nothing with them, and orders steps by the Pod's containers whatever order the
 * kubelet reports them in. Fixed seed; fast-check prints it with any counterexample.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FoldInput } from "../../src/v0.20.1/status/types.js";
import { foldTaskRunStatusWithWarnings } from "../../src/index.js";
import { containsFrozen, deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";

const NOW = "2020-12-01T12:00:00Z";

const time = fc.oneof(
  fc.constantFrom("2020-12-01T10:00:00Z", "2020-12-01T10:00:00.123+02:00", "0001-01-01T00:00:00Z", "not a time"),
  fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.anything(),
);

const resultEntry = fc.record(
  {
    key: fc.oneof(fc.constantFrom("StartedAt", "Reason", "r", "digest", ""), fc.string()),
    value: fc.oneof(fc.constantFrom("2020-12-01T10:00:01.000Z", "TimeoutExceeded", "v"), fc.string()),
    type: fc.constantFrom("TaskRunResult", "InternalTektonResult", "PipelineResourceResult", "", "Other"),
    resourceRef: fc.option(fc.record({ name: fc.string() }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

const terminationMessage = fc.oneof(
  fc.array(fc.oneof(resultEntry, fc.constant({})), { maxLength: 5 }).map((a) => JSON.stringify(a)),
  fc.string(),
  fc.json(),
  fc.anything(),
);

const containerState = fc.record(
  {
    waiting: fc.oneof(fc.record({ reason: fc.constantFrom("ContainerCreating", "CreateContainerConfigError", "ErrImagePull"), message: fc.string() }, { requiredKeys: [] }), fc.anything()),
    running: fc.oneof(fc.record({ startedAt: time }, { requiredKeys: [] }), fc.anything()),
    terminated: fc.oneof(
      fc.record(
        {
          exitCode: fc.oneof(fc.integer({ min: -1, max: 255 }), fc.anything()),
          reason: fc.constantFrom("Completed", "Error", "OOMKilled"),
          message: terminationMessage,
          startedAt: time,
          finishedAt: time,
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

const containerName = fc.oneof(
  fc.constantFrom("step-a", "step-b", "step-c", "sidecar-x", "istio-proxy", "step-", "sidecar-"),
  fc.string(),
);

const containerStatus = fc.oneof(
  fc.record(
    { name: containerName, imageID: fc.string(), ready: fc.oneof(fc.boolean(), fc.anything()), state: fc.oneof(containerState, fc.anything()) },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const podLike = fc.oneof(
  fc.record(
    {
      metadata: fc.oneof(fc.record({ name: fc.string(), namespace: fc.string() }, { requiredKeys: [] }), fc.anything()),
      spec: fc.oneof(fc.record({ containers: fc.array(fc.oneof(fc.record({ name: containerName }), fc.anything()), { maxLength: 6 }) }), fc.anything()),
      status: fc.oneof(
        fc.record(
          {
            phase: fc.oneof(fc.constantFrom("Pending", "Running", "Succeeded", "Failed", "Unknown"), fc.anything()),
            message: fc.oneof(fc.string(), fc.anything()),
            conditions: fc.array(
              fc.oneof(fc.record({ type: fc.string(), status: fc.constantFrom("True", "False", "Unknown"), reason: fc.constantFrom("Unschedulable", "x"), message: fc.constantFrom("0/3 nodes: Insufficient cpu", "") }), fc.anything()),
              { maxLength: 3 },
            ),
            containerStatuses: fc.oneof(fc.array(containerStatus, { maxLength: 6 }), fc.anything()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const condition = fc.oneof(
  fc.record(
    { type: fc.constantFrom("Succeeded", "Other"), status: fc.constantFrom("True", "False", "Unknown"), reason: fc.string(), message: fc.string(), lastTransitionTime: time },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const taskRunLike = fc.oneof(
  fc.record(
    {
      metadata: fc.record({ name: fc.string() }),
      spec: fc.anything(),
      status: fc.oneof(
        fc.record(
          {
            podName: fc.string(),
            startTime: time,
            conditions: fc.array(condition, { maxLength: 3 }),
            taskResults: fc.oneof(fc.array(fc.record({ name: fc.string(), value: fc.string() })), fc.anything()),
            resourcesResult: fc.anything(),
            retriesStatus: fc.anything(),
            taskSpec: fc.anything(),
            annotations: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.anything())),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

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
    const names = fc.uniqueArray(
      fc.oneof(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((n) => `step-${n}`),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((n) => `sidecar-${n}`),
        fc.constantFrom("istio-proxy", "sidecar"),
      ),
      { minLength: 1, maxLength: 16 },
    );
    const scenario = names.chain((containers) =>
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
        expect(inOrder.sidecars?.map((s) => s.container) ?? []).toEqual(containers.filter((n) => n.startsWith("sidecar-")));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/** Paths of keys whose value is `undefined` (outputs must omit such keys, like Go's omitempty). */
function undefinedKeys(value: unknown, path = "status"): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [`${path}.${k}`] : undefinedKeys(v, `${path}.${k}`)));
}
