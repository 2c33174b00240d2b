/**
 * The order of Tekton's substitution passes (params, context, resources, workspaces, results,
 * then workspace.Apply, then credentials.path), as seen from the compiled Pod. The compiler
 * takes each field through all passes at once; these pin down that this is indistinguishable
 * from pass after pass over the whole Task.
 */
import { describe, expect, it } from "vitest";
import { type CompileInput, compileTaskRun } from "../../src/index.js";

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
});
