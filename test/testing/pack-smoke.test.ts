/**
 * The testing entry as a user meets it: `npm pack` this package, install the tarball into a
 * fresh project under the OS temp folder, and run vitest there on the golden-testing example
 * of docs/golden-testing.md — passing, failing with a diff after an edit, and `-u` restoring
 * the golden file. Also checks that the entry loads without vitest installed, that its
 * types compile in a strict NodeNext project, that CommonJS projects can require it, and the
 * rest of what a Task author meets (issue 15, items 4 and 9–14): file: URLs, shared Tasks,
 * stale golden files, other runners (node:test), the CLI's output, and the CI message for a
 * missing golden file. One pack and one install serve every test.
 *
 * Dependencies come from the npm cache (`--prefer-offline`); when npm cannot install, the
 * tarball is unpacked by hand and this repository's installed dependencies are linked in.
 */
import { execFileSync, type SpawnSyncReturns, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const MODULES = join(REPO, "node_modules");
const RUNTIME_DEPS = Object.keys(
  (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { dependencies: Record<string, string> })
    .dependencies,
);

let project = "";
let installedWith = "";

/** The parent test run's variables would make the child vitest think it is a worker. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(VITEST|VITE_|TEST$|NODE_OPTIONS$|FORCE_COLOR$|npm_)/.test(k)) env[k] = v;
  }
  return { ...env, NO_COLOR: "1", CI: "" };
}

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: { ...childEnv(), ...env }, encoding: "utf8", timeout: 90_000 });
}

function link(name: string): void {
  const target = join(project, "node_modules", name);
  if (existsSync(target)) return;
  mkdirSync(join(target, ".."), { recursive: true });
  symlinkSync(join(MODULES, name), target, "dir");
}

function vitest(...args: string[]): SpawnSyncReturns<string> {
  return run(process.execPath, [join(MODULES, "vitest", "vitest.mjs"), "run", ...args], project);
}

beforeAll(() => {
  if (!existsSync(join(REPO, "dist", "testing", "index.js"))) {
    // `npm test` builds first; a bare `vitest run` may not have.
    run("npm", ["run", "build"], REPO);
  }
  const work = mkdtempSync(join(tmpdir(), "tpc-pack-"));
  project = join(work, "project");
  mkdirSync(project);
  const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
    cwd: REPO,
    env: childEnv(),
    encoding: "utf8",
  });
  const tarball = join(work, (JSON.parse(packed) as { filename: string }[])[0]!.filename);

  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "my-tasks", private: true, type: "module" }, null, 2),
  );
  const npm = run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", tarball],
    project,
  );
  if (npm.status === 0) {
    installedWith = "npm install";
  } else {
    installedWith = "unpacked tarball";
    const dest = join(project, "node_modules", "tekton-pod-compiler");
    mkdirSync(dest, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", dest, "--strip-components=1"]);
    for (const dep of RUNTIME_DEPS) link(dep);
  }
  // The user's fixtures and test: the docs example, copied as a user would copy it.
  cpSync(join(REPO, "docs", "examples", "golden"), join(project, "test"), { recursive: true });
  return () => rmSync(work, { recursive: true, force: true });
}, 120_000);

test("the testing entry loads without vitest installed", () => {
  const probe = run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      "const m = await import('tekton-pod-compiler/testing'); console.log(Object.keys(m).sort().join(','))",
    ],
    project,
  );
  expect(probe.stderr).toBe("");
  expect(probe.stdout).toContain("expectGoldenPod");
  expect(probe.stdout).toContain("compileFixtures");
  expect(existsSync(join(project, "node_modules", "vitest"))).toBe(false);
}, 60_000);

test("golden tests pass, fail with a readable diff after a change, and -u rewrites the file", () => {
  link("vitest");
  const golden = join(project, "test", "go-test", "pod.golden.yaml");
  const original = readFileSync(golden, "utf8");

  const pass = vitest();
  expect(pass.stdout + pass.stderr, `installed with ${installedWith}`).toMatch(/Tests\s+2 passed/);
  expect(pass.status).toBe(0);

  writeFileSync(golden, original.replace("go test -coverprofile=cover.out", "go test -v -coverprofile=cover.out"));
  const fail = vitest();
  expect(fail.status).toBe(1);
  const report = fail.stdout + fail.stderr;
  expect(report).toContain("mismatched");
  // the diff names the changed line on both sides
  expect(report).toMatch(/-\s+go test -v -coverprofile=cover\.out/);
  expect(report).toMatch(/\+\s+go test -coverprofile=cover\.out/);

  const update = vitest("-u");
  expect(update.status).toBe(0);
  expect(readFileSync(golden, "utf8")).toBe(original);
}, 120_000);

test("its types compile in a strict NodeNext project", () => {
  link("typescript");
  link("@types/node");
  link("vitest");
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
      },
      include: ["test"],
    }),
  );
  const tsc = run(process.execPath, [join(MODULES, "typescript", "bin", "tsc"), "-p", "."], project);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.status).toBe(0);
}, 120_000);

test("a CommonJS project can require both entries, from JavaScript and from TypeScript", () => {
  link("typescript");
  link("@types/node");
  const cjs = join(project, "cjs");
  mkdirSync(cjs, { recursive: true });
  writeFileSync(join(cjs, "package.json"), JSON.stringify({ name: "my-cjs-tool", private: true, type: "commonjs" }));
  const fixture = join(project, "test", "go-test");
  writeFileSync(
    join(cjs, "plain.js"),
    [
      'const { compileTaskRun, TEKTON_RELEASES } = require("tekton-pod-compiler");',
      'const { readFixture, renderSnapshot } = require("tekton-pod-compiler/testing");',
      `const result = compileTaskRun(readFixture(${JSON.stringify(fixture)}));`,
      'console.log(result.pod.metadata.name, TEKTON_RELEASES.includes("v0.20.1"), renderSnapshot(result).includes("kind: Pod"));',
    ].join("\n"),
  );
  const plain = run(process.execPath, ["plain.js"], cjs);
  expect(plain.stderr).toBe("");
  expect(plain.stdout.trim()).toBe("go-test-run-pod-cxhsf true true");

  // TypeScript compiles `import` to `require` in a CommonJS package; the result must run.
  writeFileSync(
    join(cjs, "typed.ts"),
    [
      'import { compileTaskRun, type CompileResult } from "tekton-pod-compiler";',
      'import { readFixture } from "tekton-pod-compiler/testing";',
      `const result: CompileResult = compileTaskRun(readFixture(${JSON.stringify(fixture)}));`,
      "console.log(result.pod.spec?.containers.length);",
    ].join("\n"),
  );
  writeFileSync(
    join(cjs, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        strict: true,
        skipLibCheck: true,
        types: ["node"],
        outDir: "out",
      },
      files: ["typed.ts"],
    }),
  );
  const tsc = run(process.execPath, [join(MODULES, "typescript", "bin", "tsc"), "-p", "."], cjs);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(readFileSync(join(cjs, "out", "typed.js"), "utf8")).toContain('require("tekton-pod-compiler")');
  const typed = run(process.execPath, [join("out", "typed.js")], cjs);
  expect(typed.stderr).toBe("");
  expect(typed.stdout.trim()).toBe("1");
}, 120_000);

test("in the installed package: URLs, shared Tasks, stale golden files, node:test, and the CLI print what the golden file holds", () => {
  // Items 9, 11, 13 through the installed entry, in one process.
  const fixtures = join(project, "more", "fixtures");
  mkdirSync(join(fixtures, "uses-shared"), { recursive: true });
  mkdirSync(join(project, "more", "tasks"), { recursive: true });
  cpSync(join(project, "test", "go-test", "task.yaml"), join(project, "more", "tasks", "go-test.yaml"));
  cpSync(join(project, "test", "go-test", "taskrun.yaml"), join(fixtures, "uses-shared", "taskrun.yaml"));
  cpSync(join(project, "test", "go-test", "limitrange.yaml"), join(fixtures, "uses-shared", "limitrange.yaml"));
  writeFileSync(join(fixtures, "gone.golden.yaml"), "kind: Pod\n");
  writeFileSync(
    join(project, "more", "check.mjs"),
    [
      'import { readFileSync } from "node:fs";',
      'import { compileFixtures, obsoleteGoldenFiles, readFixture, renderSnapshot } from "tekton-pod-compiler/testing";',
      'const golden = readFileSync(new URL("../test/go-test/pod.golden.yaml", import.meta.url), "utf8");',
      'const viaUrl = renderSnapshot((await import("tekton-pod-compiler")).compileTaskRun(readFixture(new URL("../test/go-test/", import.meta.url))));',
      'const [shared] = compileFixtures(new URL("./fixtures/", import.meta.url), { shared: new URL("./tasks/", import.meta.url), tekton: "v0.20.1" });',
      "console.log(JSON.stringify({",
      "  url: viaUrl === golden,",
      '  shared: shared.name + ":" + (shared.result.ok && renderSnapshot(shared.result) === golden),',
      '  obsolete: obsoleteGoldenFiles(new URL("./fixtures/", import.meta.url)).map((p) => p.slice(p.lastIndexOf("/") + 1)),',
      "}));",
    ].join("\n"),
  );
  const check = run(process.execPath, ["more/check.mjs"], project);
  expect(check.stderr).toBe("");
  expect(JSON.parse(check.stdout)).toEqual({ url: true, shared: "uses-shared:true", obsolete: ["gone.golden.yaml"] });

  // Item 12: the documented node:test example passes with the installed package.
  const nodeTest = run(process.execPath, ["--test", "test/pods.node.mjs"], project);
  expect(nodeTest.stdout + nodeTest.stderr).toMatch(/# pass 1/);
  expect(nodeTest.status).toBe(0);

  // Item 14: the installed CLI prints exactly the objects of the golden file.
  const bin = join(project, "node_modules", ".bin", "tekton-pod");
  const cli = existsSync(bin)
    ? run(bin, ["compile", "test/go-test"], project)
    : run(
        process.execPath,
        [
          join(project, "node_modules", "tekton-pod-compiler", "dist", "bin", "tekton-pod.js"),
          "compile",
          "test/go-test",
        ],
        project,
      );
  expect(cli.stderr).toBe("");
  expect(cli.stdout).toBe(readFileSync(join(project, "test", "go-test", "pod.golden.yaml"), "utf8"));
}, 120_000);

test("on CI a missing golden file is named, with what to do", () => {
  link("vitest");
  const golden = join(project, "test", "go-test", "pod.golden.yaml");
  const original = readFileSync(golden, "utf8");
  rmSync(golden);
  try {
    const ci = run(process.execPath, [join(MODULES, "vitest", "vitest.mjs"), "run", "test/pods.test.ts"], project, {
      CI: "true",
    });
    expect(ci.status).toBe(1);
    expect(ci.stdout + ci.stderr).toContain(`the golden file ${golden} is missing`);
    expect(ci.stdout + ci.stderr).toContain("run `vitest -u` locally and commit it");
    expect(existsSync(golden)).toBe(false);
  } finally {
    writeFileSync(golden, original);
  }
}, 120_000);
