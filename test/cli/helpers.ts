/** Test doubles for the CLI: an in-memory file system for runCli, and a runner for the built binary. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = fileURLToPath(new URL("../../dist/bin/tekton-pod.js", import.meta.url));
export const EXAMPLES = "fixtures/examples";

/** What one CLI run produced. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of the fake world. */
export interface FakeWorld {
  /** File path → contents; directories are implied by the paths. */
  readonly files?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  readonly now?: string;
}

/** A CliIO over an in-memory file system; `stdinReads` counts how often stdin was read. */
export function fakeIO(world: FakeWorld = {}): CliIO & { stdout_: string[]; stderr_: string[]; stdinReads: number } {
  const files = world.files ?? {};
  const io = {
    stdout_: [] as string[],
    stderr_: [] as string[],
    stdinReads: 0,
    stdout(text: string) {
      io.stdout_.push(text);
    },
    stderr(text: string) {
      io.stderr_.push(text);
    },
    readFile(path: string): string {
      const text = files[path];
      if (text === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
      }
      return text;
    },
    readStdin(): string {
      io.stdinReads++;
      return world.stdin ?? "";
    },
    isDirectory(path: string): boolean {
      const prefix = `${path.replace(/\/+$/, "")}/`;
      return Object.keys(files).some((f) => f.startsWith(prefix));
    },
    listDirectory(path: string): string[] {
      const prefix = `${path.replace(/\/+$/, "")}/`;
      const names = Object.keys(files)
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length).split("/")[0] ?? "");
      // Unsorted on purpose: the CLI must sort.
      return [...new Set(names)].reverse();
    },
    now(): Date {
      return new Date(world.now ?? "2021-06-01T12:00:00Z");
    },
  };
  return io;
}

/** Runs the CLI in-process against a fake world. */
export async function run(
  argv: readonly string[],
  world: FakeWorld = {},
): Promise<RunResult & { io: ReturnType<typeof fakeIO> }> {
  const io = fakeIO(world);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout_.join(""), stderr: io.stderr_.join(""), io };
}

/** Runs the built executable (`dist/bin/tekton-pod.js`, the bundle the package.json `bin` names) in a child process, from the project root. */
export function runBinary(argv: readonly string[], stdin?: string): RunResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} does not exist: run "npm run build" first (npm test does)`);
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: ROOT,
    input: stdin ?? "",
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "1" },
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Objects as one multi-document YAML text. */
export function yamlDocuments(...objects: readonly unknown[]): string {
  return objects.map((o) => `---\n${stringify(o)}`).join("");
}
