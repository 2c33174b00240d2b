/**
 * `tekton-pod-compiler/testing`: golden-file testing for Task authors.
 *
 * Keep TaskRun fixtures (a folder or a multi-document YAML file per case) next to your
 * Tasks, compile them, and compare the Pod with a checked-in golden file using vitest's
 * `toMatchFileSnapshot` (`vitest -u` updates it). Pod names and the other random-looking
 * suffixes are derived from the TaskRun, so golden files never churn.
 *
 * Unlike the main entry, this entry reads files: it is meant for test code only. It does not
 * import vitest — pass vitest's `expect` to {@link expectGoldenPod}, or use
 * {@link renderSnapshot} with any snapshot tool.
 *
 * @example
 * ```ts
 * import { expect, test } from "vitest";
 * import { expectGoldenPod, listFixtures } from "tekton-pod-compiler/testing";
 *
 * for (const fixture of listFixtures("test/fixtures")) {
 *   test(fixture.name, async () => {
 *     await expectGoldenPod(expect, fixture.path, fixture.golden);
 *   });
 * }
 * ```
 * @module
 */

export type { CompiledFixture, FileSnapshotExpect, FixtureEntry, PathLike } from "./golden.js";
export { compileFixtures, expectGoldenPod, goldenPathFor, listFixtures, obsoleteGoldenFiles } from "./golden.js";
export type { FixtureOptions } from "./read-fixture.js";
export { FixtureError, GOLDEN_SUFFIX, IMAGE_ENTRYPOINTS_FILE, readFixture } from "./read-fixture.js";
export type { Snapshottable } from "./render-snapshot.js";
export { renderSnapshot } from "./render-snapshot.js";
