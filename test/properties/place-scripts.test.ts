/**
 * Scripts are placed byte for byte (pkg/pod/script.go in v0.20.1): the `place-scripts` init
 * container's shell command, run by the real /bin/sh with /tekton/scripts remapped to a
 * temporary directory, must write each step's and sidecar's script exactly — with the
 * `#!/bin/sh\nset -xe\n` preamble when the script has no shebang, and the newline the heredoc
 * adds — into an executable file, whatever the script contains.
 *
 * Scripts never contain NUL: `sh -c` takes its command as a NUL-terminated argv string (and a
 * Pod's args cannot carry NUL either), so such a script cannot be placed by any shell command.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { CompileInput, Step, TaskSpec } from "../../src/api/types.js";
import { compileInputArb, IMAGE_ENTRYPOINTS, taskSpecOf } from "../support/arbitraries/compile-input.js";
import { SEED } from "../support/seed.js";
import { compile } from "./helpers.js";

const SCRIPTS_DIR = "/tekton/scripts/";
const PREAMBLE = "#!/bin/sh\nset -xe\n";
// The header place-scripts writes before each heredoc; group 1 is the file, group 2 the delimiter.
const HEADER =
  /tmpfile="\/tekton\/scripts\/([^"\n]*)"\ntouch \$\{tmpfile\} && chmod \+x \$\{tmpfile\}\ncat > \$\{tmpfile\} << '([^'\n]*)'\n/y;

/** Go's unicode.IsSpace, which strings.TrimSpace uses (no BOM, unlike JavaScript's \s). */
const GO_SPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const SHEBANG = new RegExp(`^${GO_SPACE}*#!`);

/** The file Tekton writes for a script: preamble unless it has a shebang, plus the heredoc's newline. */
function placedFile(script: string): string {
  return `${SHEBANG.test(script) ? "" : PREAMBLE}${script}\n`;
}

/** Index of the end of the first line equal to `line` at or after `from` (as sh finds a heredoc's end), or -1. */
function endOfLine(text: string, line: string, from: number): number {
  for (let at = text.indexOf(line, from); at >= 0; at = text.indexOf(line, at + 1)) {
    const end = at + line.length;
    if ((at === from || text[at - 1] === "\n") && (end === text.length || text[end] === "\n"))
      return Math.min(end + 1, text.length);
  }
  return -1;
}

/**
 * Points the `tmpfile="/tekton/scripts/…"` header lines at `dir`, leaving every heredoc body
 * alone (a script may contain a line that looks like a header). Bodies end where sh ends them;
 * anything that no longer parses as header + body is left as is for sh to run, so damage
 * shows up in the files.
 */
function remapScriptsDir(text: string, dir: string): string {
  let out = "";
  let pos = 0;
  while (pos < text.length) {
    HEADER.lastIndex = pos;
    const m = HEADER.exec(text);
    if (m === null) break;
    out += m[0].replace(`"${SCRIPTS_DIR}`, `"${dir}/`);
    pos = HEADER.lastIndex;
    const end = endOfLine(text, m[2] ?? "", pos);
    if (end < 0) break;
    out += text.slice(pos, end);
    pos = end;
  }
  return out + text.slice(pos);
}

/** The delimiters of every heredoc in a place-scripts command. */
function delimiters(text: string): string[] {
  return [...text.matchAll(/^cat > \$\{tmpfile\} << '([^'\n]*)'$/gm)].map((m) => m[1] ?? "");
}

function placeScriptsCommand(pod: Pod): string | undefined {
  const init = (pod.spec?.initContainers ?? []).find((c) => c.name === "place-scripts");
  if (init === undefined) return undefined;
  expect(init.command).toEqual(["sh"]);
  expect(init.args?.length).toBe(2);
  expect(init.args?.[0]).toBe("-c");
  return init.args?.[1] ?? "";
}

