/**
 * The shared document classifier (src/input/classify-objects.ts) that both the CLI and the
 * testing entry use: which object goes where, the two lookup rules, and what it reports.
 */
import { describe, expect, it } from "vitest";
import { classifyObjects, type FoundObject, foundObject, selectTaskRun } from "../../src/input/classify-objects.js";

function objects(...values: Record<string, unknown>[]): FoundObject[] {
  return values.map((value, index) => foundObject(value, String(value["kind"]), { file: "in.yaml", index, value }));
}

const run = (spec: Record<string, unknown> = {}, namespace?: string): Record<string, unknown> => ({
  kind: "TaskRun",
  metadata: { name: "run", ...(namespace === undefined ? {} : { namespace }) },
  spec,
});
const task = (name: string, kind = "Task", namespace?: string): Record<string, unknown> => ({
  kind,
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  spec: { steps: [] },
});
const account = (name: string): Record<string, unknown> => ({ kind: "ServiceAccount", metadata: { name } });
const configMap = (name: string, data: Record<string, string>): Record<string, unknown> => ({
  kind: "ConfigMap",
  metadata: { name },
  data,
});

function assemble(found: FoundObject[], fallBackToOnly = false): ReturnType<typeof classifyObjects> {
  const selected = selectTaskRun(found, undefined);
  if (!selected.ok) throw new Error(`no TaskRun: ${selected.problem.code}`);
  return classifyObjects(found, selected.value, { fallBackToOnly });
}

describe("selectTaskRun", () => {
  it("names the problem: none, several, or none of the wanted name", () => {
    const two = objects(run(), { ...run(), metadata: { name: "other" } });
    expect(selectTaskRun(objects(task("t")), undefined)).toMatchObject({ ok: false, problem: { code: "no-task-run" } });
    expect(selectTaskRun(two, undefined)).toMatchObject({ ok: false, problem: { code: "several-task-runs" } });
    expect(selectTaskRun(two, "other")).toMatchObject({ ok: true, value: { name: "other" } });
    expect(selectTaskRun(two, "x")).toMatchObject({ ok: false, problem: { code: "no-task-run", wanted: "x" } });
  });
});

describe("classifyObjects", () => {
  it("sorts every kind into its place, ConfigMap data under its config key", () => {
    const found = objects(
      run({ taskRef: { name: "t" } }),
      task("t"),
      account("default"),
      { kind: "LimitRange", metadata: { name: "lr" } },
      { kind: "Secret", metadata: { name: "s" } },
      { kind: "PipelineResource", metadata: { name: "r" } },
      configMap("feature-flags", { "disable-creds-init": "true" }),
    );
    const { input, problems, remarks, origins } = assemble(found);
    expect(problems).toEqual([]);
    expect(remarks).toEqual([]);
    expect(input.task?.metadata?.name).toBe("t");
    expect(input.serviceAccount?.metadata?.name).toBe("default");
    expect([input.limitRanges?.length, input.secrets?.length, input.pipelineResources?.length]).toEqual([1, 1, 1]);
    expect(input.config).toEqual({ featureFlags: { "disable-creds-init": "true" } });
    expect(origins.find((o) => o.prefix.join(".") === "config.featureFlags")?.at.path).toEqual(["data"]);
  });

  it("runs as default-service-account of config-defaults when the TaskRun names no ServiceAccount", () => {
    const found = objects(
      run(),
      account("default"),
      account("robot"),
      configMap("config-defaults", { "default-service-account": "robot" }),
    );
    expect(assemble(found).input.serviceAccount?.metadata?.name).toBe("robot");
  });

  it("tells same-named Tasks apart by the TaskRun's namespace, and reports them when it cannot", () => {
    const found = objects(run({ taskRef: { name: "t" } }, "x"), task("t", "Task", "y"), task("t", "Task", "x"));
    expect(assemble(found).input.task?.metadata).toEqual({ name: "t", namespace: "x" });
    const clash = assemble(objects(run({ taskRef: { name: "t" } }), task("t"), task("t")));
    expect(clash.problems).toMatchObject([{ code: "ambiguous-name", kind: "Task", name: "t" }]);
    expect(clash.input.task).toBeUndefined();
  });

  it("by name only: no stand-in, a remark on a Task of the other kind", () => {
    const { input, remarks } = assemble(
      objects(run({ taskRef: { name: "t" } }), task("t", "ClusterTask"), account("robot")),
    );
    expect(input.task).toBeUndefined();
    expect(input.serviceAccount).toBeUndefined();
    expect(remarks).toMatchObject([{ code: "other-task-kind", wantedKind: "Task", object: { kind: "ClusterTask" } }]);
  });

  it("with fallBackToOnly: the only object of the kind stands in, several are a problem", () => {
    const only = assemble(objects(run({ taskRef: { name: "t" } }), task("u"), account("robot")), true);
    expect(only.input.task?.metadata?.name).toBe("u");
    expect(only.input.serviceAccount?.metadata?.name).toBe("robot");
    const several = assemble(objects(run({ taskRef: { name: "t" } }), task("u"), task("v")), true);
    expect(several.problems).toMatchObject([{ code: "name-not-found", kind: "Task", name: "t", count: 2 }]);
    const unnamed = assemble(objects(run({ taskRef: {} }), task("u"), task("v")), true);
    expect(unnamed.problems).toMatchObject([{ code: "no-name", kind: "Task", count: 2 }]);
  });

  it("reports a second ConfigMap of a name and lets it win; remarks on the rest in document order", () => {
    const found = objects(
      run(),
      configMap("mine", {}),
      configMap("feature-flags", { a: "1" }),
      { kind: "Deployment", metadata: { name: "d" } },
      configMap("feature-flags", { a: "2" }),
      configMap("toString", {}),
      { ...run(), metadata: { name: "other" } },
    );
    const { input, problems, remarks } = classifyObjects(found, found[0]!);
    expect(problems).toMatchObject([{ code: "duplicate-config-map", object: { at: { source: { index: 4 } } } }]);
    expect(input.config).toEqual({ featureFlags: { a: "2" } });
    expect(remarks.map((r) => [r.code, r.object.name])).toEqual([
      ["unread-config-map", "mine"],
      ["unread-config-map", "toString"],
      ["unused-kind", "d"],
      ["other-task-run", "other"],
    ]);
  });

  it("refuses image entrypoints that are not a mapping, and never changes its input", () => {
    const found = objects(run());
    const frozen = structuredClone(found);
    const result = classifyObjects(found, found[0]!, {
      imageEntrypoints: { file: "images.yaml", index: 0, value: ["x"] },
    });
    expect(result.problems).toMatchObject([{ code: "images-not-a-mapping" }]);
    expect(found).toEqual(frozen);
  });
});
