/**
 * The rule codes: each is produced where the behaviour it names happens (pinned on small
 * inputs), every one of them is produced by some input, and docs/explain.md lists exactly
 * them, each with what Tekton does and where.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { RULE_CODES, RULES } from "../../src/explain/index.js";
import { compileTaskRun, type ExplanationEntry, explainTaskRun } from "../../src/index.js";
import { loadV0201Corpora } from "../support/cases.js";

const DIGEST = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

function taskRun(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): CompileInput["taskRun"] {
  return {
    apiVersion: "tekton.dev/v1beta1",
    kind: "TaskRun",
    metadata: { name: "run", namespace: "ns", uid: "uid-1", ...metadata },
    spec,
  } as CompileInput["taskRun"];
}

/** One small input per behaviour; the pins below say where in its Pod each rule must appear. */
const INPUTS = {
  params: {
    taskRun: taskRun({
      params: [
        { name: "greeting", value: "hello" },
        { name: "flags", value: ["-a", "-b"] },
      ],
      taskSpec: {
        params: [{ name: "greeting" }, { name: "flags", type: "array" }],
        steps: [
          {
            name: "say",
            image: "alpine",
            command: ["echo"],
            args: ["$(params.greeting) from $(context.task.name)", "$(params.flags[*])"],
            timeout: "5m",
          },
        ],
      },
    }),
  },
  template: {
    taskRun: taskRun({
      taskSpec: {
        stepTemplate: { env: [{ name: "FROM_TEMPLATE", value: "1" }] },
        steps: [
          { name: "a", image: "alpine", script: "echo a", timeout: "1m", resources: { requests: { cpu: "1" } } },
          { name: "b", image: "alpine", command: ["b"], resources: { requests: { cpu: "2", memory: "1Gi" } } },
        ],
      },
    }),
    limitRanges: [
      {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: "lr" },
        spec: { limits: [{ type: "Container", min: { memory: "64Mi" } }] },
      },
    ],
  },
  lookup: {
    taskRun: taskRun({ taskSpec: { steps: [{ image: "ubuntu" }] } }),
    imageEntrypoints: { ubuntu: { entrypoint: ["/bin/bash"], digest: DIGEST } },
  },
} satisfies Record<string, CompileInput>;

function entries(input: CompileInput, pointer: string): readonly ExplanationEntry[] {
  return explainTaskRun(input).explanation[pointer] ?? [];
}

