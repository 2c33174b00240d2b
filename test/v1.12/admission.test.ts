/**
 * Tekton v1.12's admission, against the v1.12 corpus: every case the real webhook rejects
 * (expected error at stage `validation`) is refused, with an issue at the field Tekton names;
 * every other case — whatever the reconciler later makes of it — is admitted with no issue
 * ("no valid input rejected"). Then the rules no case reaches: flag gates, v1beta1's own
 * rules, strict decoding per API version, unserved input, conversion warnings, and the
 * v0.20.1 profile's refusal of tekton.dev/v1.
 */

import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { CompileError } from "../../src/errors.js";
import { compileTaskRun } from "../../src/profiles.js";
import type { TaskRunV1, TaskV1 } from "../../src/v1.12/api/types.js";
import { admitTaskRun, type V1Defaulting } from "../../src/v1.12/compile/admission.js";
import { resolveConfig } from "../../src/v1.12/compile/config.js";
import { decodeIssues } from "../../src/v1.12/compile/decode-strict.js";
import { conversionWarnings } from "../../src/v1.12/compile/refuse-unserved.js";
import {
  validateTask,
  validateTaskRun,
  validateTaskSpec,
  validateV1beta1Task,
  validateV1beta1TaskRun,
} from "../../src/v1.12/compile/validate.js";
import { loadFixtureInputs, mutatedFixtureInput } from "../support/arbitraries/hostile.js";
import { type ConformanceCase, loadV112Corpus, SHARED_V112_DIR } from "../support/cases.js";
import { caught } from "../support/errors.js";
import { deepFreeze } from "../support/freeze.js";

/** Admission sees objects as written; these tests do not depend on the v1 SetDefaults. */
const AS_WRITTEN: V1Defaulting = { taskRun: (t) => t, task: (t) => t };

function admit(input: Record<string, unknown>) {
  const frozen = deepFreeze(structuredClone(input));
  const config = frozen !== null && typeof frozen === "object" ? (frozen as { config?: never }).config : undefined;
  return admitTaskRun(frozen as never, resolveConfig(config), AS_WRITTEN);
}

const CLUSTER_TASK = { code: "unsupported-input", path: "task.kind" };

/** Case → the issue we must report: its code and its path (Tekton's path, spelled our way). */
const EXPECTED: Record<string, { code: string; path: string }> = {
  "context-clustertask-name": CLUSTER_TASK,
  "context-clustertask-name-v1beta1": CLUSTER_TASK,
  "err-array-param-not-isolated-in-args": {
    code: "array-not-isolated",
    path: "taskRun.spec.taskSpec.steps[0].args[0]",
  },
  "err-duplicate-step-names": { code: "duplicate-name", path: "taskRun.spec.taskSpec.steps[1].name" },
  "err-duplicate-taskrun-params": { code: "duplicate-param", path: "taskRun.spec.params[1].name" },
  "err-invalid-result-name": { code: "invalid-result-name", path: "taskRun.spec.taskSpec.results[0].name" },
  "err-invalid-spec-status": { code: "invalid-spec-status", path: "taskRun.spec.status" },
  "err-invalid-step-name-uppercase": { code: "invalid-name", path: "taskRun.spec.taskSpec.steps[0].name" },
  "err-no-steps": { code: "no-steps", path: "taskRun.spec.taskSpec.steps" },
  "err-no-steps-v1beta1": { code: "no-steps", path: "taskRun.spec.taskSpec.steps" },
  "err-param-default-type-mismatch": {
    code: "param-default-type-mismatch",
    path: "taskRun.spec.taskSpec.params[0].default",
  },
  "err-param-default-type-mismatch-v1beta1": {
    code: "param-default-type-mismatch",
    path: "taskRun.spec.taskSpec.params[0].default",
  },
  "err-script-and-command": { code: "script-with-command", path: "taskRun.spec.taskSpec.steps[0].script" },
  "err-step-missing-image": { code: "missing-image", path: "taskRun.spec.taskSpec.steps[0].image" },
  "err-taskref-and-taskspec": { code: "task-ref-and-spec", path: "taskRun.spec.taskSpec" },
  "err-taskrun-name-too-long": { code: "name-too-long", path: "taskRun.metadata.name" },
  "err-timeout-negative": { code: "negative-timeout", path: "taskRun.spec.timeout" },
  "err-undeclared-param-in-step": { code: "non-existent-variable", path: "taskRun.spec.taskSpec.steps[0].args[0]" },
  "err-unknown-context-taskrun-variable": {
    code: "non-existent-variable",
    path: "taskRun.spec.taskSpec.steps[0].args[0]",
  },
  "err-unknown-field-sidecar-timeout": { code: "unknown-field", path: "taskRun.spec.taskSpec.sidecars[0].timeout" },
  "err-volumemount-tekton-internal-name": {
    code: "reserved-volume-name",
    path: "taskRun.spec.taskSpec.steps[0].volumeMounts[0].name",
  },
  "err-workspace-binding-no-source": { code: "workspace-binding-source", path: "taskRun.spec.workspaces[0]" },
  "err-workspace-mountpath-conflicts-with-volumemount": {
    code: "workspace-mountpath-conflict",
    path: "taskRun.spec.taskSpec.workspaces[0].mountPath",
  },
  "err-workspace-pvc-missing-claimname": {
    code: "missing-field",
    path: "taskRun.spec.workspaces[0].persistentVolumeClaim.claimName",
  },
  "example-clustertask": CLUSTER_TASK,
  "example-image-params": CLUSTER_TASK,
  "example-image-params-v1beta1": CLUSTER_TASK,
  "example-tekton-bundles": { code: "field-not-allowed", path: "taskRun.spec.taskRef.bundle" },
  "taskref-clustertask-kind": CLUSTER_TASK,
  "v1-error-step-name-invalid": { code: "invalid-name", path: "taskRun.spec.taskSpec.steps[0].name" },
  "v1-podtemplate-env-forbidden-rejected": { code: "forbidden-env", path: "taskRun.spec.podTemplate.env[1].name" },
  "v1-stdout-config-beta-rejected": {
    code: "feature-not-enabled",
    path: "taskRun.spec.taskSpec.steps[0].stdoutConfig",
  },
};

