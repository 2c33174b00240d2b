/**
 * Properties of the v1.12 fold, one line each: total on any input, never writes to its inputs,
 * shares nothing with them, deterministic, and independent of the order the kubelet reports
 * container statuses in. Fixed seed; fast-check prints it with any counterexample.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  condition,
  containerName,
  containerState,
  podContainerNames,
  podLike,
  time,
} from "../support/arbitraries/status.js";
import { containsFrozen, deepFreeze } from "../support/freeze.js";
import { SEED as BASE_SEED } from "../support/seed.js";
import { foldV112 } from "./fold-profile.js";

// Its own stream, apart from the v0.20.1 fold properties.
const SEED = BASE_SEED + 12;
const NOW = "2026-01-15T10:05:00Z";

/** v1.12 entries: numeric and named types, step results, exit codes, artifacts. */
const entry = fc.record(
  {
    key: fc.oneof(fc.constantFrom("StartedAt", "Reason", "ExitCode", "r", "digest", ""), fc.string()),
    value: fc.oneof(
      fc.constantFrom(
        "2026-01-15T10:00:01.000Z",
        "TimeoutExceeded",
        "Cancelled",
        "1",
        "-2147483649",
        '["a","b"]',
        '{"k":"v"}',
        '"q"',
        '{"outputs":[{"name":"o","values":[{"uri":"u","digest":{"sha256":"x"}}]}]}',
      ),
      fc.string(),
    ),
    type: fc.oneof(
      fc.constantFrom(1, 3, 4, 5, 6, 10, 0, "TaskRunResult", "StepResult", "InternalTektonResult", "Other", 1.5),
      fc.anything(),
    ),
    resourceName: fc.string(),
  },
  { requiredKeys: [] },
);

const message = fc.oneof(
  fc.array(fc.oneof(entry, fc.constant({})), { maxLength: 5 }).map((a) => JSON.stringify(a)),
  fc.constantFrom('[{"key":"r","value":"v","type":1.0}]', '[{"key":"r","value":"v","type":1e0}]', "[[[]]]"),
  fc.string(),
  fc.anything(),
);

const state = fc.oneof(
  containerState,
  fc.record({
    terminated: fc.record(
      {
        exitCode: fc.integer({ min: -1, max: 255 }),
        reason: fc.constantFrom("Completed", "Error", "OOMKilled"),
        message,
        startedAt: time,
      },
      { requiredKeys: [] },
    ),
  }),
);

const status = fc.oneof(
  fc.record({ name: containerName, imageID: fc.string(), ready: fc.boolean(), state }, { requiredKeys: [] }),
  fc.anything(),
);

