import type { Container, EnvVar, VolumeMount } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { Immutable, Step, TaskSpec } from "../../src/api/types.js";
import { parseImageReference, qualifiedRepository } from "../../src/k8s/image-reference.js";
import { mergeStepsWithStepTemplate } from "../../src/k8s/merge-step-template.js";
import { loadCase } from "../support/cases.js";

// Expected results follow k8s.io/apimachinery v0.18.12's strategic merge as Tekton v0.20.1's
// MergeStepsWithStepTemplate drives it, and the conformance fixtures' expected Pods.

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A stepTemplate: a Container whose `name` Tekton never requires. */
type Template = Partial<Container>;
/** A step as written in a Task: `name` is optional. */
type StepInput = Partial<Step>;

function mergeOne(template: Template | undefined, step: StepInput): Step {
  const [merged] = mergeStepsWithStepTemplate(deepFreeze(template) as Container | undefined, [
    deepFreeze(step) as Step,
  ]);
  return merged as Step;
}

const env = (name: string, value: string): EnvVar => ({ name, value });
const names = (list: readonly { name: string }[] | undefined): string[] => (list ?? []).map((e) => e.name);

describe("mergeStepsWithStepTemplate: situations", () => {
  it.each<[string, Template, StepInput, StepInput]>([
    [
      "env overridden by name, new var placed after its anchor",
      { env: [env("GOOS", "linux"), env("GOARCH", "amd64"), env("CGO_ENABLED", "0")] },
      { name: "s", env: [env("GOARCH", "arm64"), env("GOARM", "8")] },
      { name: "s", env: [env("GOOS", "linux"), env("GOARCH", "arm64"), env("GOARM", "8"), env("CGO_ENABLED", "0")] },
    ],
    [
      "new step env before template-only env",
      { env: [env("QUX", "original")] },
      { name: "s", env: [env("FOO", "foo")] },
      { name: "s", env: [env("FOO", "foo"), env("QUX", "original")] },
    ],
    [
      "step env order wins for shared vars",
      { env: [env("A", "1"), env("B", "2")] },
      { name: "s", env: [env("C", "3"), env("A", "9")] },
      { name: "s", env: [env("C", "3"), env("A", "9"), env("B", "2")] },
    ],
    [
      "identical env keeps the template's list",
      { env: [env("A", "1"), env("B", "2")] },
      { name: "s", env: [env("A", "1"), env("B", "2")] },
      { name: "s", env: [env("A", "1"), env("B", "2")] },
    ],
    [
      "a subset of the template's env, reordered",
      { env: [env("A", "1"), env("B", "2"), env("C", "3")] },
      { name: "s", env: [env("C", "3"), env("A", "1")] },
      { name: "s", env: [env("B", "2"), env("C", "3"), env("A", "1")] },
    ],
    [
      "template-only vars interleave by template position",
      { env: [env("A", "1"), env("B", "2"), env("C", "3"), env("D", "4")] },
      { name: "s", env: [env("B", "x"), env("NEW", "n"), env("D", "y")] },
      { name: "s", env: [env("A", "1"), env("B", "x"), env("NEW", "n"), env("C", "3"), env("D", "y")] },
    ],
    [
      "env item fields merge: valueFrom added next to the template's value",
      { env: [env("A", "1")] },
      { name: "s", env: [{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] },
      { name: "s", env: [{ name: "A", value: "1", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] },
    ],
    [
      "a step's empty env value does not override (omitempty)",
      { env: [env("A", "1")] },
      { name: "s", env: [env("A", "")] },
      { name: "s", env: [env("A", "1")] },
    ],
    [
      "volumeMounts by mountPath: new first, shared merged, readOnly false does not override",
      {
        volumeMounts: [
          { name: "cache", mountPath: "/cache", readOnly: true },
          { name: "m2", mountPath: "/root/.m2" },
        ],
      },
      {
        name: "s",
        volumeMounts: [
          { name: "settings", mountPath: "/etc/maven", readOnly: true },
          { name: "cache2", mountPath: "/cache", readOnly: false },
        ],
      },
      {
        name: "s",
        volumeMounts: [
          { name: "settings", mountPath: "/etc/maven", readOnly: true },
          { name: "cache2", mountPath: "/cache", readOnly: true },
          { name: "m2", mountPath: "/root/.m2" },
        ],
      },
    ],
    [
      "ports by containerPort",
      { ports: [{ containerPort: 8080, name: "http" }, { containerPort: 9090 }] },
      { name: "s", ports: [{ containerPort: 9090, protocol: "UDP" }] },
      {
        name: "s",
        ports: [
          { containerPort: 8080, name: "http" },
          { containerPort: 9090, protocol: "UDP" },
        ],
      },
    ],
    [
      "volumeDevices by devicePath",
      { volumeDevices: [{ name: "a", devicePath: "/dev/a" }] },
      {
        name: "s",
        volumeDevices: [
          { name: "b", devicePath: "/dev/a" },
          { name: "c", devicePath: "/dev/c" },
        ],
      },
      {
        name: "s",
        volumeDevices: [
          { name: "b", devicePath: "/dev/a" },
          { name: "c", devicePath: "/dev/c" },
        ],
      },
    ],
    [
      "resources merged per map key",
      { resources: { requests: { cpu: "500m" }, limits: { cpu: "1", memory: "1Gi" } } },
      { name: "s", resources: { requests: { memory: "768Mi", cpu: "1" } } },
      { name: "s", resources: { requests: { cpu: "1", memory: "768Mi" }, limits: { cpu: "1", memory: "1Gi" } } },
    ],
    [
      "securityContext merged, pointer zeros (false, 0) override",
      { securityContext: { runAsUser: 1001, runAsNonRoot: true, allowPrivilegeEscalation: false } },
      { name: "s", securityContext: { privileged: true, runAsUser: 0, runAsNonRoot: false } },
      {
        name: "s",
        securityContext: { runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false, privileged: true },
      },
    ],
    [
      "capabilities lists are replaced, not merged",
      { securityContext: { capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] } } },
      { name: "s", securityContext: { capabilities: { add: ["SYS_TIME"] } } },
      { name: "s", securityContext: { capabilities: { add: ["SYS_TIME"], drop: ["ALL"] } } },
    ],
    [
      "command and image from the template when the step has none",
      { image: "ubuntu", command: ["/bin/bash", "-c"] },
      { name: "s", args: ["echo hi"] },
      { name: "s", image: "ubuntu", command: ["/bin/bash", "-c"], args: ["echo hi"] },
    ],
    [
      "args replaced, not merged",
      { args: ["-a", "-b"] },
      { name: "s", image: "x", args: ["-c"] },
      { name: "s", image: "x", args: ["-c"] },
    ],
    [
      "empty args keep the template's args",
      { args: ["-a"] },
      { name: "s", image: "x", args: [] },
      { name: "s", image: "x", args: ["-a"] },
    ],
    [
      "empty args without template args stay an empty list",
      { image: "t" },
      { name: "s", args: [] },
      { name: "s", image: "t", args: [] },
    ],
    ["empty image does not override (omitempty)", { image: "t" }, { name: "s", image: "" }, { name: "s", image: "t" }],
    [
      "scalars: step wins",
      { imagePullPolicy: "Always", workingDir: "/a" },
      { name: "s", imagePullPolicy: "IfNotPresent" },
      { name: "s", imagePullPolicy: "IfNotPresent", workingDir: "/a" },
    ],
    [
      "probes and lifecycle merge key-wise",
      {
        readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
        lifecycle: { postStart: { exec: { command: ["a"] } } },
      },
      { name: "s", readinessProbe: { httpGet: { port: 9090 } }, lifecycle: { preStop: { exec: { command: ["b"] } } } },
      {
        name: "s",
        readinessProbe: { httpGet: { path: "/healthz", port: 9090 }, periodSeconds: 10 },
        lifecycle: { postStart: { exec: { command: ["a"] } }, preStop: { exec: { command: ["b"] } } },
      },
    ],
    [
      "a template name never leaks into unnamed steps",
      { name: "template", image: "t" },
      { image: "x" },
      { image: "x" },
    ],
    [
      "always-encoded fields override with their zero value",
      { env: [{ name: "M", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } }] },
      { name: "s", env: [{ name: "M", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } }] },
      { name: "s", env: [{ name: "M", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "0" } } }] },
    ],
    [
      "nulls and empty lists in the step are ignored",
      { command: ["a"], env: [env("A", "1")] },
      { name: "s", command: null as unknown as string[], env: [] },
      { name: "s", command: ["a"], env: [env("A", "1")] },
    ],
  ])("%s", (_title, template, step, expected) => {
    expect(mergeOne(template, step)).toEqual(expected);
  });

  it("drops timeout when a template exists, even an empty one, and keeps script", () => {
    const step: Step = { name: "s", image: "x", script: "#!/bin/sh\necho hi\n", timeout: "5s" };
    expect(mergeOne({}, step)).toEqual({ name: "s", image: "x", script: "#!/bin/sh\necho hi\n" });
    expect(mergeOne({ env: [env("A", "1")] }, step)).toEqual({
      name: "s",
      image: "x",
      env: [env("A", "1")],
      script: "#!/bin/sh\necho hi\n",
    });
  });

  it("without a template returns plain copies, timeout included", () => {
    const steps: Step[] = [
      { name: "a", image: "x", timeout: "1h30m", script: "echo", readOnly: undefined } as Step,
      { name: "b", image: "y", args: [] },
    ];
    const out = mergeStepsWithStepTemplate(undefined, deepFreeze(steps));
    expect(out).toEqual([
      { name: "a", image: "x", timeout: "1h30m", script: "echo" },
      { name: "b", image: "y", args: [] },
    ]);
    expect(Object.keys(out[0] as Step)).not.toContain("readOnly");
    expect(out[0]).not.toBe(steps[0]);
    expect(Object.isFrozen(out[0])).toBe(false);
  });

  it("returns independent objects: outputs share nothing with inputs or each other", () => {
    const template: Template = { env: [env("A", "1")], resources: { limits: { cpu: "1" } } };
    const steps: Step[] = [{ name: "a" }, { name: "b" }];
    const out = mergeStepsWithStepTemplate(deepFreeze(template) as Container, deepFreeze(steps));
    expect(out).toHaveLength(2);
    (out[0]?.env?.[0] as EnvVar).value = "changed";
    (out[0]?.resources?.limits as Record<string, string>)["cpu"] = "2";
    expect(out[1]?.env?.[0]?.value).toBe("1");
    expect(out[1]?.resources?.limits?.["cpu"]).toBe("1");
    expect(template.env?.[0]?.value).toBe("1");
  });

  it("does not let hostile keys reach prototypes", () => {
    const step = JSON.parse('{"name":"s","__proto__":{"polluted":true},"resources":{"__proto__":{"x":1}}}') as Step;
    const [out] = mergeStepsWithStepTemplate({ image: "t" } as Container, [step]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out as object, "__proto__")).toBe(true);
  });

  it("is deterministic", () => {
    const template = {
      env: [env("A", "1"), env("B", "2")],
      volumeMounts: [{ name: "v", mountPath: "/v" }],
    } as Container;
    const steps: Step[] = [
      { name: "a", env: [env("C", "3"), env("A", "0")], volumeMounts: [{ name: "w", mountPath: "/w" }] },
    ];
    expect(JSON.stringify(mergeStepsWithStepTemplate(template, steps))).toBe(
      JSON.stringify(mergeStepsWithStepTemplate(template, steps)),
    );
  });
});

