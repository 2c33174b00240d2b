/**
 * The v1.12 compile stages the conformance corpus does not reach: TaskRuns created cancelled or
 * pending, remote refs, StepAction params, the sidecar-logs results sidecar, native sidecars,
 * TaskRun-level compute resources, LimitRange defaults, config keys v1.12 does not read — and
 * that compiling neither mutates its (frozen) input nor depends on anything but it.
 */

import type { Container } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { mentions, replaceInTaskSpec } from "../../src/v1.12/compile/substitute.js";
import { deepFreeze } from "../support/freeze.js";
import { CompileError, compileTaskRun } from "./profile.js";

type Input = Parameters<typeof compileTaskRun>[0];

function taskRun(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Input {
  return {
    taskRun: {
      apiVersion: "tekton.dev/v1",
      kind: "TaskRun",
      metadata: { name: "run", namespace: "default", uid: "11111111-2222-3333-4444-555555555555" },
      spec,
    },
    ...extra,
  } as Input;
}

const echo = { name: "echo", image: "docker.io/library/alpine:3.20", command: ["echo"], args: ["hi"] };

function caught(input: Input): CompileError {
  try {
    compileTaskRun(deepFreeze(structuredClone(input)));
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
  throw new Error("expected a CompileError");
}

function containers(input: Input): { init: Container[]; main: Container[] } {
  const { pod } = compileTaskRun(deepFreeze(structuredClone(input)));
  return { init: pod.spec?.initContainers ?? [], main: pod.spec?.containers ?? [] };
}

describe("v1.12 compile: TaskRuns that get no Pod", () => {
  it("a TaskRun created cancelled stops before prepare", () => {
    const error = caught(taskRun({ status: "TaskRunCancelled", taskRef: { name: "absent" } }));
    expect({ stage: error.stage, reason: error.reason }).toEqual({ stage: "cancelled", reason: "TaskRunCancelled" });
  });

  it("a TaskRun created pending stops before prepare", () => {
    const error = caught(taskRun({ status: "TaskRunPending", taskSpec: { steps: [echo] } }));
    expect({ stage: error.stage, reason: error.reason }).toEqual({ stage: "pending", reason: "TaskRunPending" });
  });

  it("a remote taskRef waits on its resolver", () => {
    const error = caught(
      taskRun({ taskRef: { resolver: "git", params: [{ name: "url", value: "https://example.com/x.git" }] } }),
    );
    expect({ stage: error.stage, reason: error.reason }).toEqual({ stage: "resolution", reason: "ResolvingTaskRef" });
  });

  it("a StepAction given a param it does not declare fails resolution", () => {
    const error = caught(
      taskRun(
        { taskSpec: { steps: [{ name: "greet", ref: { name: "greeter" }, params: [{ name: "extra", value: "x" }] }] } },
        {
          stepActions: [
            {
              apiVersion: "tekton.dev/v1beta1",
              kind: "StepAction",
              metadata: { name: "greeter" },
              spec: { image: "alpine", command: ["echo"] },
            },
          ],
        },
      ),
    );
    expect({ stage: error.stage, reason: error.reason }).toEqual({
      stage: "resolution",
      reason: "TaskRunResolutionFailed",
    });
  });

  it("a config key Tekton v1.12 does not read is stage config", () => {
    const error = caught(taskRun({ taskSpec: { steps: [echo] } }, { config: { artifactPVC: { size: "1Gi" } } }));
    expect(error.stage).toBe("config");
  });
});

describe("v1.12 compile: the Pod", () => {
  it("a StepAction's params take the step's values over their defaults", () => {
    const { main } = containers(
      taskRun(
        {
          params: [{ name: "who", value: "world" }],
          taskSpec: {
            params: [{ name: "who" }],
            steps: [{ name: "greet", ref: { name: "greeter" }, params: [{ name: "name", value: "$(params.who)" }] }],
          },
        },
        {
          stepActions: [
            {
              apiVersion: "tekton.dev/v1beta1",
              kind: "StepAction",
              metadata: { name: "greeter" },
              spec: {
                image: "alpine",
                command: ["echo"],
                args: ["hello $(params.name) $(params.punct)"],
                params: [{ name: "name" }, { name: "punct", default: "!" }],
              },
            },
          ],
        },
      ),
    );
    expect(main[0]?.args?.slice(-2)).toEqual(["--", "hello world !"]);
  });

  it("results from sidecar logs add the results sidecar and tell every step", () => {
    const { main } = containers(
      taskRun(
        { taskSpec: { results: [{ name: "out" }], steps: [echo] } },
        { config: { featureFlags: { "results-from": "sidecar-logs" } } },
      ),
    );
    expect(main.map((c) => c.name)).toEqual(["step-echo", "sidecar-tekton-log-results"]);
    expect(main[0]?.args).toEqual(expect.arrayContaining(["-result_from", "sidecar-logs", "-results", "out"]));
    expect(main[1]?.command?.slice(0, 5)).toEqual([
      "/ko-app/sidecarlogresults",
      "-results-dir",
      "/tekton/results",
      "-result-names",
      "out",
    ]);
  });

  it("native sidecars are init containers that restart, from Kubernetes 1.29 on", () => {
    const input = (version: string) =>
      taskRun(
        { taskSpec: { steps: [echo], sidecars: [{ name: "db", image: "postgres:16" }] } },
        { config: { featureFlags: { "enable-kubernetes-sidecar": "true" }, kubernetesVersion: version } },
      );
    const native = containers(input("v1.34.0"));
    expect(native.init.find((c) => c.name === "sidecar-db")?.restartPolicy).toBe("Always");
    expect(native.main.map((c) => c.name)).toEqual(["step-echo"]);
    const old = containers(input("v1.28.3"));
    expect(old.main.map((c) => c.name)).toEqual(["step-echo", "sidecar-db"]);
  });

  it("TaskRun-level compute resources are shared out among the steps", () => {
    const { main } = containers(
      taskRun({
        computeResources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2" } },
        taskSpec: { steps: [echo, { ...echo, name: "again" }] },
      }),
    );
    for (const c of main)
      expect(c.resources).toEqual({ limits: { cpu: "2" }, requests: { cpu: "500m", memory: "512Mi" } });
  });

  it("a LimitRange's default request is divided among the steps that request nothing", () => {
    const { main, init } = containers(
      taskRun(
        { taskSpec: { steps: [echo, { ...echo, name: "again", computeResources: { requests: { memory: "64Mi" } } }] } },
        {
          limitRanges: [
            {
              apiVersion: "v1",
              kind: "LimitRange",
              metadata: { name: "lr", namespace: "default" },
              spec: {
                limits: [{ type: "Container", defaultRequest: { cpu: "1", memory: "256Mi" }, min: { cpu: "100m" } }],
              },
            },
          ],
        },
      ),
    );
    expect(main[0]?.resources?.requests).toEqual({ cpu: "500m", memory: "128Mi" });
    expect(main[1]?.resources?.requests).toEqual({ cpu: "500m", memory: "64Mi" });
    expect(init[0]?.resources?.requests).toBeUndefined();
  });

  it("a multi-platform image passes each platform's command to the entrypoint", () => {
    const { main } = containers(
      taskRun(
        { taskSpec: { steps: [{ name: "tool", image: "ghcr.io/example/tool:1" }] } },
        {
          imageEntrypoints: {
            "ghcr.io/example/tool:1": {
              entrypoint: ["/tool"],
              cmd: ["--help"],
              digest: "sha256:0000000000000000000000000000000000000000000000000000000000000001",
              platforms: [
                "linux/amd64",
                { os: "linux", architecture: "arm64", variant: "v8", entrypoint: ["/tool-arm"] },
              ],
            },
          },
        },
      ),
    );
    expect(main[0]?.image).toBe(
      "ghcr.io/example/tool@sha256:0000000000000000000000000000000000000000000000000000000000000001",
    );
    expect(main[0]?.env).toEqual([
      {
        name: "TEKTON_PLATFORM_COMMANDS",
        value: '{"linux/amd64":["/tool","--help"],"linux/arm64/v8":["/tool-arm","--help"]}',
      },
    ]);
  });

  it("a second spelling of an image at the same digest reuses the first lookup, args or not", () => {
    const digest = "sha256:0000000000000000000000000000000000000000000000000000000000000002";
    const entry = { entrypoint: ["/bin/sh"], cmd: ["-c", "echo default"], digest };
    const { main } = containers(
      taskRun(
        {
          taskSpec: {
            steps: [
              { name: "a", image: "alpine:3.20" },
              { name: "b", image: "docker.io/library/alpine:3.20", args: ["-c", "echo b"] },
            ],
          },
        },
        { imageEntrypoints: { "alpine:3.20": entry, "docker.io/library/alpine:3.20": entry } },
      ),
    );
    for (const c of main) {
      expect(c.image).toBe(`index.docker.io/library/alpine@${digest}`);
      expect(c.env).toEqual([
        { name: "TEKTON_PLATFORM_COMMANDS", value: '{"linux/amd64":["/bin/sh","-c","echo default"]}' },
      ]);
    }
  });

  it("a step without a command needs a digest to be pinned by", () => {
    const error = caught(
      taskRun(
        { taskSpec: { steps: [{ name: "tool", image: "ghcr.io/example/tool:1" }] } },
        { imageEntrypoints: { "ghcr.io/example/tool:1": ["/tool"] } },
      ),
    );
    expect(error.stage).toBe("input");
  });

  it("debugging before a step (alpha) adds the debug scripts and volumes", () => {
    const input = taskRun(
      { debug: { breakpoints: { onFailure: "enabled", beforeSteps: ["echo"] } }, taskSpec: { steps: [echo] } },
      { config: { featureFlags: { "enable-api-fields": "alpha" } } },
    );
    const { pod } = compileTaskRun(deepFreeze(structuredClone(input)));
    expect(pod.spec?.volumes?.map((v) => v.name)).toEqual(
      expect.arrayContaining(["tekton-internal-debug-scripts", "tekton-internal-debug-info"]),
    );
    expect(pod.spec?.containers[0]?.args).toEqual(
      expect.arrayContaining(["-breakpoint_on_failure", "-debug_before_step"]),
    );
    expect(pod.spec?.initContainers?.find((c) => c.name === "place-scripts")?.args?.[1]).toContain(
      'tmpfile="/tekton/debug/scripts/debug-beforestep-continue"',
    );
  });

  it("the same input gives the same Pod, and the input is left as it was", () => {
    const input = taskRun({
      taskSpec: { steps: [{ ...echo, command: undefined, script: "echo $(context.taskRun.name)" }] },
    });
    const before = structuredClone(input);
    const a = compileTaskRun(deepFreeze(structuredClone(input)));
    const b = compileTaskRun(input);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(input).toEqual(before);
  });
});

describe("v1.12 substitution: what a pass leaves alone", () => {
  const pass = {
    strings: new Map([["params.a", "x"]]),
    arrays: new Map([
      ["params.list", ["1", "2"]],
      ["params.b)c", ["3"]],
    ]),
    objects: new Map([["params.obj", { k: "v" }]]),
  };
  it("finds the references the pass replaces, in any form", () => {
    expect(mentions({ args: ["echo $(params.a)"] }, pass)).toBe(true);
    expect(mentions({ args: ["$(params.list[*])"] }, pass)).toBe(true);
    expect(mentions({ params: [{ name: "p", value: "$(params.obj)" }] }, pass)).toBe(true);
    // A whole-array reference is the whole text, even when the name holds a ")".
    expect(mentions({ args: ["$(params.b)c)"] }, pass)).toBe(true);
  });
  it("keeps what holds only references it does not know, such as a script's shell substitutions", () => {
    expect(mentions({ script: 'echo "$(date)" $(params.other)', env: [{ name: "A", value: "$(" }] }, pass)).toBe(false);
    const step = deepFreeze({ name: "s", image: "a", script: "echo $(date)" });
    expect(replaceInTaskSpec({ steps: [step] }, pass).steps?.[0]).toBe(step);
  });
});
