/** `runCli` with a fake world: input reading and sorting, outputs, diagnostics, exit codes. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type CliIO, EXIT_COMPILE_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, runCli } from "../../src/cli/main.js";
import { compileTaskRun, foldTaskRunStatus } from "../../src/index.js";
import { loadCase } from "../support/cases.js";
import { fakeIO, run, yamlDocuments } from "./helpers.js";

const task = {
  apiVersion: "tekton.dev/v1beta1",
  kind: "Task",
  metadata: { name: "echo", namespace: "default" },
  spec: {
    params: [{ name: "word", type: "string", default: "hi" }],
    steps: [{ name: "say", image: "alpine", command: ["echo"], args: ["$(params.word)"] }],
  },
};
const taskRun = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "tekton.dev/v1beta1",
  kind: "TaskRun",
  metadata: { name, namespace: "default", uid: `uid-${name}` },
  spec: { taskRef: { name: "echo" }, ...extra },
});
const expectedPod = (run: unknown, extra: Record<string, unknown> = {}) =>
  compileTaskRun({ taskRun: run, task, ...extra } as never).pod;

describe("compile: reading input", () => {
  it("reads a multi-document file and prints the Pod as YAML", async () => {
    const r = await run(["compile", "-f", "all.yaml"], { files: { "all.yaml": yamlDocuments(task, taskRun("one")) } });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toBe("");
    expect(parse(r.stdout)).toEqual(expectedPod(taskRun("one")));
  });

  it("prints JSON with -o json and --output=json", async () => {
    const files = { "all.yaml": yamlDocuments(task, taskRun("one")) };
    for (const flags of [["-o", "json"], ["--output=json"]]) {
      const r = await run(["compile", "-f", "all.yaml", ...flags], { files });
      expect(r.code).toBe(EXIT_OK);
      expect(JSON.parse(r.stdout)).toEqual(expectedPod(taskRun("one")));
    }
  });

  it("reads JSON files, several -f, and stdin", async () => {
    const files = { "task.json": JSON.stringify(task, null, "\t"), "run.yaml": yamlDocuments(taskRun("one")) };
    const fromFiles = await run(["compile", "-f", "task.json", "-f", "run.yaml"], { files });
    expect(fromFiles.code).toBe(EXIT_OK);
    const fromStdin = await run(["compile", "-f", "task.json", "-f", "-"], {
      files,
      stdin: yamlDocuments(taskRun("one")),
    });
    expect(fromStdin.code).toBe(EXIT_OK);
    expect(fromStdin.io.stdinReads).toBe(1);
    expect(fromStdin.stdout).toBe(fromFiles.stdout);
    expect(parse(fromFiles.stdout)).toEqual(expectedPod(taskRun("one")));
  });

  it("does not read stdin unless - is given", async () => {
    const r = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(task, taskRun("one")) },
      stdin: "garbage: [",
    });
    expect(r.code).toBe(EXIT_OK);
    expect(r.io.stdinReads).toBe(0);
  });

  it("reads a directory's YAML/JSON files in sorted order, not recursively", async () => {
    const files = {
      "dir/b-run.yaml": yamlDocuments(taskRun("one")),
      "dir/a-task.yml": yamlDocuments(task),
      "dir/notes.txt": "not: [yaml",
      "dir/nested/other-run.yaml": yamlDocuments(taskRun("two")),
    };
    const r = await run(["compile", "-f", "dir"], { files });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(expectedPod(taskRun("one")));
    const withNotes = await run(["compile", "-f", "dir"], {
      files: { ...files, "dir/c.json": '{"note": "c"}', "dir/0.yaml": "note: zero\n" },
    });
    expect(
      withNotes.stderr
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split(" ")[1]),
    ).toEqual(["dir/0.yaml", "dir/c.json"]);
    const broken = await run(["validate", "-f", "dir/"], {
      files: { ...files, "dir/b-run.yaml": yamlDocuments(taskRun("one", { params: [{ name: "nope", value: "x" }] })) },
    });
    expect(broken.stdout).toMatch(/^dir\/b-run\.yaml:\d+:\d+ \(document 1, TaskRun "one"\)/);
  });

  it("unpacks kind: List and *List documents", async () => {
    const list = { apiVersion: "v1", kind: "List", items: [task, { kind: "TaskRunList", items: [taskRun("one")] }] };
    const r = await run(["compile", "-f", "l.yaml"], { files: { "l.yaml": yamlDocuments(list) } });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(expectedPod(taskRun("one")));
  });

  it("skips empty documents silently and other kinds with a note on stderr", async () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } };
    const text = `---\n---\n${yamlDocuments(task, pod, "just a string", { metadata: { name: "kindless" } }, taskRun("one"))}`;
    const r = await run(["compile", "-f", "a.yaml"], { files: { "a.yaml": text } });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(expectedPod(taskRun("one")));
    // Documents are counted as they appear in the file, empty ones included.
    expect(r.stderr).toContain('note: a.yaml (document 4, Pod "p"): ignored: kind Pod is not used by compile');
    expect(r.stderr).toContain("note: a.yaml (document 5): ignored: not a Kubernetes object");
    expect(r.stderr).toContain('note: a.yaml (document 6): ignored: the document has no "kind"');
    expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(3);
  });
});

describe("compile: choosing the objects", () => {
  const two = yamlDocuments(task, taskRun("one"), taskRun("two", { params: [{ name: "word", value: "bye" }] }));

  it("needs --taskrun when there are several TaskRuns, and uses the one it names", async () => {
    const ambiguous = await run(["compile", "-f", "a.yaml"], { files: { "a.yaml": two } });
    expect(ambiguous.code).toBe(EXIT_USAGE);
    expect(ambiguous.stdout).toBe("");
    expect(ambiguous.stderr).toContain("2 TaskRuns (one, two); choose one with --taskrun NAME");
    const chosen = await run(["compile", "-f", "a.yaml", "--taskrun", "two"], { files: { "a.yaml": two } });
    expect(chosen.code).toBe(EXIT_OK);
    expect(parse(chosen.stdout)).toEqual(expectedPod(taskRun("two", { params: [{ name: "word", value: "bye" }] })));
    expect(chosen.stderr).toContain('ignored: compiling TaskRun "two" instead');
    const missing = await run(["compile", "-f", "a.yaml", "--taskrun", "three"], { files: { "a.yaml": two } });
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain('no TaskRun named "three" in the input; found: one, two');
  });

  it("fails with exit 2 when there is no TaskRun", async () => {
    const r = await run(["compile", "-f", "a.yaml"], { files: { "a.yaml": yamlDocuments(task) } });
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain("no TaskRun in the input");
  });

  it("takes the Task the taskRef names, honouring taskRef.kind", async () => {
    const other = {
      ...task,
      metadata: { name: "other" },
      spec: { steps: [{ name: "x", image: "busybox", command: ["false"] }] },
    };
    const cluster = {
      ...task,
      kind: "ClusterTask",
      metadata: { name: "echo" },
      spec: { steps: [{ name: "c", image: "busybox", command: ["true"] }] },
    };
    const plain = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(other, cluster, task, taskRun("one")) },
    });
    expect(plain.code).toBe(EXIT_OK);
    expect(parse(plain.stdout)).toEqual(expectedPod(taskRun("one")));

    const run2 = taskRun("one", { taskRef: { name: "echo", kind: "ClusterTask" } });
    const viaCluster = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(task, cluster, run2) },
    });
    expect(viaCluster.code).toBe(EXIT_OK);
    expect(parse(viaCluster.stdout)).toEqual(compileTaskRun({ taskRun: run2, task: cluster } as never).pod);
  });

  it("says so when only a ClusterTask of the taskRef's name exists, and lets compile report the missing Task", async () => {
    const cluster = { ...task, kind: "ClusterTask", metadata: { name: "echo" } };
    const r = await run(["compile", "-f", "a.yaml"], { files: { "a.yaml": yamlDocuments(cluster, taskRun("one")) } });
    expect(r.code).toBe(EXIT_COMPILE_ERROR);
    expect(r.stderr).toContain(
      "not used: the TaskRun's taskRef asks for a Task (set taskRef.kind: ClusterTask to use it)",
    );
    expect(r.stderr).toContain("[task-not-found]");
    expect(r.stderr).toMatch(/a\.yaml:\d+:\d+ \(document 2, TaskRun "one"\): taskRun\.spec\.taskRef\.name:/);
  });

  it("prefers the Task in the TaskRun's namespace when names clash, and rejects a real ambiguity", async () => {
    const elsewhere = {
      ...task,
      metadata: { name: "echo", namespace: "prod" },
      spec: { steps: [{ name: "x", image: "busybox", command: ["false"] }] },
    };
    const r = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(elsewhere, task, taskRun("one")) },
    });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(expectedPod(taskRun("one")));
    const twice = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(task, task, taskRun("one")) },
    });
    expect(twice.code).toBe(EXIT_USAGE);
    expect(twice.stderr).toContain('2 objects could be Task "echo"');
  });

  it("takes the ServiceAccount the TaskRun runs as (or config-defaults' default), all Secrets, and ConfigMaps by name", async () => {
    const secret = (name: string) => ({
      apiVersion: "v1",
      kind: "Secret",
      type: "kubernetes.io/basic-auth",
      metadata: { name, annotations: { "tekton.dev/git-0": "https://github.com" } },
      data: { username: "dQ==", password: "cA==" },
    });
    const account = (name: string, secretName: string) => ({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name },
      secrets: [{ name: secretName }],
    });
    const defaults = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "config-defaults" },
      data: { "default-service-account": "robot" },
    };
    const unrelated = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "my-settings" }, data: { a: "b" } };
    const files = {
      "a.yaml": yamlDocuments(
        task,
        account("default", "s1"),
        account("robot", "s2"),
        secret("s1"),
        secret("s2"),
        defaults,
        unrelated,
        taskRun("one"),
      ),
    };
    const r = await run(["compile", "-f", "a.yaml"], { files });
    expect(r.code).toBe(EXIT_OK);
    const expected = compileTaskRun({
      taskRun: taskRun("one"),
      task,
      serviceAccount: account("robot", "s2"),
      secrets: [secret("s1"), secret("s2")],
      config: { defaults: defaults.data },
    } as never).pod;
    expect(parse(r.stdout)).toEqual(expected);
    expect(r.stdout).toContain("-basic-git=s2=https://github.com");
    expect(r.stderr).toContain('ConfigMap "my-settings"): ignored: only the ConfigMaps config-defaults, feature-flags');

    const explicit = taskRun("one", { serviceAccountName: "default" });
    const r2 = await run(["compile", "-f", "a.yaml", "-f", "b.yaml"], {
      files: { ...files, "b.yaml": yamlDocuments(explicit) },
    });
    expect(r2.code).toBe(EXIT_USAGE); // two TaskRuns named "one"
    const r3 = await run(["compile", "-f", "a.yaml"], {
      files: {
        "a.yaml": files["a.yaml"].replace(/kind: TaskRun\n([\s\S]*)$/, (m) =>
          m.replace("taskRef:", "serviceAccountName: default\n  taskRef:"),
        ),
      },
    });
    expect(r3.code).toBe(EXIT_OK);
    expect(r3.stdout).toContain("-basic-git=s1=https://github.com");
  });

  it("reads feature-flags, config-artifact-pvc and config-artifact-bucket into config", async () => {
    const flags = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "feature-flags", namespace: "tekton-pipelines" },
      data: { "disable-creds-init": "true", "disable-home-env-overwrite": "true" },
    };
    const r = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(task, flags, taskRun("one")) },
    });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(
      compileTaskRun({ taskRun: taskRun("one"), task, config: { featureFlags: flags.data } } as never).pod,
    );
    expect(r.stdout).not.toContain("tekton-creds-init-home");
    const twice = await run(["compile", "-f", "a.yaml"], {
      files: { "a.yaml": yamlDocuments(task, flags, flags, taskRun("one")) },
    });
    expect(twice.code).toBe(EXIT_USAGE);
    expect(twice.stderr).toContain('ConfigMap "feature-flags" is given twice');
  });

  it("takes image entrypoints from --images", async () => {
    const bare = {
      ...taskRun("one"),
      spec: { taskSpec: { steps: [{ name: "s", image: "busybox", args: ["-c", "ls"] }] } },
    };
    const images =
      "busybox:\n  cmd: [sh]\n  digest: sha256:9d75f0d7c398df565d7ac04c6819b62d6d8f9560f5eb4672596ecd8f7e96ae91\n";
    const without = await run(["compile", "-f", "r.yaml"], { files: { "r.yaml": yamlDocuments(bare) } });
    expect(without.code).toBe(EXIT_COMPILE_ERROR);
    expect(without.stderr).toContain("[missing-entrypoint]");
    expect(without.stderr).toContain("hint: give the image's entrypoint with --images FILE");
    const withImages = await run(["compile", "-f", "r.yaml", "--images", "i.yaml"], {
      files: { "r.yaml": yamlDocuments(bare), "i.yaml": images },
    });
    expect(withImages.code).toBe(EXIT_OK);
    expect(parse(withImages.stdout)).toEqual(
      compileTaskRun({ taskRun: bare, imageEntrypoints: parse(images) } as never).pod,
    );
    const notAMap = await run(["compile", "-f", "r.yaml", "--images", "i.yaml"], {
      files: { "r.yaml": yamlDocuments(bare), "i.yaml": "- busybox\n" },
    });
    expect(notAMap.code).toBe(EXIT_USAGE);
    expect(notAMap.stderr).toContain("--images needs a mapping");
  });
});

describe("compile: output", () => {
  it("writes YAML without anchors, and quotes strings that YAML 1.1 or 1.2 would read as something else", async () => {
    const tricky = {
      ...task,
      spec: {
        steps: [0, 1].map((i) => ({
          name: `s${i}`,
          image: "alpine",
          command: ["echo"],
          args: ["yes", "on", "0o17", "2020-01-01T00:00:00Z", "n"],
          env: [{ name: "Y", value: "no" }],
        })),
      },
    };
    const r = await run(["compile", "-f", "a.yaml"], { files: { "a.yaml": yamlDocuments(tricky, taskRun("one")) } });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).not.toMatch(/[&*][a-z]+\d/);
    for (const word of ['"yes"', '"on"', '"0o17"', '"2020-01-01T00:00:00Z"', '"n"', '"no"', '"Y"'])
      expect(r.stdout).toContain(word);
    expect(parse(r.stdout)).toEqual(compileTaskRun({ taskRun: taskRun("one"), task: tricky } as never).pod);
  });

  it("prints a rejected TaskRun's problems on stderr with file:line:column, nothing on stdout, exit 1", async () => {
    const text = yamlDocuments(
      task,
      taskRun("one", {
        params: [
          { name: "word", value: "a" },
          { name: "word", value: "b" },
        ],
      }),
    );
    const r = await run(["compile", "-f", "a.yaml"], { files: { "a.yaml": text } });
    expect(r.code).toBe(EXIT_COMPILE_ERROR);
    expect(r.stdout).toBe("");
    // The second "- name: word" item follows the line "value: a".
    const line = text.split("\n").findIndex((l) => l.trim() === "value: a") + 2;
    expect(r.stderr).toContain('error: TaskRun "one": 1 problem (Tekton v0.20.1 stops at admission):');
    expect(r.stderr).toContain(`a.yaml:${line}:7 (document 2, TaskRun "one"): taskRun.spec.params[1].name:`);
    expect(r.stderr).toContain("[duplicate-param]");
  });

  it("compiles a conformance-format file with --case", async () => {
    const seed = loadCase("seed-pod-template-volcano-pvc");
    const r = await run(["compile", "--case", "c.yaml"], { files: { "c.yaml": JSON.stringify(seed) } });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(compileTaskRun(seed.input as never).pod);
    const combined = await run(["compile", "--case", "c.yaml", "-f", "c.yaml"], { files: { "c.yaml": "input: {}" } });
    expect(combined.code).toBe(EXIT_USAGE);
    const noInput = await run(["compile", "--case", "c.yaml"], { files: { "c.yaml": "name: x\n" } });
    expect(noInput.code).toBe(EXIT_USAGE);
    expect(noInput.stderr).toContain('has no "input:" mapping');
    const statusCase = await run(["compile", "--case", "c.yaml"], { files: { "c.yaml": "kind: status\ninput: {}\n" } });
    expect(statusCase.code).toBe(EXIT_USAGE);
    expect(statusCase.stderr).toContain("use tekton-pod status --case");
  });

  it("reports case issues at their place inside the case's input block", async () => {
    const broken = loadCase("err-duplicate-step-names");
    const text = (await import("yaml")).stringify(broken);
    const r = await run(["validate", "--case", "c.yaml"], { files: { "c.yaml": text } });
    expect(r.code).toBe(EXIT_COMPILE_ERROR);
    const lines = text.split("\n");
    const stepsAt = lines.findIndex((l) => l.trim() === "steps:");
    const second = lines.findIndex((l, i) => i > stepsAt + 1 && /^\s+- name: build/.test(l));
    expect(r.stdout).toContain(`c.yaml:${second + 1}:`);
    expect(r.stdout).toContain("(document 1, case input): taskRun.spec.taskSpec.steps[1].name:");
  });
});

describe("validate", () => {
  it("prints one OK line for a valid input, on stdout", async () => {
    const r = await run(["validate", "-f", "a.yaml"], { files: { "a.yaml": yamlDocuments(task, taskRun("one")) } });
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^OK: TaskRun "one" is valid; it compiles into Pod "one-pod-[a-z0-9]{5}"\n$/);
    expect(r.stderr).toBe("");
  });

  it("prints every problem with file, document, line:column, path and code, then a summary; exit 1", async () => {
    const badTask = {
      ...task,
      spec: { ...task.spec, steps: [{ name: "Bad_Name", image: "alpine", command: ["echo"] }] },
    };
    const text = yamlDocuments(
      badTask,
      taskRun("one", {
        params: [
          { name: "word", value: "a" },
          { name: "word", value: "b" },
        ],
      }),
    );
    const r = await run(["validate", "-f", "a.yaml"], { files: { "a.yaml": text } });
    expect(r.code).toBe(EXIT_COMPILE_ERROR);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const nameLine = text.split("\n").findIndex((l) => l.includes("Bad_Name")) + 1;
    expect(lines).toContain(
      `a.yaml:${nameLine}:7 (document 1, Task "echo"): task.spec.steps[0].name: step name "Bad_Name" is not a valid DNS label; use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "bad-name") [invalid-name]`,
    );
    expect(
      lines.some((l) =>
        /^a\.yaml:\d+:7 \(document 2, TaskRun "one"\): taskRun\.spec\.params\[1\]\.name: .*\[duplicate-param\]$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(lines[2]).toBe('2 problems: Tekton v0.20.1 would reject TaskRun "one" at admission');
  });

  it("points a missing value at the nearest enclosing key", async () => {
    const needs = { ...task, spec: { ...task.spec, params: [{ name: "word", type: "string" }] } };
    const text = yamlDocuments(needs, taskRun("one"));
    const r = await run(["validate", "-f", "a.yaml"], { files: { "a.yaml": text } });
    expect(r.code).toBe(EXIT_COMPILE_ERROR);
    const specLine =
      text.split("\n").findIndex((l, i, all) => l === "spec:" && all.slice(0, i).some((p) => p === "kind: TaskRun")) +
      1;
    expect(r.stdout).toContain(`a.yaml:${specLine}:1 (document 2, TaskRun "one"): taskRun.spec.params:`);
    expect(r.stdout).toContain("(reason TaskRunValidationFailed)");
  });
});

describe("status", () => {
  const seed = loadCase("seed-status-succeeded-with-results");
  const input = seed.input as { taskRun: unknown; pod: unknown };
  const files = { "s.yaml": yamlDocuments(input.taskRun, input.pod) };

  it("folds the TaskRun and its Pod with --now", async () => {
    const r = await run(["status", "-f", "s.yaml", "--now", seed.now ?? ""], { files });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(seed.expected.status)));
    const json = await run(["status", "-f", "s.yaml", "--now", seed.now ?? "", "-o", "json"], { files });
    expect(JSON.parse(json.stdout)).toEqual(parse(r.stdout));
  });

  it("uses the clock of its io without --now, and the case's now with --case", async () => {
    const r = await run(["status", "-f", "s.yaml"], { files, now: "2030-05-06T07:08:09Z" });
    expect(r.code).toBe(EXIT_OK);
    expect(parse(r.stdout)).toEqual(foldTaskRunStatus(input as never, { now: "2030-05-06T07:08:09Z" }));
    expect(r.stdout).toContain('completionTime: "2030-05-06T07:08:09Z"');
    const viaCase = await run(["status", "--case", "c.yaml"], {
      files: { "c.yaml": JSON.stringify(seed) },
      now: "2030-05-06T07:08:09Z",
    });
    expect(viaCase.code).toBe(EXIT_OK);
    expect(parse(viaCase.stdout)).toEqual(JSON.parse(JSON.stringify(seed.expected.status)));
  });

  it("rejects a bad --now, a missing Pod and an ambiguous Pod with exit 2", async () => {
    const bad = await run(["status", "-f", "s.yaml", "--now", "yesterday"], { files });
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.stderr).toContain('--now "yesterday" is not a time');
    const noPod = await run(["status", "-f", "s.yaml"], { files: { "s.yaml": yamlDocuments(input.taskRun) } });
    expect(noPod.code).toBe(EXIT_USAGE);
    expect(noPod.stderr).toContain("no Pod in the input");
    const stranger = { apiVersion: "v1", kind: "Pod", metadata: { name: "stranger" }, status: { phase: "Running" } };
    const picked = await run(["status", "-f", "s.yaml", "--now", seed.now ?? ""], {
      files: { "s.yaml": yamlDocuments(stranger, input.taskRun, input.pod) },
    });
    expect(picked.code).toBe(EXIT_OK); // status.podName names the right one
    expect(picked.stderr).toContain('Pod "stranger"): ignored: using Pod "status-taskrun-pod-6488ef" instead');
    const two = await run(["status", "-f", "s.yaml"], {
      files: { "s.yaml": yamlDocuments(stranger, { ...stranger, metadata: { name: "other" } }, input.taskRun) },
    });
    expect(two.code).toBe(EXIT_USAGE);
  });
});

describe("usage, help and exit codes", () => {
  it("prints the tool help with the exit code table and examples", async () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      const r = await run(argv);
      expect(r.code).toBe(EXIT_OK);
      expect(r.stdout).toContain("Exit status:");
      expect(r.stdout).toMatch(/^ {2}2 {2}usage error/m);
      expect(r.stdout).toContain("Examples:");
    }
    const none = await run([]);
    expect(none.code).toBe(EXIT_USAGE);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("Usage:");
  });

  it("prints each command's help with examples", async () => {
    for (const command of ["compile", "validate", "status"]) {
      for (const argv of [
        [command, "--help"],
        [command, "-h"],
        ["help", command],
        [command, "-f", "x", "--help"],
      ]) {
        const r = await run(argv);
        expect(r.code).toBe(EXIT_OK);
        expect(r.stdout).toContain(`tekton-pod ${command} [-f] PATH...`);
        expect(r.stdout).toContain("Examples:");
        // the exit status in one line; the table is the tool help's
        expect(r.stdout).toContain("Exit status: 0 success, 1 Tekton would reject the input");
        expect(r.stdout).not.toMatch(/^ {2}2 {2}usage error/m);
      }
    }
  });

  it("exits 2 on usage errors, with the message on stderr", async () => {
    const cases: [string[], string][] = [
      [["frobnicate"], 'unknown command "frobnicate"'],
      [["compile", "--bogus"], "Unknown option '--bogus'"],
      [["compile", "stray"], "cannot read stray: no such file or directory"],
      [["compile"], "no input: give FILE|DIR|- or -f FILE|DIR|- (or --case FILE)"],
      [["compile", "-f"], "argument missing"],
      [["compile", "-f", "a.yaml", "-o", "xml"], '-o must be yaml or json, not "xml"'],
      [["validate", "-o", "yaml", "-f", "a.yaml"], '-o must be text or json, not "yaml"'],
      [["status", "-f", "a.yaml", "--images", "i.yaml"], "Unknown option '--images'"],
      [["help", "nope"], 'no help for "nope"'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, { files: { "a.yaml": yamlDocuments(task, taskRun("one")) } });
      expect(r.code, argv.join(" ")).toBe(EXIT_USAGE);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(message);
    }
  });

  it("exits 2 on unreadable input: missing file, bad YAML (with its line:column), stdin twice", async () => {
    const missing = await run(["compile", "-f", "nope.yaml"]);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain("cannot read nope.yaml: no such file or directory");
    const bad = await run(["compile", "-f", "bad.yaml"], {
      files: { "bad.yaml": "kind: TaskRun\nspec:\n  params: [a, b\n" },
    });
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.stderr).toMatch(/^tekton-pod compile: bad\.yaml:\d+:\d+: not valid YAML or JSON: /);
    const dupKey = await run(["compile", "-f", "dup.yaml"], { files: { "dup.yaml": "kind: TaskRun\nkind: Task\n" } });
    expect(dupKey.code).toBe(EXIT_USAGE);
    expect(dupKey.stderr).toContain("dup.yaml:2:1: not valid YAML or JSON: Map keys must be unique");
    const twice = await run(["compile", "-f", "-", "--images", "-"], { stdin: "a: 1" });
    expect(twice.code).toBe(EXIT_USAGE);
    expect(twice.stderr).toContain("standard input (-) can be given only once");
  });

  it("exits 3 on an internal error, saying it is a bug", async () => {
    const io = fakeIO({ files: { "a.yaml": yamlDocuments(task, taskRun("one")) } });
    io.stdout = () => {
      throw new Error("disk on fire");
    };
    const code = await runCli(["compile", "-f", "a.yaml"], io);
    expect(code).toBe(EXIT_INTERNAL);
    expect(io.stderr_.join("")).toContain("internal error — this is a bug in tekton-pod");
    expect(io.stderr_.join("")).toContain("disk on fire");
    expect(io.stderr_.join("")).toContain("Please report it to the maintainers of tekton-pod-compiler, with");
  });

  it("says where to report an internal error when the package names an address, and not when reading it fails", async () => {
    const broken = (extra: Partial<CliIO>) => {
      const io = Object.assign(fakeIO({ files: { "a.yaml": yamlDocuments(task, taskRun("one")) } }), extra);
      io.stdout = () => {
        throw new Error("disk on fire");
      };
      return io;
    };
    const named = broken({ version: () => "9.9.9", bugs: () => "https://tracker.example/issues" });
    expect(await runCli(["compile", "-f", "a.yaml"], named)).toBe(EXIT_INTERNAL);
    expect(named.stderr_.join("")).toContain("(this is tekton-pod 9.9.9):\n");
    expect(named.stderr_.join("")).toContain(
      "Please report it at https://tracker.example/issues, with this whole message",
    );
    const unreadable = broken({
      version: () => {
        throw new Error("no package.json");
      },
      bugs: () => {
        throw new Error("no package.json");
      },
    });
    expect(await runCli(["compile", "-f", "a.yaml"], unreadable)).toBe(EXIT_INTERNAL);
    expect(unreadable.stderr_.join("")).toContain("disk on fire");
    expect(unreadable.stderr_.join("")).not.toContain("no package.json");
  });
});

describe("help examples", () => {
  /**
   * The files the help's examples name, as a user would have them in their own folder (the
   * examples must work from an installed package, so they name no file of this repository).
   */
  const exampleWorld = async (): Promise<Record<string, string>> => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { ROOT } = await import("./helpers.js");
    const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
    const [statusRun, statusPod] = read("fixtures/examples/status-succeeded.yaml")
      .split(/^---\n/m)
      .filter((d) => d.includes("kind:"));
    return {
      "task.yaml": read("docs/examples/golden/go-test/task.yaml"),
      "taskrun.yaml": read("docs/examples/golden/go-test/taskrun.yaml"),
      "images.yaml": read("fixtures/examples/images.yaml"),
      "ci/tasks/task.yaml": read("docs/examples/golden/go-test/task.yaml"),
      "ci/runs/taskrun.yaml": read("docs/examples/golden/go-test/taskrun.yaml"),
      "ci/runs/pod.golden.yaml": "not: [input",
      "run.yaml": statusRun ?? "",
      "pod.yaml": statusPod ?? "",
    };
  };

  it("every example of every help text works as shown, with the files it names", async () => {
    const { COMPILE_HELP, STATUS_HELP, TOOL_HELP, VALIDATE_HELP } = await import("../../src/cli/help.js");
    const files = await exampleWorld();
    const lines = [TOOL_HELP, COMPILE_HELP, VALIDATE_HELP, STATUS_HELP]
      .flatMap((text) => text.slice(text.indexOf("Examples:")).split("\n\n")[0]?.split("\n") ?? [])
      .map((line) => line.trim())
      .filter((line) => line.startsWith("tekton-pod "))
      .map((line) => line.split(" && ")[0] as string);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      expect(line, "examples name no file of this repository").not.toContain("fixtures/");
      const r = await run(line.split(/\s+/).slice(1), { files });
      expect(r.code, `${line}\n${r.stderr}`).toBe(EXIT_OK);
      expect(r.stdout).not.toBe("");
    }
  });
});
