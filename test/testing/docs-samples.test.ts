/**
 * The code samples of docs/ are real files under docs/examples/ that the guides include
 * verbatim; here they are type-checked against the built package, run, and their printed
 * output compared with the `// expected` comments the guide shows.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { describe, expect, test, vi } from "vitest";
import type { Pod, TaskRun } from "../../src/index.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(`${REPO}dist/index.js`) && existsSync(`${REPO}dist/testing/index.js`);
const read = (path: string): string => readFileSync(`${REPO}${path}`, "utf8");

if (!built)
  throw new Error("the docs samples run against dist/, which is missing: run `npm run build` (npm test does it first)");

describe("docs samples (against the built package)", () => {
  test("the samples type-check in strict mode", () => {
    const tsc = spawnSync(
      process.execPath,
      [`${REPO}node_modules/typescript/bin/tsc`, "-p", `${REPO}docs/examples/tsconfig.json`],
      { encoding: "utf8" },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  test("getting started: the sample prints what its comments say", async () => {
    const source = read("docs/examples/getting-started/compile.ts");
    expect(read("docs/getting-started.md")).toContain(source.trim());
    const expected = source
      .split("\n")
      .filter((l) => l.includes("console.log("))
      .map((l) => l.split(" // ")[1]);
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { colors: false }))).join(" "));
    });
    try {
      await import(`${REPO}docs/examples/getting-started/compile.ts`);
    } finally {
      spy.mockRestore();
    }
    expect(printed).toEqual(expected);
  });
});

describe("embedding: the example reconcile step", async () => {
  const { reconcile } = (await import(
    `${REPO}docs/examples/embedding/reconcile.ts`
  )) as typeof import("../../docs/examples/embedding/reconcile.js");
  const NOP = "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/nop:v0.20.1";
  const taskRun: TaskRun = {
    apiVersion: "tekton.dev/v1beta1",
    kind: "TaskRun",
    metadata: { name: "build", namespace: "ci", uid: "8c0a4a5e-3d5b-4bd6-9e58-7a2f1e0f3c11" },
    spec: {
      timeout: "10m",
      taskSpec: {
        steps: [{ name: "make", image: "alpine", script: "make" }],
        sidecars: [{ name: "db", image: "postgres", command: ["postgres"] }],
      },
    },
  };
  const observed = { taskRun, cluster: {}, nopImage: NOP, now: "2020-12-01T10:00:00Z" };
  const created = reconcile(observed);
  const pod = (created[0] as { pod: Pod }).pod;
  const withStatus = (phase: string, step: object, sidecar: object): Pod => ({
    ...pod,
    status: {
      phase,
      containerStatuses: [
        { name: "step-make", ready: false, restartCount: 0, image: "alpine", imageID: "", state: step },
        { name: "sidecar-db", ready: true, restartCount: 0, image: "postgres", imageID: "", state: sidecar },
      ],
    },
  });
  const started = { ...taskRun, status: { podName: pod.metadata?.name ?? "", startTime: "2020-12-01T10:00:00Z" } };
  const running = { running: { startedAt: "2020-12-01T10:00:01Z" } };

  test("no Pod yet: create it, and record its name and the start", () => {
    expect(created.map((a) => a.kind)).toEqual(["create-claims-and-pod", "write-status"]);
    const status = (created[1] as { status: { podName: string; startTime: string; conditions: { reason: string }[] } })
      .status;
    expect(status.podName).toBe(pod.metadata?.name);
    expect(status.startTime).toBe("2020-12-01T10:00:00Z");
    expect(status.conditions[0]?.reason).toBe("Started");
  });

  test("a run with `timeout: 1m` and a hanging step ends in TaskRunTimeout, driven only by reconcile", () => {
    // A tiny cluster: it carries out reconcile's actions, and its kubelet starts the step,
    // which never finishes. Nothing sets startTime but the reconcile step itself.
    let current: TaskRun = { ...taskRun, spec: { ...taskRun.spec, timeout: "1m" } };
    let currentPod: Pod | undefined;
    const log: string[] = [];
    const at = (seconds: number): string =>
      new Date(Date.UTC(2020, 11, 1, 10, 0, seconds)).toISOString().replace(".000Z", "Z");
    for (const seconds of [0, 5, 30, 59, 61, 62]) {
      for (const action of reconcile({
        ...observed,
        taskRun: current,
        ...(currentPod !== undefined ? { pod: currentPod } : {}),
        now: at(seconds),
      })) {
        log.push(`${seconds}s ${action.kind}`);
        if (action.kind === "create-claims-and-pod") currentPod = action.pod;
        else if (action.kind === "delete-pod") currentPod = undefined;
        else if (action.kind === "replace-pod") currentPod = action.pod;
        else if (action.kind === "write-status") current = { ...current, status: action.status };
      }
      if (currentPod !== undefined) currentPod = withStatus("Running", { running: { startedAt: at(1) } }, running);
    }
    expect(current.status?.startTime).toBe("2020-12-01T10:00:00Z");
    expect(current.status?.conditions?.[0]).toMatchObject({ status: "False", reason: "TaskRunTimeout" });
    expect(current.status?.conditions?.[0]?.message).toBe('TaskRun "build" failed to finish within "1m0s"');
    expect(log.filter((l) => l.startsWith("61s"))).toEqual(["61s delete-pod", "61s write-status"]);
    expect(log.some((l) => l.startsWith("62s"))).toBe(false);
    expect(currentPod).toBeUndefined();
  });

  test("a rejected TaskRun: a failed status with a path in the message", () => {
    const bad = { ...taskRun, spec: { ...taskRun.spec, params: [{ name: "nope", value: "x" }] } };
    const [action] = reconcile({ ...observed, taskRun: bad });
    expect(action?.kind).toBe("write-status");
    const condition = (action as { status: { conditions: { status: string; message: string }[] } }).status
      .conditions[0];
    expect(condition?.status).toBe("False");
    expect(condition?.message).toContain("taskRun.spec.params");
  });

  test("sidecar ready: let the first step start, status Running", () => {
    const actions = reconcile({
      ...observed,
      taskRun: started,
      pod: withStatus("Running", { waiting: {} }, running),
      now: "2020-12-01T10:00:02Z",
    });
    expect(actions.map((a) => a.kind)).toEqual(["patch-pod", "write-status"]);
    expect((actions[1] as { status: { conditions: { reason: string }[] } }).status.conditions[0]?.reason).toBe(
      "Running",
    );
  });

  test("steps done, sidecar still running: stop it and report success", () => {
    const done = {
      terminated: {
        exitCode: 0,
        reason: "Completed",
        startedAt: "2020-12-01T10:00:01Z",
        finishedAt: "2020-12-01T10:00:05Z",
      },
    };
    const runningPod = withStatus("Running", done, running);
    runningPod.metadata = {
      ...runningPod.metadata,
      annotations: { ...runningPod.metadata?.annotations, "tekton.dev/ready": "READY" },
    };
    const actions = reconcile({ ...observed, taskRun: started, pod: runningPod, now: "2020-12-01T10:00:06Z" });
    expect(actions.map((a) => a.kind)).toEqual(["replace-pod", "write-status"]);
    const replaced = (actions[0] as { pod: Pod }).pod;
    expect(replaced.spec?.containers.find((c) => c.name === "sidecar-db")?.image).toBe(NOP);
    expect((actions[1] as { status: { conditions: { reason: string }[] } }).status.conditions[0]?.reason).toBe(
      "Succeeded",
    );
  });

  test("cancelled or timed out: delete the Pod and fail the run", () => {
    const pod1 = withStatus("Running", running, running);
    const cancelled = reconcile({
      ...observed,
      taskRun: { ...started, spec: { ...started.spec, status: "TaskRunCancelled" } },
      pod: pod1,
    });
    expect(cancelled.map((a) => a.kind)).toEqual(["delete-pod", "write-status"]);
    const late = reconcile({ ...observed, taskRun: started, pod: pod1, now: "2020-12-01T10:10:01Z" });
    expect((late[1] as { status: { conditions: { reason: string }[] } }).status.conditions[0]?.reason).toBe(
      "TaskRunTimeout",
    );
  });

  test("the guide shows the example verbatim", () => {
    expect(read("docs/embedding.md")).toContain(read("docs/examples/embedding/reconcile.ts").trim());
  });
});

describe("README", () => {
  test("the code sample type-checks in a strict project with noUnusedLocals", () => {
    const readme = read("README.md");
    const section = readme.slice(readme.indexOf("## Use it from code"));
    const sample = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(sample).toBeDefined();
    // Inside the package folder, so "tekton-pod-compiler" resolves to this package (dist/).
    const dir = mkdtempSync(`${REPO}node_modules/.cache-readme-`);
    try {
      writeFileSync(`${dir}/sample.ts`, sample ?? "");
      writeFileSync(
        `${dir}/tsconfig.json`,
        JSON.stringify({
          extends: `${REPO}tsconfig.json`,
          compilerOptions: { noEmit: true, noUnusedLocals: true, noUnusedParameters: true, rootDir: dir },
          include: ["sample.ts"],
        }),
      );
      const tsc = spawnSync(
        process.execPath,
        [`${REPO}node_modules/typescript/bin/tsc`, "-p", `${dir}/tsconfig.json`],
        { encoding: "utf8" },
      );
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
