/**
 * The command line as its neighbours (kubectl, kubeconform, helm template, kustomize build)
 * have taught users to expect (issue 15, items 14–19), and the choice of Tekton release
 * (`--tekton`), all through the built binary.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { compileTaskRun, TEKTON_RELEASES } from "../../src/index.js";
import { readFixture, renderSnapshot } from "../../src/testing/index.js";
import { ROOT, runBinary } from "./helpers.js";

const GO_TEST = "docs/examples/golden/go-test";
const VCT_CASE = "fixtures/conformance/workspace-volumeclaimtemplate-with-other-bindings.yaml";
const documents = (text: string): unknown[] => parseAllDocuments(text).map((d) => d.toJS() as unknown);

const work = mkdtempSync(join(tmpdir(), "tpc-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const write = (path: string, text: string): string => {
  const full = join(work, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, text);
  return full;
};

describe("compile prints every object Tekton creates (item 14)", () => {
  it("PVCs before the Pod, as YAML documents equal to what a golden file holds", () => {
    const r = runBinary(["compile", "--case", VCT_CASE]);
    expect(r.code, r.stderr).toBe(0);
    const printed = documents(r.stdout);
    expect(printed.map((o) => (o as { kind: string }).kind)).toEqual(["PersistentVolumeClaim", "Pod"]);
    const c = parse(readFileSync(join(ROOT, VCT_CASE), "utf8")) as { input: never };
    expect(printed).toEqual(documents(renderSnapshot(compileTaskRun(c.input))));
  });

  it("-o json: a List of them when there are several, the Pod itself when it is alone", () => {
    const list = runBinary(["compile", "--case", VCT_CASE, "-o", "json"]);
    const parsed = JSON.parse(list.stdout) as { kind: string; items: { kind: string }[] };
    expect(parsed.kind).toBe("List");
    expect(parsed.items.map((i) => i.kind)).toEqual(["PersistentVolumeClaim", "Pod"]);
    const single = runBinary(["compile", GO_TEST, "-o", "json"]);
    expect((JSON.parse(single.stdout) as { kind: string }).kind).toBe("Pod");
  });
});

describe("golden files are not input (item 15)", () => {
  it("a fixture folder holding its golden file compiles to exactly that golden file", () => {
    const r = runBinary(["compile", GO_TEST]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(documents(r.stdout)).toEqual(documents(readFileSync(join(ROOT, GO_TEST, "pod.golden.yaml"), "utf8")));
  });

  it("a golden file named on the command line is skipped with a note", () => {
    const r = runBinary(["compile", `${GO_TEST}/task.yaml`, `${GO_TEST}/taskrun.yaml`, `${GO_TEST}/pod.golden.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("pod.golden.yaml: ignored: a golden file is output, not input");
  });
});

describe("validate checks every TaskRun (item 16)", () => {
  it("one line per problem, an OK line per valid TaskRun, a summary, exit 1 if any is rejected", () => {
    const r = runBinary(["validate", "-R", "fixtures/examples"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^Summary: 9 TaskRuns checked against Tekton v0\.20\.1: 7 valid, 2 rejected$/);
    expect(lines.filter((l) => l.startsWith("OK: "))).toHaveLength(7);
    // The example of docs/reading-a-tekton-pod.md is valid, with the quirks it shows as warnings.
    expect(lines).toContain(
      'OK: TaskRun "build-app" is valid with 2 warnings; it compiles into Pod "build-app-pod-rkfx8"',
    );
    expect(lines.filter((l) => / would reject TaskRun /.test(l))).toHaveLength(2);
  });

  it("exits 0 when every TaskRun is valid", () => {
    const r = runBinary(["validate", "fixtures/examples/pod-template.yaml", "fixtures/examples/non-root-steps.yaml"]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/Summary: 2 TaskRuns checked against Tekton v0\.20\.1: 2 valid, 0 rejected\n$/);
  });

  it("-o json: every TaskRun with its problems located, and the summary", () => {
    const r = runBinary(["validate", "-R", "fixtures/examples", "-o=json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      tekton: string;
      taskRuns: {
        taskRun: string;
        valid: boolean;
        file?: string;
        problems: { code: string; file?: string; line?: number }[];
      }[];
      summary: { taskRuns: number; valid: number; rejected: number };
    };
    expect(report.tekton).toBe("v0.20.1");
    expect(report.summary).toEqual({ taskRuns: 9, valid: 7, rejected: 2 });
    const broken = report.taskRuns.find((t) => t.taskRun === 'TaskRun "greet-run"');
    expect(broken?.valid).toBe(false);
    expect(broken?.file).toBe("fixtures/examples/broken-taskrun.yaml");
    expect(broken?.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ["invalid-name", "fixtures/examples/broken-taskrun.yaml", 19],
      ["duplicate-param", "fixtures/examples/broken-taskrun.yaml", 36],
    ]);
  });

  it("compile still needs one TaskRun, or --taskrun", () => {
    const r = runBinary(["compile", "-R", "fixtures/examples"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--taskrun");
  });
});

describe("arguments as kubectl and kubeconform take them (item 17)", () => {
  it("positional paths mean the same as -f", () => {
    const a = runBinary(["compile", "fixtures/examples/pod-template.yaml"]);
    const b = runBinary(["compile", "-f", "fixtures/examples/pod-template.yaml"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it("-R reads sub-directories; without it they are not read", () => {
    write("nested/a/task.yaml", readFileSync(join(ROOT, GO_TEST, "task.yaml"), "utf8"));
    write("nested/b/c/taskrun.yaml", readFileSync(join(ROOT, GO_TEST, "taskrun.yaml"), "utf8"));
    const flat = runBinary(["compile", join(work, "nested")]);
    expect(flat.code).toBe(2);
    expect(flat.stderr).toContain("no TaskRun");
    const deep = runBinary(["compile", "-R", join(work, "nested")]);
    expect(deep.code, deep.stderr).toBe(0);
    expect(documents(deep.stdout)).toEqual(documents(readFileSync(join(ROOT, GO_TEST, "pod.golden.yaml"), "utf8")));
  });

  it("-o=json as -o json", () => {
    expect(runBinary(["compile", GO_TEST, "-o=json"]).stdout).toBe(
      runBinary(["compile", GO_TEST, "-o", "json"]).stdout,
    );
  });

  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const argv of [["--version"], ["compile", "--version"]]) {
      const r = runBinary(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`tekton-pod ${version}\n`);
    }
  });
});

describe("a malformed --images file is a usage error in that file (item 18)", () => {
  it("exit 2, pointing at its own line", () => {
    const images = write("images.yaml", "busybox:\n  entrypoint: 42\n");
    const r = runBinary(["compile", "fixtures/examples/steps-run-in-order.yaml", "--images", images]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${images}:2:3`);
    expect(r.stderr).toContain("the --images file is not an image map");
    const v = runBinary(["validate", "fixtures/examples/steps-run-in-order.yaml", "--images", images]);
    expect(v.code).toBe(2);
  });
});

describe("messages for CLI users (item 19)", () => {
  it("task-not-found says to add the Task's file, and names a Task of a similar name", () => {
    const task = readFileSync(join(ROOT, GO_TEST, "task.yaml"), "utf8").replace("name: go-test", "name: go-tset");
    const tasks = write("typo/task.yaml", task);
    const run = write("typo/taskrun.yaml", readFileSync(join(ROOT, GO_TEST, "taskrun.yaml"), "utf8"));
    const r = runBinary(["compile", tasks, run]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hint: add the file holding the Task "go-test" to the command\'s files');
    expect(r.stderr).toContain('the input has Task "go-tset" — did the taskRef mean it?');
    const alone = runBinary(["validate", run]);
    expect(alone.stdout).toContain('hint: add the file holding the Task "go-test"');
    expect(alone.stdout).not.toContain("did the taskRef mean");
  });

  it("--now errors name the accepted forms only", () => {
    const r = runBinary(["status", "fixtures/examples/status-succeeded.yaml", "--now", "yesterday"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'tekton-pod status: --now "yesterday" is not a time; give an RFC 3339 time such as 2020-12-01T10:05:00Z or 2020-12-01T11:05:00+01:00\n',
    );
  });
});

describe("--tekton chooses the release (issue 12)", () => {
  it("every supported release is accepted by every command; the default is v0.20.1", () => {
    const plain = runBinary(["compile", GO_TEST]);
    const explicit = runBinary(["compile", GO_TEST, "--tekton", "v0.20.1"]);
    expect(explicit.code).toBe(0);
    expect(explicit.stdout).toBe(plain.stdout);
    for (const release of TEKTON_RELEASES) {
      expect(runBinary(["validate", "fixtures/examples/pod-template.yaml", "--tekton", release]).code).toBe(0);
    }
    const status = runBinary([
      "status",
      "fixtures/examples/status-succeeded.yaml",
      "--now",
      "2020-01-23T16:29:10Z",
      "--tekton",
      "v0.20.1",
    ]);
    expect(status.code, status.stderr).toBe(0);
  });

  it("an unknown release is a usage error (exit 2) naming the supported ones", () => {
    for (const command of ["compile", "validate", "status"]) {
      const r = runBinary([command, "fixtures/examples/status-succeeded.yaml", "--tekton", "v0.19"]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        `tekton-pod ${command}: --tekton "v0.19" is not a supported Tekton release; use one of ${TEKTON_RELEASES.join(", ")}\n`,
      );
    }
  });

  it("the fixture's release and the CLI's agree", () => {
    const input = readFixture(join(ROOT, GO_TEST));
    expect(documents(runBinary(["compile", GO_TEST, "--tekton", "v0.20.1"]).stdout)).toEqual(
      documents(renderSnapshot(compileTaskRun(input, { tekton: "v0.20.1" }))),
    );
  });
});
