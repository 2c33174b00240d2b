/**
 * The playground's DOM-free parts, in Node: the session compiles exactly what the library
 * compiles, problems land on the lines the CLI reports, the picture has one box per container
 * and one line per mount, the Status what-if folds as the library does, and a link's state
 * survives the round trip. (The page itself is tested in Chromium: test/browser/.)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { renderDocument } from "../../dist/cli/render.js";
import {
  CompileError,
  type CompileInput,
  compileTaskRun,
  type Explanation,
  explainTaskRun,
  foldTaskRunStatus,
  TEKTON_RELEASES,
  type TektonRelease,
} from "../../dist/index.js";
import { layOutPod } from "../../playground/src/picture.js";
import { compileText, formatDiagnostic } from "../../playground/src/session.js";
import { foldOutcomes, simulatePod, stepNames } from "../../playground/src/status.js";
import { decodeState, encodeState } from "../../playground/src/url-state.js";

const ROOT = resolve(import.meta.dirname, "../..");
const example = (name: string): string => readFileSync(join(ROOT, "fixtures", "examples", name), "utf8");
const OWN_EXAMPLE = readFileSync(join(ROOT, "playground", "examples", "workspace-sidecar-limits.yaml"), "utf8");

describe("compileText", () => {
  it("shows the Pod compileTaskRun makes, as the CLI prints it", () => {
    for (const name of ["pod-template.yaml", "serviceaccount-git-ssh.yaml", "read-repo-run.yaml"]) {
      const session = compileText(example(name));
      expect(session.errors, name).toEqual([]);
      const input = session.input;
      if (input === undefined) throw new Error(`${name}: no input`);
      expect(session.podYaml).toBe(renderDocument(compileTaskRun(input).pod, "yaml"));
      const cli = execFileSync(
        process.execPath,
        [join(ROOT, "dist", "bin", "tekton-pod.js"), "compile", "-f", join(ROOT, "fixtures", "examples", name)],
        { encoding: "utf8" },
      );
      expect(session.podYaml, name).toBe(cli);
    }
  });

  it("compiles every bundled example that is meant to compile, Lists and folders included", () => {
    const dir = join(ROOT, "fixtures", "examples");
    const failing: string[] = [];
    for (const name of readdirSync(dir).sort()) {
      if (name === "images.yaml") continue;
      const path = join(dir, name);
      const text = statSync(path).isDirectory()
        ? readdirSync(path)
            .sort()
            .map((f) => readFileSync(join(path, f), "utf8"))
            .join("\n---\n")
        : readFileSync(path, "utf8");
      const session = compileText(text);
      if (session.podYaml === undefined) failing.push(`${name}: ${session.errors.map((e) => e.code).join(", ")}`);
      for (const error of session.errors) expect(error.line, `${name}: ${formatDiagnostic(error)}`).toBeGreaterThan(0);
    }
    // The broken one on purpose; steps-run-in-order needs its images (the page's menu adds them).
    expect(failing).toEqual([
      "broken-taskrun.yaml: invalid-name, duplicate-param",
      "steps-run-in-order.yaml: missing-entrypoint",
    ]);
  });

  it("takes a document without kind as the image entrypoints", () => {
    const without = compileText(example("steps-run-in-order.yaml"));
    expect(without.errors.map((e) => e.code)).toContain("missing-entrypoint");
    const withImages = compileText(`${example("steps-run-in-order.yaml")}\n---\n${example("images.yaml")}`);
    expect(withImages.errors).toEqual([]);
    expect(withImages.compiled?.pod.spec?.containers[0]?.image).toMatch(/busybox@sha256:9d75f0d7/);
  });

  it("puts each problem at the line and column the CLI reports, with its code", () => {
    const session = compileText(example("broken-taskrun.yaml"));
    expect(session.stage).toBe("admission");
    const file = join(ROOT, "fixtures", "examples", "broken-taskrun.yaml");
    let cli = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "dist", "bin", "tekton-pod.js"), "validate", "-f", file], {
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      cli = String((error as { stdout?: unknown }).stdout);
    }
    const expected = [...cli.matchAll(/broken-taskrun\.yaml:(\d+):(\d+) .*\[([a-z-]+)\]$/gm)].map(
      (m) => `${m[1]}:${m[2]} ${m[3]}`,
    );
    expect(expected).toHaveLength(2);
    expect(session.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(expected);
  });

  it("locates YAML syntax errors and problems choosing the documents", () => {
    const syntax = compileText("kind: TaskRun\nspec:\n  params: [a, b\n");
    expect(syntax.errors).toHaveLength(1);
    expect(syntax.errors[0]?.code).toBe("invalid-yaml");
    expect(syntax.errors[0]?.line).toBeGreaterThanOrEqual(3);
    const two = compileText("kind: TaskRun\nmetadata: {name: a}\n---\nkind: TaskRun\nmetadata: {name: b}\n");
    expect(two.errors.map(formatDiagnostic)).toEqual([
      "1:1 [several-task-runs] the input has 2 TaskRuns (a, b); keep one",
      "4:1 [several-task-runs] the input has 2 TaskRuns (a, b); keep one",
    ]);
    expect(compileText("").errors.map((e) => e.code)).toEqual(["no-task-run"]);
  });
});

/** `explainTaskRun`'s explanation, or `undefined` when the release does not explain (it refuses at stage input). */
function explanationOf(input: CompileInput, tekton: TektonRelease): Explanation | undefined {
  try {
    return explainTaskRun(input, { tekton }).explanation;
  } catch (error) {
    if (error instanceof CompileError && error.stage === "input") return undefined;
    throw error;
  }
}

