/**
 * Exit status 3 says how to report the bug (issue 15, item 20): where, when package.json has a
 * `bugs` field, and with what — through the built binary. The package has no public address
 * yet, so the address comes from package.json at run time: adding `bugs` later is the only
 * change needed. A copy of the built package whose lazily loaded compiler chunk is missing
 * (a broken installation) makes a real internal error.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_INTERNAL } from "../../src/cli/io.js";
import { BIN, ROOT, type RunResult } from "./helpers.js";

const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
const work = mkdtempSync(join(tmpdir(), "tpc-bug-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the built executable without its compiler chunk, beside a package.json with `extra`. */
function brokenPackage(name: string, extra: Record<string, unknown>): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} does not exist: run "npm run build" first (npm test does)`);
  const bin = join(work, name, "dist", "bin");
  mkdirSync(bin, { recursive: true });
  for (const file of staticClosure("tekton-pod.js")) copyFileSync(join(ROOT, "dist/bin", file), join(bin, file));
  writeFileSync(join(work, name, "package.json"), JSON.stringify({ ...MANIFEST, ...extra }));
  return join(bin, "tekton-pod.js");
}

/**
 * The executable and the chunks it imports statically (transitively): what every command loads
 * at start-up. The lazily imported chunks, the compiler's among them, are left out.
 */
function staticClosure(entry: string): string[] {
  const files = [entry];
  for (let i = 0; i < files.length; i++) {
    const text = readFileSync(join(ROOT, "dist/bin", files[i] as string), "utf8");
    for (const m of text.matchAll(/(?:^|[;\s}])import\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const file = m[1] as string;
      if (!files.includes(file)) files.push(file);
    }
  }
  return files;
}

function run(bin: string, argv: readonly string[]): RunResult {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (r.error !== undefined) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const COMPILE = ["compile", "-f", "fixtures/examples/pod-template.yaml"];

describe("exit 3 says how to report the bug (item 20)", () => {
  it("without a bugs address: the maintainers, with the message, the versions, the command and the input", () => {
    expect(MANIFEST["bugs"]).toBeUndefined();
    const r = run(brokenPackage("plain", {}), COMPILE);
    expect(r.code).toBe(EXIT_INTERNAL);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `tekton-pod: internal error — this is a bug in tekton-pod, not a problem with your input (this is tekton-pod ${MANIFEST["version"]}):`,
    );
    // The error itself, with where it happened.
    // The compiler's chunk, as the bundler names it (a facade `…-profiles2.js` when the explain
    // chunk shares the compiler with compile).
    expect(lines[1]).toMatch(/tekton-pod-profiles\d*\.js/);
    expect(lines.at(-1)).toBe(
      'Please report it to the maintainers of tekton-pod-compiler, with this whole message, the output of "tekton-pod --version" ' +
        'and "node --version", the command you ran and, if you can share it, the input it read.',
    );
    expect(r.stderr).not.toMatch(/https?:/);
  });

  it("names the address package.json's bugs field gives, in each of npm's forms", () => {
    const forms: [Record<string, unknown>, string][] = [
      [
        { bugs: { url: "https://tracker.example/tekton-pod/issues", email: "bugs@tracker.example" } },
        "https://tracker.example/tekton-pod/issues",
      ],
      [{ bugs: { email: "bugs@tracker.example" } }, "bugs@tracker.example"],
      [{ bugs: "https://tracker.example/issues" }, "https://tracker.example/issues"],
    ];
    forms.forEach(([extra, address], i) => {
      const r = run(brokenPackage(`bugs-${i}`, extra), COMPILE);
      expect(r.code).toBe(EXIT_INTERNAL);
      expect(r.stderr.trimEnd().split("\n").at(-1)).toMatch(
        new RegExp(`^Please report it at ${address.replace(/[.]/g, "\\.")}, with this whole message`),
      );
    });
    // An empty field is no address.
    expect(run(brokenPackage("bugs-empty", { bugs: { url: " " } }), COMPILE).stderr).toContain(
      "Please report it to the maintainers of tekton-pod-compiler,",
    );
  });

  it("still reports when package.json itself cannot be read", () => {
    const bin = brokenPackage("no-manifest", {});
    rmSync(join(work, "no-manifest", "package.json"));
    const r = run(bin, COMPILE);
    expect(r.code).toBe(EXIT_INTERNAL);
    expect(r.stderr).toMatch(
      /^tekton-pod: internal error — this is a bug in tekton-pod, not a problem with your input:\n/,
    );
    expect(r.stderr).toContain("Please report it to the maintainers of tekton-pod-compiler,");
  });
});
