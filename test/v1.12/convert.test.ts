/**
 * The v1beta1 → v1 conversion. Against the corpus: each `<name>-v1beta1` case converts to what
 * its v1 twin `<name>` holds (the twin's input was made by Tekton's own ConvertTo), and every
 * v1beta1 TaskRun/Task converts to an object that decodes strictly as v1. Then tables for each
 * field conversion renames, moves or drops, and the task-deprecations annotation byte for byte.
 */

import { isDeepStrictEqual } from "node:util";
import { describe, expect, it, test } from "vitest";
import { convertTaskRunToV1, convertTaskToV1 } from "../../src/v1.12/compile/convert.js";
import { decodeIssues } from "../../src/v1.12/compile/decode-strict.js";
import { defaultV1beta1Task, defaultV1beta1TaskRun } from "../../src/v1.12/compile/default-v1beta1.js";
import { TASK_DEPRECATIONS_ANNOTATION } from "../../src/v1.12/compile/encode-task-deprecations.js";
import { type ConformanceCase, loadV112Corpus, normalize } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";

/**
 * The twins' v1 inputs went through Go's encoder, which leaves out empty strings and `false`
 * under `omitempty` and writes some non-omitempty fields as `""` (a step's `name`, a status's
 * `podName`); the comparison ignores that difference of spelling, nothing else.
 */
function withoutGoZeroValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGoZeroValues);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === "" || v === false) continue;
      out[k] = withoutGoZeroValues(v);
    }
    return out;
  }
  return value;
}

const compare = (value: unknown) => normalize(withoutGoZeroValues(value));

const corpus = loadV112Corpus();
const byName = new Map(corpus.cases.map((c) => [c.name, c]));
const twins = corpus.cases
  .filter((c) => c.name.endsWith("-v1beta1") && byName.has(c.name.slice(0, -"-v1beta1".length)))
  .map((c) => [c.name, c, byName.get(c.name.slice(0, -"-v1beta1".length)) as ConformanceCase] as const);
const isV1beta1 = (o: unknown) => (o as { apiVersion?: string } | undefined)?.apiVersion === "tekton.dev/v1beta1";
const v1beta1Inputs = corpus.cases.filter((c) => isV1beta1(c.input["taskRun"]) || isV1beta1(c.input["task"]));

describe("conversion: v1beta1 twins convert to their v1 twin", () => {
  if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});

  it("finds the twins", () => {
    if (corpus.missing === undefined) expect(twins.length).toBeGreaterThanOrEqual(38);
  });

  test.each(twins)("%s", (_name, v1beta1, v1) => {
    const input = deepFreeze(structuredClone(v1beta1.input));
    expect(compare(convertTaskRunToV1(input["taskRun"]))).toEqual(compare(v1.input["taskRun"]));
    const task = input["task"];
    if (isV1beta1(task) && (task as { kind?: string }).kind === "Task") {
      expect(compare(convertTaskToV1(task))).toEqual(compare(v1.input["task"]));
    } else {
      expect(task).toEqual(v1.input["task"]);
    }
  });
});

describe("conversion: every v1beta1 object of the corpus becomes a strict v1 object", () => {
  test.each(v1beta1Inputs.map((c) => [c.name, c] as const))("%s", (_name, testCase) => {
    const input = deepFreeze(structuredClone(testCase.input));
    for (const [root, convert, defaults] of [
      ["taskRun", convertTaskRunToV1, defaultV1beta1TaskRun],
      ["task", convertTaskToV1, defaultV1beta1Task],
    ] as const) {
      const object = input[root];
      if (!isV1beta1(object) || (object as { kind?: string }).kind === "ClusterTask") continue;
      const converted = convert(defaults(object));
      expect(converted.apiVersion).toBe("tekton.dev/v1");
      expect(decodeIssues(converted, root)).toEqual([]);
      // Deterministic, and nothing shared with the input.
      expect(convert(defaults(object))).toEqual(converted);
      expect(isDeepStrictEqual(convert(object), convert(structuredClone(object)))).toBe(true);
    }
  });

  it("reproduces the task-deprecations annotation Tekton writes, byte for byte", () => {
    const testCase = byName.get("steptemplate-lifecycle-and-pullpolicy");
    if (testCase === undefined) return;
    const pod = testCase.expected.pod as { metadata: { annotations: Record<string, string> } };
    const converted = convertTaskRunToV1(deepFreeze(structuredClone(testCase.input["taskRun"])));
    expect(converted.metadata?.annotations?.[TASK_DEPRECATIONS_ANNOTATION]).toBe(
      pod.metadata.annotations[TASK_DEPRECATIONS_ANNOTATION],
    );
    // The deprecated fields are gone from the v1 steps.
    expect(converted.spec.taskSpec?.steps?.map((s) => Object.keys(s).sort())).toEqual([
      ["args", "command", "image", "imagePullPolicy", "name"],
      ["args", "command", "image", "name"],
    ]);
  });
});

