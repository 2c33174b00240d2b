/**
 * Every Pod the compiler produces must be one the Kubernetes API server accepts: all
 * conformance cases with an expected Pod, and a few hundred generated TaskRuns. Checked with
 * the official OpenAPI schema (kubernetes-models) plus the ValidatePod rules of
 * check-pod.ts; PersistentVolumeClaims of volumeClaimTemplate bindings too.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compileTaskRun, safeCompileTaskRun } from "../../src/index.js";
import { validTaskRunInputArb } from "../support/arbitraries/valid-task-run.js";
import { loadCases } from "../support/cases.js";
import { SEED } from "../support/seed.js";
import { claimProblems, podProblems } from "./check-pod.js";

const RUNS = 300;

const cases = loadCases().filter((c) => c.kind === "compile" && c.expected.pod !== undefined);

describe("conformance cases", () => {
  test("there are cases to check", () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s: Pod and PVCs pass the schema check", (_name, c) => {
    const result = compileTaskRun(c.input as never);
    expect(podProblems(result.pod)).toEqual([]);
    for (const claim of result.persistentVolumeClaims ?? []) expect(claimProblems(claim)).toEqual([]);
  });
});

describe("generated TaskRuns", () => {
  test(`${RUNS} generated inputs compile to schema-valid Pods (seed ${SEED})`, () => {
    let claims = 0;
    fc.assert(
      fc.property(validTaskRunInputArb, (input) => {
        const result = safeCompileTaskRun(input);
        if (!result.ok) {
          throw new Error(
            `a valid input was rejected: ${result.error.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
          );
        }
        const problems = podProblems(result.pod);
        for (const claim of result.persistentVolumeClaims ?? []) {
          claims++;
          problems.push(...claimProblems(claim).map((p) => `PVC ${p}`));
        }
        if (problems.length > 0) throw new Error(`the API server would reject the Pod:\n${problems.join("\n")}`);
      }),
      { seed: SEED, numRuns: RUNS, verbose: 1 },
    );
    // the generator reaches volumeClaimTemplate bindings, so PVCs were checked too
    expect(claims).toBeGreaterThan(0);
  });
});

describe("the check catches what Kubernetes rejects", () => {
  const base = compileTaskRun(cases.find((c) => c.name.startsWith("seed-"))?.input as never).pod;
  const mutated = (edit: (pod: Record<string, any>) => void): unknown => {
    const copy = structuredClone(base) as Record<string, any>;
    edit(copy);
    return copy;
  };

  test("the unmodified Pod passes", () => {
    expect(podProblems(base)).toEqual([]);
  });

  test.each<[string, (pod: Record<string, any>) => void, RegExp]>([
    [
      "a number where a string belongs",
      (p) => {
        p.spec.containers[0].image = 5;
      },
      /image must be string/,
    ],
    [
      "a number as an env value",
      (p) => {
        p.spec.containers[0].env = [{ name: "N", value: 1 }];
      },
      /value must be string/,
    ],
    [
      "an unknown enum value",
      (p) => {
        p.spec.restartPolicy = "Sometimes";
      },
      /restartPolicy must be equal to one of the allowed values/,
    ],
    [
      "a container without a name",
      (p) => {
        delete p.spec.containers[0].name;
      },
      /must have required property name/,
    ],
    [
      "a string where a list belongs",
      (p) => {
        p.spec.containers[0].args = "--flag";
      },
      /args must be array/,
    ],
    [
      "a mount of a missing volume",
      (p) => {
        p.spec.containers[0].volumeMounts.push({ name: "nowhere", mountPath: "/x" });
      },
      /no volume named "nowhere"/,
    ],
    [
      "duplicate container names",
      (p) => {
        p.spec.containers.push({ ...p.spec.containers[0] });
      },
      /duplicate container name/,
    ],
    [
      "a container name that is not a DNS label",
      (p) => {
        p.spec.containers[0].name = "Step_One";
      },
      /not a DNS-1123 label/,
    ],
    [
      "a too-long label value",
      (p) => {
        p.metadata.labels["tekton.dev/taskRun"] = "x".repeat(64);
      },
      /not a valid label value/,
    ],
    [
      "an invalid env name",
      (p) => {
        p.spec.containers[0].env = [{ name: "1=bad", value: "v" }];
      },
      /not a valid environment variable name/,
    ],
  ])("%s", (_name, edit, message) => {
    const problems = podProblems(mutated(edit));
    expect(problems.join("\n")).toMatch(message);
  });

  test("a PVC with a number for its storage class fails", () => {
    expect(
      claimProblems({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "c" },
        spec: { storageClassName: 3 },
      }).join("\n"),
    ).toMatch(/storageClassName must be string/);
  });
});
