/**
 * Every conformance case that Tekton v0.20.1's admission webhook rejects (expected error at
 * stage `validation`) is rejected by our shape check or admission validation, with an issue
 * at the field Tekton's message names.
 */
import { describe, expect, test } from "vitest";
import { loadCases } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { admissionIssues } from "./helpers.js";

/** Case → the issue we must report: its code and its path (Tekton's path, spelled our way). */
const EXPECTED: Record<string, { code: string; path: string }> = {
  "err-array-param-not-isolated-in-args": {
    code: "array-not-isolated",
    path: "taskRun.spec.taskSpec.steps[0].args[0]",
  },
  "err-duplicate-resource-declarations": {
    code: "duplicate-resource",
    path: "taskRun.spec.taskSpec.resources.inputs[1].name",
  },
  "err-duplicate-step-names": { code: "duplicate-name", path: "taskRun.spec.taskSpec.steps[1].name" },
  "err-duplicate-taskrun-params": { code: "duplicate-param", path: "taskRun.spec.params[1].name" },
  "err-invalid-result-name": { code: "invalid-result-name", path: "taskRun.spec.taskSpec.results[0].name" },
  "err-invalid-spec-status": { code: "invalid-spec-status", path: "taskRun.spec.status" },
  "err-invalid-step-name-uppercase": { code: "invalid-name", path: "taskRun.spec.taskSpec.steps[0].name" },
  "err-no-steps": { code: "no-steps", path: "taskRun.spec.taskSpec.steps" },
  "err-param-default-type-mismatch": {
    code: "param-default-type-mismatch",
    path: "taskRun.spec.taskSpec.params[0].default",
  },
  "err-script-and-command": { code: "script-with-command", path: "taskRun.spec.taskSpec.steps[0].script" },
  "err-step-missing-image": { code: "missing-image", path: "taskRun.spec.taskSpec.steps[0].image" },
  "err-taskref-and-taskspec": { code: "task-ref-and-spec", path: "taskRun.spec.taskSpec" },
  "err-taskrun-name-too-long": { code: "name-too-long", path: "taskRun.metadata.name" },
  "err-timeout-negative": { code: "negative-timeout", path: "taskRun.spec.timeout" },
  "err-undeclared-param-in-step": { code: "non-existent-variable", path: "taskRun.spec.taskSpec.steps[0].args[0]" },
  "err-unknown-context-taskrun-variable": {
    code: "non-existent-variable",
    path: "taskRun.spec.taskSpec.steps[0].args[0]",
  },
  "err-unknown-field-sidecar-timeout": { code: "unknown-field", path: "taskRun.spec.taskSpec.sidecars[0].timeout" },
  "err-volumemount-tekton-internal-name": {
    code: "reserved-volume-name",
    path: "taskRun.spec.taskSpec.steps[0].volumeMounts[0].name",
  },
  "err-workspace-binding-no-source": { code: "workspace-binding-source", path: "taskRun.spec.workspaces[0]" },
  "err-workspace-mountpath-conflicts-with-volumemount": {
    code: "workspace-mountpath-conflict",
    path: "taskRun.spec.taskSpec.workspaces[0].mountPath",
  },
  "err-workspace-pvc-missing-claimname": {
    code: "missing-field",
    path: "taskRun.spec.workspaces[0].persistentVolumeClaim.claimName",
  },
  "example-tekton-bundles": { code: "bundle-not-enabled", path: "taskRun.spec.taskRef.bundle" },
};

/** Rejected at admission by checks that live elsewhere; each entry says where. */
const ELSEWHERE: Record<string, string> = {
  "err-cluster-resourcespec-no-auth":
    "PipelineResource spec validation of an embedded resourceSpec: the resources stage's validatePipelineResourceSpec",
};

const rejected = loadCases().filter((c) => c.kind === "compile" && c.expected.error?.stage === "validation");

/** Tekton's field paths, lowercased without the leading `spec.`/`metadata.`, for comparison. */
function tektonPaths(message: string): string[] {
  const firstLine = message.split("\n")[0] ?? "";
  const tail = firstLine.slice(firstLine.lastIndexOf(": ") + 2);
  return tail.split(", ").map((p) => p.trim().toLowerCase());
}

describe("inputs Tekton's webhook rejects are rejected", () => {
  test("every rejected case is listed here or elsewhere", () => {
    expect(rejected.length).toBeGreaterThanOrEqual(20);
    for (const c of rejected) expect(Object.keys({ ...EXPECTED, ...ELSEWHERE })).toContain(c.name);
  });

  test.each(rejected.filter((c) => !(c.name in ELSEWHERE)).map((c) => [c.name, c] as const))("%s", (name, c) => {
    const issues = admissionIssues(deepFreeze(c.input));
    const expected = EXPECTED[name];
    expect(issues).toContainEqual(expect.objectContaining(expected));
    for (const i of issues) {
      expect(i.message.length).toBeGreaterThan(20);
      expect(i.path.startsWith("taskRun.") || i.path.startsWith("task.")).toBe(true);
    }
    // Our path names the same field as Tekton's message (modulo case and keyed segments).
    const ours = (expected?.path ?? "").replace(/^taskRun\./, "").toLowerCase();
    const theirs = tektonPaths(c.expected.error?.message ?? "");
    const stem = (p: string): string => p.replace(/\[[^\]]*\]/g, "").replace(/\.(name|type|default)$/, "");
    if (!c.expected.error?.message.includes("unknown field")) {
      expect(theirs.some((t) => t === ours || stem(t).startsWith(stem(ours)) || stem(ours).startsWith(stem(t)))).toBe(
        true,
      );
    }
  });
});
