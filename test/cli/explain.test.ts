/**
 * `tekton-pod explain` through the built executable: the Pod of compile with a comment on every
 * line, `-o json` with the explanation of explainTaskRun, `--field`, `--tekton`, help and the
 * exit codes of the other commands; and compile's start-up does not load the explaining code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { EXAMPLES, ROOT, runBinary } from "./helpers.js";

const RUN = ["explain", "-f", join(EXAMPLES, "reading-a-pod")];

describe("tekton-pod explain (built binary)", () => {
  it("prints compile's objects, with every scalar line commented", () => {
    const explained = runBinary(RUN);
    const compiled = runBinary(["compile", ...RUN.slice(1)]);
    expect(explained.code).toBe(0);
    expect(explained.stderr).toBe(compiled.stderr);
    // The same documents once the comments are read away.
    expect(parseAllDocuments(explained.stdout).map((d) => d.toJS())).toEqual(
      parseAllDocuments(compiled.stdout).map((d) => d.toJS()),
    );
    // Every `key: value` line has its comment, or (an empty list or object) the line above it does.
    const lines = explained.stdout.split("\n");
    const uncommented = lines.filter(
      (line, i) =>
        /^\s*(-\s+)?[A-Za-z][\w./-]*: \S/.test(line) && !line.includes(" # ") && !/^\s*# /.test(lines[i - 1] ?? ""),
    );
    expect(lines.filter((line) => line.includes(" # ")).length).toBeGreaterThan(200);
    expect(uncommented).toEqual([]);
    expect(explained.stdout).toContain(
      "- -v # ← task.spec.steps[1].args[0]; ← taskRun.spec.params[1].value[1] via $(params.build-flags[*]); entrypoint-rewrite\n",
    );
    expect(explained.stdout).toContain("  restartPolicy: Never # restart-policy\n");
  });

  it("prints {pod, explanation} with -o json, keyed by JSON pointer", () => {
    const r = runBinary([...RUN, "-o", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pod: unknown;
      persistentVolumeClaims: unknown[];
      explanation: Record<string, { rule: string; from?: string; note: string }[]>;
    };
    expect(Object.keys(out)).toEqual(["persistentVolumeClaims", "pod", "explanation"]);
    expect(out.explanation["/pod/spec/containers/1/resources/requests/memory"]).toEqual([
      { rule: "copied", from: "task.spec.steps[1].resources.requests.memory", note: "As written in the Task." },
      expect.objectContaining({ rule: "largest-request-kept" }),
    ]);
    expect(out.explanation["/persistentVolumeClaims/0/metadata/name"]?.[0]?.rule).toBe("volume-claim-template");
  });

  it("narrows to one field with --field, in the path syntax of issues or as a JSON pointer", () => {
    const yaml = runBinary([...RUN, "--field", "spec.containers[1].resources"]);
    expect(yaml.code).toBe(0);
    expect(parse(yaml.stdout)).toEqual({ requests: { cpu: "100m", "ephemeral-storage": "0", memory: "256Mi" } });
    expect(yaml.stdout).toContain(
      "cpu: 100m # quirk-request-not-kept; limitrange-min-for-others ← limitRanges[0].spec.limits[0].min.cpu\n",
    );
    const label = runBinary([...RUN, "--field", 'metadata.labels["tekton.dev/taskRun"]']);
    expect(label.stdout).toBe("build-app # taskrun-label ← taskRun.metadata.name\n");
    const json = runBinary([...RUN, "--field", "/spec/containers/1/resources/requests", "-o", "json"]);
    const out = JSON.parse(json.stdout) as { pointer: string; value: unknown; explanation: Record<string, unknown> };
    expect(out.pointer).toBe("/pod/spec/containers/1/resources/requests");
    expect(Object.keys(out.explanation)).toEqual([
      "/pod/spec/containers/1/resources/requests/cpu",
      "/pod/spec/containers/1/resources/requests/ephemeral-storage",
      "/pod/spec/containers/1/resources/requests/memory",
    ]);
  });

  it("exits 2 on a --field that is no path or no field, 1 on a rejected TaskRun or an unexplained release", () => {
    const notAPath = runBinary([...RUN, "--field", "spec..containers"]);
    expect(notAPath.code).toBe(2);
    expect(notAPath.stderr).toContain("is not a path into the Pod");
    const missing = runBinary([...RUN, "--field", "spec.containers[9]"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("the Pod has no such field");
    const rejected = runBinary(["explain", "-f", join(EXAMPLES, "broken-taskrun.yaml")]);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toBe("");
    const later = runBinary([...RUN, "--tekton", "v1.12"]);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain("explain supports v0.20.1 only");
    expect(runBinary([...RUN, "--tekton", "v9"]).code).toBe(2);
  });

  it("has help, listed in the tool's help", () => {
    const help = runBinary(["explain", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--field PATH");
    expect(runBinary(["--help"]).stdout).toContain("tekton-pod explain");
    expect(runBinary(["help", "explain"]).stdout).toBe(help.stdout);
  });

  it("keeps the explaining code out of what compile loads", () => {
    const bin = join(ROOT, "dist", "bin");
    const read = (chunk: string) => readFileSync(join(bin, chunk), "utf8");
    /** The chunks a chunk imports statically (not those it loads with import()). */
    const staticImports = (chunk: string): string[] =>
      [...read(chunk).matchAll(/(?:^|[;}\n])\s*(?:import|export)[^;(]*?from\s*"\.\/([^"]+)"/g)].map(
        (m) => m[1] as string,
      );
    const loaded = new Set<string>();
    const visit = (chunk: string): void => {
      if (loaded.has(chunk)) return;
      loaded.add(chunk);
      for (const next of staticImports(chunk)) visit(next);
    };
    // compile loads the executable's own chunk, then the library with import("…profiles…").
    visit("tekton-pod.js");
    const library = [...read("tekton-pod.js").matchAll(/import\([`"]\.\/([^`"]*profiles[^`"]*)[`"]\)/g)].map(
      (m) => m[1] as string,
    );
    expect(library.length).toBeGreaterThan(0);
    for (const chunk of library) visit(chunk);
    const explaining = readdirSync(bin).filter((f) => /explain|explanation/.test(f) && f.endsWith(".js"));
    expect(explaining.length).toBeGreaterThanOrEqual(2);
    for (const chunk of explaining) expect(loaded, chunk).not.toContain(chunk);
  });
});
