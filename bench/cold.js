/**
 * Cold start: what the first call costs in a fresh process. Run by bench/run.js as
 * `node bench/cold.js <compile|error|fold> <cpu|wall>`, once per process; prints one JSON line
 * `{ importMs, firstCallMs }`: the time to import the built package, and the time of the first
 * call after it — `compileTaskRun` of a small valid TaskRun (`compile`), a `compileTaskRun` that
 * throws a `CompileError` because the input has the wrong shape, which words every problem
 * (`error`), or `foldTaskRunStatus` of a running one-step Pod (`fold`).
 */
import { stepsInput } from "./generate.js";

const [what = "compile", clock = "cpu"] = process.argv.slice(2);
const now =
  clock === "wall"
    ? () => performance.now()
    : () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      };

const small = stepsInput(1);
/** A TaskRun with a step of the wrong type and a misspelled field: rejected by the shape check. */
const wrong = {
  taskRun: {
    ...small.taskRun,
    spec: { ...small.taskRun.spec, taskSpec: { steps: [{ name: "build", image: "alpine", comand: ["make"] }, "x"] } },
  },
};
const foldInput = {
  taskRun: { ...small.taskRun, status: { podName: "run-pod", startTime: "2020-12-01T10:00:00Z" } },
  pod: {
    metadata: { name: "run-pod", namespace: "bench" },
    spec: { containers: [{ name: "step-build" }] },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "step-build",
          imageID: "docker-pullable://alpine@sha256:1234",
          ready: true,
          state: { running: { startedAt: "2020-12-01T10:00:05Z" } },
        },
      ],
    },
  },
};

const t0 = now();
const api = await import("../dist/index.js");
const t1 = now();
if (what === "compile") {
  api.compileTaskRun(small);
} else if (what === "error") {
  try {
    api.compileTaskRun(wrong);
    throw new Error("the wrong input compiled");
  } catch (error) {
    if (!(error instanceof api.CompileError)) throw error;
  }
} else if (what === "fold") {
  api.foldTaskRunStatus(foldInput, { now: "2020-12-01T10:01:00Z" });
} else {
  throw new Error(`unknown cold-start call ${what}`);
}
const t2 = now();
process.stdout.write(`${JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1 })}\n`);