describe("rules pinned where they happen", () => {
  it("param-substitution and quirk-context-task-name name the variable and its source", () => {
    const args = explainTaskRun(INPUTS.params).pod.spec?.containers[0]?.args ?? [];
    const greeting = args.indexOf("hello from run");
    expect(greeting).toBeGreaterThan(0);
    const found = entries(INPUTS.params, `/pod/spec/containers/0/args/${greeting}`);
    expect(found).toContainEqual(
      expect.objectContaining({ rule: "copied", from: "taskRun.spec.taskSpec.steps[0].args[0]" }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({ rule: "param-substitution", from: "taskRun.spec.params[0].value" }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({ rule: "quirk-context-task-name", from: "taskRun.metadata.name" }),
    );
    const b = args.indexOf("-b");
    expect(entries(INPUTS.params, `/pod/spec/containers/0/args/${b}`)).toContainEqual(
      expect.objectContaining({ rule: "param-substitution", from: "taskRun.spec.params[1].value[1]" }),
    );
    expect(compileTaskRun(INPUTS.params).warnings.map((w) => w.code)).toEqual(["context-task-name-is-taskrun-name"]);
  });

  it("entrypoint-rewrite moves the command behind -entrypoint and the args after --, and step-timeout passes the timeout", () => {
    const { pod, explanation } = explainTaskRun(INPUTS.params);
    const args = pod.spec?.containers[0]?.args ?? [];
    const binary = args.indexOf("-entrypoint") + 1;
    expect(args[binary]).toBe("echo");
    expect(explanation[`/pod/spec/containers/0/args/${binary}`]?.map((e) => e.rule)).toEqual([
      "copied",
      "entrypoint-rewrite",
    ]);
    expect(explanation[`/pod/spec/containers/0/args/${binary}`]?.[0]?.from).toBe(
      "taskRun.spec.taskSpec.steps[0].command[0]",
    );
    const timeout = args.indexOf("-timeout");
    expect(explanation[`/pod/spec/containers/0/args/${timeout + 1}`]).toContainEqual(
      expect.objectContaining({ rule: "step-timeout", from: "taskRun.spec.taskSpec.steps[0].timeout" }),
    );
    expect(explanation["/pod/spec/containers/0/command/0"]?.map((e) => e.rule)).toEqual(["entrypoint-rewrite"]);
    expect(explanation["/pod/spec/containers/0/args/0"]?.map((e) => e.rule)).toEqual(["entrypoint-rewrite"]);
  });

  it("step-template-merge, quirk-step-timeout-dropped, script-placement and the requests rules", () => {
    const { pod, explanation, warnings } = explainTaskRun(INPUTS.template);
    const env = pod.spec?.containers[0]?.env ?? [];
    const fromTemplate = env.findIndex((e) => e.name === "FROM_TEMPLATE");
    expect(explanation[`/pod/spec/containers/0/env/${fromTemplate}/value`]?.map((e) => [e.rule, e.from])).toEqual([
      ["copied", "taskRun.spec.taskSpec.stepTemplate.env[0].value"],
      ["step-template-merge", undefined],
    ]);
    expect(explanation["/pod/spec/containers/0/env/0/name"]?.map((e) => e.rule)).toEqual(["home-env"]);
    expect(explanation["/pod/spec/containers/0/args"]).toContainEqual(
      expect.objectContaining({ rule: "quirk-step-timeout-dropped", from: "taskRun.spec.taskSpec.steps[0].timeout" }),
    );
    const command = pod.spec?.containers[0]?.args?.indexOf("-entrypoint") ?? -1;
    expect(explanation[`/pod/spec/containers/0/args/${command + 1}`]?.[0]).toMatchObject({
      rule: "script-placement",
      from: "taskRun.spec.taskSpec.steps[0].script",
    });
    expect(explanation["/pod/spec/initContainers/0/args/1"]).toContainEqual(
      expect.objectContaining({ rule: "script-placement", from: "taskRun.spec.taskSpec.steps[0].script" }),
    );
    expect(explanation["/pod/spec/containers/0/resources/requests/cpu"]?.map((e) => e.rule)).toEqual([
      "quirk-request-not-kept",
      "zero-request-for-others",
    ]);
    expect(explanation["/pod/spec/containers/0/resources/requests/memory"]).toEqual([
      expect.objectContaining({ rule: "limitrange-min-for-others", from: "limitRanges[0].spec.limits[0].min.memory" }),
    ]);
    expect(explanation["/pod/spec/containers/1/resources/requests/cpu"]?.map((e) => e.rule)).toEqual([
      "copied",
      "largest-request-kept",
    ]);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["step-timeout-dropped", "taskRun.spec.taskSpec.steps[0].timeout"],
      ["request-not-kept", "taskRun.spec.taskSpec.steps[0].resources.requests.cpu"],
    ]);
  });

  it("image-entrypoint and image-digest-pin name the imageEntrypoints entry", () => {
    const { pod, explanation } = explainTaskRun(INPUTS.lookup);
    expect(pod.spec?.containers[0]?.image).toBe(`index.docker.io/library/ubuntu@${DIGEST}`);
    expect(explanation["/pod/spec/containers/0/image"]).toContainEqual(
      expect.objectContaining({ rule: "image-digest-pin", from: "imageEntrypoints.ubuntu.digest" }),
    );
    const binary = (pod.spec?.containers[0]?.args?.indexOf("-entrypoint") ?? -1) + 1;
    expect(explanation[`/pod/spec/containers/0/args/${binary}`]).toContainEqual(
      expect.objectContaining({ rule: "image-entrypoint", from: "imageEntrypoints.ubuntu.entrypoint[0]" }),
    );
  });

  it("under v1.12 explain is refused at stage input, naming the release it supports", () => {
    expect(() => explainTaskRun(INPUTS.params as never, { tekton: "v1.12" })).toThrowError(
      /input: options\.tekton: explain supports v0\.20\.1 only, not v1\.12/,
    );
  });
});

describe("every rule is produced, and documented", () => {
  it("each rule code appears in the explanation of some conformance case or pinned input", () => {
    const seen = new Set<string>();
    const inputs: unknown[] = [...Object.values(INPUTS)];
    for (const corpus of loadV0201Corpora()) {
      for (const c of corpus.cases) if (c.kind === "compile" && c.expected.error === undefined) inputs.push(c.input);
    }
    for (const input of inputs) {
      for (const list of Object.values(explainTaskRun(input as CompileInput).explanation)) {
        for (const entry of list) seen.add(entry.rule);
      }
    }
    expect(RULE_CODES.filter((code) => !seen.has(code))).toEqual([]);
  });

  it("docs/explain.md has one table row per rule, in the same order, with what Tekton does and where", () => {
    const page = readFileSync(new URL("../../docs/explain.md", import.meta.url), "utf8");
    const doc = page.slice(page.indexOf("\n## Rules\n"), page.indexOf("\n## In the command line\n"));
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (.+) \| (.+) \|$/gm)].map((m) => ({
      code: m[1],
      does: m[2],
      where: m[3],
    }));
    expect(rows.map((r) => r.code)).toEqual([...RULE_CODES]);
    for (const row of rows) {
      const rule = RULES[row.code as keyof typeof RULES];
      expect(row).toEqual({
        code: row.code,
        does: rule.does.replaceAll("|", "\\|"),
        where: rule.where.replaceAll("|", "\\|"),
      });
    }
  });
});
