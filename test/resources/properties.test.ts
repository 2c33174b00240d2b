/**
 * Invariants of the resources stage on generated resource setups (fixed seeds; fast-check
 * prints the seed and path of a failing run): Tekton accepts every setup, the stage is
 * deterministic and leaves its frozen input alone, generated step names are unique and at
 * most 63 characters, every mount names a volume; and the whole compiler keeps container
 * names unique, mounts backed by volumes and no resource variable unsubstituted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { api } from "../support/api.js";
import { type ResourceSetup, resourceSetupArb, withResources } from "../support/arbitraries/resources.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";
import { runStage } from "./helpers.js";

/** A one-step Task whose args use the path variable of every resource the setup declares. */
function base(embedded: boolean, setup: ResourceSetup): CompileInput {
  const refs = [
    ...setup.inputs.map((r) => `$(resources.inputs.${r.name}.path)`),
    ...setup.outputs.map((r) => `$(outputs.resources.${r.name}.path)`),
  ];
  const spec = { steps: [{ name: "main", image: "alpine", command: ["sh"], args: ["-c", `ls ${refs.join(" ")}`] }] };
  return {
    taskRun: {
      apiVersion: "tekton.dev/v1beta1",
      kind: "TaskRun",
      metadata: { name: "run-1", namespace: "ns", uid: "11111111-2222-3333-4444-555555555555" },
      spec: embedded ? { taskSpec: spec } : { taskRef: { name: "t" } },
    },
    ...(embedded
      ? {}
      : { task: { apiVersion: "tekton.dev/v1beta1", kind: "Task", metadata: { name: "t", namespace: "ns" }, spec } }),
  };
}

const inputArb = fc
  .tuple(resourceSetupArb, fc.boolean())
  .map(([setup, embedded]) => withResources(base(embedded, setup), setup));

describe(`resources stage invariants (seed ${SEED + 2})`, () => {
  it("generates every resource type, both binding styles, artifact storage and bucket setups", () => {
    const setups = fc.sample(resourceSetupArb, { seed: SEED + 2, numRuns: 300 });
    const types = new Set(setups.flatMap((s) => [...s.inputs, ...s.outputs].map((r) => r.type)));
    expect([...types].sort()).toEqual(["cloudEvent", "cluster", "git", "image", "pullRequest", "storage"]);
    const bindings = setups.flatMap((s) => [...s.inputBindings, ...s.outputBindings]);
    expect(
      bindings.some((b) => b.resourceRef !== undefined) && bindings.some((b) => b.resourceSpec !== undefined),
    ).toBe(true);
    expect(
      setups.some((s) => s.pipelineRun !== undefined && s.inputBindings.some((b) => (b.paths ?? []).length > 0)),
    ).toBe(true);
    expect(setups.some((s) => s.artifactBucket?.["location"] === "gs://artifacts" && s.pipelineRun !== undefined)).toBe(
      true,
    );
    expect(setups.some((s) => [...s.inputs, ...s.outputs].some((r) => r.optional === true))).toBe(true);
  });

  it("is accepted, deterministic, pure, and names steps uniquely within 63 characters", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const frozen = deepFreeze(structuredClone(input));
        const before = JSON.stringify(frozen);
        const a = runStage(frozen).spec;
        const b = runStage(frozen).spec;
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(JSON.stringify(frozen)).toBe(before);
        const names = (a.steps ?? []).map((s) => s.name ?? "");
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n.length).toBeLessThanOrEqual(63);
        const volumes = new Set((a.volumes ?? []).map((v) => v.name));
        for (const s of a.steps ?? [])
          for (const m of s.volumeMounts ?? []) expect(volumes.has(m.name), `${s.name} mounts ${m.name}`).toBe(true);
      }),
      { seed: SEED + 2, numRuns: 300 },
    );
  });

  it("compiles to a Pod with unique container names whose mounts all name volumes", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { pod } = api.compileTaskRun(deepFreeze(structuredClone(input)) as never);
        const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
        const names = containers.map((c) => c.name);
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n.length).toBeLessThanOrEqual(63);
        const volumes = new Set((pod.spec?.volumes ?? []).map((v) => v.name));
        for (const c of containers)
          for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name), `${c.name} mounts ${m.name}`).toBe(true);
        expect(JSON.stringify(pod)).not.toMatch(/\$\((resources|inputs|outputs)\./);
      }),
      { seed: SEED + 3, numRuns: 200 },
    );
  });
});
