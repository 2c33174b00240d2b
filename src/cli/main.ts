/**
 * The `tekton-pod` command line: `compile`, `explain`, `validate` and `status` over kubectl-style input
 * (`-f FILE|DIR|-`, multi-document YAML/JSON). The only impure code of the package, and even
 * it touches the world only through the {@link CliIO} it is given, so tests run it with fakes
 * as well as for real (`bin.ts`).
 */
import { parseArgs } from "node:util";
import type { CompileInput, Immutable } from "../api/types.js";
import { CompileError, type PathSegment } from "../errors.js";
import { labelOf } from "../input/classify-objects.js";
import { locateIssue } from "../input/locate-issue.js";
import type {
  CompileResult,
  CompileResultV112,
  FoldInput,
  FoldResult,
  FoldResultV112,
  SafeCompileResult,
  TektonRelease,
} from "../profiles.js";
import { COMPILE_HELP, EXPLAIN_HELP, STATUS_HELP, TOOL_HELP, VALIDATE_HELP } from "./help.js";
import { type CliIO, EXIT_COMPILE_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from "./io.js";
import { readSingleDocument, readSources, stdinOnce } from "./read-sources.js";
import {
  hintsFor,
  type OutputFormat,
  renderCompileError,
  renderDocument,
  renderIssue,
  renderObjects,
  renderWarnings,
} from "./render.js";
import { type Assembled, collectObjects, selectCompileInput, selectStatusInput } from "./select-input.js";

export type { CliIO } from "./io.js";
export { EXIT_COMPILE_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from "./io.js";

const COMMAND_HELP: Readonly<Record<string, string>> = {
  compile: COMPILE_HELP,
  explain: EXPLAIN_HELP,
  validate: VALIDATE_HELP,
  status: STATUS_HELP,
};

const INPUT_OPTIONS = {
  filename: { type: "string", short: "f", multiple: true },
  recursive: { type: "boolean", short: "R" },
  taskrun: { type: "string" },
  case: { type: "string" },
  tekton: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

const OPTIONS = {
  compile: { ...INPUT_OPTIONS, output: { type: "string", short: "o" }, images: { type: "string" } },
  explain: {
    ...INPUT_OPTIONS,
    output: { type: "string", short: "o" },
    images: { type: "string" },
    field: { type: "string" },
  },
  validate: { ...INPUT_OPTIONS, output: { type: "string", short: "o" }, images: { type: "string" } },
  status: { ...INPUT_OPTIONS, output: { type: "string", short: "o" }, now: { type: "string" } },
} as const;

type Command = keyof typeof OPTIONS;

/** The parsed options of any command (each command accepts a subset). */
interface Options {
  /** `-f` arguments and positional ones, in the order given. */
  readonly filename?: string[];
  readonly recursive?: boolean;
  readonly tekton?: string;
  readonly version?: boolean;
  readonly taskrun?: string;
  readonly case?: string;
  readonly help?: boolean;
  readonly output?: string;
  readonly images?: string;
  readonly now?: string;
  readonly field?: string;
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
    if (command === "--version") {
      io.stdout(`tekton-pod ${io.version?.() ?? "(unknown version)"}\n`);
      return EXIT_OK;
    }
    if (command === "help") return help(rest, io);
    if (!isCommand(command)) {
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; the commands are compile, explain, validate and status`,
        { suggestHelp: true },
      );
    }
    const options = parseOptions(command, rest);
    if (options.help === true) {
      io.stdout(COMMAND_HELP[command] ?? TOOL_HELP);
      return EXIT_OK;
    }
    if (options.version === true) {
      io.stdout(`tekton-pod ${io.version?.() ?? "(unknown version)"}\n`);
      return EXIT_OK;
    }
    const stdin = stdinOnce(await preloadStdin(options, io));
    if (command === "compile") return await compile(options, io, stdin);
    if (command === "explain") return await explain(options, io, stdin);
    if (command === "validate") return await validate(options, io, stdin);
    return await status(options, io, stdin);
  } catch (error) {
    if (error instanceof UsageError) {
      const prefix = isCommand(command) ? `tekton-pod ${command}` : "tekton-pod";
      const more = error.suggestHelp ? `\nRun "${prefix} --help" for usage.` : "";
      io.stderr(`${prefix}: ${error.message}${more}\n`);
      return EXIT_USAGE;
    }
    io.stderr(internalErrorReport(error, io));
    return EXIT_INTERNAL;
  }
}

/**
 * What exit status 3 prints: that the fault is tekton-pod's, the error with its stack, and how
 * to report it — where, when package.json names a `bugs` address, and with what: this message,
 * the versions, the command and (if it can be shared) the input.
 */
function internalErrorReport(error: unknown, io: CliIO): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  // Reading package.json may be what failed: the report must not fail with it.
  const attempt = (read: (() => string | undefined) | undefined): string | undefined => {
    try {
      return read?.();
    } catch {
      return undefined;
    }
  };
  const version = attempt(io.version);
  const bugs = attempt(io.bugs);
  const where = bugs !== undefined ? ` at ${bugs}` : " to the maintainers of tekton-pod-compiler";
  const running = version !== undefined ? ` (this is tekton-pod ${version})` : "";
  return (
    `tekton-pod: internal error — this is a bug in tekton-pod, not a problem with your input${running}:\n` +
    `${detail}\n` +
    `Please report it${where}, with this whole message, the output of "tekton-pod --version" and ` +
    `"node --version", the command you ran and, if you can share it, the input it read.\n`
  );
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
  if (text === undefined)
    throw new UsageError(
      `no help for ${JSON.stringify(topic)}; the commands are compile, explain, validate and status`,
    );
  io.stdout(text);
  return EXIT_OK;
}

function parseOptions(command: Command, args: readonly string[]): Options {
  try {
    // `-o=json` as kubectl and helm accept it: Node's parser would take "=json" as the value.
    const normalized = args.flatMap((arg) => {
      const short = /^-([A-Za-z])=(.*)$/s.exec(arg);
      return short === null ? [arg] : [`-${short[1] as string}`, short[2] as string];
    });
    const { values, positionals } = parseArgs({
      args: normalized,
      options: OPTIONS[command],
      strict: true,
      allowPositionals: true,
    });
    const options = values as Options;
    // Positional arguments are input paths, like kubeconform's: `tekton-pod validate a.yaml dir/`.
    if (positionals.length === 0) return options;
    return { ...options, filename: [...(options.filename ?? []), ...positionals] };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
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
  if (format !== "yaml" && format !== "json")
    throw new UsageError(`-o must be yaml or json, not ${JSON.stringify(format)}`);
  return format;
}

/** The validate report's format: text lines (default) or one JSON document. */
function reportFormat(options: Options): "text" | "json" {
  const format = options.output ?? "text";
  if (format !== "text" && format !== "json")
    throw new UsageError(`-o must be text or json, not ${JSON.stringify(format)}`);
  return format;
}

/**
 * The library and the Tekton release `--tekton` chose (the default when absent); an unknown
 * release is a usage error naming the supported ones.
 */
async function libraryFor(options: Options): Promise<{ lib: Library; tekton: TektonRelease }> {
  const lib = await library();
  const wanted = options.tekton ?? lib.DEFAULT_TEKTON_RELEASE;
  const tekton = lib.TEKTON_RELEASES.find((r) => r === wanted);
  if (tekton === undefined) {
    throw new UsageError(
      `--tekton ${JSON.stringify(wanted)} is not a supported Tekton release; use one of ${lib.TEKTON_RELEASES.join(", ")}`,
    );
  }
  return { lib, tekton };
}

/** A conformance-format file: its `input:` block, located at `input` in the file. */
function readCase(
  path: string,
  io: CliIO,
  stdin: () => string,
  kind: "compile" | "status",
): Assembled & { now?: string } {
  const source = readSingleDocument(path, io, stdin, "a conformance case");
  const value = source.value as Record<string, unknown>;
  const input = typeof value === "object" && !Array.isArray(value) ? value["input"] : undefined;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new UsageError(
      `${source.file} has no "input:" mapping; --case expects a conformance case (fixtures/conformance/README)`,
    );
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
  if (files.length === 0)
    throw new UsageError("no input: give FILE|DIR|- or -f FILE|DIR|- (or --case FILE)", { suggestHelp: true });
  const { sources, notes } = readSources(files, io, stdin, { recursive: options.recursive === true });
  const collected = collectObjects(sources);
  return { objects: collected.objects, notes: [...notes, ...collected.notes] };
}

/** A compile input with what it was assembled from, and the Tasks the input holds (for hints). */
type Loaded = Assembled & { readonly taskNames: readonly string[] };

const TASK_KINDS = new Set(["Task", "ClusterTask"]);

function taskNamesOf(objects: ReturnType<typeof collectObjects>["objects"]): string[] {
  return objects.filter((o) => TASK_KINDS.has(o.kind) && o.name !== undefined).map((o) => o.name as string);
}

function loadCompileInput(options: Options, io: CliIO, stdin: () => string): Loaded {
  if (options.case !== undefined) {
    if (options.filename !== undefined || options.taskrun !== undefined || options.images !== undefined) {
      throw new UsageError("--case cannot be combined with -f, --taskrun or --images", { suggestHelp: true });
    }
    return { ...readCase(options.case, io, stdin, "compile"), taskNames: [] };
  }
  const { objects, notes } = readObjects(options, io, stdin);
  const images =
    options.images === undefined ? undefined : readSingleDocument(options.images, io, stdin, "the --images map");
  const assembled = selectCompileInput(objects, { taskRun: options.taskrun, imageEntrypoints: images });
  return { ...assembled, notes: [...notes, ...assembled.notes], taskNames: taskNamesOf(objects) };
}

/**
 * What `validate` checks: every TaskRun of the input (like kubeconform, which checks every
 * resource it is given), or the one `--taskrun` or `--case` names.
 */
function loadValidateInputs(options: Options, io: CliIO, stdin: () => string): { runs: Loaded[]; notes: string[] } {
  if (options.case !== undefined || options.taskrun !== undefined) {
    const one = loadCompileInput(options, io, stdin);
    return { runs: [{ ...one, notes: [] }], notes: [...one.notes] };
  }
  const { objects, notes } = readObjects(options, io, stdin);
  const images =
    options.images === undefined ? undefined : readSingleDocument(options.images, io, stdin, "the --images map");
  const taskRuns = objects.filter((o) => o.kind === "TaskRun");
  const taskNames = taskNamesOf(objects);
  if (taskRuns.length <= 1) {
    const assembled = selectCompileInput(objects, { taskRun: undefined, imageEntrypoints: images });
    return { runs: [{ ...assembled, notes: [], taskNames }], notes: [...notes, ...assembled.notes] };
  }
  const allNotes = new Set(notes);
  const runs = taskRuns.map((taskRun): Loaded => {
    // Each TaskRun with everything else the input holds, as if it were the only one.
    const others = objects.filter((o) => o.kind !== "TaskRun" || o === taskRun);
    const assembled = selectCompileInput(others, { taskRun: undefined, imageEntrypoints: images });
    for (const note of assembled.notes) allNotes.add(note);
    return { ...assembled, notes: [], taskNames };
  });
  return { runs, notes: [...allNotes] };
}

/**
 * A rejection whose every issue is in the `--images` file is a problem with how the command
 * was called (exit 2), located in that file — not a TaskRun Tekton would reject.
 */
function rejectImagesFile(error: CompileError, origins: Loaded["origins"]): void {
  if (error.issues.length === 0 || !error.issues.every((i) => i.path.startsWith("imageEntrypoints"))) return;
  throw new UsageError(
    `the --images file is not an image map: ${error.issues.map((i) => renderIssue(i, origins)).join("; ")}`,
  );
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
type Library = Awaited<ReturnType<typeof library>>;

async function compile(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const format = outputFormat(options);
  const { lib, tekton } = await libraryFor(options);
  const { input, origins, notes, taskNames } = loadCompileInput(options, io, stdin);
  printNotes(notes, io);
  const result = lib.safeCompileTaskRun(input as unknown as Immutable<CompileInput>, { tekton });
  if (!result.ok) {
    rejectImagesFile(result.error, origins);
    io.stderr(`error: ${renderCompileError(result.error, origins, subjectOf(input), { tekton, taskNames, input })}`);
    return EXIT_COMPILE_ERROR;
  }
  io.stderr(renderWarnings(result.warnings, origins));
  // Every object Tekton creates, in its order: the PVCs of volumeClaimTemplate bindings, then
  // the Pod — the objects a golden file holds.
  io.stdout(renderObjects([...(result.persistentVolumeClaims ?? []), result.pod], format));
  return EXIT_OK;
}

/**
 * `explain`: the Pod as compile prints it, each line with the reasons for its value as a
 * comment (or, in JSON, the explanation beside it). The explaining code is loaded by this
 * command only, so compile's start-up does not pay for it.
 */
async function explain(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const format = outputFormat(options);
  const { tekton } = await libraryFor(options);
  const [explaining, render] = await Promise.all([
    import("../explain/explain-task-run.js"),
    import("./render-explanation.js"),
  ]);
  const field = options.field === undefined ? [] : render.parseFieldPath(options.field);
  if (field === undefined) {
    throw new UsageError(
      `--field ${JSON.stringify(options.field)} is not a path into the Pod; write it as spec.containers[0].resources or /spec/containers/0/resources`,
    );
  }
  const { input, origins, notes, taskNames } = loadCompileInput(options, io, stdin);
  printNotes(notes, io);
  let result: ReturnType<typeof explaining.explainTaskRun>;
  try {
    result = explaining.explainTaskRun(input as unknown as Immutable<CompileInput>, { tekton });
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    rejectImagesFile(error, origins);
    io.stderr(`error: ${renderCompileError(error, origins, subjectOf(input), { tekton, taskNames, input })}`);
    return EXIT_COMPILE_ERROR;
  }
  io.stderr(renderWarnings(result.warnings, origins));
  const { explanation } = result;
  if (options.field !== undefined) {
    const value = render.valueAt(result.pod, field);
    if (value === undefined) {
      throw new UsageError(`--field ${JSON.stringify(options.field)}: the Pod has no such field`);
    }
    const pointer = `/pod${field.map((s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;
    const under = render.explanationUnder(explanation, pointer);
    io.stdout(
      format === "json"
        ? renderDocument({ field: options.field, pointer, value, explanation: under }, "json")
        : render.renderExplainedYaml(value, pointer, explanation),
    );
    return EXIT_OK;
  }
  if (format === "json") {
    const claims = result.persistentVolumeClaims;
    io.stdout(
      renderDocument(
        claims === undefined
          ? { pod: result.pod, explanation }
          : { persistentVolumeClaims: claims, pod: result.pod, explanation },
        "json",
      ),
    );
    return EXIT_OK;
  }
  // The objects in compile's order, PVCs first, each with its comments.
  const documents = [
    ...(result.persistentVolumeClaims ?? []).map((claim, i) =>
      render.renderExplainedYaml(claim, `/persistentVolumeClaims/${i}`, explanation),
    ),
    render.renderExplainedYaml(result.pod, "/pod", explanation),
  ];
  io.stdout(documents.join("---\n"));
  return EXIT_OK;
}

/** One TaskRun's outcome, as `validate -o json` reports it. */
interface ValidateReport {
  readonly taskRun: string;
  readonly file?: string;
  readonly valid: boolean;
  readonly pod?: string;
  readonly stage?: string;
  readonly reason?: string;
  readonly problems: readonly ReportedIssue[];
  readonly warnings: readonly ReportedIssue[];
}

interface ReportedIssue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Issues in the order they appear in the files: file by file as read, then line and column; unlocated ones last. */
function inFileOrder<T extends { readonly path: string; readonly segments: readonly PathSegment[] }>(
  issues: readonly T[],
  origins: Loaded["origins"],
  fileRank: Map<string, number>,
): T[] {
  const key = (item: T): [number, number, number] => {
    const at = item.segments.length === 0 ? undefined : locateIssue(item.segments, origins);
    if (at === undefined) return [Number.MAX_SAFE_INTEGER, 0, 0];
    if (!fileRank.has(at.file)) fileRank.set(at.file, fileRank.size);
    return [fileRank.get(at.file) as number, at.line ?? 0, at.column ?? 0];
  };
  const keyed = issues.map((item, index) => ({ item, index, key: key(item) }));
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index);
  return keyed.map((k) => k.item);
}

function reported(
  item: {
    readonly code: string;
    readonly path: string;
    readonly segments: readonly PathSegment[];
    readonly message: string;
  },
  origins: Loaded["origins"],
): ReportedIssue {
  const at = item.segments.length === 0 ? undefined : locateIssue(item.segments, origins);
  return {
    code: item.code,
    path: item.path,
    message: item.message,
    ...(at === undefined ? {} : { file: at.file }),
    ...(at?.line === undefined ? {} : { line: at.line, column: at.column ?? 1 }),
  };
}

async function validate(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const format = reportFormat(options);
  const { lib, tekton } = await libraryFor(options);
  const { runs, notes } = loadValidateInputs(options, io, stdin);
  printNotes(notes, io);
  const fileRank = new Map<string, number>();
  const reports: ValidateReport[] = [];
  const text: string[] = [];
  for (const { input, origins, taskNames } of runs) {
    const subject = subjectOf(input);
    const taskRunOrigin = origins.find((o) => o.prefix.length === 1 && o.prefix[0] === "taskRun");
    const file = taskRunOrigin?.at.source.file;
    const result: SafeCompileResult<CompileResult | CompileResultV112> = lib.safeCompileTaskRun(
      input as unknown as Immutable<CompileInput>,
      { tekton },
    );
    if (!result.ok) {
      const { error } = result;
      rejectImagesFile(error, origins);
      const issues = inFileOrder(error.issues, origins, fileRank);
      const reason = error.reason === undefined ? "" : ` (reason ${error.reason})`;
      const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
      text.push(...issues.map((item) => renderIssue(item, origins)));
      text.push(`${count}: Tekton ${tekton} would reject ${subject} at ${error.stage}${reason}`);
      text.push(...hintsFor(issues, { taskNames, input }));
      reports.push({
        taskRun: subject,
        ...(file === undefined ? {} : { file }),
        valid: false,
        stage: error.stage,
        ...(error.reason === undefined ? {} : { reason: error.reason }),
        problems: issues.map((i) => reported(i, origins)),
        warnings: [],
      });
      continue;
    }
    const warned = inFileOrder(result.warnings, origins, fileRank);
    text.push(...warned.map((w) => `warning: ${renderIssue(w, origins)}`));
    const warnings = warned.length === 0 ? "" : ` with ${warned.length} warning${warned.length === 1 ? "" : "s"}`;
    const pod = result.pod.metadata?.name ?? "";
    text.push(`OK: ${subject} is valid${warnings}; it compiles into Pod ${JSON.stringify(pod)}`);
    reports.push({
      taskRun: subject,
      ...(file === undefined ? {} : { file }),
      valid: true,
      pod,
      problems: [],
      warnings: warned.map((w) => reported(w, origins)),
    });
  }
  const rejected = reports.filter((r) => !r.valid).length;
  const summary = { taskRuns: reports.length, valid: reports.length - rejected, rejected };
  if (format === "json") {
    io.stdout(`${JSON.stringify({ tekton, taskRuns: reports, summary }, null, 2)}\n`);
  } else {
    if (reports.length > 1) {
      text.push(
        `Summary: ${reports.length} TaskRuns checked against Tekton ${tekton}: ${summary.valid} valid, ${rejected} rejected`,
      );
    }
    io.stdout(`${text.join("\n")}\n`);
  }
  return rejected > 0 ? EXIT_COMPILE_ERROR : EXIT_OK;
}

async function status(options: Options, io: CliIO, stdin: () => string): Promise<number> {
  const format = outputFormat(options);
  const { lib, tekton } = await libraryFor(options);
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
  let result: FoldResult | FoldResultV112;
  try {
    result = lib.foldTaskRunStatusWithWarnings(assembled.input as unknown as FoldInput, { now, tekton });
  } catch (error) {
    if (error instanceof CompileError) {
      const given = options.now !== undefined ? "--now" : "the case's now:";
      throw new UsageError(
        `${given} ${JSON.stringify(String(options.now ?? assembled.now ?? ""))} is not a time; ` +
          "give an RFC 3339 time such as 2020-12-01T10:05:00Z or 2020-12-01T11:05:00+01:00",
      );
    }
    throw error;
  }
  io.stderr(renderWarnings(result.warnings, assembled.origins));
  io.stdout(renderDocument(result.status, format));
  return EXIT_OK;
}
