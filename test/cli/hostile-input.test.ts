/**
 * The CLI on hostile files: paths it cannot stat, deeply nested Lists, very wide mappings,
 * many documents, huge files, and Secret data in what it prints. Each run must end with exit
 * 0, 1 or 2 — never 3, which is kept for bugs — within a CPU-time budget (measured with
 * `process.cpuUsage()`, generous against load).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type FakeWorld, run, runBinary, yamlDocuments } from "./helpers.js";

const taskRun = {
  apiVersion: "tekton.dev/v1beta1",
  kind: "TaskRun",
  metadata: { name: "run", namespace: "ns" },
  spec: { taskSpec: { steps: [{ name: "s", image: "alpine", command: ["echo"] }] } },
};

/** Runs the CLI in-process; returns the result and the CPU milliseconds the run used. */
async function timedRun(
  argv: readonly string[],
  world: FakeWorld,
): Promise<Awaited<ReturnType<typeof run>> & { ms: number }> {
  const start = process.cpuUsage();
  const result = await run(argv, world);
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  if (process.env["SHOW_CPU"] === "1") console.log(`cpu ${ms.toFixed(0)} ms: ${argv.join(" ")}`);
  return { ...result, ms };
}

describe("10. paths that cannot be examined are usage errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "tekton-pod-paths-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a symlink loop (ELOOP)", () => {
    const loop = join(dir, "loop.yaml");
    symlinkSync(loop, loop);
    const result = runBinary(["compile", "-f", loop]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(loop);
    expect(result.stderr).not.toContain("internal error");
  });

  test("a file used as a directory (ENOTDIR)", () => {
    const file = join(dir, "file.yaml");
    writeFileSync(file, yamlDocuments(taskRun));
    const result = runBinary(["compile", "-f", join(file, "x")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(file, "x"));
    expect(result.stderr).not.toContain("internal error");
  });
});

describe("11. deeply nested kind: List", () => {
  const nestedLists = (depth: number): string => {
    let text = JSON.stringify(taskRun);
    for (let i = 0; i < depth; i++) text = `{"apiVersion": "v1", "kind": "List", "items": [${text}]}`;
    return text;
  };

  test("5,000 levels are refused as a usage error, quickly", async () => {
    const result = await timedRun(["compile", "-f", "deep.yaml"], { files: { "deep.yaml": nestedLists(5_000) } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nest more than \d+ deep/);
    expect(result.ms).toBeLessThan(3_000);
  });

  test("a few levels are unpacked as before", async () => {
    const result = await timedRun(["compile", "-f", "lists.yaml", "-o", "json"], {
      files: { "lists.yaml": nestedLists(5) },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: "Pod" });
  });
});

describe("12. wide mappings", () => {
  test("a label map of 40,000 keys is read in linear time", async () => {
    const labels = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`key-${i}`, `v${i}`]));
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  labels:\n${Object.entries(labels)
      .map(([k, v]) => `    ${k}: ${v}\n`)
      .join("")}---\n${yamlDocuments(taskRun)}`;
    const result = await timedRun(["compile", "-f", "wide.yaml"], { files: { "wide.yaml": text } });
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(5_000);
  });

  test("a repeated key is still refused in YAML and accepted in JSON", async () => {
    const yaml = await run(["compile", "-f", "dup.yaml"], { files: { "dup.yaml": "kind: TaskRun\nkind: Task\n" } });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toContain("dup.yaml:2:1");
    expect(yaml.stderr).toMatch(/unique/);
    const json = await run(["compile", "-f", "dup.json", "-o", "json"], {
      files: { "dup.json": JSON.stringify(taskRun).replace('"kind":"TaskRun"', '"kind":"Task","kind":"TaskRun"') },
    });
    expect(json.code).toBe(0);
  });
});

describe("13. many documents and huge files", () => {
  test("50,000 small documents are refused early with the limit named", async () => {
    const text = "---\na: 1\n".repeat(50_000) + yamlDocuments(taskRun);
    const result = await timedRun(["compile", "-f", "many.yaml"], { files: { "many.yaml": text } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/more than [\d,]+ YAML documents/);
    expect(result.ms).toBeLessThan(3_000);
  });

  test("a 40 MB file is refused before it is parsed", async () => {
    const text = `${yamlDocuments(taskRun)}---\nkind: ConfigMap\ndata:\n  script: "${"x".repeat(40 * 1024 * 1024)}"\n`;
    const result = await timedRun(["compile", "-f", "huge.yaml"], { files: { "huge.yaml": text } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/larger than \d+ MiB/);
    expect(result.ms).toBeLessThan(2_000);
  });

  test("a 10 MB script in one document compiles within the budget", async () => {
    const script = `#!/bin/sh\n${"echo 'a line of script'\n".repeat(500_000)}`;
    const withScript = { ...taskRun, spec: { taskSpec: { steps: [{ name: "s", image: "alpine", script }] } } };
    const result = await timedRun(["compile", "-f", "big.json", "-o", "json"], {
      files: { "big.json": JSON.stringify(withScript) },
    });
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(8_000);
  });
});

describe("5. YAML aliases that multiply a long value", () => {
  test("999 steps whose script is an alias of one 600 KB script: exit 1, naming the limit", async () => {
    const script = `#!/bin/sh\n${"echo x\n".repeat(600_000 / 7)}`;
    const steps = Array.from(
      { length: 999 },
      (_, i) =>
        `      - name: s${i}\n        image: alpine\n        script: ${i === 0 ? "&s " : ""}${i === 0 ? JSON.stringify(script) : "*s"}\n`,
    ).join("");
    const text = `apiVersion: tekton.dev/v1beta1\nkind: TaskRun\nmetadata:\n  name: run\nspec:\n  taskSpec:\n    steps:\n${steps}`;
    const result = await timedRun(["compile", "-f", "aliases.yaml"], { files: { "aliases.yaml": text } });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/limit/);
    expect(result.ms).toBeLessThan(5_000);
  });
});

describe("8. Secret data in CLI output", () => {
  const SECRET = "c3VwZXJzZWNyZXRwYXNzd29yZA==";
  test.each(["compile", "validate"])("%s never prints a Secret's data", async (command) => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata: ${SECRET}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: t\nstringData:\n  password: 271828182845\n`;
    const result = await run([command, "-f", "in.yaml"], {
      files: { "in.yaml": `${yamlDocuments(taskRun)}---\n${secret}` },
    });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stdout + result.stderr).not.toContain("271828182845");
  });
});