const corpus = loadV112Corpus();
const compileCases = corpus.cases.filter((c) => c.kind === "compile");
const rejected = compileCases.filter((c) => c.expected.error?.stage === "validation");
const admitted = compileCases.filter((c) => c.expected.error?.stage !== "validation");

describe("v1.12 admission: what the webhook rejects", () => {
  if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});

  it("has an expectation for every case rejected at stage validation", () => {
    if (corpus.missing !== undefined) return;
    expect(rejected.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(rejected.map((c) => [c.name, c] as [string, ConformanceCase]))("%s", (name, testCase) => {
    const error = caught(() => admit(testCase.input));
    expect(error.stage).toBe("admission");
    expect(error.reason).toBeUndefined();
    expect(error.issues.map((i) => ({ code: i.code, path: i.path }))).toContainEqual(EXPECTED[name]);
    for (const i of error.issues) expect(i.message.length).toBeGreaterThan(20);
  });
});

describe("v1.12 admission: no valid input rejected", () => {
  // Every case Tekton admitted: Pods, and failures at later stages (resolution, build, pending…).
  test.each(admitted.map((c) => [c.name, c] as [string, ConformanceCase]))("%s", (_name, testCase) => {
    const { taskRun, task, warnings } = admit(testCase.input);
    expect(taskRun.apiVersion).toBe("tekton.dev/v1");
    if (testCase.input["task"] !== undefined) expect(task?.apiVersion).toBe("tekton.dev/v1");
    expect(warnings).toEqual([]);
  });
});

const flags = (featureFlags: Record<string, string> = {}, defaults: Record<string, string> = {}) =>
  resolveConfig({ featureFlags, defaults });
const taskRunV1 = (spec: Record<string, unknown>): TaskRunV1 =>
  deepFreeze({ apiVersion: "tekton.dev/v1", kind: "TaskRun", metadata: { name: "run" }, spec } as TaskRunV1);
const step = { name: "s", image: "alpine", command: ["true"] };
const codesAt = (issues: readonly { code: string; path: string }[]) => issues.map((i) => `${i.code} ${i.path}`);

describe("v1.12 admission rules", () => {
  it("gates stepSpecs, sidecarSpecs and computeResources on beta API fields", () => {
    const run = taskRunV1({
      taskRef: { name: "t" },
      stepSpecs: [{ name: "s", computeResources: { limits: { cpu: "1" } } }],
      sidecarSpecs: [{ name: "c" }],
    });
    expect(validateTaskRun(run, flags())).toEqual([]);
    expect(codesAt(validateTaskRun(run, flags({ "enable-api-fields": "stable" })))).toEqual([
      "feature-not-enabled taskRun.spec.stepSpecs",
      "feature-not-enabled taskRun.spec.sidecarSpecs",
    ]);
  });

  it("refuses compute resources set both for the TaskRun and per step", () => {
    const run = taskRunV1({
      taskRef: { name: "t" },
      stepSpecs: [{ name: "s", computeResources: { requests: { cpu: "1" } } }],
      computeResources: { requests: { cpu: "2" } },
    });
    expect(codesAt(validateTaskRun(run, flags()))).toEqual(["invalid-value taskRun.spec.computeResources"]);
  });

  it("needs enable-param-enum for enums, and checks them", () => {
    const run = taskRunV1({
      taskSpec: { params: [{ name: "mode", type: "string", enum: ["a", "b", "a"], default: "c" }], steps: [step] },
    });
    expect(codesAt(validateTaskRun(run, flags()))).toEqual([
      "feature-not-enabled taskRun.spec.taskSpec.params[0].enum",
      "invalid-enum taskRun.spec.taskSpec.params[0].enum",
      "invalid-enum taskRun.spec.taskSpec.params[0].default",
    ]);
    expect(codesAt(validateTaskRun(run, flags({ "enable-param-enum": "true" })))).not.toContain(
      "feature-not-enabled taskRun.spec.taskSpec.params[0].enum",
    );
  });

  it("allows a propagated param the embedded spec does not declare", () => {
    const run = taskRunV1({
      params: [{ name: "greeting", value: "hi" }],
      taskSpec: { steps: [{ ...step, args: ["$(params.greeting)"] }] },
    });
    expect(validateTaskRun(run, flags())).toEqual([]);
  });

  it("reports a negative step timeout alone, as Tekton returns at once", () => {
    const run = taskRunV1({ taskSpec: { steps: [{ name: "Bad_Name", image: "alpine", timeout: "-1s" }] } });
    expect(codesAt(validateTaskRun(run, flags()))).toEqual(["negative-timeout taskRun.spec.taskSpec.steps[0].timeout"]);
  });

  it("checks a step merged with the stepTemplate: an inherited image or command counts", () => {
    const run = taskRunV1({
      taskSpec: { stepTemplate: { image: "alpine", command: ["sh"] }, steps: [{ name: "s", script: "echo hi" }] },
    });
    expect(codesAt(validateTaskRun(run, flags()))).toEqual([
      "script-with-command taskRun.spec.taskSpec.steps[0].script",
    ]);
  });

  it("validates step refs: a name or a resolver, and nothing a StepAction supplies", () => {
    const run = taskRunV1({ taskSpec: { steps: [{ name: "s", ref: { name: "action" }, image: "alpine" }] } });
    expect(codesAt(validateTaskRun(run, flags()))).toEqual(["invalid-value taskRun.spec.taskSpec.steps[0].image"]);
    const remote = taskRunV1({
      taskSpec: { steps: [{ name: "s", ref: { resolver: "git", params: [{ name: "url", value: "u" }] } }] },
    });
    expect(validateTaskRun(remote, flags())).toEqual([]);
    expect(codesAt(validateTaskRun(remote, flags({ "enable-api-fields": "stable" })))).toEqual([
      "feature-not-enabled taskRun.spec.taskSpec.steps[0].ref.params",
      "feature-not-enabled taskRun.spec.taskSpec.steps[0].ref.resolver",
    ]);
  });

  it("refuses an inline spec under disable-inline-spec", () => {
    const run = taskRunV1({ taskSpec: { steps: [step] } });
    expect(codesAt(validateTaskRun(run, flags({ "disable-inline-spec": "pipeline,taskrun" })))).toEqual([
      "field-not-allowed taskRun.spec.taskSpec",
    ]);
  });

  it("validates a Task's object params and results", () => {
    const task = deepFreeze({
      apiVersion: "tekton.dev/v1",
      kind: "Task",
      metadata: { name: "t" },
      spec: {
        params: [{ name: "repo", type: "object", properties: { url: {} } }],
        results: [{ name: "digest", type: "object" }],
        steps: [{ ...step, args: ["$(params.repo.url)", "$(params.repo.branch)", "$(params.repo)"] }],
      },
    } as TaskV1);
    expect(codesAt(validateTask(task, flags()))).toEqual([
      "missing-field task.spec.results[0].properties",
      "non-existent-variable task.spec.steps[0].args[1]",
      "array-not-allowed task.spec.steps[0].args[2]",
    ]);
  });

  it("applies v1beta1's own rules to v1beta1 objects", () => {
    const run = deepFreeze({
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "run" },
      spec: {
        taskRef: { name: "t", bundle: "registry.example.com/tasks:1" },
        resources: { inputs: [] },
        retries: -1,
        stepOverrides: [{ name: "" }],
      },
    });
    expect(codesAt(validateV1beta1TaskRun(run, flags()))).toEqual([
      "field-not-allowed taskRun.spec.taskRef.bundle",
      "missing-field taskRun.spec.stepOverrides[0].name",
      "field-not-allowed taskRun.spec.resources",
    ]);
    // A v1beta1 sidecar without an image is admitted (only its name is checked); v1 refuses it.
    const spec = { steps: [step], sidecars: [{ name: "db" }] };
    expect(validateV1beta1Task(deepFreeze({ metadata: { name: "t" }, spec }), flags())).toEqual([]);
    expect(codesAt(validateTask(deepFreeze({ metadata: { name: "t" }, spec }) as TaskV1, flags()))).toEqual([
      "missing-image task.spec.sidecars[0].image",
    ]);
  });

  it("decodes strictly in the object's own API version", () => {
    const v1 = {
      apiVersion: "tekton.dev/v1",
      spec: { taskSpec: { steps: [{ image: "a", resources: {} }] }, stepOverrides: [] },
    };
    expect(codesAt(decodeIssues(v1, "taskRun"))).toEqual([
      "unknown-field taskRun.spec.taskSpec.steps[0].resources",
      "unknown-field taskRun.spec.stepOverrides",
    ]);
    const v1beta1 = { ...v1, apiVersion: "tekton.dev/v1beta1" };
    expect(decodeIssues(v1beta1, "taskRun")).toEqual([]);
    // Go matches keys to fields ignoring case.
    expect(decodeIssues({ apiVersion: "tekton.dev/v1", spec: { Steps: [{ IMAGE: "a" }] } }, "task")).toEqual([]);
  });

  it("refuses PipelineResources at stage input, and unserved versions at admission", () => {
    const taskRun = {
      apiVersion: "tekton.dev/v1",
      kind: "TaskRun",
      metadata: { name: "r" },
      spec: { taskSpec: { steps: [step] } },
    };
    expect(caught(() => admit({ taskRun, pipelineResources: [] })).stage).toBe("input");
    const old = caught(() => admit({ taskRun: { ...taskRun, apiVersion: "tekton.dev/v1alpha1" } }));
    expect({ stage: old.stage, codes: codesAt(old.issues) }).toEqual({
      stage: "admission",
      codes: ["unsupported-input taskRun.apiVersion"],
    });
  });

  it("warns about what conversion drops", () => {
    const taskRun = {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "r" },
      spec: {
        managedBy: "example.com/controller",
        taskSpec: { steps: [step], sidecars: [{ name: "c", image: "i", restartPolicy: "Always" }] },
      },
    };
    expect(codesAt(conversionWarnings(taskRun, "taskRun"))).toEqual([
      "dropped-by-conversion taskRun.spec.managedBy",
      "dropped-by-conversion taskRun.spec.taskSpec.sidecars[0].restartPolicy",
    ]);
    expect(admit({ taskRun }).warnings).toHaveLength(2);
  });
});

