/** A TaskRun without metadata.uid (issue 15, item 3): the result says what the Pod lacks and why. */
import { describe, expect, it } from "vitest";
import { compileTaskRun } from "../../src/index.js";
import { deepFreeze } from "../support/freeze.js";

const taskRun = (uid?: string, apiVersion?: string) =>
  deepFreeze({
    ...(apiVersion === undefined ? {} : { apiVersion, kind: "TaskRun" }),
    metadata: { name: "build", namespace: "ci", ...(uid === undefined ? {} : { uid }) },
    spec: {
      taskSpec: { workspaces: [{ name: "w" }], steps: [{ name: "s", image: "alpine", command: ["true"] }] },
      workspaces: [
        {
          name: "w",
          volumeClaimTemplate: {
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
          },
        },
      ],
    },
  });

describe("a TaskRun without metadata.uid, under Tekton v1.12", () => {
  it('gets the same warning, and the v1 owner references keep uid "" as Tekton writes them', () => {
    const result = compileTaskRun({ taskRun: taskRun(undefined, "tekton.dev/v1") } as never, { tekton: "v1.12" });
    expect(result.pod.metadata?.ownerReferences?.[0]).toMatchObject({ apiVersion: "tekton.dev/v1", uid: "" });
    expect(result.persistentVolumeClaims?.[0]?.metadata?.ownerReferences?.[0]?.uid).toBe("");
    const warning = result.warnings.find((w) => w.code === "missing-uid");
    expect(warning?.path).toBe("taskRun.metadata.uid");
    const withUid = compileTaskRun(
      { taskRun: taskRun("8c0a4a5e-3d5b-4bd6-9e58-7a2f1e0f3c11", "tekton.dev/v1") } as never,
      {
        tekton: "v1.12",
      },
    );
    expect(withUid.warnings.filter((w) => w.code === "missing-uid")).toEqual([]);
  });
});

describe("a TaskRun without metadata.uid", () => {
  it("compiles, with a warning naming the field, the owner references it empties and what to pass", () => {
    for (const uid of [undefined, ""]) {
      const result = compileTaskRun({ taskRun: taskRun(uid) } as never);
      expect(result.pod.metadata?.ownerReferences?.[0]?.uid).toBe("");
      expect(result.persistentVolumeClaims?.[0]?.metadata?.ownerReferences?.[0]?.uid).toBe("");
      const warning = result.warnings.find((w) => w.code === "missing-uid");
      expect(warning?.path).toBe("taskRun.metadata.uid");
      expect(warning?.message).toContain('ownerReferences[0].uid (and the PVCs\') is ""');
      expect(warning?.message).toContain("kubectl get taskrun NAME -o yaml");
    }
  });

  it("no warning when the uid is there", () => {
    const result = compileTaskRun({ taskRun: taskRun("8c0a4a5e-3d5b-4bd6-9e58-7a2f1e0f3c11") } as never);
    expect(result.warnings.filter((w) => w.code === "missing-uid")).toEqual([]);
    expect(result.pod.metadata?.ownerReferences?.[0]?.uid).toBe("8c0a4a5e-3d5b-4bd6-9e58-7a2f1e0f3c11");
  });
});