const taskRun = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "run" }) =>
  deepFreeze({ apiVersion: "tekton.dev/v1beta1", kind: "TaskRun", metadata, spec });
const task = (spec: Record<string, unknown>) =>
  deepFreeze({ apiVersion: "tekton.dev/v1beta1", kind: "Task", metadata: { name: "build" }, spec });
const requests = { requests: { cpu: "250m", memory: "64Mi" } };

describe("conversion: what moves and what is dropped", () => {
  test.each([
    [
      "step resources → computeResources",
      { steps: [{ name: "s", image: "a", resources: requests }] },
      { steps: [{ name: "s", image: "a", computeResources: requests }] },
    ],
    [
      "stepTemplate resources → computeResources",
      { stepTemplate: { resources: requests }, steps: [] },
      { stepTemplate: { computeResources: requests } },
    ],
    [
      "sidecar resources → computeResources, restartPolicy dropped",
      { sidecars: [{ name: "c", image: "i", resources: requests, restartPolicy: "Always" }] },
      { sidecars: [{ name: "c", image: "i", computeResources: requests }] },
    ],
    [
      "param without type → string; properties keep only their type",
      {
        params: [
          { name: "p" },
          { name: "o", type: "object", properties: { url: { type: "string", extra: 1 }, ref: {} } },
        ],
      },
      {
        params: [
          { name: "p", type: "string" },
          { name: "o", type: "object", properties: { url: { type: "string" }, ref: {} } },
        ],
      },
    ],
    [
      "results keep type, description, properties and value",
      {
        results: [
          { name: "digest", type: "string", description: "d" },
          { name: "r", value: "$(steps.s.results.x)" },
        ],
      },
      {
        results: [
          { name: "digest", type: "string", description: "d" },
          { name: "r", value: "$(steps.s.results.x)" },
        ],
      },
    ],
    [
      "step ref, params, results, when, stdoutConfig, workspaces",
      {
        steps: [
          {
            name: "s",
            ref: { resolver: "git", params: [{ name: "url", value: "u" }] },
            params: [{ name: "a", value: ["x"] }],
            results: [{ name: "out" }],
            when: [{ input: "a", operator: "in", values: ["a"] }],
            stdoutConfig: { path: "/o" },
            workspaces: [{ name: "w", mountPath: "/w" }],
            onError: "continue",
            timeout: "1m",
          },
        ],
      },
      {
        steps: [
          {
            name: "s",
            timeout: "1m",
            workspaces: [{ name: "w", mountPath: "/w" }],
            onError: "continue",
            stdoutConfig: { path: "/o" },
            ref: { resolver: "git", params: [{ name: "url", value: "u" }] },
            params: [{ name: "a", value: ["x"] }],
            results: [{ name: "out" }],
            when: [{ input: "a", operator: "in", values: ["a"] }],
          },
        ],
      },
    ],
  ])("Task: %s", (_title, spec, expected) => {
    expect(convertTaskToV1(task(spec)).spec).toEqual(expected);
  });

  test.each([
    [
      "serviceAccountName is always written",
      { taskRef: { name: "t" } },
      { serviceAccountName: "", taskRef: { name: "t" } },
    ],
    [
      "serviceAccountName kept",
      { serviceAccountName: "builder", taskRef: { name: "t" } },
      { serviceAccountName: "builder", taskRef: { name: "t" } },
    ],
    [
      "taskRef.bundle dropped, kind kept",
      { taskRef: { name: "t", kind: "Task", bundle: "reg/x:1" } },
      { serviceAccountName: "", taskRef: { name: "t", kind: "Task" } },
    ],
    [
      "resolver refs keep resolver and params",
      { taskRef: { resolver: "git", params: [{ name: "url", value: "u" }] } },
      { serviceAccountName: "", taskRef: { resolver: "git", params: [{ name: "url", value: "u" }] } },
    ],
    [
      "stepOverrides → stepSpecs, sidecarOverrides → sidecarSpecs",
      {
        taskRef: { name: "t" },
        stepOverrides: [{ name: "s", resources: requests }],
        sidecarOverrides: [{ name: "c", resources: requests }],
      },
      {
        serviceAccountName: "",
        taskRef: { name: "t" },
        stepSpecs: [{ name: "s", computeResources: requests }],
        sidecarSpecs: [{ name: "c", computeResources: requests }],
      },
    ],
    [
      "computeResources, timeout, status, retries, podTemplate, workspaces carried over",
      {
        taskRef: { name: "t" },
        computeResources: requests,
        timeout: "1h0m0s",
        status: "TaskRunPending",
        statusMessage: "m",
        retries: 2,
        podTemplate: { nodeSelector: { a: "b" } },
        workspaces: [{ name: "w", emptyDir: {}, subPath: "x" }],
        params: [{ name: "p", value: { a: "b" } }],
        debug: { breakpoints: { onFailure: "enabled", beforeSteps: ["s"] } },
      },
      {
        serviceAccountName: "",
        taskRef: { name: "t" },
        computeResources: requests,
        timeout: "1h0m0s",
        status: "TaskRunPending",
        statusMessage: "m",
        retries: 2,
        podTemplate: { nodeSelector: { a: "b" } },
        workspaces: [{ name: "w", emptyDir: {}, subPath: "x" }],
        params: [{ name: "p", value: { a: "b" } }],
        debug: { breakpoints: { onFailure: "enabled", beforeSteps: ["s"] } },
      },
    ],
    [
      "managedBy and PipelineResources dropped",
      { taskRef: { name: "t" }, managedBy: "x", resources: { inputs: [] } },
      { serviceAccountName: "", taskRef: { name: "t" } },
    ],
  ])("TaskRun: %s", (_title, spec, expected) => {
    const converted = convertTaskRunToV1(taskRun(spec));
    expect(converted.apiVersion).toBe("tekton.dev/v1");
    expect(converted.spec).toEqual(expected);
  });

  it("converts status: taskResults → results, containerName → container, terminated reason kept", () => {
    const converted = convertTaskRunToV1(
      deepFreeze({
        apiVersion: "tekton.dev/v1beta1",
        kind: "TaskRun",
        metadata: { name: "r" },
        spec: { taskRef: { name: "t" } },
        status: {
          podName: "r-pod",
          taskResults: [{ name: "d", type: "string", value: "x" }],
          steps: [{ name: "s", container: "step-s", terminated: { exitCode: 0, reason: "Completed" } }],
        },
      }),
    );
    expect(converted.status).toEqual({
      podName: "r-pod",
      results: [{ name: "d", type: "string", value: "x" }],
      steps: [
        {
          name: "s",
          container: "step-s",
          terminated: { exitCode: 0, reason: "Completed" },
          terminationReason: "Completed",
        },
      ],
    });
  });

  it("infers a v1beta1 param's type from its default before conversion would call it a string", () => {
    const spec = {
      params: [
        { name: "flags", default: ["-v"] },
        { name: "obj", properties: { a: {} } },
      ],
      steps: [],
    };
    expect(convertTaskToV1(defaultV1beta1Task(task(spec))).spec.params).toEqual([
      { name: "flags", type: "array", default: ["-v"] },
      { name: "obj", type: "object", properties: { a: { type: "string" } } },
    ]);
    expect(convertTaskToV1(task(spec)).spec.params?.[0]?.type).toBe("string");
  });
});