describe("the v0.20.1 profile and tekton.dev/v1", () => {
  it("refuses a tekton.dev/v1 TaskRun at stage input and says to choose v1.12", () => {
    const input = deepFreeze({
      taskRun: {
        apiVersion: "tekton.dev/v1",
        kind: "TaskRun",
        metadata: { name: "r" },
        spec: { taskSpec: { steps: [step] } },
      },
    });
    const error = caught(() => compileTaskRun(input as never));
    expect(error.stage).toBe("input");
    expect(codesAt(error.issues)).toEqual(["unsupported-input taskRun.apiVersion"]);
    expect(error.issues[0]?.message).toContain('tekton: "v1.12"');
  });

  it("refuses a tekton.dev/v1 Task the same way", () => {
    const input = deepFreeze({
      taskRun: {
        apiVersion: "tekton.dev/v1beta1",
        kind: "TaskRun",
        metadata: { name: "r" },
        spec: { taskRef: { name: "t" } },
      },
      task: { apiVersion: "tekton.dev/v1", kind: "Task", metadata: { name: "t" }, spec: { steps: [step] } },
    });
    const error = caught(() => compileTaskRun(input as never));
    expect({ stage: error.stage, codes: codesAt(error.issues) }).toEqual({
      stage: "input",
      codes: ["unsupported-input task.apiVersion"],
    });
  });
});