/** Runs the place-scripts command with /bin/sh in a fresh directory; returns each file written, by name. */
function runPlaceScripts(command: string): Map<string, { content: Buffer; executable: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), "place-scripts-"));
  try {
    const run = spawnSync("/bin/sh", ["-c", remapScriptsDir(command, dir)], {
      cwd: dir,
      env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin" },
    });
    expect(run.error).toBeUndefined();
    expect(run.status, `sh failed: ${run.stderr.toString()}`).toBe(0);
    return new Map(
      readdirSync(dir).map((name) => {
        const path = join(dir, name);
        return [name, { content: readFileSync(path), executable: (statSync(path).mode & 0o111) === 0o111 }];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The file each scripted step and sidecar runs, and the content it must hold. A script with
 * `$(…)` is taken after substitution (from the returned taskSpec); any other as written.
 */
function expectedFiles(input: CompileInput, pod: Pod, taskSpec: TaskSpec): Map<string, string> {
  const spec = taskSpecOf(input);
  const containers = pod.spec?.containers ?? [];
  const steps = spec.steps ?? [];
  const expected = new Map<string, string>();
  const add = (file: string | undefined, written: string, substituted: string | undefined): void => {
    expect(file?.startsWith(SCRIPTS_DIR), `script file ${file}`).toBe(true);
    const name = (file ?? "").slice(SCRIPTS_DIR.length);
    expect(expected.has(name), `two scripts share ${name}`).toBe(false);
    expected.set(name, placedFile(written.includes("$(") ? (substituted ?? "") : written));
  };
  steps.forEach((step, i) => {
    if (step.script === undefined || step.script === "") return;
    const args = containers[i]?.args ?? [];
    add(args[args.indexOf("-entrypoint") + 1], step.script, taskSpec.steps?.[i]?.script);
  });
  (spec.sidecars ?? []).forEach((sidecar, j) => {
    if (sidecar.script === undefined || sidecar.script === "") return;
    add(containers[steps.length + j]?.command?.[0], sidecar.script, taskSpec.sidecars?.[j]?.script);
  });
  return expected;
}

/** Compiles, places the scripts with sh, and checks every file byte for byte. */
function checkPlacement(input: CompileInput): void {
  const { pod, taskSpec } = compile(input);
  const expected = expectedFiles(input, pod, taskSpec);
  const command = placeScriptsCommand(pod);
  expect(command !== undefined, "a place-scripts init container exactly when something has a script").toBe(
    expected.size > 0,
  );
  if (command === undefined) return;
  const files = runPlaceScripts(command);
  expect([...files.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [name, content] of expected) {
    const file = files.get(name);
    expect(file?.executable, `${name} is executable`).toBe(true);
    // Compare bytes, but show text on failure.
    if (!Buffer.from(content, "utf8").equals(file?.content ?? Buffer.alloc(0))) {
      expect(JSON.stringify(file?.content.toString("utf8")), name).toBe(JSON.stringify(content));
      expect.unreachable(`${name} differs in bytes only`);
    }
  }
}

/** A copy of `input` with every script rewritten. */
function mapScripts(input: CompileInput, f: (script: string) => string): CompileInput {
  const copy = structuredClone(input);
  const spec = taskSpecOf(copy);
  for (const c of [...(spec.steps ?? []), ...(spec.sidecars ?? [])]) if (c.script !== undefined) c.script = f(c.script);
  return copy;
}

function hasScript(spec: TaskSpec): boolean {
  return [...(spec.steps ?? []), ...(spec.sidecars ?? [])].some((c) => (c.script ?? "") !== "");
}

describe(`place-scripts with a real /bin/sh (seed ${SEED + 20})`, () => {
  it("writes every step and sidecar script byte for byte into an executable file, whatever it contains", () => {
    fc.assert(
      fc.property(compileInputArb, fc.boolean(), fc.nat(), (generated, inject, at) => {
        fc.pre(hasScript(taskSpecOf(generated)));
        // Half the time, plant the heredoc delimiters the input would get as lines of its scripts.
        let input = generated;
        if (inject) {
          const planted = delimiters(placeScriptsCommand(compile(generated).pod) ?? "");
          input = mapScripts(generated, (script) => {
            const lines = script.split("\n");
            lines.splice(at % (lines.length + 1), 0, ...planted);
            return lines.join("\n");
          });
        }
        checkPlacement(input);
      }),
      { seed: SEED + 20, numRuns: 100 },
    );
  });

  const run = (taskSpec: TaskSpec): CompileInput => ({
    taskRun: {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "scripts", namespace: "ns", uid: "00000000-0000-4000-8000-000000000001" },
      spec: { taskSpec },
    },
    imageEntrypoints: IMAGE_ENTRYPOINTS,
  });

  it("does not end the heredoc at a script line equal to the delimiter it would otherwise get", () => {
    const plain = run({ steps: [{ name: "a", image: "alpine", script: "echo hi" }] });
    const [delimiter] = delimiters(placeScriptsCommand(compile(plain).pod) ?? "");
    expect(delimiter).toMatch(/^script-heredoc-randomly-generated-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const clash = run({ steps: [{ name: "a", image: "alpine", script: `echo before\n${delimiter}\necho after` }] });
    const command = placeScriptsCommand(compile(clash).pod) ?? "";
    expect(delimiters(command)).not.toContain(delimiter);
    const files = [...runPlaceScripts(command).values()];
    expect(files.map((f) => f.content.toString("utf8"))).toEqual([
      `${PREAMBLE}echo before\n${delimiter}\necho after\n`,
    ]);
    checkPlacement(clash);
  });

  it("keeps CRLF, a missing final newline, blank lines before a shebang, header look-alikes and sidecar scripts exact", () => {
    const input = run({
      steps: [
        { name: "crlf", image: "alpine", script: "echo a\r\necho 'b'\r\n\techo \"c\" \\" },
        { name: "python", image: "alpine", script: "\n\n#!/usr/bin/env python3\nprint('EOF')" },
        { image: "alpine", script: "tmpfile=\"/tekton/scripts/evil\"\ncat > ${tmpfile} << 'EOF'\nEOF\n" } as Step,
      ],
      sidecars: [{ name: "server", image: "redis:6", script: "#!/bin/sh\nexec redis-server $(echo --port) 6379" }],
    });
    const { pod } = compile(input);
    const command = placeScriptsCommand(pod) ?? "";
    const containers = pod.spec?.containers ?? [];
    const fileOf = (i: number): string => {
      const args = containers[i]?.args ?? [];
      return (args[args.indexOf("-entrypoint") + 1] ?? "").slice(SCRIPTS_DIR.length);
    };
    expect(fileOf(0)).toMatch(/^script-0-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(fileOf(2)).toMatch(/^script-2-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const sidecarFile = (containers[3]?.command?.[0] ?? "").slice(SCRIPTS_DIR.length);
    expect(sidecarFile).toMatch(/^sidecar-script-0-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const files = runPlaceScripts(command);
    const text = (name: string): string | undefined => files.get(name)?.content.toString("utf8");
    expect(text(fileOf(0))).toBe(`${PREAMBLE}echo a\r\necho 'b'\r\n\techo "c" \\\n`);
    expect(text(fileOf(1))).toBe("\n\n#!/usr/bin/env python3\nprint('EOF')\n");
    expect(text(fileOf(2))).toBe(`${PREAMBLE}tmpfile="/tekton/scripts/evil"\ncat > \${tmpfile} << 'EOF'\nEOF\n\n`);
    expect(text(sidecarFile)).toBe("#!/bin/sh\nexec redis-server $(echo --port) 6379\n");
    expect(files.size).toBe(4);
  });
});