// Tekton later prepends HOME, appends its own mounts and rewrites command/args; the parts the
// merge decides are compared here.
const TEKTON_MOUNT = /^(tekton-internal-|tekton-creds-init-home-)/;

function fixture(name: string): { taskSpec: Immutable<TaskSpec>; containers: Container[] } {
  const c = loadCase(name);
  const taskRun = c.input["taskRun"] as { spec: { taskSpec: TaskSpec } };
  const pod = c.expected.pod as { spec: { containers: Container[] } };
  return { taskSpec: deepFreeze(taskRun.spec.taskSpec), containers: pod.spec.containers };
}

describe("mergeStepsWithStepTemplate: conformance fixtures", () => {
  it.each(["steptemplate-env-merge", "example-steptemplate-env-merge"])("%s: env order", (name) => {
    const { taskSpec, containers } = fixture(name);
    const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
    expect(merged).toHaveLength(containers.length);
    merged.forEach((step, i) => {
      const expectedEnv = (containers[i]?.env ?? []).filter((e) => e.name !== "HOME");
      // Param references are substituted later; compare names and literal values.
      expect(names(step.env)).toEqual(names(expectedEnv));
      step.env?.forEach((e, j) => {
        if (e.value !== undefined && !e.value.includes("$(")) expect(e.value).toBe(expectedEnv[j]?.value);
      });
    });
  });

  it("steptemplate-volumemounts-merge: mount order", () => {
    const { taskSpec, containers } = fixture("steptemplate-volumemounts-merge");
    const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
    merged.forEach((step, i) => {
      const expected = (containers[i]?.volumeMounts ?? []).filter((m: VolumeMount) => !TEKTON_MOUNT.test(m.name));
      expect(step.volumeMounts).toEqual(expected);
    });
  });

  it("steptemplate-securitycontext-merge: securityContext", () => {
    const { taskSpec, containers } = fixture("steptemplate-securitycontext-merge");
    const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
    merged.forEach((step, i) => {
      expect(step.securityContext).toEqual(containers[i]?.securityContext);
    });
  });

  it("steptemplate-lifecycle-and-pullpolicy: pull policy, lifecycle, probe", () => {
    const { taskSpec, containers } = fixture("steptemplate-lifecycle-and-pullpolicy");
    const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
    merged.forEach((step, i) => {
      expect(step.imagePullPolicy).toBe(containers[i]?.imagePullPolicy);
      expect(step.lifecycle).toEqual(containers[i]?.lifecycle);
      expect(step.readinessProbe).toEqual(containers[i]?.readinessProbe);
    });
  });

  it("steptemplate-resources-merge: limits kept, requests merged", () => {
    const { taskSpec, containers } = fixture("steptemplate-resources-merge");
    const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
    // Requests are later rewritten against LimitRanges (non-max requests become "0").
    expect(merged[0]?.resources).toEqual({
      requests: { cpu: "1", memory: "768Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
    expect(merged[0]?.resources?.limits).toEqual(containers[0]?.resources?.limits);
    expect(merged[1]?.resources).toEqual({
      requests: { cpu: "500m", memory: "512Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
    expect(merged[1]?.resources?.limits).toEqual(containers[1]?.resources?.limits);
  });

  it.each(["steptemplate-command-inherited", "steptemplate-image-default", "steptemplate-with-script-steps"])(
    "%s: image inherited",
    (name) => {
      const { taskSpec, containers } = fixture(name);
      const merged = mergeStepsWithStepTemplate(taskSpec.stepTemplate, taskSpec.steps ?? []);
      merged.forEach((step, i) => {
        expect(step.image).toBe(taskSpec.steps?.[i]?.image ?? taskSpec.stepTemplate?.image);
        // Images of steps without a command are pinned to a digest later: same repository.
        const ours = parseImageReference(step.image ?? "");
        const theirs = parseImageReference(containers[i]?.image ?? "");
        expect(ours && qualifiedRepository(ours)).toBe(theirs && qualifiedRepository(theirs));
      });
    },
  );
});