describe("v1.12 admission is total", () => {
  const inputs = corpus.missing === undefined ? loadFixtureInputs(SHARED_V112_DIR) : [];

  it("answers malformed TaskRuns with issues, never another exception", () => {
    for (const taskRun of [
      "x",
      5,
      null,
      [],
      { apiVersion: "tekton.dev/v1", spec: 5 },
      { spec: { taskSpec: { steps: "abc" } } },
      { spec: { params: [1, null], taskSpec: { steps: [{ image: 3, env: "E", volumeMounts: [{ name: 1 }] }] } } },
      {
        apiVersion: "tekton.dev/v1beta1",
        spec: { taskSpec: { steps: [{ resources: { limits: { cpu: "lots" } } }] }, timeout: "soon" },
      },
    ]) {
      const error = caught(() => admit({ taskRun }));
      expect(error.stage).toBe("admission");
      expect(error.issues.length).toBeGreaterThan(0);
    }
  });

  it("mutated v1.12 inputs: admitted or refused with a CompileError (2,000 runs)", () => {
    if (inputs.length === 0) return;
    fc.assert(
      fc.property(mutatedFixtureInput(inputs), (input) => {
        try {
          admit(input as Record<string, unknown>);
        } catch (error) {
          if (!(error instanceof CompileError)) throw error;
          for (const i of error.issues) expect(typeof i.message).toBe("string");
        }
      }),
      { seed: 20_261_207, numRuns: 2_000 },
    );
  });
});

