/**
 * Golden-file testing of Tasks: compile a TaskRun fixture and compare the Pod with a file
 * checked in next to it, in the way vitest's `toMatchFileSnapshot` does (a diff on mismatch,
 * `vitest -u` rewrites the file). The helpers take vitest's `expect` as an argument instead
 * of importing vitest, so this entry loads without vitest and never makes it a dependency.
 *
 * Reads fixture folders from disk: this is the opt-in testing entry for test code; the
 * compiler core stays free of I/O.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import {
  type CompileResult,
  type CompileResultV112,
  type SafeCompileResult,
  safeCompileTaskRun,
  TEKTON_RELEASES,
} from "../profiles.js";

/** What compiling a fixture gives, for whichever release the options chose. */
type FixtureResult = SafeCompileResult<CompileResult | CompileResultV112>;

import type { CompileInput } from "../api/types.js";
import {
  FixtureError,
  type FixtureOptions,
  GOLDEN_SUFFIX,
  type PathLike,
  readFixture,
  toPath,
} from "./read-fixture.js";
import { renderSnapshot } from "./render-snapshot.js";

export type { PathLike };

/**
 * The part of vitest's `expect` these helpers use. Pass the `expect` you import from
 * `vitest` (or the one of the test context, for concurrent tests).
 */
export type FileSnapshotExpect = (
  actual: string,
  message?: string,
) => {
  /** Compares `actual` with the content of `file`; writes the file when it is missing or with `-u`. */
  toMatchFileSnapshot(file: string, hint?: string): Promise<void>;
};

/** One fixture of a folder: where it is and where its golden file goes. */
export interface FixtureEntry {
  /** The folder or file name without extension — a good test name. */
  readonly name: string;
  /** Absolute path of the fixture folder or file. */
  readonly path: string;
  /** Absolute path of its golden file: `<folder>/pod.golden.yaml` or `<name>.golden.yaml` beside the file. */
  readonly golden: string;
}

/** A fixture with its compile input and outcome. */
export interface CompiledFixture extends FixtureEntry {
  /** What `readFixture` made of the fixture. */
  readonly input: CompileInput;
  /** The outcome of compiling it: `{ ok: true, pod, … }` or `{ ok: false, error }`. */
  readonly result: FixtureResult;
}

/** The options' release, refused up front when unknown: a golden file must never record that mistake. */
function checkedOptions(options: FixtureOptions): FixtureOptions {
  const tekton: unknown = options.tekton;
  if (tekton !== undefined && !TEKTON_RELEASES.some((r) => r === tekton)) {
    throw new FixtureError(
      "options.tekton",
      `${JSON.stringify(tekton)} is not a supported Tekton release; use one of ${TEKTON_RELEASES.join(", ")}`,
    );
  }
  return options;
}

/** `{ tekton }` for the compiler, when the options choose a release. */
function compileOptions(options: FixtureOptions): { tekton?: NonNullable<FixtureOptions["tekton"]> } {
  return options.tekton === undefined ? {} : { tekton: options.tekton };
}

/** Where the golden file of a fixture folder or file lives. */
export function goldenPathFor(fixture: PathLike): string {
  const path = toPath(fixture);
  if (statSync(path).isDirectory()) return join(path, `pod${GOLDEN_SUFFIX}`);
  return path.replace(/\.(ya?ml|json)$/, "") + GOLDEN_SUFFIX;
}

/**
 * Lists the fixtures of a folder without reading them: every sub-folder holding YAML/JSON
 * files, and every `.yaml`/`.yml`/`.json` file directly in it (golden files excluded), in
 * name order.
 *
 * @example
 * ```ts
 * for (const fixture of listFixtures(new URL("./fixtures/", import.meta.url))) {
 *   test(fixture.name, async () => {
 *     await expectGoldenPod(expect, fixture.path, fixture.golden);
 *   });
 * }
 * ```
 */
