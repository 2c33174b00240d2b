/**
 * Tekton's Builder runs each stage over all steps before the next stage, so when two steps
 * fail in different stages, the earlier stage's error is the one reported, whichever step it
 * is in. The compiler takes the steps through the stages one at a time; these pin down that
 * the error is still Tekton's.
 */
import { describe, expect, it } from "vitest";
import { type CompileInput, compileTaskRun } from "../../src/index.js";
import { caught } from "../support/errors.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

function input(steps: { name: string; image: string }[]): CompileInput {
  return {
    taskRun: {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "run", namespace: "ns", uid: "uid-1" },
      spec: { taskSpec: { steps } },
    },
    imageEntrypoints: {
      // An image with neither ENTRYPOINT nor CMD: resolution succeeds, the rewrite then fails.
      "scratch:1": { digest: DIGEST },
      "tool:1": { entrypoint: ["/bin/tool"], digest: DIGEST },
    },
  };
}

function failure(steps: { name: string; image: string }[]): { stage: string; codes: string[] } {
  const error = caught(() => compileTaskRun(input(steps)));
  return { stage: error.stage, codes: error.issues.map((i) => `${i.code} ${i.path}`) };
}

describe("Builder error order", () => {
  it("an entrypoint lookup failure in a later step wins over a command-less earlier step", () => {
    expect(
      failure([
        { name: "a", image: "scratch:1" },
        { name: "b", image: "unknown:1" },
      ]),
    ).toEqual({
      stage: "input",
      codes: ["missing-entrypoint taskRun.spec.taskSpec.steps[1].image"],
    });
  });

  it("the first command-less step is reported when every lookup succeeds", () => {
    expect(
      failure([
        { name: "a", image: "tool:1" },
        { name: "b", image: "scratch:1" },
        { name: "c", image: "scratch:1" },
      ]),
    ).toEqual({
      stage: "build",
      codes: ["missing-entrypoint taskRun.spec.taskSpec.steps[1].command"],
    });
  });

  it("lookup failures come in step order", () => {
    expect(
      failure([
        { name: "a", image: "tool:1" },
        { name: "b", image: "UPPER//bad" },
        { name: "c", image: "unknown:2" },
      ]),
    ).toEqual({
      stage: "build",
      codes: ["invalid-value taskRun.spec.taskSpec.steps[1].image"],
    });
  });
});
