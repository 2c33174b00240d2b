/** The shared explanation core: the collector's tree operations, pointers and the leaf walker. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Explainer, leafPaths, parsePointer, toPointer, unexplainedLeaves } from "../../src/explain/index.js";

describe("JSON pointers", () => {
  it("escape ~ and / as RFC 6901 says, and parse back", () => {
    expect(toPointer(["pod", "metadata", "labels", "tekton.dev/task", 0])).toBe(
      "/pod/metadata/labels/tekton.dev~1task/0",
    );
    expect(toPointer(["a~b"])).toBe("/a~0b");
    expect(toPointer([])).toBe("");
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.nat())), (segments) => {
        expect(parsePointer(toPointer(segments))).toEqual(segments.map(String));
      }),
    );
  });
});

describe("leaves", () => {
  it("are scalars and empty lists or objects, in document order", () => {
    expect(leafPaths({ a: [1, { b: null }], c: {}, d: [], e: undefined })).toEqual([
      ["a", 0],
      ["a", 1, "b"],
      ["c"],
      ["d"],
    ]);
  });
});

describe("Explainer", () => {
  it("keeps entries in the order they were added, and returns only what the output holds", () => {
    const explain = new Explainer();
    explain.add(["pod", "spec", "x"], "copied", "first", ["taskRun", "spec", "params", 1, "value"]);
    explain.add(["pod", "spec", "x"], "param-substitution", "second");
    explain.add(["pod", "spec", "gone"], "copied", "removed later");
    const explanation = explain.explain({ spec: { x: "v" } }, ["pod"]);
    expect(explanation).toEqual({
      "/pod/spec/x": [
        { rule: "copied", from: "taskRun.spec.params[1].value", note: "first" },
        { rule: "param-substitution", note: "second" },
      ],
    });
  });

  it("moves, copies, shifts and drops whole subtrees", () => {
    const explain = new Explainer();
    explain.copied(["steps", 0], { args: ["a", "b"], image: "i" }, ["task", "spec", "steps", 0], "as written");
    explain.shift(["steps", 0, "args"], 1, 2);
    explain.copy(["steps", 0, "image"], ["steps", 0, "args", 1]);
    explain.move(["steps", 0], ["pod", "spec", "containers", 0]);
    explain.drop(["pod", "spec", "containers", 0, "image"]);
    const pod = { spec: { containers: [{ args: ["a", "i", "x", "b"], image: "i" }] } };
    const explanation = explain.explain(pod, ["pod"]);
    expect(explanation["/pod/spec/containers/0/args/0"]?.[0]?.from).toBe("task.spec.steps[0].args[0]");
    expect(explanation["/pod/spec/containers/0/args/1"]?.[0]?.from).toBe("task.spec.steps[0].image");
    expect(explanation["/pod/spec/containers/0/args/3"]?.[0]?.from).toBe("task.spec.steps[0].args[1]");
    expect(explain.entriesAt(["steps", 0])).toEqual([]);
    expect(unexplainedLeaves(pod, ["pod"], explanation)).toEqual([
      "/pod/spec/containers/0/args/2",
      "/pod/spec/containers/0/image",
    ]);
  });

  it("each gives every leaf of a made value the same entry", () => {
    const explain = new Explainer();
    const volume = { name: "tekton-internal-home", emptyDir: {} };
    explain.each(["pod", "spec", "volumes", 0], volume, "implicit-volume", "Tekton's home directory.");
    const explanation = explain.explain({ spec: { volumes: [volume] } }, ["pod"]);
    expect(Object.keys(explanation)).toEqual(["/pod/spec/volumes/0/name", "/pod/spec/volumes/0/emptyDir"]);
  });
});
