#!/usr/bin/env node
/** The `tekton-pod` executable: wires the real process streams into the CLI. */
import { readFileSync } from "node:fs";
import { runCli } from "./main.js";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, "utf8"),
  readStdin: () => readFileSync(0, "utf8"),
});
process.exitCode = code;