const pod = fc.oneof(
  fc.record(
    {
      metadata: fc.record({ name: fc.string(), namespace: fc.string() }, { requiredKeys: [] }),
      spec: fc.record({
        containers: fc.array(fc.oneof(fc.record({ name: containerName }), fc.anything()), { maxLength: 6 }),
      }),
      status: fc.record(
        {
          phase: fc.oneof(fc.constantFrom("Pending", "Running", "Succeeded", "Failed", "Unknown"), fc.anything()),
          reason: fc.constantFrom("Evicted", "", "Other"),
          message: fc.oneof(fc.string(), fc.anything()),
          containerStatuses: fc.oneof(fc.array(status, { maxLength: 6 }), fc.anything()),
          initContainerStatuses: fc.oneof(fc.array(status, { maxLength: 4 }), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  podLike,
);

const result = fc.record(
  {
    name: fc.string(),
    type: fc.constantFrom("string", "array", "object"),
    value: fc.oneof(fc.string(), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()), fc.anything()),
  },
  { requiredKeys: [] },
);

const declaredSpec = fc.record(
  {
    results: fc.array(
      fc.record(
        {
          name: fc.constantFrom("r", "digest"),
          type: fc.constantFrom("string", "array", "object", ""),
          value: fc.constantFrom("$(steps.a.results.r)", "not a ref"),
        },
        { requiredKeys: ["name"] },
      ),
      { maxLength: 3 },
    ),
    steps: fc.array(
      fc.record({
        name: fc.constantFrom("a", "b"),
        results: fc.array(
          fc.record({ name: fc.constantFrom("r", "digest"), type: fc.constantFrom("string", "array") }),
        ),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

const taskRun = fc.oneof(
  fc.record(
    {
      apiVersion: fc.constantFrom("tekton.dev/v1", "tekton.dev/v1beta1", "other"),
      metadata: fc.record(
        {
          name: fc.string(),
          annotations: fc.dictionary(
            fc.constantFrom("pipeline.tekton.dev/pipeline-task-on-error", "x"),
            fc.constantFrom("continue", "stopAndFail"),
          ),
        },
        { requiredKeys: [] },
      ),
      spec: fc.oneof(fc.record({ taskSpec: declaredSpec }, { requiredKeys: [] }), fc.anything()),
      status: fc.oneof(
        fc.record(
          {
            podName: fc.string(),
            startTime: time,
            completionTime: time,
            conditions: fc.array(condition, { maxLength: 3 }),
            results: fc.oneof(fc.array(result, { maxLength: 3 }), fc.anything()),
            taskResults: fc.oneof(fc.array(result, { maxLength: 3 }), fc.anything()),
            steps: fc.oneof(
              fc.array(fc.record({ name: fc.constantFrom("a", "b"), provenance: fc.anything() }, { requiredKeys: [] })),
              fc.anything(),
            ),
            artifacts: fc.anything(),
            cloudEvents: fc.anything(),
            resourcesResult: fc.anything(),
            retriesStatus: fc.anything(),
            taskSpec: fc.oneof(declaredSpec, fc.anything()),
            provenance: fc.anything(),
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

const config = fc.option(
  fc.record({
    featureFlags: fc.record(
      {
        "results-from": fc.constantFrom("sidecar-logs", "termination-message", "bogus"),
        "enable-kubernetes-sidecar": fc.constantFrom("true", "false", "1", "x"),
      },
      { requiredKeys: [] },
    ),
  }),
  { nil: undefined },
);

function fold(tr: unknown, p: unknown, c?: unknown) {
  return foldV112({ taskRun: tr, pod: p, ...(c === undefined ? {} : { config: c }) }, NOW);
}

describe("v1.12 foldTaskRunStatus properties", () => {
  it("is total: any TaskRun and Pod give a status with a Succeeded condition", () => {
    fc.assert(
      fc.property(taskRun, pod, config, (tr, p, c) => {
        const { status, warnings } = fold(tr, p, c);
        expect(typeof status.podName).toBe("string");
        expect(status.conditions?.some((k) => k.type === "Succeeded")).toBe(true);
        expect(Array.isArray(warnings)).toBe(true);
        expect(undefinedKeys(status)).toEqual([]);
        expect(JSON.parse(JSON.stringify(status))).toEqual(status);
      }),
      { seed: SEED, numRuns: 800 },
    );
  });

  it("is total on garbage of any shape", () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withObjectString: true }),
        fc.anything(),
        fc.anything(),
        (tr, p, c) => {
          expect(() => fold(tr, p, c)).not.toThrow();
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("never writes to deep-frozen inputs, shares nothing with them, and is deterministic", () => {
    fc.assert(
      fc.property(taskRun, pod, config, (tr, p, c) => {
        const before = JSON.stringify([tr, p, c]);
        const input = deepFreeze({ taskRun: tr, pod: p, ...(c === undefined ? {} : { config: c }) });
        const first = foldV112(input, NOW);
        expect(JSON.stringify([tr, p, c])).toBe(before);
        expect(containsFrozen(first.status)).toBe(false);
        expect(foldV112(input, NOW)).toEqual(first);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("gives the same status whatever the order of containerStatuses, steps in the Pod's container order", () => {
    const scenario = podContainerNames.chain((containers) =>
      fc.record({
        containers: fc.constant(containers),
        phase: fc.constantFrom("Pending", "Running", "Succeeded", "Failed"),
        states: fc.array(state, { minLength: containers.length, maxLength: containers.length }),
        order: fc.shuffledSubarray(
          containers.map((_, i) => i),
          { minLength: containers.length, maxLength: containers.length },
        ),
        tr: taskRun,
      }),
    );
    fc.assert(
      fc.property(scenario, ({ containers, phase, states, order, tr }) => {
        const statuses = containers.map((name, i) => ({ name, imageID: `id-${i}`, state: states[i] }));
        const podWith = (list: unknown[]) => ({
          metadata: { name: "p", namespace: "ns" },
          spec: { containers: containers.map((name) => ({ name })) },
          status: { phase, containerStatuses: list },
        });
        const inOrder = fold(tr, podWith(statuses));
        const shuffled = fold(tr, podWith(order.map((i) => statuses[i])));
        expect(shuffled.status).toEqual(inOrder.status);
        // Warnings name the status where the input has it, so only their paths may differ.
        const withoutPaths = (r: typeof inOrder) => r.warnings.map((w) => [w.code, w.message]);
        expect(withoutPaths(shuffled)).toEqual(withoutPaths(inOrder));
        const steps = containers.filter((n) => n.startsWith("step-"));
        // With no step container Tekton keeps the steps the TaskRun already had.
        if (steps.length > 0) expect(inOrder.status.steps?.map((s) => s.container)).toEqual(steps);
        expect(inOrder.status.sidecars?.map((s) => s.container) ?? []).toEqual(
          containers.filter((n) => n.startsWith("sidecar-")),
        );
      }),
      { seed: SEED, numRuns: 400 },
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
