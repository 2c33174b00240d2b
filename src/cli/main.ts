/**
 * The `tekton-pod` command line: `compile`, `validate` and `status` over kubectl-style input
 * (`-f FILE|DIR|-`, multi-document YAML/JSON). The only impure code of the package, and even
 * it touches the world only through the {@link CliIO} it is given, so tests run it with fakes
 * as well as for real (`bin.ts`).
 */
import { parseArgs } from "node:util";
import type { CompileInput, Immutable } from "../api/types.js";
import { CompileError } from "../errors.js";
import type { FoldInput, FoldResult } from "../profiles.js";
import { labelOf } from "../input/classify-objects.js";
import { selectCompileInput, selectStatusInput, collectObjects, type Assembled } from "./select-input.js";
import { COMPILE_HELP, STATUS_HELP, TOOL_HELP, VALIDATE_HELP } from "./help.js";
import { EXIT_COMPILE_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from "./io.js";
import { readSingleDocument, readSources, stdinOnce } from "./read-sources.js";
import { hintsFor, renderCompileError, renderDocument, renderIssue, renderWarnings, type OutputFormat } from "./render.js";

export type { CliIO } from "./io.js";
export { EXIT_COMPILE_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from "./io.js";

const COMMAND_HELP: Readonly<Record<string, string>> = {
  compile: COMPILE_HELP,
  validate: VALIDATE_HELP,
  status: STATUS_HELP,
};

const INPUT_OPTIONS = {
  filename: { type: "string", short: "f", multiple: true },
  taskrun: { type: "string" },
  case: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const OPTIONS = {
  compile: { ...INPUT_OPTIONS, output: { type: "string", short: "o" }, images: { type: "string" } },
  validate: { ...INPUT_OPTIONS, images: { type: "string" } },
  status: { ...INPUT_OPTIONS, output: { type: "string", short: "o" }, now: { type: "string" } },
} as const;

type Command = keyof typeof OPTIONS;

/** The parsed options of any command (each command accepts a subset). */
interface Options {
  readonly filename?: string[];
  readonly taskrun?: string;
  readonly case?: string;
  readonly help?: boolean;
  readonly output?: string;
  readonly images?: string;
  readonly now?: string;
}

/**
 * Runs `tekton-pod` with `argv` (the arguments after the program name) and returns the exit
 * status: 0 success, 1 Tekton would reject the input, 2 usage error or unreadable input,
 * 3 internal error.
 *
 * @example
 * ```ts
 * const code = await runCli(["compile", "-f", "run.yaml"], {
 *   stdout: (t) => out.push(t), stderr: (t) => err.push(t),
 *   readFile: (p) => files[p]!, readStdin: () => "", isDirectory: () => false,
 *   listDirectory: () => [], now: () => new Date("2020-12-01T10:05:00Z"),
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.stderr(TOOL_HELP);
      return EXIT_USAGE;
    }
    if (command === "-h" || command === "--help") {
      io.stdout(TOOL_HELP);
      return EXIT_OK;
    }
    if (command === "help") return help(rest, io);
    if (!isCommand(command)) {
      throw new UsageError(`unknown command ${JSON.stringify(command)}; the commands are compile, validate and status`, { suggestHelp: true });
    }
    const options = parseOptions(command, rest);
    if (options.help === true) {
      io.stdout(COMMAND_HELP[command] ?? TOOL_HELP);
      return EXIT_OK;
    }
    const stdin = stdinOnce(await preloadStdin(options, io));
    if (command === "compile") return await compile(options, io, stdin);
    if (command === "validate") return await validate(options, io, stdin);
    return await status(options, io, stdin);
  } catch (error) {
    if (error instanceof UsageError) {
      const prefix = isCommand(command) ? `tekton-pod ${command}` : "tekton-pod";
      const more = error.suggestHelp ? `\nRun "${prefix} --help" for usage.` : "";
      io.stderr(`${prefix}: ${error.message}${more}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`tekton-pod: internal error — this is a bug in tekton-pod, please report it:\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}

function isCommand(value: string | undefined): value is Command {
  return value !== undefined && Object.hasOwn(OPTIONS, value);
}

function help(rest: readonly string[], io: CliIO): number {
  const [topic] = rest;
  if (topic === undefined) {
    io.stdout(TOOL_HELP);
    return EXIT_OK;
  }
  const text = COMMAND_HELP[topic];
  if (text === undefined) throw new UsageError(`no help for ${JSON.stringify(topic)}; the commands are compile, validate and status`);
  io.stdout(text);
  return EXIT_OK;
}

function parseOptions(command: Command, args: readonly string[]): Options {
  try {
    return parseArgs({ args: [...args], options: OPTIONS[command], strict: true, allowPositionals: false }).values as Options;
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error);
    throw new UsageError(message, { suggestHelp: true });
  }
}

/**
 * Standard input is read up front (asynchronously, so large pipes work) when some option
 * names `-`; the rest of the run is synchronous.
 */
async function preloadStdin(options: Options, io: CliIO): Promise<() => string> {
  const wanted = [...(options.filename ?? []), options.images, options.case].includes("-");
  if (!wanted) return () => "";
  let text: string;
  try {
    text = await io.readStdin();
  } catch (error) {
    throw new UsageError(`cannot read standard input: ${error instanceof Error ? error.message : String(error)}`);
  }
  return () => text;
}

function outputFormat(options: Options): OutputFormat {
  const format = options.output ?? "yaml";
  if (format !== "yaml" && format !== "json") throw new UsageError(`-o must be yaml or json, not ${JSON.stringify(format)}`);
  return format;
}

/** A conformance-format file: its `input:` block, located at `input` in the file. */
function readCase(path: string, io: CliIO, stdin: () => string, kind: "compile" | "status"): Assembled & { now?: string } {
  const source = readSingleDocument(path, io, stdin, "a conformance case");
  const value = source.value as Record<string, unknown>;
  const input = typeof value === "object" && !Array.isArray(value) ? value["input"] : undefined;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new UsageError(`${source.file} has no "input:" mapping; --case expects a conformance case (fixtures/conformance/README)`);
  }
  if (typeof value["kind"] === "string" && value["kind"] !== kind) {
    throw new UsageError(`${source.file} is a ${value["kind"]} case; use tekton-pod ${value["kind"]} --case`);
  }
  const now = value["now"];
  return {
    input: input as Record<string, unknown>,
    origins: [{ prefix: [], at: { source, path: ["input"], label: "case input" } }],
    notes: [],
    ...(typeof now === "string" ? { now } : {}),
  };
}

/** The objects of every `-f` source, and notes on the documents that are not objects. */
function readObjects(options: Options, io: CliIO, stdin: () => string): ReturnType<typeof collectObjects> {
  const files = options.filename ?? [];
  if (files.length === 0) throw new UsageError("no input: give -f FILE|DIR|- (or --case FILE)", { suggestHelp: true });
  return collectObjects(readSources(files, io, stdin));
}

function loadCompileInput(options: Options, io: CliIO, stdin: () => string): Assembled {
  if (options.case !== undefined) {
    if (options.filename !== undefined || options.taskrun !== undefined || options.images !== undefined) {
      throw new UsageError("--case cannot be combined with -f, --taskrun or --images", { suggestHelp: true });
    }
    return readCase(options.case, io, stdin, "compile");
  }
  const { objects, notes } = readObjects(options, io, stdin);
  const images = options.images === undefined ? undefined : readSingleDocument(options.images, io, stdin, "the --images map");
  const assembled = selectCompileInput(objects, { taskRun: options.taskrun, imageEntrypoints: images });
  return { ...assembled, notes: [...notes, ...assembled.notes] };
}

function printNotes(notes: readonly string[], io: CliIO): void {
  for (const note of notes) io.stderr(`note: ${note}\n`);
}

function subjectOf(input: Record<string, unknown>): string {
  const taskRun = input["taskRun"] as { metadata?: { name?: unknown } } | undefined;
  const name = taskRun?.metadata?.name;
  return labelOf("TaskRun", typeof name === "string" && name !== "" ? name : undefined);
}

/**
 * The library, loaded only by the commands that run it: `--help` and usage errors answer
 * without loading the compiler, and each process pays for what its command uses.
 */
const library = () => import("../profiles.js");

async function compile(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const format = outputFormat(options);
  const { input, origins, notes } = loadCompileInput(options, io, stdin);
  printNotes(notes, io);
  const { safeCompileTaskRun } = await library();
  const result = safeCompileTaskRun(input as unknown as Immutable<CompileInput>);
  if (!result.ok) {
    io.stderr(`error: ${renderCompileError(result.error, origins, subjectOf(input))}`);
    return EXIT_COMPILE_ERROR;
  }
  io.stderr(renderWarnings(result.warnings, origins));
  for (const claim of result.persistentVolumeClaims ?? []) {
    io.stderr(`note: Tekton also creates PersistentVolumeClaim ${JSON.stringify(claim.metadata?.name ?? "")} ` +
      "(from a volumeClaimTemplate workspace) before the Pod; only the Pod is printed\n");
  }
  io.stdout(renderDocument(result.pod, format));
  return EXIT_OK;
}

async function validate(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const { input, origins, notes } = loadCompileInput(options, io, stdin);
  printNotes(notes, io);
  const subject = subjectOf(input);
  const { safeCompileTaskRun } = await library();
  const result = safeCompileTaskRun(input as unknown as Immutable<CompileInput>);
  if (!result.ok) {
    const { error } = result;
    const lines = error.issues.map((item) => renderIssue(item, origins));
    const reason = error.reason === undefined ? "" : ` (reason ${error.reason})`;
    const count = error.issues.length === 1 ? "1 problem" : `${error.issues.length} problems`;
    io.stdout(`${lines.join("\n")}\n${count}: Tekton v0.20.1 would reject ${subject} at ${error.stage}${reason}\n`);
    for (const h of hintsFor(error.issues)) io.stdout(`${h}\n`);
    return EXIT_COMPILE_ERROR;
  }
  io.stdout(renderWarnings(result.warnings, origins));
  const warnings = result.warnings.length === 0 ? "" : ` with ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}`;
  io.stdout(`OK: ${subject} is valid${warnings}; it compiles into Pod ${JSON.stringify(result.pod.metadata?.name ?? "")}\n`);
  return EXIT_OK;
}

async function status(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const format = outputFormat(options);
  let assembled: Assembled & { now?: string };
  if (options.case !== undefined) {
    if (options.filename !== undefined || options.taskrun !== undefined) {
      throw new UsageError("--case cannot be combined with -f or --taskrun", { suggestHelp: true });
    }
    assembled = readCase(options.case, io, stdin, "status");
  } else {
    const { objects, notes } = readObjects(options, io, stdin);
    const found = selectStatusInput(objects, { taskRun: options.taskrun });
    assembled = { ...found, notes: [...notes, ...found.notes] };
  }
  printNotes(assembled.notes, io);
  const now = options.now ?? assembled.now ?? io.now();
  const { foldTaskRunStatusWithWarnings } = await library();
  let result: FoldResult;
  try {
    result = foldTaskRunStatusWithWarnings(assembled.input as unknown as FoldInput, { now });
  } catch (error) {
    if (error instanceof CompileError) {
      throw new UsageError(`--now ${JSON.stringify(String(options.now ?? assembled.now ?? ""))} is not a time: ` +
        `${error.issues[0]?.message ?? error.message}; use RFC 3339, e.g. 2020-12-01T10:05:00Z`);
    }
    throw error;
  }
  io.stderr(renderWarnings(result.warnings, assembled.origins));
  io.stdout(renderDocument(result.status, format));
  return EXIT_OK;
}