export function listFixtures(dir: PathLike): FixtureEntry[] {
  const root = toPath(dir);
  const entries: FixtureEntry[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) {
      const hasInputs = readdirSync(path).some((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith(GOLDEN_SUFFIX));
      if (hasInputs) entries.push({ name, path, golden: goldenPathFor(path) });
    } else if (/\.(ya?ml|json)$/.test(name) && !name.endsWith(GOLDEN_SUFFIX)) {
      entries.push({ name: basename(name).replace(/\.(ya?ml|json)$/, ""), path, golden: goldenPathFor(path) });
    }
  }
  return entries;
}

/**
 * Reads and compiles every fixture of a folder (see {@link listFixtures} and
 * `readFixture`). A rejected TaskRun is a result with `ok: false`, not an exception; a
 * fixture that cannot be read throws a `FixtureError` naming the file.
 *
 * @example
 * ```ts
 * for (const { name, result } of compileFixtures("test/fixtures")) {
 *   if (!result.ok) console.error(name, result.error.message);
 * }
 * ```
 */
export function compileFixtures(dir: PathLike, options: FixtureOptions = {}): CompiledFixture[] {
  checkedOptions(options);
  return listFixtures(dir).map((entry) => {
    const input = readFixture(entry.path, options);
    return { ...entry, input, result: safeCompileTaskRun(input, compileOptions(options)) };
  });
}

/**
 * Golden files in `dir` whose fixture is gone: a `<name>.golden.yaml` with no `<name>.yaml`,
 * `.yml` or `.json` beside it, and a folder's `pod.golden.yaml` when the folder holds no
 * fixture files any more. Absolute paths, in name order. Assert that the list is empty to
 * have stale golden files reported.
 *
 * @example
 * ```ts
 * test("no golden file outlives its fixture", () => {
 *   expect(obsoleteGoldenFiles(new URL("./fixtures/", import.meta.url))).toEqual([]);
 * });
 * ```
 */
export function obsoleteGoldenFiles(dir: PathLike): string[] {
  const root = toPath(dir);
  const fixtures = new Set(listFixtures(root).map((f) => f.golden));
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) {
      const golden = join(path, `pod${GOLDEN_SUFFIX}`);
      if (existsSync(golden) && !fixtures.has(golden)) out.push(golden);
    } else if (name.endsWith(GOLDEN_SUFFIX) && !fixtures.has(path)) {
      out.push(path);
    }
  }
  return out;
}

/**
 * Compiles the fixture and compares the rendered Pod (see `renderSnapshot`) with its golden
 * file through vitest's `toMatchFileSnapshot`: a missing golden file is written, a different
 * one fails the test with a line diff, and `vitest -u` rewrites it. Relative paths are taken
 * from the current directory.
 *
 * @param expect vitest's `expect`.
 * @param fixture a fixture folder or multi-document file (see `readFixture`).
 * @param golden the golden file; defaults to {@link goldenPathFor}`(fixture)`.
 * @returns the compile outcome, for further assertions.
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { expectGoldenPod } from "tekton-pod-compiler/testing";
 *
 * test("build-push pod", async () => {
 *   const result = await expectGoldenPod(expect, "test/fixtures/build-push");
 *   expect(result.ok).toBe(true);
 * });
 * ```
 */
export async function expectGoldenPod(
  expect: FileSnapshotExpect,
  fixture: PathLike,
  golden?: PathLike,
  options: FixtureOptions = {},
): Promise<FixtureResult> {
  const path = toPath(fixture);
  const result = safeCompileTaskRun(readFixture(path, checkedOptions(options)), compileOptions(options));
  const file = golden !== undefined ? toPath(golden) : goldenPathFor(path);
  const existed = existsSync(file);
  try {
    await expect(renderSnapshot(result, compileOptions(options)), `Pod of ${path}`).toMatchFileSnapshot(file);
  } catch (error) {
    // On CI vitest writes no new snapshot files and says only that the snapshot mismatched.
    if (existed || existsSync(file)) throw error;
    throw new Error(
      `the golden file ${file} is missing (vitest does not write new ones on CI); run \`vitest -u\` locally and commit it`,
      { cause: error },
    );
  }
  return result;
}
