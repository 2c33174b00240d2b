/** What users must build and compare against is importable from the root (issue 15, item 7). */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CompileInput,
  compileTaskRun,
  foldTaskRunStatus,
  type LimitRange,
  type ObjectMeta,
  READY_ANNOTATION,
  READY_ANNOTATION_VALUE,
  readyAnnotationPatch,
  type Secret,
  type ServiceAccount,
  type StepTemplate,
  TASK_RUN_REASONS,
  type TaskRunReason,
} from "../../src/index.js";
import { loadV0201Corpora } from "../support/cases.js";

describe("root exports", () => {
  it("takes inputs built from the re-exported Kubernetes types", () => {
    const metadata: ObjectMeta = { name: "build", namespace: "ci", uid: "u-1" };
    const limitRange: LimitRange = {
      metadata: { name: "lr" },
      spec: { limits: [{ type: "Container", min: { cpu: "100m" } }] },
    };
    const serviceAccount: ServiceAccount = { metadata: { name: "default" }, secrets: [{ name: "creds" }] };
    const secret: Secret = {
      metadata: { name: "creds", annotations: { "tekton.dev/git-0": "https://github.com" } },
      type: "kubernetes.io/basic-auth",
      data: { username: "dQ==", password: "cA==" },
    };
    const stepTemplate: StepTemplate = { env: [{ name: "A", value: "1" }] };
    const input: CompileInput = {
      taskRun: {
        metadata,
        spec: { taskSpec: { stepTemplate, steps: [{ name: "s", image: "alpine", command: ["true"] }] } },
      },
      limitRanges: [limitRange],
      serviceAccount,
      secrets: [secret],
    };
    const { pod } = compileTaskRun(input);
    expect(pod.spec?.containers[0]?.resources?.requests?.["cpu"]).toBe("100m");
  });

  it("names the readiness annotation the patch writes", () => {
    expect(readyAnnotationPatch()[0]?.path).toBe(`/metadata/annotations/${READY_ANNOTATION.replace("/", "~1")}`);
    expect(readyAnnotationPatch()[0]?.value).toBe(READY_ANNOTATION_VALUE);
  });

  it("lists every Succeeded reason the fold writes for the status cases", () => {
    const reasons = new Set<string>(Object.values(TASK_RUN_REASONS));
    const cases = loadV0201Corpora()
      .flatMap((c) => c.cases)
      .filter((c) => c.kind === "status");
    const seen = cases.map(
      (c) => foldTaskRunStatus(c.input as never, { now: c.now as string }).conditions?.[0]?.reason ?? "",
    );
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((r) => !reasons.has(r))).toEqual([]);
    expectTypeOf(TASK_RUN_REASONS.TaskRunTimeout).toEqualTypeOf<"TaskRunTimeout">();
    expectTypeOf<TaskRunReason>().toExtend<string>();
  });
});
