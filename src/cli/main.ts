/**
 * The `tekton-pod` command line. The only impure code of the package: it reads files and
 * writes to the streams it is given, so tests can run it with fakes as well as for real.
 */
import { parse, stringify } from "yaml";
import { compileTaskRun } from "../compile/index.js";
import { CompileError } from "../errors.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  readStdin(): string;
}

export const EXIT_OK = 0;
export const EXIT_COMPILE_ERROR = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  tekton-pod compile --case FILE [-o yaml|json]

Commands:
  compile   Compile a conformance-format case file into the Pod Tekton v0.20.1 creates.

Options:
  --case FILE   a file whose "input:" holds { taskRun, task?, limitRanges?, config?, ... }
  -o FORMAT     output format: yaml (default) or json
  -h, --help    show this help
`;

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help") {
    io.stdout(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command !== "compile") {
    io.stderr(`tekton-pod: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  let casePath: string | undefined;
  let format = "yaml";
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--case") casePath = rest[++i];
    else if (arg === "-o" || arg === "--output") format = rest[++i] ?? "";
    else if (arg === "-h" || arg === "--help") {
      io.stdout(USAGE);
      return EXIT_OK;
    } else {
      io.stderr(`tekton-pod compile: unexpected argument ${JSON.stringify(arg)}\n`);
      return EXIT_USAGE;
    }
  }
  if (casePath === undefined || (format !== "yaml" && format !== "json")) {
    io.stderr(`tekton-pod compile: --case FILE is required and -o must be yaml or json\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  let document: unknown;
  try {
    document = parse(casePath === "-" ? io.readStdin() : io.readFile(casePath));
  } catch (error) {
    io.stderr(`tekton-pod compile: cannot read ${casePath}: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const input = (document as { input?: unknown } | null)?.input;
  if (input === undefined || input === null || typeof input !== "object") {
    io.stderr(`tekton-pod compile: ${casePath} has no "input:" mapping\n`);
    return EXIT_USAGE;
  }
  try {
    const { pod, warnings } = compileTaskRun(input as never);
    for (const w of warnings) io.stderr(`warning: ${w.path}: ${w.message}\n`);
    io.stdout(format === "json" ? `${JSON.stringify(pod, null, 2)}\n` : stringify(pod));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CompileError) {
      io.stderr(`tekton-pod compile: ${error.message}\n`);
      return EXIT_COMPILE_ERROR;
    }
    throw error;
  }
}
