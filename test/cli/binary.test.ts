/**
 * The real executable, `node dist/bin/tekton-pod.js`, in a child process (npm test builds first):
 * stdin, files, directories, multi-document input, --taskrun, -o json, status, validate with
 * line:column, every exit code, and plain (colourless) output.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileTaskRun } from "../../src/index.js";
import { loadCase, normalize } from "../support/cases.js";
import { BIN, EXAMPLES, ROOT, runBinary, yamlDocuments } from "./helpers.js";

const ESC = "\u001b";
const example = (name: string) => join(EXAMPLES, name);

describe("tekton-pod (built binary)", () => {
  it("runs as a program of its own, as `npx tekton-pod` runs it on a fresh checkout after the build", () => {
    // Not through `node`: the build must leave the file executable, with its #! line.
    const r = spawnSync(BIN, ["compile", "-f", example("pod-template.yaml")], { cwd: ROOT, encoding: "utf8" });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(normalize(parse(r.stdout))).toEqual(normalize(loadCase("seed-pod-template-volcano-pvc").expected.pod));
  });

  it("compiles a multi-document file to YAML on stdout, exit 0", () => {
    const r = runBinary(["compile", "-f", example("pod-template.yaml")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(normalize(parse(r.stdout))).toEqual(normalize(loadCase("seed-pod-template-volcano-pvc").expected.pod));
  });

  it("reads standard input with -f -, and prints JSON with -o json", () => {
    const text = readFileSync(join(ROOT, example("read-repo-run.yaml")), "utf8");
    const r = runBinary(["compile", "-f", "-", "-o", "json"], text);
    expect(r.code).toBe(0);
    expect(normalize(JSON.parse(r.stdout))).toEqual(normalize(loadCase("seed-read-repo-run").expected.pod));
  });

  it("reads a directory and several -f, and picks the TaskRun named by --taskrun", () => {
    const dir = runBinary(["compile", "-f", example("build-push")]);
    expect(dir.code).toBe(0);
    expect(normalize(parse(dir.stdout))).toEqual(normalize(loadCase("seed-build-push-embedded-task").expected.pod));

    const ambiguous = runBinary([
      "compile",
      "-f",
      example("pod-template.yaml"),
      "-f",
      example("serviceaccount-git-ssh.yaml"),
    ]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stdout).toBe("");
    expect(ambiguous.stderr).toContain("choose one with --taskrun NAME");

    const chosen = runBinary([
      "compile",
      "-f",
      example("pod-template.yaml"),
      "-f",
      example("serviceaccount-git-ssh.yaml"),
      "--taskrun",
      "test-task-with-serviceaccount-git-ssh",
    ]);
    expect(chosen.code).toBe(0);
    expect(normalize(parse(chosen.stdout))).toEqual(normalize(loadCase("seed-serviceaccount-git-ssh").expected.pod));
  });

  it("compiles the same Pod as the library does, byte for byte across runs", () => {
    const text = readFileSync(join(ROOT, example("serviceaccount-git-ssh.yaml")), "utf8");
    const first = runBinary(["compile", "-f", "-", "-o", "json"], text);
    const second = runBinary(["compile", "-f", example("serviceaccount-git-ssh.yaml"), "-o", "json"]);
    expect(second.stdout).toBe(first.stdout);
    const documents = text
      .split(/^---$/m)
      .map((d) => parse(d) as { kind?: string } | null)
      .filter((d) => d !== null);
    const byKind = (kind: string) => documents.find((d) => d?.kind === kind);
    const pod = compileTaskRun({
      taskRun: byKind("TaskRun"),
      serviceAccount: byKind("ServiceAccount"),
      secrets: [byKind("Secret")],
    } as never).pod;
    expect(JSON.parse(first.stdout)).toEqual(pod);
  });

  it("folds status with --now", () => {
    const r = runBinary([
      "status",
      "-f",
      example("status-succeeded.yaml"),
      "--now",
      "2020-01-23T16:29:10Z",
      "-o",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(JSON.stringify(loadCase("seed-status-succeeded-with-results").expected.status)),
    );
  });

  it("validates: OK line and exit 0, or problems in file order with file:line:column and exit 1", () => {
    const ok = runBinary(["validate", "-f", example("non-root-steps.yaml")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^OK: TaskRun "show-non-root-steps-run-x7k2p" is valid; it compiles into Pod "show-non-root-steps-run-x7k2p-pod-[a-z0-9]{5}"\n$/,
    );

    const bad = runBinary(["validate", "-f", example("broken-taskrun.yaml")]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.split("\n")).toEqual([
      'fixtures/examples/broken-taskrun.yaml:19:7 (document 1, Task "greet"): task.spec.steps[0].name: step name "SayHello" is not a valid DNS label; use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "say-hello") [invalid-name]',
      'fixtures/examples/broken-taskrun.yaml:36:7 (document 2, TaskRun "greet-run"): taskRun.spec.params[1].name: param "greeting" is given more than once (first at params[0]); give each param one value [duplicate-param]',
      '2 problems: Tekton v0.20.1 would reject TaskRun "greet-run" at admission',
      "",
    ]);
    const source = readFileSync(join(ROOT, example("broken-taskrun.yaml")), "utf8").split("\n");
    expect(source[35]).toBe("    - name: greeting");
    expect(source[18]).toBe("    - name: SayHello");
  });

  it("exits 1 when Tekton would reject the TaskRun, with the problem on stderr", () => {
    const r = runBinary(["compile", "-f", example("steps-run-in-order.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("[missing-entrypoint]");
    expect(r.stderr).toContain("--images FILE");
  });

  it.each([
    [[]],
    [["nope"]],
    [["compile", "-f", "does/not/exist.yaml"]],
    [["compile", "-f", example("images.yaml")]],
    [["status", "-f", example("status-succeeded.yaml"), "--now", "soon"]],
  ])("exits 2 on a usage error or unreadable input: %j", (argv) => {
    const r = runBinary(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toBe("");
  });

  it("exits 2 on invalid YAML on stdin, naming <stdin> and the line", () => {
    const badYaml = runBinary(["compile", "-f", "-"], "kind: TaskRun\nmetadata: {name: x\n");
    expect(badYaml.code).toBe(2);
    expect(badYaml.stderr).toMatch(/^tekton-pod compile: <stdin>:\d+:\d+: not valid YAML or JSON/);
  });

  it("prints help with the exit status table, exit 0", () => {
    const r = runBinary(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Exit status:");
    for (const command of ["compile", "validate", "status"]) {
      const h = runBinary([command, "--help"]);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain("Examples:");
    }
  });

  it.each([
    [["compile", "-f", example("pod-template.yaml")]],
    [["validate", "-f", example("broken-taskrun.yaml")]],
    [["compile", "-f", example("steps-run-in-order.yaml")]],
    [["--help"]],
    [["compile", "--bogus"]],
  ])("writes plain text, no terminal escape codes even with FORCE_COLOR set: %j", (argv) => {
    const r = runBinary(argv);
    expect(r.stdout + r.stderr).not.toBe("");
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
  });

  it("accepts kubectl-style List output on stdin", () => {
    const list = {
      apiVersion: "v1",
      kind: "List",
      items: [
        {
          apiVersion: "tekton.dev/v1beta1",
          kind: "Task",
          metadata: { name: "t", namespace: "default", resourceVersion: "1" },
          spec: { steps: [{ name: "s", image: "alpine", command: ["true"] }] },
        },
        {
          apiVersion: "tekton.dev/v1beta1",
          kind: "TaskRun",
          metadata: { name: "r", namespace: "default", uid: "u" },
          spec: { taskRef: { name: "t" } },
        },
      ],
    };
    const r = runBinary(["compile", "-f", "-", "-o", "json"], yamlDocuments(list));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metadata.labels["tekton.dev/task"]).toBe("t");
  });
});
