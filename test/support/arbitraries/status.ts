/**
 * Arbitrary TaskRuns and Pods for the status fold's properties: mostly the right shape with
 * hostile values mixed in at every level (wrong types, garbage times, odd termination messages).
 */
import fc from "fast-check";

/** A timestamp: valid, offset, Go zero, garbage or anything. */
export const time = fc.oneof(
  fc.constantFrom("2020-12-01T10:00:00Z", "2020-12-01T10:00:00.123+02:00", "0001-01-01T00:00:00Z", "not a time"),
  fc
    .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.anything(),
);

/** One termination-message entry with v0.20.1-style string types. */
export const resultEntry = fc.record(
  {
    key: fc.oneof(fc.constantFrom("StartedAt", "Reason", "r", "digest", ""), fc.string()),
    value: fc.oneof(fc.constantFrom("2020-12-01T10:00:01.000Z", "TimeoutExceeded", "v"), fc.string()),
    type: fc.constantFrom("TaskRunResult", "InternalTektonResult", "PipelineResourceResult", "", "Other"),
    resourceRef: fc.option(fc.record({ name: fc.string() }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

/** A termination message: a JSON array of entries, or any text or value. */
export const terminationMessage = fc.oneof(
  fc.array(fc.oneof(resultEntry, fc.constant({})), { maxLength: 5 }).map((a) => JSON.stringify(a)),
  fc.string(),
  fc.json(),
  fc.anything(),
);

/** A container state, each part possibly of the wrong type. */
export const containerState = fc.record(
  {
    waiting: fc.oneof(
      fc.record(
        {
          reason: fc.constantFrom("ContainerCreating", "CreateContainerConfigError", "ErrImagePull"),
          message: fc.string(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
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

/** Step, sidecar and other container names, or any string. */
export const containerName = fc.oneof(
  fc.constantFrom("step-a", "step-b", "step-c", "sidecar-x", "istio-proxy", "step-", "sidecar-"),
  fc.string(),
);

/** One `containerStatuses` entry, or anything. */
export const containerStatus = fc.oneof(
  fc.record(
    {
      name: containerName,
      imageID: fc.string(),
      ready: fc.oneof(fc.boolean(), fc.anything()),
      state: fc.oneof(containerState, fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

/** A Pod with a status, or anything. */
export const podLike = fc.oneof(
  fc.record(
    {
      metadata: fc.oneof(fc.record({ name: fc.string(), namespace: fc.string() }, { requiredKeys: [] }), fc.anything()),
      spec: fc.oneof(
        fc.record({
          containers: fc.array(fc.oneof(fc.record({ name: containerName }), fc.anything()), { maxLength: 6 }),
        }),
        fc.anything(),
      ),
      status: fc.oneof(
        fc.record(
          {
            phase: fc.oneof(fc.constantFrom("Pending", "Running", "Succeeded", "Failed", "Unknown"), fc.anything()),
            message: fc.oneof(fc.string(), fc.anything()),
            conditions: fc.array(
              fc.oneof(
                fc.record({
                  type: fc.string(),
                  status: fc.constantFrom("True", "False", "Unknown"),
                  reason: fc.constantFrom("Unschedulable", "x"),
                  message: fc.constantFrom("0/3 nodes: Insufficient cpu", ""),
                }),
                fc.anything(),
              ),
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

/** A status condition, or anything. */
export const condition = fc.oneof(
  fc.record(
    {
      type: fc.constantFrom("Succeeded", "Other"),
      status: fc.constantFrom("True", "False", "Unknown"),
      reason: fc.string(),
      message: fc.string(),
      lastTransitionTime: time,
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

/** A v1beta1 TaskRun with a prior status, or anything. */
export const taskRunLike = fc.oneof(
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

/** The distinct container names of a Pod: steps, sidecars, and injected containers of other names. */
export const podContainerNames = fc.uniqueArray(
  fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((n) => `step-${n}`),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((n) => `sidecar-${n}`),
    fc.constantFrom("istio-proxy", "sidecar"),
  ),
  { minLength: 1, maxLength: 16 },
);
