/**
 * The compiler's invariants hold for the v1.12 profile too: deterministic, inputs untouched
 * (deep-frozen), output shares nothing with the input, and every Pod (and PVC) it produces is
 * one the API server would accept — over generated TaskRuns and over the whole v1.12 corpus.
 *
 * The generated inputs are the v0.20.1 property generator's, made into what a v1.12 cluster
 * serves: `tekton.dev/v1beta1` objects (converted by the profile as the webhook does), Tasks
 * instead of ClusterTasks, every image pinned by a digest (v1.12 always pins), and no limits
 * below the requests (v1.12 refuses those; v0.20.1 did not look).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileInputV112, Container, Pod } from "../../src/index.js";
import { scribble } from "../properties/helpers.js";
import { claimProblems, podProblems } from "../schema/check-pod.js";
import { api } from "../support/api.js";
import { v112InputArb } from "../support/arbitraries/compile-input-v112.js";
import { loadV112Corpus } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";
import { compileTaskRun } from "./profile.js";

const RUNS = 120;
const options = (offset: number): fc.Parameters<[CompileInputV112]> => ({ seed: SEED + 1200 + offset, numRuns: RUNS });

/** The Pod of an input the profile accepts; `undefined` for one it refuses with a CompileError. */
function podOf(input: CompileInputV112): ReturnType<typeof compileTaskRun> | undefined {
  const result = api.safeCompileTaskRun(input, { tekton: "v1.12" });
  return result.ok ? result : undefined;
}

function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

describe(`v1.12 compileTaskRun properties (seed ${SEED})`, () => {
  it("the generated inputs are mostly ones v1.12 accepts, so the properties below see Pods", () => {
    const inputs = fc.sample(v112InputArb, { seed: SEED, numRuns: 200 });
    const accepted = inputs.filter((input) => podOf(input) !== undefined).length;
    expect(accepted).toBeGreaterThan(100);
  });

  it("is total: every generated input gives a Pod or a CompileError", () => {
    fc.assert(
      fc.property(v112InputArb, (input) => {
        const result = api.safeCompileTaskRun(input, { tekton: "v1.12" });
        expect(typeof result.ok).toBe("boolean");
      }),
      options(1),
    );
  });

  it("is deterministic: the same input gives byte-identical JSON, also from a copy of it", () => {
    fc.assert(
      fc.property(v112InputArb, (input) => {
        const first = JSON.stringify(api.safeCompileTaskRun(input, { tekton: "v1.12" }));
        expect(JSON.stringify(api.safeCompileTaskRun(input, { tekton: "v1.12" }))).toBe(first);
        expect(JSON.stringify(api.safeCompileTaskRun(structuredClone(input), { tekton: "v1.12" }))).toBe(first);
      }),
      options(2),
    );
  });

  it("leaves inputs untouched: deep-frozen inputs compile and serialize the same before and after", () => {
    fc.assert(
      fc.property(v112InputArb, (input) => {
        const frozen = deepFreeze(structuredClone(input));
        const before = JSON.stringify(frozen);
        api.safeCompileTaskRun(frozen, { tekton: "v1.12" });
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      options(3),
    );
  });

  it("shares nothing between output and input: scribbling over the output leaves the input and later outputs alone", () => {
    fc.assert(
      fc.property(v112InputArb, (input) => {
        const before = JSON.stringify(input);
        const result = podOf(input);
        if (result === undefined) return;
        const expected = JSON.stringify(result);
        scribble(result);
        expect(JSON.stringify(input)).toBe(before);
        expect(JSON.stringify(podOf(input))).toBe(expected);
      }),
      options(4),
    );
  });

  it("produces Pods the API server accepts: schema-valid, unique container names, every mount names a volume", () => {
    fc.assert(
      fc.property(v112InputArb, (input) => {
        const result = podOf(input);
        if (result === undefined) return;
        expect(podProblems(result.pod)).toEqual([]);
        for (const claim of result.persistentVolumeClaims ?? []) expect(claimProblems(claim)).toEqual([]);
        const volumes = new Set((result.pod.spec?.volumes ?? []).map((v) => v.name));
        for (const c of allContainers(result.pod)) {
          for (const m of c.volumeMounts ?? [])
            expect(volumes, `container ${c.name} mounts ${m.name}`).toContain(m.name);
        }
      }),
      options(5),
    );
  });
});

describe("v1.12 corpus: every Pod and PVC passes the schema check", () => {
  const corpus = loadV112Corpus();
  if (corpus.missing !== undefined) it.skip(`not run: ${corpus.missing}`, () => {});
  const cases = corpus.cases.filter((c) => c.kind === "compile" && c.expected.pod !== undefined);
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = compileTaskRun(c.input as never);
    expect(podProblems(result.pod)).toEqual([]);
    for (const claim of result.persistentVolumeClaims ?? []) expect(claimProblems(claim)).toEqual([]);
  });
});
