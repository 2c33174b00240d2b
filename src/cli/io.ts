/**
 * The outside world of the `tekton-pod` command line, passed in as a value so that tests can
 * run the whole CLI against fakes. `bin.ts` is the one place that wires the real process in.
 */

/** Streams, file access and the clock the CLI uses; nothing else in the package touches them. */
export interface CliIO {
  /** Writes to standard output (documents and reports). */
  stdout(text: string): void;
  /** Writes to standard error (diagnostics). */
  stderr(text: string): void;
  /** Reads a UTF-8 file; throws (any error) when it cannot. */
  readFile(path: string): string;
  /** Reads all of standard input as UTF-8 (called at most once, and only when an option names `-`). */
  readStdin(): string | Promise<string>;
  /** True when `path` names a directory; false for files and for paths that do not exist. */
  isDirectory(path: string): boolean;
  /** The entry names (not paths) of a directory. */
  listDirectory(path: string): readonly string[];
  /** The real clock; only `tekton-pod status` without `--now` reads it. */
  now(): Date;
  /** The package's version, for `--version`. */
  version?(): string;
  /**
   * Where to report a bug in tekton-pod: the `bugs` field of the package's package.json (its
   * `url`, else its `email`, or the string it is), or undefined when the package names none.
   */
  bugs?(): string | undefined;
}

/**
 * The most input one run reads: 32 MiB of text over all files and standard input, and 10,000
 * documents. Kubernetes stores no object over 1.5 MiB (etcd's default request limit) and a
 * compilation needs a handful of objects, so these leave ample room while keeping a run
 * within seconds and a few hundred MB however large the files it is pointed at.
 */
export const INPUT_LIMITS = { bytes: 32 * 1024 * 1024, documents: 10_000 } as const;

/** Exit status of a successful run. */
export const EXIT_OK = 0;
/** Exit status when Tekton would reject the input (a `CompileError`). */
export const EXIT_COMPILE_ERROR = 1;
/** Exit status for a usage error or input that cannot be read or parsed. */
export const EXIT_USAGE = 2;
/** Exit status for a bug in tekton-pod itself (an unexpected exception). */
export const EXIT_INTERNAL = 3;

/**
 * A problem with how the CLI was called or with what it was given to read (exit status 2),
 * as opposed to a TaskRun that Tekton would reject (exit status 1).
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** Whether to point the user at `--help`. */
  readonly suggestHelp: boolean;

  constructor(message: string, options: { suggestHelp?: boolean } = {}) {
    super(message);
    this.suggestHelp = options.suggestHelp ?? false;
  }
}
