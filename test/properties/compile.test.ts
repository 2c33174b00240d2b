/**
 * Invariants of compileTaskRun on generated TaskRuns (DESIGN.md "Rules that make it
 * trustworthy"), one line of intent each. Fixed seed; fast-check reports the seed and the
 * shrink path of a failing run, and the shrunk input.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompileInput, TaskSpec } from "../../src/api/types.js";
import { compileInputArb, quantityValue, TRACKED_RESOURCES, taskSpecOf } from "../support/arbitraries/compile-input.js";
import { resourceSetupArb, withResources } from "../support/arbitraries/resources.js";
import { deepFreeze } from "../support/freeze.js";
import { SEED } from "../support/seed.js";
import { allContainers, compile, DNS_LABEL, RUNS, scribble } from "./helpers.js";

/** Generated inputs, half of them with PipelineResources grafted on (extra steps, volumes, init containers). */
const withResourcesArb: fc.Arbitrary<CompileInput> = fc
  .tuple(compileInputArb, fc.option(resourceSetupArb, { nil: undefined }))
  .map(([input, setup]) => (setup === undefined ? input : structuredClone(withResources(input, setup))));

const options = (offset: number, numRuns = RUNS): fc.Parameters<[CompileInput]> => ({ seed: SEED + offset, numRuns });

