/** checkInputShape: wrong types and unknown fields anywhere become issues with a path. */
import { describe, expect, test } from "vitest";
import { checkInputShape, MAX_SHAPE_ISSUES } from "../../src/api/schema.js";
import { deepFreeze } from "../support/freeze.js";

const spec = (taskSpec: object, rest: object = {}): unknown => ({
  taskRun: { metadata: { name: "r" }, spec: { taskSpec, ...rest } },
});
const found = (input: unknown): string[] => checkInputShape(deepFreeze(input)).map((i) => `${i.code} ${i.path}`);

describe("well-formed inputs", () => {
  test("a minimal input", () => {
    expect(checkInputShape({ taskRun: { spec: { taskRef: { name: "t" } } } })).toEqual([]);
  });
  test("quantities as numbers, ports as names, null creationTimestamp, image entrypoint forms", () => {
    expect(
      found({
        taskRun: {
          metadata: { name: "r", creationTimestamp: null },
          spec: {
            taskSpec: {
              steps: [
                {
                  image: "a",
                  resources: { requests: { cpu: 1, memory: "1Gi" } },
                  readinessProbe: { httpGet: { port: "http", path: "/" } },
                  timeout: "1h30m",
                },
              ],
            },
          },
        },
        imageEntrypoints: { a: ["/bin/sh"], b: { entrypoint: [], cmd: ["x"], digest: `sha256:${"0".repeat(64)}` } },
        config: { featureFlags: { "disable-creds-init": "true" }, images: { nopImage: "n" }, version: "v0.20.1" },
      }),
    ).toEqual([]);
  });
});

