// Golden tests for the Tasks of this folder: one test per fixture. Run `vitest -u` to
// write or refresh the golden files after an intended change, then review the diff.
import { expect, test } from "vitest";
import { expectGoldenPod, listFixtures } from "tekton-pod-compiler/testing";

for (const fixture of listFixtures(new URL("./", import.meta.url))) {
  test(`pod of ${fixture.name}`, async () => {
    await expectGoldenPod(expect, fixture.path, fixture.golden);
  });
}
