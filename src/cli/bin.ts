#!/usr/bin/env node
/**
 * The `tekton-pod` executable: the one place where the real process — files, standard streams,
 * the clock, the exit status — is wired into the CLI (src/cli/main.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { CliIO } from "./io.js";
import { runCli } from "./main.js";

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

// `tekton-pod compile … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const io: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFileSync(path, "utf8"),
  readStdin: readStandardInput,
  isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  listDirectory: (path) => readdirSync(path),
  now: () => new Date(),
  // Both dist/cli/bin.js and the bundle dist/bin/tekton-pod.js sit two levels below the package root.
  version: () => (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version,
};

process.exitCode = await runCli(process.argv.slice(2), io);
