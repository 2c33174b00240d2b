/**
 * What a TypeScript user reads when an input has the wrong shape (issue 15, item 7): the
 * messages name the package's types (`ImmutableObject<TaskRun>`, `ImmutableObject<Step>`)
 * instead of printing their expanded structures, a call without options is checked against
 * the v0.20.1 input types, and deeply frozen or plain mutable inputs are still accepted. A
 * consumer file is type-checked with the compiler API, as `tsc` would in a user's project.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const HERE = dirname(fileURLToPath(import.meta.url));
// A file that does not exist on disk: the host below serves its text.
const CONSUMER = join(HERE, "consumer.virtual.ts");

// The sources, or the declarations that ship with TEST_DIST=1 (after a build).
const ENTRY = process.env["TEST_DIST"] === "1" ? "../../dist/index.js" : "../../src/index.js";

const SOURCE = `
import { cancel, compileTaskRun, foldTaskRunStatus, safeCompileTaskRun, type Immutable, type CompileInput, type Pod, type Step, type Task, type TaskRun, type TektonRelease } from "${ENTRY}";
declare const release: TektonRelease;
declare const task: Task;
declare const taskRun: TaskRun;
declare const pod: Pod;
const now = "2020-12-01T10:00:00Z";
const badSteps = [{ name: "build", image: 1 }];
const plainSteps: Step[] = [{ name: "build", image: "alpine", command: ["true"] }];
declare const frozen: Immutable<CompileInput>;
const literal = Object.freeze({ taskRun: Object.freeze({ spec: Object.freeze({ taskSpec: Object.freeze({ steps: Object.freeze([Object.freeze({ name: "b", image: "alpine" })]) }) }) }) });

compileTaskRun({ taskRun: task }); // case: task-for-taskrun
compileTaskRun({ taskRun: { spec: { taskSpec: { steps: badSteps } } } }); // case: bad-step
cancel(task, now); // case: cancel-task
foldTaskRunStatus({ taskRun, pod: "pod" }, { now }); // case: fold-pod
compileTaskRun({ taskRun: 42 }); // case: no-options
compileTaskRun({ taskRun: 42 }, { tekton: "v0.20.1" }); // case: v0201-options
safeCompileTaskRun({ taskRun: task }, { tekton: "v0.20.1" }); // case: safe-v0201-options
compileTaskRun({ taskRun: { apiVersion: "tekton.dev/v1", kind: "TaskRun" } }, { tekton: "v1.12" }); // case: ok-v112
compileTaskRun({ taskRun: { apiVersion: "tekton.dev/v1", kind: "TaskRun" } }, { tekton: release }); // case: ok-runtime-release
safeCompileTaskRun(frozen, { tekton: release }); // case: ok-runtime-release-safe
compileTaskRun({ taskRun: { spec: { taskSpec: { steps: plainSteps } } } }); // case: ok-plain
compileTaskRun(frozen); // case: ok-immutable
compileTaskRun(literal); // case: ok-frozen-literal
foldTaskRunStatus({ taskRun, pod }, { now }); // case: ok-fold
`;

/** The diagnostics of each `// case:` line, flattened to text. */
let byCase: Map<string, string[]>;

beforeAll(() => {
  const options: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === CONSUMER ? ts.createSourceFile(name, SOURCE, language) : read(name, language, ...rest);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === CONSUMER || exists(name);
  const program = ts.createProgram([CONSUMER], options, host);
  const file = program.getSourceFile(CONSUMER) as ts.SourceFile;
  const lines = SOURCE.split("\n");
  byCase = new Map();
  for (const line of lines) {
    const name = /\/\/ case: (\S+)/.exec(line)?.[1];
    if (name !== undefined) byCase.set(name, []);
  }
  for (const d of ts.getPreEmitDiagnostics(program, file)) {
    const line = lines[file.getLineAndCharacterOfPosition(d.start ?? 0).line] ?? "";
    const name = /\/\/ case: (\S+)/.exec(line)?.[1] ?? "(elsewhere)";
    byCase.set(name, [...(byCase.get(name) ?? []), ts.flattenDiagnosticMessageText(d.messageText, "\n")]);
  }
}, 120_000);

const text = (name: string) => (byCase.get(name) ?? []).join("\n");
// What the messages printed before: the structure of a TaskRun, a Step or a Pod spelled out.
const EXPANDED = /\{ readonly (apiVersion|name|metadata|kind)\?/;

describe("TypeScript messages for wrong inputs", () => {
  it("type-checks nothing but the cases", () => {
    expect(byCase.get("(elsewhere)")).toBeUndefined();
  });

  it("name TaskRun when a Task is given instead", () => {
    expect(text("task-for-taskrun")).toContain("Type 'Task' is not assignable to type 'ImmutableObject<TaskRun>'");
    expect(text("cancel-task")).toContain(
      "Argument of type 'Task' is not assignable to parameter of type 'ImmutableObject<TaskRun>'",
    );
    for (const name of ["task-for-taskrun", "cancel-task"]) expect(text(name)).not.toMatch(EXPANDED);
  });

  it("name Step for a step of the wrong shape, and Pod for a Pod", () => {
    expect(text("bad-step")).toContain("ImmutableObject<Step>");
    expect(text("bad-step")).toContain("Type 'number' is not assignable to type 'string'");
    expect(text("bad-step")).not.toMatch(EXPANDED);
    expect(text("fold-pod")).toContain("Type 'string' has no properties in common with type 'ImmutableObject<Pod>'");
    expect(text("fold-pod")).not.toMatch(EXPANDED);
  });

  it("check a call without options, or with tekton: v0.20.1, against the v0.20.1 input", () => {
    for (const name of ["no-options", "v0201-options"]) {
      expect(text(name)).toContain("Type 'number' is not assignable to type 'ImmutableObject<TaskRun>'");
    }
    expect(text("safe-v0201-options")).toContain("Type 'Task' is not assignable to type 'ImmutableObject<TaskRun>'");
  });

  it("accept plain mutable, Immutable and deeply frozen inputs, and any release's input chosen at run time", () => {
    const accepted = ["ok-plain", "ok-immutable", "ok-frozen-literal", "ok-fold", "ok-v112", "ok-runtime-release"];
    for (const name of [...accepted, "ok-runtime-release-safe"]) expect(byCase.get(name)).toEqual([]);
  });
});