describe(`compileTaskRun properties (seed ${SEED})`, () => {
  it("generates every kind of input the properties are about", () => {
    const inputs = fc.sample(compileInputArb, { seed: SEED, numRuns: 300 });
    const specs = inputs.map(taskSpecOf);
    const steps = specs.flatMap((s) => s.steps ?? []);
    const some = (p: (s: TaskSpec) => boolean): boolean => specs.some(p);
    expect(inputs.some((i) => i.task !== undefined) && inputs.some((i) => i.taskRun.spec.taskSpec !== undefined)).toBe(
      true,
    );
    expect(new Set(specs.map((s) => s.steps?.length)).size).toBe(8);
    expect(steps.some((s) => s.name === undefined) && steps.some((s) => (s.name ?? "").length >= 58)).toBe(true);
    expect(steps.some((s) => s.script !== undefined) && steps.some((s) => s.command !== undefined)).toBe(true);
    expect(steps.some((s) => s.script === undefined && s.command === undefined)).toBe(true);
    expect(
      some((s) => s.stepTemplate !== undefined) && some((s) => (s.sidecars ?? []).some((c) => c.script !== undefined)),
    ).toBe(true);
    expect(
      some((s) => (s.params ?? []).some((p) => p.type === "array")) &&
        some((s) => (s.workspaces ?? []).some((w) => w.optional)),
    ).toBe(true);
    expect(
      inputs.some((i) => (i.limitRanges ?? []).length > 1) && inputs.some((i) => i.config?.featureFlags !== undefined),
    ).toBe(true);
    // Ties for the largest request, written differently ("1Gi" vs "1024Mi"), must occur.
    expect(
      specs.some((s) => {
        const memory = (s.steps ?? [])
          .map((st) => st.resources?.requests?.["memory"])
          .filter((q): q is string => q !== undefined);
        return memory.some((a, i) =>
          memory.some((b, j) => i !== j && a !== b && quantityValue(a) === quantityValue(b) && quantityValue(a) !== 0n),
        );
      }),
    ).toBe(true);
  });

  it("is deterministic: the same input gives byte-identical JSON, also from a copy of it", () => {
    fc.assert(
      fc.property(compileInputArb, (input) => {
        const first = JSON.stringify(compile(input));
        expect(JSON.stringify(compile(input))).toBe(first);
        expect(JSON.stringify(compile(structuredClone(input)))).toBe(first);
      }),
      options(2),
    );
  });

  it("leaves inputs untouched: deep-frozen inputs compile and serialize the same before and after", () => {
    fc.assert(
      fc.property(withResourcesArb, (input) => {
        const frozen = deepFreeze(structuredClone(input));
        const before = JSON.stringify(frozen);
        compile(frozen);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      options(3),
    );
  });

  it("shares nothing between output and input: scribbling over every output leaves the input and later outputs alone", () => {
    fc.assert(
      fc.property(withResourcesArb, (input) => {
        const before = JSON.stringify(input);
        const result = compile(input);
        const expected = JSON.stringify(result);
        scribble(result);
        expect(JSON.stringify(input)).toBe(before);
        expect(JSON.stringify(compile(input))).toBe(expected);
      }),
      options(4),
    );
  });

  it("mounts only volumes of the Pod: every volumeMount of every container names a Pod volume, and volume names are unique", () => {
    fc.assert(
      fc.property(withResourcesArb, (input) => {
        const { pod } = compile(input);
        const names = (pod.spec?.volumes ?? []).map((v) => v.name);
        expect(new Set(names).size, `volume names ${JSON.stringify(names)}`).toBe(names.length);
        for (const c of allContainers(pod)) {
          for (const m of c.volumeMounts ?? []) expect(names, `container ${c.name} mounts ${m.name}`).toContain(m.name);
        }
      }),
      options(5),
    );
  });

  it("names containers uniquely, in at most 63 characters, as DNS labels (the generated step names are labels)", () => {
    fc.assert(
      fc.property(withResourcesArb, (input) => {
        const { pod } = compile(input);
        const names = allContainers(pod).map((c) => c.name);
        expect(new Set(names).size, JSON.stringify(names)).toBe(names.length);
        for (const name of names) expect(name, name).toMatch(DNS_LABEL);
        expect(pod.metadata?.name ?? "").toMatch(DNS_LABEL);
        // Steps come first, in order, named `step-<name>` or `step-unnamed-<i>` cut to 63 characters
        // and then to a last letter or digit (without PipelineResources, which add steps).
        if (input.taskRun.spec.resources === undefined) {
          const containers = pod.spec?.containers ?? [];
          (taskSpecOf(input).steps ?? []).forEach((s, i) => {
            const full = s.name !== undefined ? `step-${s.name}` : `step-unnamed-${i}`;
            expect(containers[i]?.name).toBe(full.slice(0, 63).replace(/[^a-z0-9]+$/, ""));
          });
        }
      }),
      options(6),
    );
  });

  it("keeps one max request per resource: only the first step with the largest request keeps it, every other step gets the LimitRange min", () => {
    fc.assert(
      fc.property(compileInputArb, (input) => {
        const { pod } = compile(input);
        const spec = taskSpecOf(input);
        const steps = spec.steps ?? [];
        const containers = pod.spec?.containers ?? [];
        const template = spec.stepTemplate?.resources?.requests;
        // What each step asks for after the stepTemplate merge (requests merge key by key).
        const asked = steps.map((s) => ({ ...template, ...s.resources?.requests }) as Record<string, string>);
        for (const resource of TRACKED_RESOURCES) {
          let min = 0n;
          for (const range of input.limitRanges ?? []) {
            for (const item of range.spec?.limits ?? []) {
              const text = item.type === "Container" ? item.min?.[resource] : undefined;
              const value = text === undefined ? undefined : quantityValue(String(text));
              if (value !== undefined && value > min) min = value;
            }
          }
          let max = 0n;
          let keeper = -1;
          asked.forEach((requests, i) => {
            const text = requests[resource];
            const value = text === undefined ? undefined : quantityValue(text);
            if (value !== undefined && value > max) {
              max = value;
              keeper = i;
            }
          });
          const got = steps.map((_, i) => {
            const text = containers[i]?.resources?.requests?.[resource];
            return text === undefined ? undefined : quantityValue(String(text));
          });
          const aboveMin = got.flatMap((v, i) => (v !== undefined && v > min ? [i] : []));
          expect(
            aboveMin.length,
            `${resource}: steps ${JSON.stringify(aboveMin)} keep a request above the min`,
          ).toBeLessThanOrEqual(1);
          got.forEach((value, i) => {
            expect(value, `${resource} request of step ${i} (largest at step ${keeper}, min ${min})`).toBe(
              i === keeper ? max : min,
            );
          });
        }
        // Sidecars are not steps: they keep what they ask for.
        (spec.sidecars ?? []).forEach((sidecar, j) => {
          const out = containers[steps.length + j]?.resources?.requests ?? {};
          for (const [name, text] of Object.entries(sidecar.resources?.requests ?? {})) {
            expect(quantityValue(String(out[name])), `sidecar ${j} ${name}`).toBe(quantityValue(text));
          }
        });
      }),
      options(7, 200),
    );
  });
});

const DIST = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/**
 * The child compiles the inputs in reverse order, in another locale and time zone: hidden
 * state carried from one compilation to the next, or anything locale- or clock-dependent,
 * shows up as a difference.
 */
const CHILD = `
import { readFileSync, writeFileSync } from "node:fs";
const [dist, inputFile, outputFile] = process.argv.slice(1);
const { compileTaskRun } = await import(dist);
const inputs = JSON.parse(readFileSync(inputFile, "utf8"));
const outputs = inputs.map(() => null);
for (let i = inputs.length - 1; i >= 0; i--) outputs[i] = JSON.stringify(compileTaskRun(inputs[i]));
writeFileSync(outputFile, JSON.stringify(outputs));
`;

describe(`compileTaskRun across processes (seed ${SEED + 8})`, () => {
  it.skipIf(!existsSync(DIST))(
    "gives the same JSON in another Node process, locale and time zone (built dist/)",
    async () => {
      const { compileTaskRun } = (await import(pathToFileURL(DIST).href)) as {
        compileTaskRun: (input: unknown) => unknown;
      };
      const inputs = fc.sample(withResourcesArb, { seed: SEED + 8, numRuns: 40 });
      const here = inputs.map((input) => JSON.stringify(compileTaskRun(input)));
      const dir = mkdtempSync(join(tmpdir(), "tekton-pod-determinism-"));
      try {
        const inputFile = join(dir, "inputs.json");
        const outputFile = join(dir, "outputs.json");
        writeFileSync(inputFile, JSON.stringify(inputs));
        const child = spawnSync(
          process.execPath,
          ["--input-type=module", "-e", CHILD, pathToFileURL(DIST).href, inputFile, outputFile],
          {
            env: { PATH: process.env["PATH"] ?? "", TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
            encoding: "utf8",
          },
        );
        expect(child.status, child.stderr).toBe(0);
        const there = JSON.parse(readFileSync(outputFile, "utf8")) as string[];
        there.forEach((json, i) => {
          expect(json, `input #${i} of fc.sample(seed ${SEED + 8}): ${JSON.stringify(inputs[i])}`).toBe(here[i]);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