describe("the Pod's explanation", () => {
  it("is explainTaskRun's, with each line of the Pod's YAML naming the fields it shows", () => {
    for (const name of ["pod-template.yaml", "serviceaccount-git-ssh.yaml", "read-repo-run.yaml"]) {
      const session = compileText(example(name));
      const input = session.input;
      if (input === undefined || session.podYaml === undefined) throw new Error(`${name}: no Pod`);
      expect(session.explanation, name).toEqual(explainTaskRun(input).explanation);
      const lines = session.podYaml.split("\n");
      expect(session.podLines?.length, name).toBe(lines.length);
      // Each line names its own key or item: `  image: x` is `…/image`, `- -c` an index.
      lines.forEach((line, i) => {
        const fields = session.podLines?.[i] ?? [];
        const key = /^\s*(?:- )?([\w./-]+):(?: |$)/.exec(line)?.[1];
        const innermost = fields.at(-1);
        if (key !== undefined) expect(innermost?.pointer.endsWith(`/${key.replaceAll("/", "~1")}`), line).toBe(true);
        else if (/^\s*- /.test(line)) expect(innermost?.pointer, line).toMatch(/\/\d+$/);
      });
      const shown = new Set(session.podLines?.flatMap((fields) => fields.map((f) => f.pointer)));
      const explained = Object.keys(session.explanation ?? {}).filter((p) => p.startsWith("/pod/"));
      expect(
        explained.filter((p) => !shown.has(p)),
        name,
      ).toEqual([]);
    }
  });

  it("finds where each `from` was written in the text", () => {
    const text = OWN_EXAMPLE;
    const session = compileText(text);
    const lines = text.split("\n");
    const image = session.podLines?.findIndex((fields) => fields.some((f) => f.path === "spec.containers[0].image"));
    const from = session.explanation?.["/pod/spec/containers/0/image"]?.find((e) => e.from !== undefined)?.from;
    expect(image).toBeGreaterThan(0);
    expect(from).toBe("task.spec.steps[0].image");
    const at = session.locate?.(from as string);
    expect(at?.exact).toBe(true);
    expect(lines[(at?.line ?? 0) - 1]?.slice((at?.column ?? 1) - 1)).toBe("image: golang:1.15");
    // Not written in the text (a config default): no place.
    expect(session.locate?.("config.defaults.default-timeout-minutes")).toBeUndefined();
    expect(session.locate?.("not a path")).toBeUndefined();
  });

  it("is there for every release that explains, and its absence is no error", () => {
    for (const tekton of TEKTON_RELEASES) {
      const session = compileText(OWN_EXAMPLE, tekton);
      const input = session.input;
      if (input === undefined) throw new Error(`${tekton}: no input`);
      expect(session.errors, tekton).toEqual([]);
      expect(session.podYaml, tekton).toBe(renderDocument(compileTaskRun(input, { tekton }).pod, "yaml"));
      const expected = explanationOf(input, tekton);
      expect(session.explanation, tekton).toEqual(expected);
      expect(session.podLines === undefined, tekton).toBe(expected === undefined);
    }
  });

  it("does not hide a real problem found at stage input", () => {
    const text = example("pod-template.yaml").replace(
      /apiVersion: tekton\.dev\/v1beta1\nkind: TaskRun/,
      "apiVersion: tekton.dev/v1\nkind: TaskRun",
    );
    expect(text).not.toBe(example("pod-template.yaml"));
    const session = compileText(text);
    expect(session.stage).toBe("input");
    expect(session.errors.map((e) => e.path)).toContain("taskRun.apiVersion");
    expect(session.podYaml).toBeUndefined();
  });
});

