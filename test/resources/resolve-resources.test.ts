/** prepare()'s resource checks: binding, validation against the Task, cloudEvent targets. */
import { describe, expect, it } from "vitest";
import type { CompileInput, Immutable, PipelineResource, TaskRun, TaskSpec } from "../../src/api/types.js";
import {
  bindResources,
  checkCloudEventOutputs,
  matchResourceBindings,
  resolveResources,
} from "../../src/v0.20.1/compile/resources/index.js";
import { caught } from "../support/errors.js";
import { deepFreeze } from "../support/freeze.js";
import { caseInput, taskOf } from "./helpers.js";

function resolveCase(input: Immutable<CompileInput>) {
  const { taskSpec, taskName } = taskOf(input);
  return resolveResources({
    taskRun: input.taskRun,
    taskSpec,
    taskName,
    pipelineResources: input.pipelineResources ?? [],
  });
}

const gitTask: TaskSpec = deepFreeze({
  resources: { inputs: [{ name: "src", type: "git" }], outputs: [{ name: "img", type: "image", optional: true }] },
  steps: [{ name: "s", image: "alpine", command: ["true"] }],
});

function taskRun(resources: TaskRun["spec"]["resources"]): TaskRun {
  return deepFreeze({
    metadata: { name: "tr", namespace: "ns" },
    spec: { taskSpec: gitTask, ...(resources ? { resources } : {}) },
  });
}

const repo: PipelineResource = deepFreeze({
  metadata: { name: "repo", namespace: "ns" },
  spec: { type: "git", params: [{ name: "url", value: "https://example.com/r.git" }] },
});

