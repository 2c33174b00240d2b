/**
 * Task / embedded taskSpec admission rules of Tekton v0.20.1 (task_validation.go), one row
 * per rule: the spec, the issue code we must report and where.
 */
import { describe, expect, test } from "vitest";
import type { Immutable, Task, TaskSpec } from "../../src/api/types.js";
import { validateTask, validateTaskRun } from "../../src/v0.20.1/compile/validate.js";
import { deepFreeze } from "../support/freeze.js";

const step = { name: "s", image: "alpine" };
const task = (spec: object, name = "t"): Immutable<Task> => deepFreeze({ metadata: { name }, spec: spec as TaskSpec });
const codesAt = (spec: object): string[] => validateTask(task(spec)).map((i) => `${i.code} ${i.path}`);

describe("valid Task specs", () => {
  test.each<[string, object]>([
    ["unnamed steps", { steps: [{ image: "a" }, { image: "b" }] }],
    ["image from stepTemplate", { stepTemplate: { image: "alpine" }, steps: [{ name: "a", command: ["echo"] }] }],
    [
      "declared param references",
      {
        params: [{ name: "foo" }, { name: "list", type: "array" }, { name: "inferred", default: ["a"] }],
        steps: [
          { ...step, args: ["$(params.foo)", "$(params.list[*])", "$(params.inferred)"], command: ["$(params.list)"] },
        ],
      },
    ],
    [
      "nested param reference uses the first segment",
      { params: [{ name: "foo" }], steps: [{ ...step, args: ["$(params.foo.bar)"] }] },
    ],
    [
      "legacy and unrelated variables are not checked",
      { steps: [{ ...step, args: ["$(inputs.params.x)", "$(credentials.path)", "$(workspaces.w.path)"] }] },
    ],
    [
      "context variables",
      {
        steps: [
          {
            ...step,
            script: "$(context.task.name) $(context.taskRun.name) $(context.taskRun.namespace) $(context.taskRun.uid)",
          },
        ],
      },
    ],
    [
      "declared resource references",
      {
        resources: { inputs: [{ name: "src", type: "git" }], outputs: [{ name: "img", type: "image" }] },
        steps: [{ ...step, args: ["$(resources.inputs.src.path)", "$(resources.outputs.img.url)"] }],
      },
    ],
    [
      "sidecar and stepTemplate references are left alone",
      {
        stepTemplate: { env: [{ name: "X", value: "$(params.nope)" }] },
        sidecars: [{ image: "x", args: ["$(params.nope)"] }],
        steps: [step],
      },
    ],
    ["script with args", { steps: [{ ...step, script: "echo", args: ["a"] }] }],
    ["mount under /tekton/home", { steps: [{ ...step, volumeMounts: [{ name: "h", mountPath: "/tekton/home" }] }] }],
    ["workspaces at distinct paths", { workspaces: [{ name: "a" }, { name: "b", mountPath: "/b" }], steps: [step] }],
    ["valid results", { results: [{ name: "digest" }, { name: "My_Result.1" }], steps: [step] }],
    ["zero step timeout", { steps: [{ ...step, timeout: "0s" }] }],
    [
      "duplicate params in a Task are not an admission error",
      { params: [{ name: "a" }, { name: "a" }], steps: [step] },
    ],
  ])("%s", (_name, spec) => {
    expect(validateTask(task(spec))).toEqual([]);
  });
});