describe("conversion: the task-deprecations annotation", () => {
  const annotation = (object: { metadata?: { annotations?: Record<string, string> } }) =>
    object.metadata?.annotations?.[TASK_DEPRECATIONS_ANNOTATION];

  it("is absent when nothing deprecated is set", () => {
    expect(
      annotation(convertTaskToV1(task({ stepTemplate: { image: "a" }, steps: [{ name: "s", image: "a" }] }))),
    ).toBeUndefined();
  });

  it("records every step, in Go's field order, keyed by the Task's name", () => {
    const spec = {
      stepTemplate: { name: "tmpl", env: [{ name: "A", value: "1" }] },
      steps: [
        {
          name: "s",
          image: "a",
          tty: true,
          ports: [{ containerPort: 80, name: "http" }],
          terminationMessagePath: "/dev/log",
          livenessProbe: { periodSeconds: 3, tcpSocket: { port: "http" } },
        },
        { name: "t", image: "b" },
      ],
    };
    expect(annotation(convertTaskToV1(task(spec)))).toBe(
      '{"build":{"deprecatedSteps":[{"name":"","ports":[{"name":"http","containerPort":80}],"resources":{},' +
        '"livenessProbe":{"tcpSocket":{"port":"http"},"periodSeconds":3},"terminationMessagePath":"/dev/log","tty":true},' +
        '{"name":"","resources":{}}],"deprecatedStepTemplate":{"name":"tmpl","resources":{}}}}',
    );
  });

  it("keys an embedded spec by the TaskRun's name, keeps other entries, and escapes as Go does", () => {
    const converted = convertTaskRunToV1(
      taskRun(
        { taskSpec: { steps: [{ name: "s", image: "a", lifecycle: { preStop: { exec: { command: ["a<b>&c"] } } } }] } },
        {
          name: "run",
          annotations: { [TASK_DEPRECATIONS_ANNOTATION]: '{"zz":{"deprecatedSteps":[{"stdin":true}]}}', keep: "me" },
        },
      ),
    );
    expect(converted.metadata?.annotations).toEqual({
      keep: "me",
      [TASK_DEPRECATIONS_ANNOTATION]:
        '{"run":{"deprecatedSteps":[{"name":"","resources":{},"lifecycle":{"preStop":{"exec":{"command":["a\\u003cb\\u003e\\u0026c"]}}}}]},' +
        '"zz":{"deprecatedSteps":[{"name":"","resources":{},"stdin":true}]}}',
    });
  });

  it("ignores a lone stepTemplate liveness probe, as Tekton's check does", () => {
    const spec = { stepTemplate: { livenessProbe: { periodSeconds: 1 } }, steps: [{ name: "s", image: "a" }] };
    expect(annotation(convertTaskToV1(task(spec)))).toBeUndefined();
  });
});

