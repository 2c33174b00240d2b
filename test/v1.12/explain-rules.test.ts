/**
 * The explanation of what Tekton v1.12 does differently from v0.20.1, pinned on small inputs
 * and on cases of ../shared/conformance/v1.12: each v1.12 rule at the pointer it explains, from
 * the input field that fed it.
 */
import { describe, expect, it } from "vitest";
import type { CompileInputV112, ExplanationEntry } from "../../src/index.js";
import { explainTaskRun } from "../../src/index.js";
import { loadV112Corpus } from "../support/cases.js";
import { V112_INPUTS } from "../support/explain-v112-inputs.js";

const V112 = { tekton: "v1.12" } as const;

function explained(input: CompileInputV112) {
  return explainTaskRun(input, V112);
}

function rulesAt(explanation: Readonly<Record<string, readonly ExplanationEntry[]>>, pointer: string): string[] {
  return (explanation[pointer] ?? []).map((e) => e.rule);
}

const corpus = loadV112Corpus();
function caseInput(name: string): CompileInputV112 | undefined {
  return corpus.cases.find((c) => c.name === name)?.input as CompileInputV112 | undefined;
}

describe("v1.12 rules, pinned", () => {
  it("the prepare init container, the run volumes and downward-API readiness", () => {
    const { pod, explanation } = explained(V112_INPUTS.outputs);
    expect(pod.spec?.initContainers?.[0]?.name).toBe("prepare");
    expect(rulesAt(explanation, "/pod/spec/initContainers/0/command/0")).toEqual(["prepare-init"]);
    const args = pod.spec?.containers[0]?.args ?? [];
    expect(args.slice(0, 2)).toEqual(["-wait_file", "/tekton/downward/ready"]);
    expect(rulesAt(explanation, "/pod/spec/containers/0/args/1")).toEqual(["downward-ready"]);
    const post = args.indexOf("-post_file");
    expect(rulesAt(explanation, `/pod/spec/containers/0/args/${post + 1}`)).toEqual(["run-volume"]);
    const runVolume = (pod.spec?.volumes ?? []).findIndex((v) => v.name === "tekton-internal-run-0");
    expect(rulesAt(explanation, `/pod/spec/volumes/${runVolume}/name`)).toEqual(["run-volume"]);
  });

  it("onError, stdout/stderr files and step results become entrypoint flags from the step's fields", () => {
    const { pod, explanation } = explained(V112_INPUTS.outputs);
    const args = pod.spec?.containers[0]?.args ?? [];
    const at = (flag: string) => explanation[`/pod/spec/containers/0/args/${args.indexOf(flag) + 1}`] ?? [];
    expect(at("-on_error")).toEqual([
      expect.objectContaining({ rule: "on-error-flag", from: "taskRun.spec.taskSpec.steps[0].onError" }),
    ]);
    expect(at("-stdout_path")).toEqual([
      expect.objectContaining({ rule: "std-output-flag", from: "taskRun.spec.taskSpec.steps[0].stdoutConfig.path" }),
    ]);
    expect(at("-stderr_path")[0]?.rule).toBe("std-output-flag");
    expect(at("-step_results")[0]).toMatchObject({
      rule: "step-results-flag",
      from: "taskRun.spec.taskSpec.steps[0].results",
    });
    // $(step.results.sum.path) in the step's args, after the entrypoint's `--`.
    const path = args.indexOf("/tekton/steps/step-build/results/sum");
    expect(path).toBeGreaterThan(args.indexOf("--"));
    expect(rulesAt(explanation, `/pod/spec/containers/0/args/${path}`)).toEqual(["copied", "step-path-substitution"]);
  });

  it("results through sidecar logs: the results sidecar and -result_from", () => {
    const { pod, explanation } = explained(V112_INPUTS.sidecarLogs);
    const sidecar = (pod.spec?.containers ?? []).findIndex((c) => c.name === "sidecar-tekton-log-results");
    expect(sidecar).toBeGreaterThan(0);
    expect(rulesAt(explanation, `/pod/spec/containers/${sidecar}/image`)).toEqual(["results-sidecar"]);
    expect(rulesAt(explanation, `/pod/spec/containers/${sidecar}/name`)).toEqual(["container-name"]);
    const args = pod.spec?.containers[0]?.args ?? [];
    expect(explanation[`/pod/spec/containers/0/args/${args.indexOf("-result_from")}`]).toEqual([
      expect.objectContaining({ rule: "results-sidecar", from: "config.featureFlags.results-from" }),
    ]);
  });

  it("the Pod template's env reaches every step, its params replaced", () => {
    const { pod, explanation } = explained(V112_INPUTS.templateEnv);
    const env = pod.spec?.containers[0]?.env ?? [];
    const k = env.findIndex((e) => e.name === "LOG_LEVEL");
    expect(env[k]?.value).toBe("info");
    expect(explanation[`/pod/spec/containers/0/env/${k}/value`]).toEqual([
      expect.objectContaining({ rule: "copied", from: "taskRun.spec.podTemplate.env[0].value" }),
      expect.objectContaining({
        rule: "pod-template-substitution",
        from: "taskRun.spec.taskSpec.params[0].default",
        note: `$(params.level) is replaced by param "level"'s value, the Task's default.`,
      }),
      expect.objectContaining({ rule: "pod-template-env", from: "taskRun.spec.podTemplate.env[0]" }),
    ]);
  });

  it("a command-less step: pinned by digest, its command per platform in TEKTON_PLATFORM_COMMANDS", () => {
    const input = caseInput("v1-image-digest-pinned");
    if (input === undefined) return;
    const { pod, explanation } = explained(input);
    expect(rulesAt(explanation, "/pod/spec/containers/0/image")).toEqual(["image-digest-pin"]);
    const env = pod.spec?.containers[0]?.env ?? [];
    const k = env.findIndex((e) => e.name === "TEKTON_PLATFORM_COMMANDS");
    expect(explanation[`/pod/spec/containers/0/env/${k}/value`]?.[0]).toMatchObject({ rule: "platform-commands" });
    expect(explanation[`/pod/spec/containers/0/env/${k}/value`]?.[0]?.from).toMatch(/^imageEntrypoints[.[]/);
  });

  it("computeResources: stepSpecs overrides, TaskRun-level resources, default requirements, LimitRange defaults", () => {
    const cases: [string, string][] = [
      ["v1-sidecarspecs-override", "step-spec-override"],
      ["v1-taskrun-computeresources", "task-level-compute-resources"],
      ["v1-default-container-resource-requirements", "default-container-resources"],
    ];
    for (const [name, rule] of cases) {
      const input = caseInput(name);
      if (input === undefined) continue;
      const { explanation } = explained(input);
      const pointers = Object.keys(explanation).filter((p) => rulesAt(explanation, p).includes(rule));
      expect(pointers.length, name).toBeGreaterThan(0);
      for (const p of pointers) expect(p, name).toMatch(/\/resources\//);
    }
  });

  it("activeDeadlineSeconds: 1.5 times the timeout, the default timeout when none is set", () => {
    const { pod, explanation } = explained(V112_INPUTS.outputs);
    expect(pod.spec?.activeDeadlineSeconds).toBe(5400);
    expect(explanation["/pod/spec/activeDeadlineSeconds"]).toEqual([
      expect.objectContaining({ rule: "default-timeout", from: "config.defaults.default-timeout-minutes" }),
      expect.objectContaining({ rule: "active-deadline", from: "taskRun.spec.timeout" }),
    ]);
  });

  it("a v1beta1 step's resources are explained from the field as written, renamed by the conversion", () => {
    const input = caseInput("catalog-docker-build-0.1");
    if (input === undefined) return;
    const { pod, explanation } = explained(input);
    const pointers = Object.keys(explanation).filter((p) => rulesAt(explanation, p).includes("converted-from-v1beta1"));
    expect(pointers.length).toBeGreaterThan(0);
    for (const p of pointers) {
      expect(p).toMatch(/^\/pod\/spec\/containers\/\d+\/resources\//);
      const copied = explanation[p]?.find((e) => e.rule === "copied");
      expect(copied?.from).toMatch(/^taskRun\.spec\.sidecarOverrides\[0\]\.resources\./);
      expect(rulesAt(explanation, p)).toEqual(["copied", "converted-from-v1beta1", "step-spec-override"]);
    }
    expect(pod.spec?.containers.length).toBeGreaterThan(0);
  });
});