describe("invalid Task specs", () => {
  test.each<[string, object, string[]]>([
    ["no steps", {}, ["no-steps task.spec.steps"]],
    ["empty steps", { steps: [] }, ["no-steps task.spec.steps"]],
    [
      "invalid resource type",
      { resources: { inputs: [{ name: "a", type: "what" }] }, steps: [step] },
      ["invalid-resource-type task.spec.resources.inputs[0].type"],
    ],
    [
      "duplicate output resources ignoring case",
      {
        resources: {
          outputs: [
            { name: "A", type: "git" },
            { name: "a", type: "git" },
          ],
        },
        steps: [step],
      },
      ["duplicate-resource task.spec.resources.outputs[1].name"],
    ],
    [
      "invalid param type",
      { params: [{ name: "p", type: "object" }], steps: [step] },
      ["invalid-param-type task.spec.params[0].type"],
    ],
    [
      "string type, array default",
      { params: [{ name: "p", type: "string", default: ["a"] }], steps: [step] },
      ["param-default-type-mismatch task.spec.params[0].default"],
    ],
    ["step without image", { steps: [{ name: "s" }] }, ["missing-image task.spec.steps[0].image"]],
    [
      "step name not a DNS label",
      { steps: [{ name: "invalid-name-with-$weird-char/%", image: "a" }] },
      ["invalid-name task.spec.steps[0].name"],
    ],
    [
      "step name longer than 63",
      { steps: [{ name: "a".repeat(64), image: "a" }] },
      ["invalid-name task.spec.steps[0].name"],
    ],
    [
      "stepTemplate name repeated into every step",
      { stepTemplate: { name: "same" }, steps: [{ image: "a" }, { image: "b" }] },
      ["duplicate-name task.spec.steps[1].name"],
    ],
    [
      "undeclared param",
      { params: [{ name: "foo" }], steps: [{ ...step, args: ["$(params.foo) $(params.bar)"] }] },
      ["non-existent-variable task.spec.steps[0].args[0]"],
    ],
    [
      "undeclared param in a volumeMount",
      { steps: [{ ...step, volumeMounts: [{ name: "v", mountPath: "/$(params.nope)" }] }] },
      ["non-existent-variable task.spec.steps[0].volumeMounts[0].mountPath"],
    ],
    [
      "array param in image",
      { params: [{ name: "a", type: "array" }], steps: [{ name: "s", image: "$(params.a)" }] },
      ["array-not-allowed task.spec.steps[0].image"],
    ],
    [
      "array param in script",
      { params: [{ name: "a", type: "array" }], steps: [{ ...step, script: "echo $(params.a[*])" }] },
      ["array-not-allowed task.spec.steps[0].script"],
    ],
    [
      "array param in env value",
      { params: [{ name: "a", default: ["x"] }], steps: [{ ...step, env: [{ name: "E", value: "$(params.a)" }] }] },
      ["array-not-allowed task.spec.steps[0].env[0].value"],
    ],
    [
      "array not isolated in command",
      { params: [{ name: "a", type: "array" }], steps: [{ ...step, command: ["x$(params.a)"] }] },
      ["array-not-isolated task.spec.steps[0].command[0]"],
    ],
    [
      "array behind a string param in the same arg",
      {
        params: [{ name: "s" }, { name: "a", type: "array" }],
        steps: [{ ...step, args: ["$(params.s)$(params.a[*])"] }],
      },
      ["array-not-isolated task.spec.steps[0].args[0]"],
    ],
    [
      "undeclared resource",
      {
        resources: { inputs: [{ name: "src", type: "git" }] },
        steps: [{ ...step, args: ["$(resources.inputs.other.path)"] }],
      },
      ["non-existent-variable task.spec.steps[0].args[0]"],
    ],
    [
      "unknown context variable",
      { steps: [{ ...step, script: 'hello "$(context.task.missing)"' }] },
      ["non-existent-variable task.spec.steps[0].script"],
    ],
    [
      "duplicate volumes",
      {
        volumes: [
          { name: "v", emptyDir: {} },
          { name: "v", emptyDir: {} },
        ],
        steps: [step],
      },
      ["duplicate-volume task.spec.volumes[1].name"],
    ],
    [
      "script and command",
      { steps: [{ ...step, script: "echo", command: ["sh"] }] },
      ["script-with-command task.spec.steps[0].script"],
    ],
    [
      "script and a stepTemplate command",
      { stepTemplate: { command: ["sh"] }, steps: [{ ...step, script: "echo" }] },
      ["script-with-command task.spec.steps[0].script"],
    ],
    [
      "mount under /tekton/",
      { steps: [{ ...step, volumeMounts: [{ name: "v", mountPath: "/tekton/results" }] }] },
      ["reserved-mount-path task.spec.steps[0].volumeMounts[0].mountPath"],
    ],
    [
      "stepTemplate mount under /tekton/",
      { stepTemplate: { volumeMounts: [{ name: "v", mountPath: "/tekton/x" }] }, steps: [step] },
      ["reserved-mount-path task.spec.stepTemplate.volumeMounts[0].mountPath"],
    ],
    [
      "volume named tekton-internal-",
      { steps: [{ ...step, volumeMounts: [{ name: "tekton-internal-x", mountPath: "/x" }] }] },
      ["reserved-volume-name task.spec.steps[0].volumeMounts[0].name"],
    ],
    [
      "duplicate workspace names",
      { workspaces: [{ name: "w" }, { name: "w", mountPath: "/other" }], steps: [step] },
      ["duplicate-name task.spec.workspaces[1].name"],
    ],
    [
      "workspaces at the same path",
      {
        workspaces: [
          { name: "a", mountPath: "/x/" },
          { name: "b", mountPath: "/x" },
        ],
        steps: [step],
      },
      ["workspace-mountpath-conflict task.spec.workspaces[1].mountPath"],
    ],
    [
      "default workspace path taken by a stepTemplate mount",
      {
        stepTemplate: { volumeMounts: [{ name: "v", mountPath: "/workspace/./w" }] },
        workspaces: [{ name: "w" }],
        steps: [step],
      },
      ["workspace-mountpath-conflict task.spec.workspaces[0].mountPath"],
    ],
    [
      "invalid result name",
      { results: [{ name: "MY^RESULT" }], steps: [step] },
      ["invalid-result-name task.spec.results[0].name"],
    ],
    [
      "negative step timeout",
      { steps: [{ ...step, timeout: "-10s" }] },
      ["negative-timeout task.spec.steps[0].timeout"],
    ],
  ])("%s", (_name, spec, expected) => {
    expect(codesAt(spec)).toEqual(expected);
  });

  test("every problem is reported together", () => {
    const issues = codesAt({
      volumes: [{ name: "v" }, { name: "v" }],
      steps: [{ name: "A" }, { name: "b", image: "x", args: ["$(params.nope)"] }],
      results: [{ name: "bad/name" }],
    });
    expect(issues).toEqual([
      "duplicate-volume task.spec.volumes[1].name",
      "missing-image task.spec.steps[0].image",
      "invalid-name task.spec.steps[0].name",
      "non-existent-variable task.spec.steps[1].args[0]",
      "invalid-result-name task.spec.results[0].name",
    ]);
  });

  test("Task metadata name", () => {
    expect(validateTask(task({ steps: [step] }, "a.b")).map((i) => i.code)).toEqual(["invalid-name"]);
    expect(validateTask(task({ steps: [step] }, "a".repeat(64))).map((i) => i.code)).toEqual(["name-too-long"]);
  });

  test("an embedded taskSpec is reported under taskRun.spec.taskSpec", () => {
    const issues = validateTaskRun(
      deepFreeze({ metadata: { name: "r" }, spec: { taskSpec: { steps: [{ name: "X", image: "a" }] } } }),
    );
    expect(issues.map((i) => i.path)).toEqual(["taskRun.spec.taskSpec.steps[0].name"]);
  });

  test("messages say what is wrong and what would be right", () => {
    const [undeclared] = validateTask(
      task({ params: [{ name: "name" }], steps: [{ ...step, args: ["$(params.nmae)"] }] }),
    );
    expect(undeclared?.message).toContain("$(params.nmae)");
    expect(undeclared?.message).toContain("did you mean $(params.name)?");
    const [badName] = validateTask(task({ steps: [{ name: "BuildApp", image: "a" }] }));
    expect(badName?.message).toContain('"build-app"');
  });

  test("a 10 MB script with thousands of references is checked in one pass", () => {
    const script = "echo $(params.p) $(params.".repeat(400_000);
    const issues = validateTask(task({ params: [{ name: "p" }], steps: [{ ...step, script }] }));
    expect(issues).toEqual([]);
  });
});
