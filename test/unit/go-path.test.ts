/** Go's filepath.Clean and Join on Linux, as Tekton uses them for mount paths and working directories. */
import { describe, expect, it } from "vitest";
import { cleanPath, joinPath } from "../../src/k8s/go-path.js";

describe("cleanPath", () => {
  it.each([
    ["", "."],
    ["/", "/"],
    [".", "."],
    ["..", ".."],
    ["a", "a"],
    ["/workspace/output", "/workspace/output"],
    ["/workspace/.m2", "/workspace/.m2"],
    ["/home/..x/...", "/home/..x/..."],
    ["/workspace/", "/workspace"],
    ["/workspace/output//image", "/workspace/output/image"],
    ["//a", "/a"],
    ["/a/./b", "/a/b"],
    ["/a/../b", "/b"],
    ["/..", "/"],
    ["a/../..", ".."],
    ["./a", "a"],
    ["a/.", "a"],
  ])("cleans %j to %j", (path, clean) => {
    expect(cleanPath(path)).toBe(clean);
  });
});

describe("joinPath", () => {
  it.each([
    [[], ""],
    [["", ""], ""],
    [["/workspace", "output"], "/workspace/output"],
    [["/workspace/output/", "image"], "/workspace/output/image"],
    [["", "a", "", "b"], "a/b"],
    [["/tekton/home", ".aws"], "/tekton/home/.aws"],
  ])("joins %j into %j", (elements, joined) => {
    expect(joinPath(...elements)).toBe(joined);
  });
});