describe("resolveResources", () => {
  it("binds a resourceRef to the PipelineResource of that name (seed-read-repo-run)", () => {
    const resolved = resolveCase(caseInput("seed-read-repo-run"));
    expect(resolved.inputs).toHaveLength(1);
    const [input] = resolved.inputs;
    expect(input?.name).toBe("workspace");
    expect(input?.resourceName).toBe("go-example-git");
    expect(input?.declaration.type).toBe("git");
    expect(input?.spec.params?.[0]).toEqual({
      name: "url",
      value: "https://github.com/pivotal-nader-ziada/gohelloworld",
    });
    expect(input?.specPath).toEqual(["pipelineResources", 0, "spec"]);
    expect(resolved.outputs).toEqual([]);
  });

  it("names an embedded resourceSpec after its binding, as Tekton does", () => {
    const resolved = resolveResources({
      taskRun: taskRun({ inputs: [{ name: "src", resourceSpec: { type: "git", params: [] } }] }),
      taskSpec: gitTask,
      taskName: "t",
      pipelineResources: [],
    });
    expect(resolved.inputs[0]?.resourceName).toBe("src");
    expect(resolved.inputs[0]?.specPath).toEqual(["taskRun", "spec", "resources", "inputs", 0, "resourceSpec"]);
  });

  it("keeps every declaration, bound or not, for the path variables", () => {
    const resolved = resolveCase(caseInput("optional-input-unbound"));
    const declared = resolved.declarations?.inputs.map((d) => d.name) ?? [];
    expect(declared.length).toBeGreaterThan(resolved.inputs.length);
  });

  it("fails resolution for a resourceRef to a missing PipelineResource (err-resourceref-not-found)", () => {
    const error = caught(() => resolveCase(caseInput("err-resourceref-not-found")));
    expect(error.stage).toBe("resolution");
    expect(error.reason).toBe("TaskRunResolutionFailed");
    expect(error.issues[0]?.code).toBe("resource-not-found");
    expect(error.issues[0]?.path).toBe("taskRun.spec.resources.inputs[0].resourceRef.name");
    expect(error.issues[0]?.message).toContain('"nope"');
  });

  it("looks PipelineResources up in the TaskRun's namespace only", () => {
    const elsewhere = deepFreeze({ ...repo, metadata: { name: "repo", namespace: "other" } });
    const error = caught(() =>
      resolveResources({
        taskRun: taskRun({ inputs: [{ name: "src", resourceRef: { name: "repo" } }] }),
        taskSpec: gitTask,
        taskName: "t",
        pipelineResources: [elsewhere],
      }),
    );
    expect(error.reason).toBe("TaskRunResolutionFailed");
  });

  it("rejects a missing required binding (err-missing-required-resource)", () => {
    const error = caught(() => resolveCase(caseInput("err-missing-required-resource")));
    expect([error.stage, error.reason]).toEqual(["resolution", "TaskRunValidationFailed"]);
    expect(error.issues[0]?.code).toBe("missing-resource");
    expect(error.issues[0]?.message).toContain(
      "invalid input resources for task needs-source: Task's declared required resources are missing from the TaskRun: [source]",
    );
  });

  it("rejects a binding the Task does not declare (err-extra-resource-binding)", () => {
    const error = caught(() => resolveCase(caseInput("err-extra-resource-binding")));
    expect([error.stage, error.reason]).toEqual(["resolution", "TaskRunValidationFailed"]);
    expect(error.issues[0]?.code).toBe("extra-resource");
    expect(error.issues[0]?.path).toBe("taskRun.spec.resources.inputs[0]");
    expect(error.issues[0]?.message).toContain("didn't match usage in Task: [source]");
  });

  it("rejects a resource of the wrong type", () => {
    const image: PipelineResource = { metadata: { name: "repo" }, spec: { type: "image", params: [] } };
    const error = caught(() =>
      resolveResources({
        taskRun: taskRun({ inputs: [{ name: "src", resourceRef: { name: "repo" } }] }),
        taskSpec: gitTask,
        taskName: "t",
        pipelineResources: [deepFreeze(image)],
      }),
    );
    expect([error.stage, error.reason, error.issues[0]?.code]).toEqual([
      "resolution",
      "TaskRunValidationFailed",
      "resource-type-mismatch",
    ]);
    expect(error.issues[0]?.path).toBe("pipelineResources[0].spec.type");
  });

  it("checks inputs completely before outputs, like ValidateResolvedTaskResources", () => {
    const bound = bindResources({
      taskRun: taskRun({ outputs: [{ name: "nope", resourceSpec: { type: "image" } }] }),
      pipelineResources: [],
    });
    if (!bound.ok) throw new Error("the bindings resolve");
    const matched = matchResourceBindings({ taskSpec: gitTask, taskName: "t", bindings: bound.value });
    expect(matched.ok ? [] : matched.issues.map((i) => i.code)).toEqual(["missing-resource"]);
  });

  it("lets an optional declaration go unbound", () => {
    const resolved = resolveResources({
      taskRun: taskRun({ inputs: [{ name: "src", resourceRef: { name: "repo" } }] }),
      taskSpec: gitTask,
      taskName: "t",
      pipelineResources: [repo],
    });
    expect(resolved.outputs).toEqual([]);
    expect(resolved.declarations?.outputs.map((d) => d.name)).toEqual(["img"]);
  });

  it("rejects a cloudEvent output without targetURI instead of crashing (err-cloudevent-missing-targeturi)", () => {
    const error = caught(() => resolveCase(caseInput("err-cloudevent-missing-targeturi")));
    expect(error.stage).toBe("resolution");
    expect(error.issues[0]?.code).toBe("invalid-resource");
    expect(error.issues[0]?.path).toBe("pipelineResources[0].spec.params");
    expect(error.issues[0]?.message).toMatch(/targetURI/);
  });

  it("accepts a cloudEvent output whose targetURI is set", () => {
    expect(
      checkCloudEventOutputs({
        inputs: [],
        outputs: [
          {
            name: "ev",
            resourceName: "ev",
            paths: [],
            declaration: { name: "ev", type: "cloudEvent" },
            spec: { type: "cloudEvent", params: [{ name: "TargetURI", value: "http://sink" }] },
          },
        ],
      }),
    ).toEqual([]);
  });

  it("never throws a TypeError on malformed bindings", () => {
    const garbage = {
      metadata: { name: "tr" },
      spec: { resources: { inputs: [null, 3, { name: "x", resourceRef: "str" }] } },
    } as unknown as TaskRun;
    const bound = bindResources({ taskRun: deepFreeze(garbage), pipelineResources: [] });
    expect(bound.ok ? [] : bound.issues.map((i) => i.code)).toEqual(["invalid-resource"]);
  });
});
