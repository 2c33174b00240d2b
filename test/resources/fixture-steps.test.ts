/**
 * The resources stage alone against every `area: resources` conformance case: the steps and
 * volumes it adds must be the ones in the Pod Tekton v0.20.1 built, once the later stages'
 * wrapping (step- prefix, entrypoint rewriting, HOME env, implicit mounts) is peeled off.
 */
import type { Container, Volume } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { CompileInput, Immutable, Step } from "../../src/api/types.js";
import { restrictLength } from "../../src/k8s/names.js";
import { loadCases } from "../support/cases.js";
import { entrypointTail, maskSuffix, runStage, substitute, variablesOf } from "./helpers.js";

const GENERATED = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function isImplicitVolume(v: Volume): boolean {
  return v.name.startsWith("tekton-internal-") || v.name.startsWith("tekton-creds-init-home-") || /^ws-/.test(v.name);
}

function podName(step: Step): string {
  const full = restrictLength(`step-${step.name ?? ""}`);
  return full.length >= 62 ? `${full.slice(0, -5)}#####` : maskSuffix(full);
}

function expectedName(c: Container): string {
  return c.name.length >= 62 ? `${c.name.slice(0, -5)}#####` : maskSuffix(c.name);
}

const cases = loadCases().filter((c) => c.area === "resources" && c.expected.pod !== undefined);

describe("generated resource steps match the Tekton v0.20.1 Pods", () => {
  it("covers every resources case", () => {
    expect(cases.length).toBeGreaterThanOrEqual(48);
  });

  for (const testCase of cases) {
    it(testCase.name, () => {
      const run = runStage(testCase.input as unknown as Immutable<CompileInput>);
      const pod = testCase.expected.pod as { spec: { containers: Container[]; volumes?: Volume[] } };
      const containers = pod.spec.containers.filter((c) => c.name.startsWith("step-"));
      const steps = run.spec.steps ?? [];
      expect(steps.map((s) => podName(s))).toHaveLength(containers.length);
      const userStepNames = new Set((run.taskSpec.steps ?? []).map((s) => s.name));
      const vars = variablesOf(run);
      const sub = (text: string): string => vars.reduce((t, m) => substitute(t, m), text);

      steps.forEach((step, i) => {
        const container = containers[i] as Container;
        const generated = GENERATED.test(step.name ?? "") && !userStepNames.has(step.name);
        if (!generated) {
          // The Task's own steps keep their place among the generated ones.
          if (step.name !== undefined && step.name !== "")
            expect(container.name).toBe(restrictLength(`step-${step.name}`));
          return;
        }
        expect(podName(step), `step ${i}`).toBe(expectedName(container));
        expect(step.image, `image of ${step.name}`).toBe(container.image);
        if (step.script === undefined) {
          const command = step.command ?? [];
          const ours = [command[0] ?? "", "--", ...command.slice(1), ...(step.args ?? [])].map(sub);
          expect(ours, `command/args of ${step.name}`).toEqual(entrypointTail(container));
        }
        expect(
          (step.env ?? []).map((e) => ({ ...e, ...(e.value !== undefined ? { value: sub(e.value) } : {}) })),
          `env of ${step.name}`,
        ).toEqual((container.env ?? []).slice(1));
        const mounts = step.volumeMounts ?? [];
        expect(mounts, `mounts of ${step.name}`).toEqual((container.volumeMounts ?? []).slice(0, mounts.length));
        expect(step.workingDir ?? "/workspace").toBe(container.workingDir);
      });

      const ourVolumes = (run.spec.volumes ?? []).filter((v) => !isImplicitVolume(v));
      expect(ourVolumes).toEqual((pod.spec.volumes ?? []).filter((v) => !isImplicitVolume(v)));
    });
  }
});