describe("layOutPod", () => {
  it("draws one box per container, one line per mount (read-only ones marked) and the wait chain", () => {
    for (const text of [OWN_EXAMPLE, example("serviceaccount-git-ssh.yaml"), example("read-repo-run.yaml")]) {
      const session = compileText(text);
      const pod = session.compiled?.pod as Pod;
      const spec = pod.spec;
      const picture = layOutPod(pod, session.compiled?.taskSpec);
      const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
      expect(picture.containers.map((c) => c.name)).toEqual(containers.map((c) => c.name));
      const mounts = containers.flatMap((c) =>
        (c.volumeMounts ?? []).map((m) => `${c.name}→${m.name}${m.readOnly === true ? " ro" : ""}`),
      );
      expect(picture.mounts.map((m) => `${m.container}→${m.volume}${m.readOnly ? " ro" : ""}`)).toEqual(mounts);
      expect(picture.volumes.map((v) => v.name)).toEqual((spec?.volumes ?? []).map((v) => v.name));
      const steps = stepNames(pod);
      const chain = picture.arrows.filter((a) => steps.includes(a.from) && steps.includes(a.to));
      expect(chain.map((a) => `${a.from}>${a.to}`)).toEqual(steps.slice(1).map((s, i) => `${steps[i]}>${s}`));
    }
  });

  it("labels the workspace volume, puts sidecars after the steps and shows requests", () => {
    const session = compileText(OWN_EXAMPLE);
    const picture = layOutPod(session.compiled?.pod as Pod, session.compiled?.taskSpec, session.input?.taskRun);
    const labelled = picture.volumes.filter((v) => v.workspace !== undefined);
    expect(labelled.map((v) => `${v.workspace}: ${v.source}`)).toEqual([
      "workspace source: emptyDir",
      "workspace settings: configMap unit-test-settings",
    ]);
    const pod = session.compiled?.pod as Pod;
    const roles = picture.containers.map((c) => c.role);
    expect(roles.filter((r) => r === "init")).toHaveLength(pod.spec?.initContainers?.length ?? 0);
    expect(roles.slice(-3)).toEqual(["step", "step", "sidecar"]);
    expect(picture.containers.find((c) => c.name === "step-unit-test")?.requests).toContain("memory 512Mi");
  });
});

describe("Status what-if", () => {
  const session = compileText(OWN_EXAMPLE);
  const pod = session.compiled?.pod as Pod;
  const taskRun = session.input?.taskRun;
  if (taskRun === undefined) throw new Error("no TaskRun");

  it("folds as foldTaskRunStatus does for the simulated Pod", () => {
    const outcomes = { "step-unit-test": "oom" as const };
    const { result, now, pod: simulated } = foldOutcomes(taskRun, pod, outcomes, "v0.20.1");
    expect(simulated).toEqual({ ...pod, status: simulatePod(pod, outcomes).status });
    const withStart = {
      ...taskRun,
      status: { startTime: simulated.status?.startTime ?? "", podName: pod.metadata?.name ?? "" },
    };
    expect(result.status).toEqual(foldTaskRunStatus({ taskRun: withStart, pod: simulated }, { now }));
    const condition = result.status.conditions?.[0];
    expect(condition?.status).toBe("False");
    expect(condition?.reason).toBe("Failed");
    expect(result.status.steps?.find((s) => s.name === "unit-test")?.terminated?.reason).toBe("OOMKilled");
  });

  it("succeeds when every step does, and is still running while one runs", () => {
    expect(foldOutcomes(taskRun, pod, {}, "v0.20.1").result.status.conditions?.[0]?.reason).toBe("Succeeded");
    expect(
      foldOutcomes(taskRun, pod, { "step-unit-test": "running" }, "v0.20.1").result.status.conditions?.[0]?.reason,
    ).toBe("Running");
  });
});

describe("URL state", () => {
  it("survives the round trip, and a damaged link gives nothing", async () => {
    const state = {
      text: `${OWN_EXAMPLE}\n# ünïcödé ✓`,
      tekton: "v0.20.1",
      tab: "status" as const,
      outcomes: { "step-a": "failed" as const },
    };
    const hash = await encodeState(state);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(state.text.length);
    expect(await decodeState(hash)).toEqual(state);
    expect(await decodeState(`${hash.slice(0, -4)}!!`)).toBeUndefined();
    expect(await decodeState("#other")).toBeUndefined();
  });
});
