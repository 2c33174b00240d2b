/** Admission checks of PipelineResource specs, declarations, bindings and resource variables. */
import { describe, expect, it } from "vitest";
import type { PipelineResourceSpec, Task, TaskRun } from "../../src/api/types.js";
import type { Issue } from "../../src/errors.js";
import { validatePipelineResourceSpec } from "../../src/v0.20.1/compile/resources/index.js";
import { requestURIError } from "../../src/v0.20.1/compile/resources/validate-pipeline-resource-spec.js";
import { validateTask, validateTaskRun } from "../../src/v0.20.1/compile/validate.js";
import { caseInput } from "./helpers.js";

const AT = ["taskRun", "spec", "resources", "inputs", 0, "resourceSpec"] as const;

function codes(spec: unknown): string[] {
  return validatePipelineResourceSpec(spec as PipelineResourceSpec, AT).map((i) => i.code);
}

describe("validatePipelineResourceSpec", () => {
  it("rejects a cluster resource without credentials (err-cluster-resourcespec-no-auth)", () => {
    const spec = caseInput("err-cluster-resourcespec-no-auth").taskRun.spec.resources?.inputs?.[0]?.resourceSpec;
    const issues = validatePipelineResourceSpec(spec as PipelineResourceSpec, AT);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("missing-field");
    expect(issues[0]?.path).toBe("taskRun.spec.resources.inputs[0].resourceSpec.params");
    expect(issues[0]?.message).toContain(
      "username or CAData  or token param or clientKeyData or ClientCertificateData",
    );
  });

  it.each([
    [
      "username + insecure",
      [
        { name: "username", value: "u" },
        { name: "insecure", value: "true" },
      ],
      [],
    ],
    ["token without CA data or insecure", [{ name: "token", value: "t" }], ["missing-field"]],
    [
      "client key and certificate + cadata",
      [
        { name: "clientKeyData", value: "a" },
        { name: "ClientCertificateData", value: "b" },
        { name: "cadata", value: "c" },
      ],
      [],
    ],
    [
      "only a client key",
      [
        { name: "clientKeyData", value: "a" },
        { name: "insecure", value: "1" },
      ],
      ["missing-field"],
    ],
    [
      "a URL that is not absolute",
      [
        { name: "url", value: "k8s.local" },
        { name: "cadata", value: "c" },
      ],
      ["invalid-value"],
    ],
    [
      "a URL with a bad port",
      [
        { name: "url", value: "https://h:port" },
        { name: "cadata", value: "c" },
      ],
      ["invalid-value"],
    ],
  ])("cluster with %s", (_t, params, expected) => {
    expect(codes({ type: "cluster", params })).toEqual(expected);
  });

  it("counts username/cadata secrets as credentials but not a token secret", () => {
    expect(codes({ type: "cluster", secrets: [{ fieldName: "cadata", secretName: "s", secretKey: "k" }] })).toEqual([]);
    expect(
      codes({
        type: "cluster",
        params: [{ name: "insecure", value: "true" }],
        secrets: [{ fieldName: "token", secretName: "s", secretKey: "k" }],
      }),
    ).toEqual(["missing-field"]);
  });

  it("checks storage type and location", () => {
    expect(
      codes({
        type: "storage",
        params: [
          { name: "type", value: "gcs" },
          { name: "location", value: "gs://x" },
        ],
      }),
    ).toEqual([]);
    expect(
      codes({
        type: "storage",
        params: [
          { name: "type", value: "GCS" },
          { name: "location", value: "gs://x" },
        ],
      }),
    ).toEqual(["invalid-value"]);
    expect(codes({ type: "storage", params: [{ name: "location", value: "gs://x" }] })).toEqual(["missing-field"]);
    expect(codes({ type: "storage", params: [{ name: "Type", value: "build-gcs" }] })).toEqual(["missing-field"]);
  });

  it("only allows authToken secrets on a pullRequest", () => {
    expect(
      codes({ type: "pullRequest", secrets: [{ fieldName: "authToken", secretName: "s", secretKey: "k" }] }),
    ).toEqual([]);
    expect(codes({ type: "pullRequest", secrets: [{ fieldName: "token", secretName: "s", secretKey: "k" }] })).toEqual([
      "invalid-value",
    ]);
  });

  it("requires a known type", () => {
    expect(codes({})).toEqual(["missing-field"]);
    expect(codes({ type: "Git", params: [] })).toEqual(["invalid-value"]);
    expect(codes({ type: "git" })).toEqual([]);
    expect(codes(null)).toEqual(["invalid-type"]);
  });
});