describe("v1beta1 stepTemplate name", () => {
  it("is inherited by unnamed steps, so two of them clash", () => {
    const run = deepFreeze({
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "run" },
      spec: { taskSpec: { stepTemplate: { name: "same" }, steps: [{ image: "a" }, { image: "b" }] } },
    });
    expect(codesAt(validateV1beta1TaskRun(run, flags()))).toEqual([
      "duplicate-name taskRun.spec.taskSpec.steps[1].name",
    ]);
  });
});

describe("createPod's check of the substituted spec", () => {
  it("is the Task rules without the metadata, under the path given", () => {
    const spec = {
      params: [{ name: "p", type: "string" as const }],
      steps: [{ name: "s", image: "a", args: ["$(params.q)"] }],
    };
    expect(codesAt(validateTaskSpec(spec, flags(), ["taskRun", "spec", "taskSpec"]))).toEqual([
      "non-existent-variable taskRun.spec.taskSpec.steps[0].args[0]",
    ]);
    expect(validateTaskSpec({ steps: [{ name: "s", image: "a" }] }, flags(), ["task", "spec"])).toEqual([]);
  });
});

describe("v1beta1 defaults before validation", () => {
  it("gives a bare taskRef the default resolver, as v1beta1 SetDefaults does", () => {
    const taskRun = {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "r" },
      spec: { taskRef: { params: [{ name: "name", value: "t" }] } },
    };
    expect(codesAt(caught(() => admit({ taskRun })).issues)).toEqual(["missing-field taskRun.spec.taskRef.resolver"]);
    const admitted = admit({ taskRun, config: { defaults: { "default-resolver-type": "cluster" } } });
    expect(admitted.taskRun.spec.taskRef).toEqual({ resolver: "cluster", params: [{ name: "name", value: "t" }] });
  });
});

describe("v1beta1 wording", () => {
  it("names the unknown variable of a script, as v1beta1's check does", () => {
    const spec = { taskSpec: { steps: [{ name: "s", image: "a", script: "echo $(params.nope)" }] } };
    const v1beta1 = validateV1beta1TaskRun(
      deepFreeze({ apiVersion: "tekton.dev/v1beta1", metadata: { name: "r" }, spec }),
      flags(),
    );
    expect(v1beta1.map((i) => i.message.split(":")[0])).toEqual([
      'non-existent variable `nope` in "echo $(params.nope)"',
    ]);
    const v1 = validateTaskRun(taskRunV1(spec), flags());
    expect(v1.map((i) => i.message.split(":")[0])).toEqual(['non-existent variable in "echo $(params.nope)"']);
  });
});

describe("param values decode as Go's ParamValue", () => {
  it("turns what is not a string, a string list or a string map into the string of its JSON", () => {
    const taskRun = {
      apiVersion: "tekton.dev/v1",
      kind: "TaskRun",
      metadata: { name: "r" },
      spec: {
        params: [
          { name: "n", value: 5 },
          { name: "b", value: true },
          { name: "l", value: [1, "a"] },
          { name: "m", value: { z: 1, a: "<" } },
          { name: "s", value: ["x"] },
        ],
        taskRef: { name: "t" },
      },
    };
    expect(admit({ taskRun }).taskRun.spec.params?.map((p) => p.value)).toEqual([
      "5",
      "true",
      '[1,"a"]',
      '{"a":"\\u003c","z":1}',
      ["x"],
    ]);
  });
});
