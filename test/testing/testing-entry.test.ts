/** The `tekton-pod-compiler/testing` entry: reading fixtures, rendering golden files, running folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { CompileError, compileTaskRun } from "../../src/index.js";
import {
  compileFixtures,
  expectGoldenPod,
  type FileSnapshotExpect,
  FixtureError,
  goldenPathFor,
  listFixtures,
  obsoleteGoldenFiles,
  readFixture,
  renderSnapshot,
} from "../../src/testing/index.js";

const root = mkdtempSync(join(tmpdir(), "tpc-testing-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const path = join(root, rel);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const TASK = `apiVersion: tekton.dev/v1beta1
kind: Task
metadata: { name: hello }
spec:
  params: [{ name: who, default: world }]
  steps:
    - name: say
      image: alpine
      script: echo hello $(params.who)
`;
const TASKRUN = `apiVersion: tekton.dev/v1beta1
kind: TaskRun
metadata: { name: hello-run, namespace: ns, uid: "1234" }
spec:
  taskRef: { name: hello }
  params: [{ name: who, value: tekton }]
`;

describe("readFixture", () => {
  test("a folder: documents are sorted by kind, golden files skipped", () => {
    const dir = join(root, "folder");
    write("folder/taskrun.yaml", TASKRUN);
    write(
      "folder/task.yaml",
      `${TASK}---\napiVersion: tekton.dev/v1beta1\nkind: Task\nmetadata: { name: other }\nspec: { steps: [{ name: x, image: y, script: z }] }\n`,
    );
    write(
      "folder/cluster.yaml",
      `apiVersion: v1
kind: LimitRange
metadata: { name: lr }
spec: { limits: [{ type: Container, min: { cpu: 10m } }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: feature-flags }
data: { disable-creds-init: "true" }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default }
`,
    );
    write("folder/image-entrypoints.yaml", "alpine: { entrypoint: [/bin/sh], digest: 'sha256:abc' }\n");
    write("folder/pod.golden.yaml", "this: [is not read\n");
    const input = readFixture(dir);
    expect(input.taskRun.metadata?.name).toBe("hello-run");
    expect(input.task?.metadata?.name).toBe("hello");
    expect(input.limitRanges).toHaveLength(1);
    expect(input.config).toEqual({ featureFlags: { "disable-creds-init": "true" } });
    expect(input.serviceAccount?.metadata?.name).toBe("default");
    expect(input.imageEntrypoints).toEqual({ alpine: { entrypoint: ["/bin/sh"], digest: "sha256:abc" } });
  });

  test("a conformance-format case is read as it is", () => {
    const path = write(
      "case.yaml",
      `name: x\nkind: compile\ninput:\n  taskRun:\n${TASKRUN.split("\n")
        .map((l) => `    ${l}`)
        .join("\n")}\n`,
    );
    expect(readFixture(path).taskRun.metadata?.uid).toBe("1234");
  });

  test("options sit under the fixture's own data", () => {
    const path = write(
      "opts.yaml",
      `${TASKRUN}---\n${TASK}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: config-defaults }\ndata: { default-timeout-minutes: '5' }\n`,
    );
    const input = readFixture(path, {
      config: { defaults: { "default-timeout-minutes": "9", "default-service-account": "robot" }, version: "v9" },
      imageEntrypoints: { alpine: ["/bin/sh"] },
    });
    expect(input.config).toEqual({
      defaults: { "default-timeout-minutes": "5", "default-service-account": "robot" },
      version: "v9",
    });
    expect(input.imageEntrypoints).toEqual({ alpine: ["/bin/sh"] });
  });

  test.each([
    ["no TaskRun", TASK, /holds no TaskRun/],
    ["two TaskRuns", `${TASKRUN}---\n${TASKRUN}`, /holds 2 TaskRuns/],
    ["broken YAML", `${TASKRUN}---\nkind: [Task\n`, /document 2 is not valid YAML at line/],
    ["a list document", "- a\n- b\n", /must be a mapping/],
    [
      "a foreign ConfigMap",
      `${TASKRUN}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: my-config }\ndata: {}\n`,
      /not one the compiler reads/,
    ],
    [
      "a non-string ConfigMap value",
      `${TASKRUN}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: feature-flags }\ndata: { disable-home-env-overwrite: true }\n`,
      /quote numbers and booleans/,
    ],
    [
      "an unknown kind",
      `${TASKRUN}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\n`,
      /kind Deployment/,
    ],
    ["no kind", `${TASKRUN}---\nalpine: [/bin/sh]\n`, /has no `kind`/],
    [
      "the wrong Task",
      `${TASKRUN}---\n${TASK.replace("name: hello", "name: a")}---\n${TASK.replace("name: hello", "name: b")}`,
      /none of the Task documents is named "hello"/,
    ],
  ])("%s is a FixtureError naming the file", (_name, text, message) => {
    const path = write(`bad-${_name.replace(/\W+/g, "-")}.yaml`, text);
    let error: unknown;
    try {
      readFixture(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as FixtureError).message).toMatch(message);
    expect((error as FixtureError).message.startsWith(path)).toBe(true);
  });

  test("a missing path says so", () => {
    expect(() => readFixture(join(root, "nope"))).toThrow(/does not exist/);
  });
});

describe("renderSnapshot", () => {
  const input = readFixture(write("render.yaml", `${TASKRUN}---\n${TASK}`));

  test("the Pod as YAML that parses back to the same Pod, byte-stable", () => {
    const result = compileTaskRun(input);
    const text = renderSnapshot(result);
    const docs = parseAllDocuments(text);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.toJS()).toEqual(result.pod);
    expect(renderSnapshot(compileTaskRun(input))).toBe(text);
    // long lines are never folded: the script line appears whole
    expect(text).toContain("echo hello tekton\n");
  });

  test("PVCs come before the Pod, warnings as comments", () => {
    const result = compileTaskRun(input);
    const pvc = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "pvc-1" } } as const;
    const text = renderSnapshot({
      ...result,
      persistentVolumeClaims: [pvc],
      warnings: [
        {
          code: "missing-digest",
          path: "imageEntrypoints.alpine",
          segments: ["imageEntrypoints", "alpine"],
          message: "no digest\nsecond line",
        },
      ],
    });
    expect(text.startsWith("# warning missing-digest at imageEntrypoints.alpine: no digest\n# second line\n")).toBe(
      true,
    );
    const docs = parseAllDocuments(text).map((d) => d.toJS() as { kind: string });
    expect(docs.map((d) => d.kind)).toEqual(["PersistentVolumeClaim", "Pod"]);
  });

  test("a rejected TaskRun renders as its error", () => {
    const error = new CompileError("admission", [
      { code: "missing-param", path: "taskRun.spec.params", segments: ["taskRun", "spec", "params"], message: "m" },
    ]);
    const text = renderSnapshot(error);
    expect(text).toContain("stage: admission");
    expect(text).toContain("code: missing-param");
    expect(renderSnapshot({ ok: false, error })).toBe(text);
  });
});

describe("fixture folders", () => {
  const dir = join(root, "suite");
  write("suite/a-folder/taskrun.yaml", TASKRUN);
  write("suite/a-folder/task.yaml", TASK);
  write("suite/b-file.yaml", `${TASKRUN.replace("hello-run", "b-run")}---\n${TASK}`);
  write("suite/b-file.golden.yaml", "ignored: true\n");
  write(
    "suite/c-rejected.yml",
    `${TASKRUN.replace("taskRef: { name: hello }", "taskRef: { name: hello }\n  taskSpec: { steps: [{ name: s, image: i, script: x }] }")}---\n${TASK}`,
  );
  write("suite/README.md", "not a fixture");
  mkdirSync(join(dir, "empty-folder"), { recursive: true });

  test("listFixtures finds folders and files, in name order, with golden paths", () => {
    expect(listFixtures(dir).map((f) => [f.name, f.golden.slice(dir.length + 1)])).toEqual([
      ["a-folder", "a-folder/pod.golden.yaml"],
      ["b-file", "b-file.golden.yaml"],
      ["c-rejected", "c-rejected.golden.yaml"],
    ]);
    expect(goldenPathFor(new URL(`file://${dir}/b-file.yaml`))).toBe(join(dir, "b-file.golden.yaml"));
  });

  test("compileFixtures compiles each; a rejection is a result, not a throw", () => {
    const results = compileFixtures(dir);
    expect(results.map((f) => f.result.ok)).toEqual([true, true, false]);
    const rejected = results[2]!.result;
    expect(rejected.ok === false && rejected.error.stage).toBe("admission");
    const first = results[0]!.result;
    expect(first.ok && first.pod.metadata?.labels?.["tekton.dev/taskRun"]).toBe("hello-run");
  });

  test("expectGoldenPod hands the rendered Pod and the absolute golden path to expect", async () => {
    const calls: { actual: string; message: string | undefined; file: string }[] = [];
    const fake: FileSnapshotExpect = (actual, message) => ({
      toMatchFileSnapshot: (file) => {
        calls.push({ actual, message, file });
        return Promise.resolve();
      },
    });
    const result = await expectGoldenPod(fake, join(dir, "a-folder"));
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.file).toBe(join(dir, "a-folder", "pod.golden.yaml"));
    expect(calls[0]!.actual).toBe(renderSnapshot(result));
    expect(calls[0]!.message).toContain("a-folder");
  });
});

describe("paths, shared documents, releases and stale golden files (issue 15 items 9–13, issue 12)", () => {
  test("readFixture, listFixtures, compileFixtures and goldenPathFor take file: URLs", () => {
    const dir = write("urls/hello/task.yaml", TASK).replace(/task\.yaml$/, "");
    write("urls/hello/taskrun.yaml", TASKRUN);
    const url = new URL(`file://${dir}`);
    expect(readFixture(url)).toEqual(readFixture(dir));
    expect(listFixtures(new URL(`file://${join(root, "urls")}/`)).map((f) => f.name)).toEqual(["hello"]);
    expect(compileFixtures(new URL(`file://${join(root, "urls")}`))[0]?.result.ok).toBe(true);
    expect(goldenPathFor(url)).toBe(join(dir, "pod.golden.yaml"));
    expect(() => readFixture(new URL("https://example.com/fixture.yaml"))).toThrow(FixtureError);
  });

  test("fixtures can share a Task kept once; a fixture's own Task of that name wins", () => {
    const shared = write("shared/tasks/hello.yaml", TASK);
    write("sharing/a.yaml", TASKRUN);
    const own = TASK.replace("echo hello", "echo howdy");
    write("sharing/b.yaml", `${TASKRUN}---\n${own}`);
    const [a, b] = compileFixtures(join(root, "sharing"), { shared: join(root, "shared/tasks") });
    expect(JSON.stringify(a?.result.ok && a.result.pod)).toContain("echo hello");
    expect(JSON.stringify(b?.result.ok && b.result.pod)).toContain("echo howdy");
    expect(readFixture(join(root, "sharing/a.yaml"), { shared: [shared] }).task?.metadata?.name).toBe("hello");
    expect(() => readFixture(join(root, "sharing/a.yaml"))).not.toThrow();
    expect(() => readFixture(join(root, "sharing/a.yaml"), { shared: join(root, "nope") })).toThrow(
      /shared path\) does not exist/,
    );
  });

  test("the tekton option compiles for that release; an unknown one is refused before any golden file is touched", async () => {
    write("release/hello.yaml", `${TASK}---\n${TASKRUN}`);
    const [fixture] = compileFixtures(join(root, "release"), { tekton: "v0.20.1" });
    expect(fixture?.result).toEqual(compileFixtures(join(root, "release"))[0]?.result);
    const seen: string[] = [];
    const fake: FileSnapshotExpect = (actual) => ({ toMatchFileSnapshot: async () => void seen.push(actual) });
    await expect(
      expectGoldenPod(fake, join(root, "release/hello.yaml"), undefined, { tekton: "v0.19" as never }),
    ).rejects.toThrow(/"v0\.19" is not a supported Tekton release; use one of v0\.20\.1/);
    expect(() => compileFixtures(join(root, "release"), { tekton: "v0.19" as never })).toThrow(FixtureError);
    expect(seen).toEqual([]);
  });

  test("a golden file missing on CI says which and what to do", async () => {
    write("ci/hello.yaml", `${TASK}---\n${TASKRUN}`);
    // What vitest does on CI for a missing file: it fails without writing it.
    const onCi: FileSnapshotExpect = () => ({
      toMatchFileSnapshot: async () => {
        throw new Error("Snapshot `x` mismatched");
      },
    });
    const golden = join(root, "ci/hello.golden.yaml");
    await expect(expectGoldenPod(onCi, join(root, "ci/hello.yaml"))).rejects.toThrow(
      `the golden file ${golden} is missing (vitest does not write new ones on CI); run \`vitest -u\` locally and commit it`,
    );
    // An existing golden file that differs keeps vitest's own diff.
    write("ci/hello.golden.yaml", "old\n");
    await expect(expectGoldenPod(onCi, join(root, "ci/hello.yaml"))).rejects.toThrow("Snapshot `x` mismatched");
  });

  test("obsoleteGoldenFiles reports golden files whose fixture is gone", () => {
    write("stale/kept.yaml", `${TASK}---\n${TASKRUN}`);
    write("stale/kept.golden.yaml", "x\n");
    write("stale/removed.golden.yaml", "x\n");
    write("stale/folder/pod.golden.yaml", "x\n");
    write("stale/live/task.yaml", TASK);
    write("stale/live/pod.golden.yaml", "x\n");
    expect(obsoleteGoldenFiles(join(root, "stale"))).toEqual([
      join(root, "stale/folder/pod.golden.yaml"),
      join(root, "stale/removed.golden.yaml"),
    ]);
  });
});
