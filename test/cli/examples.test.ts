/**
 * The bundled examples (fixtures/examples/) compiled through the built CLI give the same Pod as
 * the conformance case they were taken from, and the commands the README shows work as shown.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadCase, normalize } from "../support/cases.js";
import { EXAMPLES, ROOT, runBinary } from "./helpers.js";

/** Each example, the command that uses it, and the conformance case it reproduces. */
const COMPILE_EXAMPLES: readonly { args: string[]; caseName: string; uses: string[] }[] = [
  {
    args: ["-f", `${EXAMPLES}/pod-template.yaml`],
    caseName: "seed-pod-template-volcano-pvc",
    uses: ["pod-template.yaml"],
  },
  { args: ["-f", `${EXAMPLES}/read-repo-run.yaml`], caseName: "seed-read-repo-run", uses: ["read-repo-run.yaml"] },
  {
    args: ["-f", `${EXAMPLES}/serviceaccount-git-ssh.yaml`],
    caseName: "seed-serviceaccount-git-ssh",
    uses: ["serviceaccount-git-ssh.yaml"],
  },
  { args: ["-f", `${EXAMPLES}/build-push/`], caseName: "seed-build-push-embedded-task", uses: ["build-push"] },
  { args: ["-f", `${EXAMPLES}/non-root-steps.yaml`], caseName: "seed-non-root-steps", uses: ["non-root-steps.yaml"] },
  {
    args: ["-f", `${EXAMPLES}/steps-run-in-order.yaml`, "--images", `${EXAMPLES}/images.yaml`],
    caseName: "example-steps-run-in-order",
    uses: ["steps-run-in-order.yaml", "images.yaml"],
  },
  // The whole folder at once: the TaskRun is chosen by name, the rest is sorted out by kind.
  { args: ["-f", EXAMPLES, "--taskrun", "mytaskrun"], caseName: "seed-pod-template-volcano-pvc", uses: [] },
];
/** Read by other tests: status (below), validate (README), explain (docs/reading-a-tekton-pod.md). */
const OTHER_EXAMPLES = ["status-succeeded.yaml", "broken-taskrun.yaml", "reading-a-pod"];

describe("fixtures/examples through the CLI", () => {
  it("covers every example file in this table", () => {
    const listed = new Set([...COMPILE_EXAMPLES.flatMap((e) => e.uses), ...OTHER_EXAMPLES]);
    expect(readdirSync(join(ROOT, EXAMPLES)).sort()).toEqual([...listed].sort());
  });

  it.each(COMPILE_EXAMPLES.map((e) => [e.args.join(" "), e] as const))("compile %s", (_title, { args, caseName }) => {
    const r = runBinary(["compile", ...args]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^(error|warning)/m);
    expect(normalize(parse(r.stdout))).toEqual(normalize(loadCase(caseName).expected.pod));
  });

  it("holds the same objects as the conformance cases (so the comparison above is not circular)", () => {
    const yamlFiles = readdirSync(join(ROOT, EXAMPLES))
      .map((name) => join(ROOT, EXAMPLES, name))
      .flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).map((n) => join(path, n)) : [path]));
    type Doc = { kind?: string; items?: Doc[]; metadata?: { name?: string } } | null;
    const unpack = (d: Doc): Doc[] => (d?.kind === "List" ? (d.items ?? []).flatMap(unpack) : [d]);
    const documents = yamlFiles
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split(/^---$/m)
          .map((d) => parse(d) as Doc),
      )
      .flatMap(unpack);
    const taskRunNames = documents.filter((d) => d?.kind === "TaskRun").map((d) => d?.metadata?.name);
    for (const { caseName } of COMPILE_EXAMPLES) {
      const input = loadCase(caseName).input as { taskRun: unknown; task?: unknown };
      expect(documents).toContainEqual(input.taskRun);
      if (input.task !== undefined) expect(documents).toContainEqual(input.task);
    }
    expect(taskRunNames.sort()).toEqual([
      "build-app",
      "build-push-task-run-2",
      "greet-run",
      "mytaskrun",
      "read-repo-run",
      "show-non-root-steps-run-x7k2p",
      "status-taskrun",
      "steps-run-in-order",
      "test-task-with-serviceaccount-git-ssh",
    ]);
  });

  it("status-succeeded.yaml gives the seed's status", () => {
    const seed = loadCase("seed-status-succeeded-with-results");
    const r = runBinary(["status", "-f", `${EXAMPLES}/status-succeeded.yaml`, "--now", seed.now ?? ""]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(seed.expected.status)));
  });
});

describe("README", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");

  it("the set-up command prints the bundled example's Pod", () => {
    const setUp = /npm install && npm run build && npx tekton-pod (.+)/.exec(readme)?.[1];
    expect(setUp).toBeDefined();
    const r = runBinary((setUp ?? "").split(" "));
    expect(r.code).toBe(0);
    expect(normalize(parse(r.stdout))).toEqual(normalize(loadCase("seed-pod-template-volcano-pvc").expected.pod));
  });

  const section = readme.slice(
    readme.indexOf("## Command line"),
    readme.indexOf("\n## ", readme.indexOf("## Command line") + 1),
  );
  const commands = [...section.matchAll(/^npx tekton-pod (.+?)(?:\s+#(.*))?$/gm)].map((m) => (m[1] ?? "").trim());
  /** Commands whose comment says they exit 1 (a rejected TaskRun). */
  const rejecting = new Set(
    [...section.matchAll(/^npx tekton-pod (.+?)\s+#.*\bexit 1\b.*$/gm)].map((m) => (m[1] ?? "").trim()),
  );

  it("the Command line section shows at least eight runnable commands", () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  it.each(commands)("tekton-pod %s runs as described", (command) => {
    const argv = command.split(/\s+/);
    const r = runBinary(argv);
    expect(r.code, r.stderr).toBe(rejecting.has(command) ? 1 : 0);
    expect(r.stdout).not.toBe("");
  });

  it("shows validate's real output", () => {
    const r = runBinary(["validate", "-f", `${EXAMPLES}/broken-taskrun.yaml`]);
    const [first, , summary] = r.stdout.split("\n");
    expect(readme).toContain(`  ${first}\n`);
    expect(readme).toContain(`  ${summary}\n`);
  });

  it("documents the same exit codes as tekton-pod --help", () => {
    const help = runBinary(["--help"]).stdout;
    for (const code of ["0", "1", "2", "3"]) {
      expect(help).toMatch(new RegExp(`^ {2}${code} {2}\\S`, "m"));
      expect(readme).toContain(`| \`${code}\` |`);
    }
  });
});
