/**
 * The order of Tekton's substitution passes (params, context, resources, workspaces, results,
 * then workspace.Apply, then credentials.path), as seen from the compiled Pod. The compiler
 * takes each field through all passes at once; these pin down that this is indistinguishable
 * from pass after pass over the whole Task.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CompileInput, compileTaskRun, explainTaskRun } from "../../src/index.js";
import { SEED } from "../support/seed.js";

interface Options {
  readonly params?: { name: string; value: string | string[] }[];
  readonly declared?: { name: string; type?: "string" | "array" }[];
  readonly workspaceMountPath?: string;
  readonly args: string[];
}

function input({ params = [], declared = [], workspaceMountPath, args }: Options): CompileInput {
  return {
    taskRun: {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "run", namespace: "ns", uid: "uid-1" },
      spec: {
        params,
        workspaces: [{ name: "w", emptyDir: {} }],
        taskSpec: {
          params: declared,
          workspaces: [workspaceMountPath === undefined ? { name: "w" } : { name: "w", mountPath: workspaceMountPath }],
          steps: [{ name: "s", image: "alpine", command: ["echo"], args }],
        },
      },
    },
  };
}

/** The step's own args, after the entrypoint's flags and `--`. */
function stepArgs(options: Options): string[] {
  const args = compileTaskRun(input(options)).pod.spec?.containers[0]?.args ?? [];
  return args.slice(args.indexOf("--") + 1);
}

function workspaceMountPath(options: Options): string | undefined {
  const mounts = compileTaskRun(input(options)).pod.spec?.containers[0]?.volumeMounts ?? [];
  return mounts.find((m) => m.name.startsWith("ws-"))?.mountPath;
}

describe("substitution passes", () => {
  it("a later pass replaces what an earlier pass put in", () => {
    expect(
      stepArgs({
        declared: [{ name: "p" }],
        params: [{ name: "p", value: "$(context.taskRun.name)/$(workspaces.w.path)/$(credentials.path)" }],
        args: ["$(params.p)"],
      }),
    ).toEqual(["run//workspace/w//tekton/creds"]);
  });

  it("a later pass sees the reference a value completes inside an outer `$(`", () => {
    expect(
      stepArgs({
        declared: [{ name: "v" }, { name: "x" }],
        params: [
          { name: "v", value: "context.taskRun.name" },
          { name: "x", value: "text.taskRun.name" },
        ],
        args: ["$($(params.v))", "$(con$(params.x))", "$(echo $(params.v))"],
      }),
    ).toEqual(["run", "run", "$(echo context.taskRun.name)"]);
  });

  it("a pass does not expand what it put in itself", () => {
    expect(
      stepArgs({
        declared: [{ name: "p" }, { name: "q" }],
        params: [
          { name: "p", value: "$(params.q)" },
          { name: "q", value: "x" },
        ],
        args: ["$(params.p)", "$(params.q)"],
      }),
    ).toEqual(["$(params.q)", "x"]);
  });

  it("the items of an expanded array go through the later passes", () => {
    expect(
      stepArgs({
        declared: [{ name: "list", type: "array" }],
        params: [{ name: "list", value: ["$(context.taskRun.uid)", "plain", "$(credentials.path)"] }],
        args: ["first", "$(params.list[*])"],
      }),
    ).toEqual(["first", "uid-1", "plain", "/tekton/creds"]);
  });

  it("a workspace mountPath takes only the credentials pass, which comes after workspace.Apply", () => {
    expect(workspaceMountPath({ workspaceMountPath: "$(credentials.path)/w", args: [] })).toBe("/tekton/creds/w");
    expect(workspaceMountPath({ workspaceMountPath: "/w/$(context.taskRun.name)", args: [] })).toBe(
      "/w/$(context.taskRun.name)",
    );
    // $(workspaces.w.path) is replaced in the workspaces pass; the context pass came before it.
    expect(stepArgs({ workspaceMountPath: "/w/$(context.taskRun.name)", args: ["$(workspaces.w.path)"] })).toEqual([
      "/w/$(context.taskRun.name)",
    ]);
    expect(stepArgs({ workspaceMountPath: "$(credentials.path)/w", args: ["$(workspaces.w.path)"] })).toEqual([
      "/tekton/creds/w",
    ]);
  });

  it("one scan through all passes gives what pass after pass gives", () => {
    // Texts made of the pieces that decide between the two: references of every pass, nested
    // ones (an outer `$(` that a value put inside makes a key), values that hold or border on a `$(`. An explanation takes the passes one after
    // another, so it is the reference the plain compile is held to.
    const piece = fc.constantFrom(
      "$(",
      ")",
      "$",
      "(",
      "x",
      "$(params.p)",
      "$(params.q)",
      "$(params.e)",
      "$(params.list[*])",
      "$(context.taskRun.name)",
      "$(workspaces.w.path)",
      "$(workspaces.$(params.w).path)",
      "$(credentials.path)",
      "$(echo $(params.p))",
      "$(params.$(params.q))",
      "$($(params.p))",
      "$(con$(params.q))",
      "context.taskRun.name)",
      "workspaces.w.path)",
    );
    const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
    const value = fc.oneof(
      text,
      fc.constantFrom(
        "w",
        "p",
        "(",
        "$",
        "",
        "a)b",
        "$(params.q)",
        "($",
        "(workspaces.w.path)",
        "context.taskRun.name",
        "text.taskRun.name",
      ),
    );
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 4 }),
        text,
        value,
        value,
        value,
        fc.array(value, { maxLength: 3 }),
        (args, script, p, q, e, list) => {
          const run = input({
            declared: [{ name: "p" }, { name: "q" }, { name: "e" }, { name: "w" }, { name: "list", type: "array" }],
            params: [
              { name: "p", value: p },
              { name: "q", value: q },
              { name: "e", value: e },
              { name: "w", value: "w" },
              { name: "list", value: list },
            ],
            args,
          });
          const steps = run.taskRun.spec.taskSpec?.steps ?? [];
          steps.push({ name: "t", image: "alpine", script: `#!/bin/sh\n${script}`, workingDir: script });
          const outcome = (compile: () => unknown): unknown => {
            try {
              return compile();
            } catch (error) {
              return String(error);
            }
          };
          const compiled = outcome(() => compileTaskRun(run).pod);
          const explained = outcome(() => explainTaskRun(run).pod);
          expect(compiled).toEqual(explained);
        },
      ),
      {
        seed: SEED + 77,
        numRuns: 400,
        // A `$(` made across a value's edge: "$" before "(", after a value or an empty one.
        examples: [
          [["x"], "$$(params.e)(context.taskRun.name)", "w", "w", "", []],
          [["x"], "$$(params.p)context.taskRun.name)", "(", "w", "w", []],
          [["x"], "$(params.p)(context.taskRun.name)", "$", "w", "w", []],
        ],
      },
    );
  });
});