describe("requestURIError (Go's url.ParseRequestURI)", () => {
  it.each([
    "https://1.2.3.4",
    "host:6443",
    "https://user:pw@host:6443/p?q",
    "http://[::1]:80",
    "mailto:x",
    "/just/a/path",
    "*",
  ])("accepts %s", (u) => {
    expect(requestURIError(u)).toBeUndefined();
  });
  it.each([
    "1.2.3.4:6443",
    "relative/path",
    ":80",
    "https://h:x",
    "https://a b",
    "https://h/%zz",
    "http://x\ny",
    "https://us er@h",
  ])("rejects %s", (u) => {
    expect(requestURIError(u)).toBeDefined();
  });
});

// The Task's declarations, the TaskRun's bindings and $(resources.…) variables are validated
// with the rest of the Task and TaskRun (src/v0.20.1/compile/validate.ts), there only.
describe("resource declarations, bindings and variables at admission", () => {
  const task = (spec: Record<string, unknown>): Task =>
    ({ metadata: { name: "t" }, spec: { steps: [{ name: "s", image: "i" }], ...spec } }) as Task;
  const pathsOf = (issues: readonly Issue[]): string[][] => issues.map((i) => [i.code, i.path]);

  it("rejects declared names that differ only in case, and unknown types; the same name may be input and output", () => {
    expect(
      pathsOf(
        validateTask(
          task({
            resources: {
              inputs: [
                { name: "a", type: "gcs" },
                { name: "A", type: "git" },
              ],
              outputs: [{ name: "a", type: "git" }],
            },
          }),
        ),
      ),
    ).toEqual([
      ["invalid-resource-type", "task.spec.resources.inputs[0].type"],
      ["duplicate-resource", "task.spec.resources.inputs[1].name"],
    ]);
  });

  it("rejects duplicate bindings and bindings with both or neither of resourceRef and resourceSpec", () => {
    const taskRun = {
      metadata: { name: "r" },
      spec: {
        taskRef: { name: "t" },
        resources: {
          inputs: [
            { name: "a", resourceRef: { name: "r" } },
            { name: "A", resourceRef: { name: "r" } },
            { name: "b", resourceRef: { name: "r" }, resourceSpec: { type: "git" } },
            { name: "c", resourceRef: { name: "" } },
          ],
        },
      },
    } as TaskRun;
    expect(pathsOf(validateTaskRun(taskRun))).toEqual([
      ["duplicate-resource", "taskRun.spec.resources.inputs[1].name"],
      ["resource-ref-and-spec", "taskRun.spec.resources.inputs[2]"],
      ["missing-field", "taskRun.spec.resources.inputs[3].resourceRef.name"],
    ]);
  });

  it("checks $(resources.…) variables against the declarations, only when the Task has resources", () => {
    const resources = { inputs: [{ name: "src", type: "git" }], outputs: [{ name: "img", type: "image" }] };
    const ok = [{ name: "s", image: "i", args: ["$(resources.inputs.src.path)", "$(resources.outputs.img.url)"] }];
    expect(validateTask(task({ resources, steps: ok }))).toEqual([]);
    const bad = [{ name: "s", image: "i", env: [{ name: "E", value: "$(resources.inputs.nope.url)" }] }];
    expect(pathsOf(validateTask(task({ resources, steps: bad }))).map(([code]) => code)).toEqual([
      "non-existent-variable",
    ]);
    expect(validateTask(task({ steps: [{ name: "s", image: "$(resources.inputs.x.url)" }] }))).toEqual([]);
  });
});
