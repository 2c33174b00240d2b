#!/usr/bin/env node
/**
 * The `tekton-pod` executable: the one place where the real process — files, standard streams,
 * the clock, the exit status — is wired into the CLI (src/cli/main.ts).
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { type CliIO, INPUT_LIMITS } from "./io.js";
import { runCli } from "./main.js";

/** An error for input past {@link INPUT_LIMITS}, before it is read into memory. */
function tooLarge(what: string): Error {
  return Object.assign(
    new Error(`${what} is larger than ${INPUT_LIMITS.bytes / (1024 * 1024)} MiB, the most tekton-pod reads`),
    { code: "EFBIG" },
  );
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > INPUT_LIMITS.bytes) throw tooLarge("standard input");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a file, refusing one past the size limit before reading it. */
function readFile(path: string): string {
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).size > INPUT_LIMITS.bytes) throw tooLarge(path);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * A path that cannot be examined (a symlink loop, a file used as a directory, no permission)
 * is not a directory; reading it as a file then reports why, as a usage error naming it.
 */
function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

// `tekton-pod compile … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

/** The fields of the package's package.json the CLI shows: read once, when first needed. */
interface Manifest {
  readonly version?: unknown;
  readonly bugs?: unknown;
}

let manifest: Manifest | undefined;

// Both dist/cli/bin.js and the bundle dist/bin/tekton-pod.js sit two levels below the package root.
function readManifest(): Manifest {
  manifest ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as Manifest;
  return manifest;
}

/** package.json's `bugs`: a URL or an e-mail address as a string, or `{ url?, email? }` (npm's forms). */
function bugsAddress(bugs: unknown): string | undefined {
  if (typeof bugs === "string") return bugs.trim() || undefined;
  if (typeof bugs !== "object" || bugs === null) return undefined;
  const { url, email } = bugs as { url?: unknown; email?: unknown };
  if (typeof url === "string" && url.trim() !== "") return url.trim();
  if (typeof email === "string" && email.trim() !== "") return email.trim();
  return undefined;
}

const io: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile,
  readStdin: readStandardInput,
  isDirectory,
  listDirectory: (path) => readdirSync(path),
  now: () => new Date(),
  version: () => {
    const { version } = readManifest();
    return typeof version === "string" ? version : "(unknown version)";
  },
  bugs: () => bugsAddress(readManifest().bugs),
};

process.exitCode = await runCli(process.argv.slice(2), io);