describe("malformed inputs", () => {
  test.each<[string, unknown, string[]]>([
    ["not an object", "x", ["invalid-type "]],
    ["no taskRun", {}, ["missing-field taskRun"]],
    ["taskRun without spec", { taskRun: {} }, ["missing-field taskRun.spec"]],
    ["steps is a string", spec({ steps: "x" }), ["invalid-type taskRun.spec.taskSpec.steps"]],
    ["params is a mapping", spec({ steps: [] }, { params: {} }), ["invalid-type taskRun.spec.params"]],
    [
      "a number where a string belongs",
      spec({ steps: [{ image: 5 }] }),
      ["invalid-type taskRun.spec.taskSpec.steps[0].image"],
    ],
    [
      "param value a number",
      spec({}, { params: [{ name: "a", value: 1 }] }),
      ["invalid-type taskRun.spec.params[0].value"],
    ],
    [
      "param value a list of numbers",
      spec({}, { params: [{ name: "a", value: [1] }] }),
      ["invalid-type taskRun.spec.params[0].value[0]"],
    ],
    [
      "env value a boolean",
      spec({ steps: [{ env: [{ name: "A", value: true }] }] }),
      ["invalid-type taskRun.spec.taskSpec.steps[0].env[0].value"],
    ],
    [
      "sidecar timeout",
      spec({ sidecars: [{ image: "a", timeout: "1s" }] }),
      ["unknown-field taskRun.spec.taskSpec.sidecars[0].timeout"],
    ],
    [
      "misspelled step field",
      spec({ steps: [{ image: "a", volumemounts: [] }] }),
      ["unknown-field taskRun.spec.taskSpec.steps[0].volumemounts"],
    ],
    [
      "field from a later Kubernetes",
      spec({ steps: [{ image: "a", securityContext: { seccompProfile: {} } }] }),
      ["unknown-field taskRun.spec.taskSpec.steps[0].securityContext.seccompProfile"],
    ],
    [
      "unknown volume source field",
      spec({ volumes: [{ name: "v", emptyDir: { size: "1Gi" } }] }),
      ["unknown-field taskRun.spec.taskSpec.volumes[0].emptyDir.size"],
    ],
    ["bad duration", spec({}, { timeout: "1 hour" }), ["invalid-duration taskRun.spec.timeout"]],
    ["duration as a number", spec({}, { timeout: 60 }), ["invalid-type taskRun.spec.timeout"]],
    [
      "bad quantity",
      spec({ steps: [{ resources: { limits: { memory: "lots" } } }] }),
      ["invalid-quantity taskRun.spec.taskSpec.steps[0].resources.limits.memory"],
    ],
    [
      "fractional port",
      spec({ sidecars: [{ ports: [{ containerPort: 80.5 }] }] }),
      ["invalid-type taskRun.spec.taskSpec.sidecars[0].ports[0].containerPort"],
    ],
    [
      "port out of int32 range",
      spec({ sidecars: [{ ports: [{ containerPort: 2 ** 31 }] }] }),
      ["invalid-value taskRun.spec.taskSpec.sidecars[0].ports[0].containerPort"],
    ],
    [
      "label value a number",
      { taskRun: { metadata: { labels: { "app.kubernetes.io/name": 1 } }, spec: {} } },
      ['invalid-type taskRun.metadata.labels["app.kubernetes.io/name"]'],
    ],
    [
      "podTemplate toleration seconds a string",
      spec({}, { podTemplate: { tolerations: [{ tolerationSeconds: "5" }] } }),
      ["invalid-type taskRun.spec.podTemplate.tolerations[0].tolerationSeconds"],
    ],
    [
      "affinity garbage",
      spec({}, { podTemplate: { affinity: { nodeAffinity: [] } } }),
      ["invalid-type taskRun.spec.podTemplate.affinity.nodeAffinity"],
    ],
    ["null where an object belongs", spec({ stepTemplate: null }), ["invalid-type taskRun.spec.taskSpec.stepTemplate"]],
    [
      "task spec steps a mapping",
      { taskRun: { spec: {} }, task: { spec: { steps: {} } } },
      ["invalid-type task.spec.steps"],
    ],
    [
      "limitRange limits a string",
      { taskRun: { spec: {} }, limitRanges: [{ spec: { limits: "x" } }] },
      ["invalid-type limitRanges[0].spec.limits"],
    ],
    [
      "secret data a number",
      { taskRun: { spec: {} }, secrets: [{ data: { token: 1 } }] },
      ["invalid-type secrets[0].data.token"],
    ],
    [
      "image entrypoint a number",
      { taskRun: { spec: {} }, imageEntrypoints: { ubuntu: 1 } },
      ["invalid-type imageEntrypoints.ubuntu"],
    ],
    [
      "config flag a boolean",
      { taskRun: { spec: {} }, config: { featureFlags: { "disable-creds-init": true } } },
      ["invalid-type config.featureFlags.disable-creds-init"],
    ],
    ["unknown top-level field", { taskRun: { spec: {} }, tasks: [] }, ["unknown-field tasks"]],
  ])("%s", (_name, input, expected) => {
    expect(found(input)).toEqual(expected);
  });

  test("all problems are reported together", () => {
    expect(found(spec({ steps: [{ image: 1, args: "x" }, { name: [] }] }, { params: {} }))).toEqual([
      "invalid-type taskRun.spec.params",
      "invalid-type taskRun.spec.taskSpec.steps[0].image",
      "invalid-type taskRun.spec.taskSpec.steps[0].args",
      "invalid-type taskRun.spec.taskSpec.steps[1].name",
    ]);
  });

  test("hostile keys are unknown fields, and nothing is polluted", () => {
    const input = JSON.parse(
      '{"taskRun":{"spec":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}}',
    ) as unknown;
    expect(found(input)).toEqual(["unknown-field taskRun.spec.__proto__", "unknown-field taskRun.spec.constructor"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  test("messages name the problem and the fix", () => {
    const [unknown] = checkInputShape(spec({ steps: [{ image: "a", Image: "b" }] }));
    expect(unknown?.message).toContain('did you mean "image"?');
    const [wrongType] = checkInputShape(spec({ steps: "x" }));
    expect(wrongType?.message).toBe('expected a list of Step objects for "steps", got the string "x"');
  });

  test("a flood of problems is capped", () => {
    const steps = Array.from({ length: 1000 }, () => ({ image: 1 }));
    const issues = checkInputShape(spec({ steps }));
    expect(issues).toHaveLength(MAX_SHAPE_ISSUES + 1);
    expect(issues.at(-1)?.code).toBe("too-many-issues");
  });
});

describe("image digests (issue 15, item 8)", () => {
  const input = (digest: string) =>
    deepFreeze({
      taskRun: { metadata: { name: "r" }, spec: { taskSpec: { steps: [{ name: "s", image: "ubuntu" }] } } },
      imageEntrypoints: { ubuntu: { entrypoint: ["/bin/bash"], digest } },
    });

  test.each(["sha256:…", "sha256:abc", `sha256:${"A".repeat(64)}`, `sha512:${"a".repeat(64)}`, "latest"])(
    "%j is refused at stage input, with its path",
    (digest) => {
      const issues = checkInputShape(input(digest));
      expect(issues).toEqual([
        expect.objectContaining({ code: "invalid-value", path: "imageEntrypoints.ubuntu.digest" }),
      ]);
      expect(issues[0]?.message).toContain('expected "sha256:" and 64 lowercase hex digits');
    },
  );

  test("a registry's digest, or none, is accepted", () => {
    expect(checkInputShape(input(`sha256:${"0a".repeat(32)}`))).toEqual([]);
    expect(checkInputShape(input(""))).toEqual([]);
  });
});
