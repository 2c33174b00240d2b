/** TaskRun admission rules of Tekton v0.20.1 (taskrun_validation.go, workspace_validation.go). */
import { describe, expect, test } from "vitest";
import type { Immutable, TaskRun } from "../../src/api/types.js";
import { validateTaskRun } from "../../src/v0.20.1/compile/validate.js";
import { deepFreeze } from "../support/freeze.js";

const run = (spec: object, name = "r"): Immutable<TaskRun> => deepFreeze({ metadata: { name }, spec } as TaskRun);
const ref = { taskRef: { name: "t" } };
const codesAt = (spec: object, bundles = false): string[] =>
  validateTaskRun(run(spec), { enableTektonOCIBundles: bundles }).map((i) => `${i.code} ${i.path}`);

describe("valid TaskRuns", () => {
  test.each<[string, object]>([
    ["taskRef", ref],
    ["embedded taskSpec", { taskSpec: { steps: [{ image: "a" }] } }],
    ["cancelled", { ...ref, status: "TaskRunCancelled" }],
    ["zero timeout", { ...ref, timeout: "0s" }],
    [
      "params differing in case, lowercase last",
      {
        ...ref,
        params: [
          { name: "Env", value: "a" },
          { name: "env", value: "b" },
        ],
      },
    ],
    [
      "one source per workspace",
      {
        ...ref,
        workspaces: [
          { name: "a", emptyDir: {} },
          { name: "b", persistentVolumeClaim: { claimName: "c" } },
          { name: "c", configMap: { name: "m" } },
          { name: "d", secret: { secretName: "s" } },
          { name: "e", volumeClaimTemplate: { spec: {} } },
        ],
      },
    ],
    [
      "resources by ref and by spec",
      {
        ...ref,
        resources: {
          inputs: [{ name: "a", resourceRef: { name: "x" } }],
          outputs: [{ name: "a", resourceSpec: { type: "image", params: [{ name: "url", value: "x" }] } }],
        },
      },
    ],
    ["bundle with the flag on", { taskRef: { name: "t", bundle: "gcr.io/p/tasks:v1" } }],
  ])("%s", (_name, spec) => {
    expect(validateTaskRun(run(spec), { enableTektonOCIBundles: true })).toEqual([]);
  });
});

describe("invalid TaskRuns", () => {
  test.each<[string, object, string[]]>([
    ["neither taskRef nor taskSpec", {}, ["missing-task taskRun.spec.taskRef.name"]],
    ["taskRef without a name", { taskRef: {} }, ["missing-task taskRun.spec.taskRef.name"]],
    [
      "taskRef and taskSpec",
      { ...ref, taskSpec: { steps: [{ image: "a" }] } },
      ["task-ref-and-spec taskRun.spec.taskSpec"],
    ],
    ["negative timeout", { ...ref, timeout: "-48h" }, ["negative-timeout taskRun.spec.timeout"]],
    ["wrong spec.status", { ...ref, status: "TaskRunCancell" }, ["invalid-spec-status taskRun.spec.status"]],
    [
      "duplicate params",
      {
        ...ref,
        params: [
          { name: "p", value: "a" },
          { name: "p", value: "b" },
        ],
      },
      ["duplicate-param taskRun.spec.params[1].name"],
    ],
    [
      "duplicate params, lowercase first",
      {
        ...ref,
        params: [
          { name: "env", value: "a" },
          { name: "ENV", value: "b" },
        ],
      },
      ["duplicate-param taskRun.spec.params[1].name"],
    ],
    ["empty workspace binding", { ...ref, workspaces: [{}] }, ["missing-field taskRun.spec.workspaces[0]"]],
    [
      "workspace bound twice",
      {
        ...ref,
        workspaces: [
          { name: "w", emptyDir: {} },
          { name: "w", emptyDir: {} },
        ],
      },
      ["duplicate-name taskRun.spec.workspaces[1].name"],
    ],
    [
      "two sources",
      { ...ref, workspaces: [{ name: "w", emptyDir: {}, secret: { secretName: "s" } }] },
      ["workspace-binding-source taskRun.spec.workspaces[0]"],
    ],
    [
      "configMap without name",
      { ...ref, workspaces: [{ name: "w", configMap: {} }] },
      ["missing-field taskRun.spec.workspaces[0].configMap.name"],
    ],
    [
      "secret without secretName",
      { ...ref, workspaces: [{ name: "w", secret: {} }] },
      ["missing-field taskRun.spec.workspaces[0].secret.secretName"],
    ],
    [
      "duplicate input resources",
      {
        ...ref,
        resources: {
          inputs: [
            { name: "a", resourceRef: { name: "x" } },
            { name: "A", resourceRef: { name: "y" } },
          ],
        },
      },
      ["duplicate-resource taskRun.spec.resources.inputs[1].name"],
    ],
    [
      "resourceRef and resourceSpec",
      { ...ref, resources: { outputs: [{ name: "a", resourceRef: { name: "x" }, resourceSpec: { type: "git" } }] } },
      ["resource-ref-and-spec taskRun.spec.resources.outputs[0]"],
    ],
    [
      "neither resourceRef nor resourceSpec",
      { ...ref, resources: { inputs: [{ name: "a" }] } },
      ["missing-field taskRun.spec.resources.inputs[0].resourceRef.name"],
    ],
    [
      "bundle with the flag off",
      { taskRef: { name: "t", bundle: "docker.io/foo" } },
      ["bundle-not-enabled taskRun.spec.taskRef.bundle"],
    ],
  ])("%s", (_name, spec, expected) => {
    expect(codesAt(spec)).toEqual(expected);
  });

  test("bundles with the flag on", () => {
    expect(codesAt({ taskRef: { bundle: "docker.io/foo" }, taskSpec: { steps: [{ image: "a" }] } }, true)).toEqual([
      "missing-field taskRun.spec.taskRef.name",
    ]);
    expect(codesAt({ taskRef: { name: "t", bundle: "invalid reference" } }, true)).toEqual([
      "invalid-bundle taskRun.spec.taskRef.bundle",
    ]);
  });

  test("metadata name", () => {
    expect(validateTaskRun(run(ref, "a.b")).map((i) => `${i.code} ${i.path}`)).toEqual([
      "invalid-name taskRun.metadata.name",
    ]);
    expect(validateTaskRun(run(ref, "x".repeat(64))).map((i) => i.code)).toEqual(["name-too-long"]);
    expect(validateTaskRun(run(ref, "x".repeat(63)))).toEqual([]);
  });

  test("problems in the spec and the embedded taskSpec are reported together", () => {
    expect(
      codesAt({
        status: "Paused",
        timeout: "-1s",
        taskSpec: {},
        params: [
          { name: "a", value: "" },
          { name: "a", value: "" },
        ],
      }),
    ).toEqual([
      "no-steps taskRun.spec.taskSpec.steps",
      "duplicate-param taskRun.spec.params[1].name",
      "invalid-spec-status taskRun.spec.status",
      "negative-timeout taskRun.spec.timeout",
    ]);
  });
});
