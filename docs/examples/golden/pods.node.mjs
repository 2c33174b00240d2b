// The same golden check without vitest: node's own test runner (node --test), comparing
// renderSnapshot's text with the golden file. Any runner that can compare two strings (Jest,
// mocha, uvu, …) works the same way.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { compileTaskRun } from "tekton-pod-compiler";
import { readFixture, renderSnapshot } from "tekton-pod-compiler/testing";

test("pod of go-test", () => {
  const result = compileTaskRun(readFixture(new URL("./go-test/", import.meta.url)));
  assert.equal(renderSnapshot(result), readFileSync(new URL("./go-test/pod.golden.yaml", import.meta.url), "utf8"));
});