describe("conversion: hostile keys stay data", () => {
  it("keeps a __proto__ key as an own property and never touches Object.prototype", () => {
    const input = JSON.parse(
      '{"apiVersion":"tekton.dev/v1beta1","kind":"TaskRun","metadata":{"name":"r","annotations":{"__proto__":"x"}},' +
        '"spec":{"taskSpec":{"params":[{"name":"o","type":"object","properties":{"__proto__":{"type":"string"}}}],' +
        '"steps":[{"name":"s","image":"a","securityContext":{"__proto__":{"polluted":true}}}]}}}',
    ) as unknown;
    const converted = convertTaskRunToV1(deepFreeze(input));
    expect(Object.hasOwn(converted.metadata?.annotations ?? {}, "__proto__")).toBe(true);
    expect(Object.hasOwn(converted.spec.taskSpec?.params?.[0]?.properties ?? {}, "__proto__")).toBe(true);
    expect(Object.hasOwn(converted.spec.taskSpec?.steps?.[0]?.securityContext ?? {}, "__proto__")).toBe(true);
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("conversion: Go's string escapes in the annotation", () => {
  it("writes control characters, HTML-sensitive characters and line separators as Go 1.22+ does", () => {
    const spec = { steps: [{ name: "s", image: "a", terminationMessagePath: '\b\f\n\u0001<>&\u2028\u00e9"\\' }] };
    const value = convertTaskToV1(task(spec)).metadata?.annotations?.[TASK_DEPRECATIONS_ANNOTATION];
    expect(value).toBe(
      '{"build":{"deprecatedSteps":[{"name":"","resources":{},"terminationMessagePath":"\\b\\f\\n\\u0001\\u003c\\u003e\\u0026\\u2028\u00e9\\"\\\\"}]}}',
    );
  });
});
