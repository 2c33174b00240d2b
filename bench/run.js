/**
 * `npm run bench`: how fast compileTaskRun and foldTaskRunStatus are, measured against the
 * cost of building their own output (structuredClone of the expected Pod / status), how
 * compile time grows with the size of the Task, and what a fresh process pays for its first
 * call (cold start). Reads the built package (../dist), so run `npm run build` first (the npm
 * script does). Writes bench/results.json; see bench/README.md.
 *
 *   node bench/run.js                 everything (about three minutes on 2 cores)
 *   node bench/run.js --quick         shorter sampling, for a smoke test
 *   node bench/run.js --only <text>   only conformance cases whose name contains <text>
 *   node bench/run.js --no-scaling    conformance cases only
 *   node bench/run.js --check         exit 1 when a target is missed (off by default: timing
 *                                     is for people to read, not a gate)
 *   node bench/run.js --wall          time with the wall clock instead of process CPU time
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import { parse } from "yaml";
import { paramsInput, stepsInput } from "./generate.js";

const { compileTaskRun, explainTaskRun, foldTaskRunStatus, TEKTON_RELEASES } = await import("../dist/index.js");

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.includes("--only") ? (args[args.indexOf("--only") + 1] ?? "") : "";
const scaling = !args.includes("--no-scaling");
const check = args.includes("--check");
const wall = args.includes("--wall");

/**
 * The clock, in milliseconds. By default the process's CPU time (user + system, all threads,
 * so GC helper threads count): on a shared machine, wall time also counts the time other
 * processes hold the CPU, which inflates long operations more than short ones and makes the
 * ratios and the scaling meaningless. Resolution 1 µs; tinybench subtracts its call cost.
 */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const CLOCK = wall ? { subtractTimerOverhead: true } : { now: cpuNow, subtractTimerOverhead: true };

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
/** The project's own v0.20.1 cases, and the shared corpora beside the project (when present). */
const CASES_DIR = here("../fixtures/conformance/");
const SHARED_DIR = here("../../shared/conformance/");
const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));
const HEAP_SCRIPT = fileURLToPath(new URL("./heap.js", import.meta.url));
const GROWTH_SCRIPT = fileURLToPath(new URL("./growth.js", import.meta.url));
const COLD_SCRIPT = here("./cold.js");
const CPU_AT_EXIT = here("./cpu-at-exit.cjs");
const CLI = here("../dist/bin/tekton-pod.js");
/** The README's first example, as the cold-start measurement of the executable runs it. */
const CLI_EXAMPLE = ["compile", "-f", here("../fixtures/examples/pod-template.yaml")];

/**
 * Per-case sampling, per round: each task runs at least this long and this many times. Every
 * case is timed in {@link ROUNDS} rounds, each round a pass over the whole corpus, and its
 * ratio is the median of the rounds' ratios (see {@link runCases}).
 */
const CASE_OPTIONS = quick
  ? { time: 5, warmupTime: 2, iterations: 3, warmupIterations: 1 }
  : { time: 15, warmupTime: 4, iterations: 5, warmupIterations: 2 };
/** Rounds per conformance case. */
const ROUNDS = 3;
/** Sampling of explainTaskRun, timed once per case (it has no target). */
const EXPLAIN_OPTIONS = quick
  ? { time: 15, warmupTime: 5, iterations: 5, warmupIterations: 2 }
  : { time: 40, warmupTime: 10, iterations: 10, warmupIterations: 3 };
const SCALE_OPTIONS = quick
  ? { time: 100, warmupTime: 20, iterations: 2, warmupIterations: 1 }
  : { time: 600, warmupTime: 100, iterations: 5, warmupIterations: 2 };

/** Targets (issue 13): medians and worst cases of the ratio to structuredClone of the output. */
const TARGETS = {
  compileMedian: 1.5,
  compileWorst: 3,
  foldMedian: 0.6,
  foldWorst: 1.5,
  growth: 11,
  coldCompileMs: 30,
  coldErrorMs: 30,
  coldFoldMs: 10,
  cliOverNode: 2.5,
};
/** Fresh processes per cold-start figure (the median is reported). */
const COLD_PROCESSES = quick ? 5 : 11;

// ---------------------------------------------------------------------------------------------
// Helpers

const median = (values) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Latency statistics of a finished tinybench task, per call in microseconds (`batch` calls a sample). */
function stats(task, batch) {
  const result = task.result;
  if (result.state !== "completed") {
    throw new Error(`${task.name}: ${result.state}${result.error ? `: ${result.error.message}` : ""}`);
  }
  const l = result.latency;
  return {
    opsPerSec: result.throughput.mean * batch,
    meanUs: (l.mean * 1000) / batch,
    p50Us: (l.p50 * 1000) / batch,
    p99Us: (l.p99 * 1000) / batch,
    samples: l.samplesCount,
    batch,
  };
}

/** Shortest sample, in ms of the bench clock: the CPU clock counts whole microseconds. */
const MIN_SAMPLE_MS = 0.2;

/**
 * How many calls of `fn` one sample makes: doubled until they take {@link MIN_SAMPLE_MS}, so a
 * call of a few microseconds is not rounded to the clock's microsecond (a fold of 5 µs against
 * a clone of 4 µs would otherwise read 5/4 or 6/4 or 5/5 by chance).
 */
function batchSize(fn) {
  let batch = 1;
  for (;;) {
    const start = CLOCK.now?.() ?? performance.now();
    for (let i = 0; i < batch; i++) fn();
    const took = (CLOCK.now?.() ?? performance.now()) - start;
    if (took >= MIN_SAMPLE_MS || batch >= 1 << 16) return batch;
    batch *= 2;
  }
}

/**
 * Runs `fn` and the structuredClone of `output` in one tinybench run; returns both stats.
 * `batches` (calls per sample of each) are measured first unless given.
 */
function measure(name, fn, output, options, batches) {
  const clone = () => structuredClone(output);
  const opBatch = batches?.op ?? batchSize(fn);
  const cloneBatch = batches?.clone ?? batchSize(clone);
  const bench = new Bench({ name, ...options, ...CLOCK, throws: true });
  bench
    .add("op", () => {
      for (let i = 0; i < opBatch; i++) fn();
    })
    .add("clone", () => {
      for (let i = 0; i < cloneBatch; i++) clone();
    });
  bench.runSync();
  return { op: stats(bench.getTask("op"), opBatch), clone: stats(bench.getTask("clone"), cloneBatch) };
}

const num = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
const pad = (text, width) => String(text).padEnd(width);
const padL = (text, width) => String(text).padStart(width);

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]) : padL(c, widths[i]))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Conformance cases

/** The cases of `dir` (all, or those `keep` accepts) that the benchmark times. */
function readCases(dir, keep = () => true) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && keep(f))
    .sort()
    .map((f) => parse(readFileSync(dir + f, "utf8")))
    .filter((c) => (c.kind === "compile" && c.expected?.pod !== undefined) || c.kind === "status")
    .filter((c) => only === "" || c.name.includes(only));
}

/** Tekton v0.20.1: the project's cases, Tekton's examples and the catalog corpus. */
const cases = [
  ...readCases(CASES_DIR),
  ...readCases(`${SHARED_DIR}cases/`, (f) => f.startsWith("example-")),
  ...readCases(`${SHARED_DIR}catalog/cases/`),
];
/** Tekton v1.12, once the package has that profile. */
const v112 = TEKTON_RELEASES.includes("v1.12") ? readCases(`${SHARED_DIR}v1.12/cases/`) : [];

const started = performance.now();

/** Times every case of a corpus against the clone of its output; error cases are not timed. */
function runCases(list, tekton) {
  const options = tekton === undefined ? {} : { tekton };
  // Keep the JIT's warm-up out of the first cases' numbers: one call compiles little of the
  // code, and the cases timed first (alphabetically) then paid for the optimizing compiler for
  // all the others, reading several times slower than the same case timed later. Every case is
  // run for a while first, so that each is timed in the same steady state.
  const warmUntil = performance.now() + (quick ? 1000 : 3000);
  for (let pass = 0; pass < 3 || performance.now() < warmUntil; pass++) {
    for (const c of list) {
      try {
        if (c.kind === "compile") compileTaskRun(c.input, options);
        else foldTaskRunStatus(c.input, { now: c.now, ...options });
      } catch {
        // Error cases are not timed; warming them does no harm.
      }
    }
  }
  const timed = [];
  const results = [];
  for (const c of list) {
    const compile = c.kind === "compile";
    const fn = compile
      ? () => compileTaskRun(c.input, options)
      : () => foldTaskRunStatus(c.input, { now: c.now, ...options });
    const output = compile ? c.expected.pod : c.expected.status;
    try {
      fn();
    } catch (error) {
      results.push({ name: c.name, kind: c.kind, error: String(error?.message ?? error) });
      continue;
    }
    const entry = { name: c.name, kind: c.kind, fn, output, rounds: [] };
    entry.batches = { op: batchSize(fn), clone: batchSize(() => structuredClone(output)) };
    timed.push(entry);
    results.push(entry);
  }
  // Rounds, each a pass over every case: a case is timed at three moments far apart, so a slow
  // stretch of the machine — another process, or V8 marking the heap on its helper threads,
  // which the CPU clock counts — falls on one round of a few cases, and the median of the
  // rounds leaves it out. Operation and clone are timed side by side within each round.
  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of timed) {
      entry.rounds.push(measure(entry.name, entry.fn, entry.output, CASE_OPTIONS, entry.batches));
    }
  }
  return results.map((entry) => (entry.rounds === undefined ? entry : caseResult(entry)));
}

/** One case's figures over its rounds: each the median of the rounds' figures. */
function caseResult({ name, kind, rounds }) {
  const mid = (pick) => median(rounds.map(pick));
  return {
    name,
    kind,
    op: {
      opsPerSec: mid((r) => r.op.opsPerSec),
      meanUs: mid((r) => r.op.meanUs),
      p50Us: mid((r) => r.op.p50Us),
      p99Us: mid((r) => r.op.p99Us),
      samples: rounds.reduce((sum, r) => sum + r.op.samples, 0),
      batch: rounds[0].op.batch,
    },
    cloneMeanUs: mid((r) => r.clone.meanUs),
    cloneP50Us: mid((r) => r.clone.p50Us),
    ratioP50: mid((r) => r.op.p50Us / r.clone.p50Us),
    ratioMean: mid((r) => r.op.meanUs / r.clone.meanUs),
    roundRatiosP50: rounds.map((r) => r.op.p50Us / r.clone.p50Us),
  };
}

function printCases(title, results) {
  const timed = results.filter((r) => r.error === undefined);
  console.log(`\n${title}`);
  console.log(
    table(
      ["case", "kind", "ops/s", "mean µs", "p99 µs", "clone µs", "×clone"],
      timed.map((r) => [
        r.name,
        r.kind === "compile" ? "compile" : "fold",
        num(r.op.opsPerSec, 0),
        num(r.op.meanUs),
        num(r.op.p99Us),
        num(r.cloneP50Us),
        num(r.ratioP50, 2),
      ]),
    ),
  );
  for (const r of results.filter((x) => x.error !== undefined)) console.log(`! ${r.name}: ${r.error}`);
}

const caseResults = runCases(cases, undefined);
printCases(`Tekton v0.20.1 (${caseResults.length} cases)`, caseResults);
const v112Results = v112.length === 0 ? [] : runCases(v112, "v1.12");
if (v112.length > 0) printCases(`Tekton v1.12 (${v112Results.length} cases)`, v112Results);
const measured = caseResults.filter((r) => r.error === undefined);

/**
 * explainTaskRun on a release's compile cases (`tekton`, or the default v0.20.1): its ratio to
 * the clone of the Pod, as compile's, and to compileTaskRun itself, all three timed in one
 * tinybench run per case.
 */
function runExplain(list, tekton) {
  const results = [];
  const options = tekton === undefined ? undefined : { tekton };
  for (const c of list) {
    if (c.kind !== "compile") continue;
    const explain = () => explainTaskRun(c.input, options);
    const compile = () => compileTaskRun(c.input, options);
    try {
      explain();
    } catch {
      continue;
    }
    const clone = () => structuredClone(c.expected.pod);
    const batches = [batchSize(explain), batchSize(compile), batchSize(clone)];
    const bench = new Bench({ name: c.name, ...EXPLAIN_OPTIONS, ...CLOCK, throws: true });
    [explain, compile, clone].forEach((fn, i) => {
      bench.add(["explain", "compile", "clone"][i], () => {
        for (let k = 0; k < batches[i]; k++) fn();
      });
    });
    bench.runSync();
    const [e, p, k] = ["explain", "compile", "clone"].map((name, i) => stats(bench.getTask(name), batches[i]));
    results.push({
      name: c.name,
      explainP50Us: e.p50Us,
      compileP50Us: p.p50Us,
      cloneP50Us: k.p50Us,
      ratioP50: e.p50Us / k.p50Us,
      overCompileP50: e.p50Us / p.p50Us,
    });
  }
  return results;
}
function summarizeExplain(results) {
  return {
    cases: results.length,
    medianRatioP50: median(results.map((r) => r.ratioP50)),
    medianOverCompileP50: median(results.map((r) => r.overCompileP50)),
    medianP50Us: median(results.map((r) => r.explainP50Us)),
  };
}
const explainResults = runExplain(cases);
const explainSummary = summarizeExplain(explainResults);
const explainV112Results = v112.length === 0 ? [] : runExplain(v112, "v1.12");
const explainV112Summary = v112.length === 0 ? undefined : summarizeExplain(explainV112Results);

function summarize(results, kind) {
  const rows = results.filter((r) => r.error === undefined && r.kind === kind);
  const worst = rows.reduce((w, r) => (w === undefined || r.ratioP50 > w.ratioP50 ? r : w), undefined);
  return {
    cases: rows.length,
    medianRatioP50: median(rows.map((r) => r.ratioP50)),
    medianRatioMean: median(rows.map((r) => r.ratioMean)),
    medianP50Us: median(rows.map((r) => r.op.p50Us)),
    medianCloneP50Us: median(rows.map((r) => r.cloneP50Us)),
    worst: worst?.name,
    worstRatioP50: worst?.ratioP50 ?? Number.NaN,
  };
}
const summary = { compile: summarize(caseResults, "compile"), fold: summarize(caseResults, "status") };
const summaryV112 =
  v112.length === 0
    ? undefined
    : { compile: summarize(v112Results, "compile"), fold: summarize(v112Results, "status") };

// ---------------------------------------------------------------------------------------------
// Scaling

/** time(large)/time(small) of generated inputs, measured by bench/growth.js in a process of its own. */
function growth(kind, small, large) {
  const args = [
    GROWTH_SCRIPT,
    kind,
    String(small),
    String(large),
    quick ? "3" : "9",
    quick ? "50" : "150",
    wall ? "wall" : "cpu",
  ];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim());
}

/** `{ name: median ratio, nameRounds: every round's ratio }` for results.json. */
const growthFields = (name, measured) => ({ [name]: measured.median, [`${name}Rounds`]: measured.rounds });

let scale;
if (scaling) {
  /** One row of the scaling table: compile of the generated input of size `n`, against the clone of its Pod. */
  const scaleRow = (kind, perKey, generate, n) => {
    const input = generate(n);
    const output = compileTaskRun(input).pod;
    const { op, clone } = measure(`${kind}-${n}`, () => compileTaskRun(input), output, SCALE_OPTIONS);
    return {
      [kind]: n,
      meanMs: op.meanUs / 1000,
      p50Ms: op.p50Us / 1000,
      [perKey]: op.meanUs / n,
      cloneP50Ms: clone.p50Us / 1000,
      cloneMeanMs: clone.meanUs / 1000,
      samples: op.samples,
    };
  };
  const steps = [1, 10, 100, 1000].map((n) => scaleRow("steps", "perStepUs", stepsInput, n));
  const params = [100, 1000, 10000].map((n) => scaleRow("params", "perParamUs", paramsInput, n));
  const at = (list, key, n) => list.find((x) => x[key] === n);
  const heap = JSON.parse(
    execFileSync(process.execPath, ["--expose-gc", HEAP_SCRIPT, "1000"], { encoding: "utf8" }).trim(),
  );
  scale = {
    steps,
    params,
    ...growthFields("growth1000over100", growth("steps", 100, 1000)),
    growth1000over100Single: at(steps, "steps", 1000).meanMs / at(steps, "steps", 100).meanMs,
    // The same growth for structuredClone of the output: what building an object graph of that
    // size costs on this machine (GC and caches are not linear either).
    cloneGrowth1000over100: at(steps, "steps", 1000).cloneMeanMs / at(steps, "steps", 100).cloneMeanMs,
    ...growthFields("growth100over10", growth("steps", 10, 100)),
    ...growthFields("growthParams10000over1000", growth("params", 1000, 10000)),
    heap1000Steps: heap,
  };

  console.log("");
  console.log(
    table(
      ["input", "p50 ms", "mean ms", "mean µs per step/param", "clone mean ms", "×clone"],
      [
        ...steps.map((s) => [
          `${s.steps} steps`,
          num(s.p50Ms, 2),
          num(s.meanMs, 2),
          num(s.perStepUs),
          num(s.cloneMeanMs, 2),
          num(s.meanMs / s.cloneMeanMs, 2),
        ]),
        ...params.map((p) => [
          `${p.params} params`,
          num(p.p50Ms, 2),
          num(p.meanMs, 2),
          num(p.perParamUs),
          num(p.cloneMeanMs, 2),
          num(p.meanMs / p.cloneMeanMs, 2),
        ]),
      ],
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Cold start

/** Median of `COLD_PROCESSES` runs of bench/cold.js (`what`), each in a fresh process. */
function coldCall(what) {
  const runs = [];
  for (let i = 0; i < COLD_PROCESSES; i++) {
    const out = execFileSync(process.execPath, [COLD_SCRIPT, what, wall ? "wall" : "cpu"], { encoding: "utf8" });
    runs.push(JSON.parse(out.trim()));
  }
  return {
    firstCallMs: median(runs.map((r) => r.firstCallMs)),
    importMs: median(runs.map((r) => r.importMs)),
    firstCallRunsMs: runs.map((r) => r.firstCallMs),
  };
}

/** CPU time (ms) of a whole `node <args>` process, read by bench/cpu-at-exit.cjs at its exit. */
function processCpuMs(args) {
  const child = spawnSync(process.execPath, ["--require", CPU_AT_EXIT, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${child.status}: ${child.stderr}`);
  return JSON.parse(child.output[3]).cpuUs / 1000;
}

/** The executable on the README's example against `node -e 0`, alternating, in fresh processes. */
function coldCli() {
  const node = [];
  const cli = [];
  for (let i = 0; i < COLD_PROCESSES; i++) {
    node.push(processCpuMs(["-e", "0"]));
    cli.push(processCpuMs([CLI, ...CLI_EXAMPLE]));
  }
  return {
    cliMs: median(cli),
    nodeMs: median(node),
    ratio: median(cli) / median(node),
    cliRunsMs: cli,
    nodeRunsMs: node,
  };
}

const cold = {
  processes: COLD_PROCESSES,
  compile: coldCall("compile"),
  error: coldCall("error"),
  fold: coldCall("fold"),
  cli: coldCli(),
};

// ---------------------------------------------------------------------------------------------
// Summary and results.json

/** The four per-case targets of one corpus (`label` names its release in the lines). */
const corpusChecks = (label, sum) => [
  {
    target: `median compile${label} ≤ ${TARGETS.compileMedian}× clone of its Pod`,
    value: sum.compile.medianRatioP50,
    limit: TARGETS.compileMedian,
  },
  {
    target: `every compile case${label} ≤ ${TARGETS.compileWorst}× clone (worst: ${sum.compile.worst})`,
    value: sum.compile.worstRatioP50,
    limit: TARGETS.compileWorst,
  },
  {
    target: `median fold${label} ≤ ${TARGETS.foldMedian}× clone of its status`,
    value: sum.fold.medianRatioP50,
    limit: TARGETS.foldMedian,
  },
  {
    target: `every fold case${label} ≤ ${TARGETS.foldWorst}× clone (worst: ${sum.fold.worst})`,
    value: sum.fold.worstRatioP50,
    limit: TARGETS.foldWorst,
  },
];
const checks = corpusChecks("", summary);
if (summaryV112 !== undefined) checks.push(...corpusChecks(" (v1.12)", summaryV112));
if (scale !== undefined) {
  checks.push({
    target: `time(1000 steps) / time(100 steps) ≤ ${TARGETS.growth}`,
    value: scale.growth1000over100,
    limit: TARGETS.growth,
  });
  checks.push({
    target: `time(100 steps) / time(10 steps) ≤ ${TARGETS.growth}`,
    value: scale.growth100over10,
    limit: TARGETS.growth,
  });
  checks.push({
    target: `time(10000 params) / time(1000 params) ≤ ${TARGETS.growth}`,
    value: scale.growthParams10000over1000,
    limit: TARGETS.growth,
  });
}
checks.push(
  {
    target: `cold: first compileTaskRun ≤ ${TARGETS.coldCompileMs} ms`,
    value: cold.compile.firstCallMs,
    limit: TARGETS.coldCompileMs,
  },
  {
    target: `cold: first call throwing a CompileError ≤ ${TARGETS.coldErrorMs} ms`,
    value: cold.error.firstCallMs,
    limit: TARGETS.coldErrorMs,
  },
  {
    target: `cold: first foldTaskRunStatus ≤ ${TARGETS.coldFoldMs} ms`,
    value: cold.fold.firstCallMs,
    limit: TARGETS.coldFoldMs,
  },
  {
    target: `cold: tekton-pod compile ≤ ${TARGETS.cliOverNode}× node -e 0`,
    value: cold.cli.ratio,
    limit: TARGETS.cliOverNode,
  },
);
for (const check of checks) check.ok = Number.isFinite(check.value) && check.value <= check.limit;

/** The summary lines of one corpus. */
function corpusLines(label, sum) {
  return [
    `  compile${label}: median ${num(sum.compile.medianRatioP50, 2)}× structuredClone of the output Pod, worst ${num(sum.compile.worstRatioP50, 2)}× (${sum.compile.worst}) ` +
      `(ratio of means ${num(sum.compile.medianRatioMean, 2)}×; median p50 ${num(sum.compile.medianP50Us)} µs vs clone ${num(sum.compile.medianCloneP50Us)} µs) over ${sum.compile.cases} cases`,
    `  fold${label}:    median ${num(sum.fold.medianRatioP50, 2)}× structuredClone of the output status, worst ${num(sum.fold.worstRatioP50, 2)}× (${sum.fold.worst}) ` +
      `(ratio of means ${num(sum.fold.medianRatioMean, 2)}×; median p50 ${num(sum.fold.medianP50Us)} µs vs clone ${num(sum.fold.medianCloneP50Us)} µs) over ${sum.fold.cases} cases`,
  ];
}

const lines = [
  "",
  `summary (${measured.length} cases, ${wall ? "wall-clock" : "CPU"} time, node ${process.version}, ${cpus().length} cpu, ` +
    `${num((performance.now() - started) / 1000, 0)} s)`,
  ...corpusLines("", summary),
];
if (summaryV112 !== undefined) lines.push(...corpusLines(" (v1.12)", summaryV112));
const explainLine = (label, e) =>
  `  ${label}: median ${num(e.medianRatioP50, 2)}× structuredClone of the output Pod, ` +
  `${num(e.medianOverCompileP50, 2)}× compileTaskRun of the same case (median p50 ${num(e.medianP50Us)} µs) over ${e.cases} cases`;
lines.push(explainLine("explain", explainSummary));
if (explainV112Summary !== undefined) lines.push(explainLine("explain (v1.12)", explainV112Summary));
if (scale !== undefined) {
  const h = scale.heap1000Steps;
  lines.push(
    `  scaling: time(1000 steps)/time(100 steps) = ${num(scale.growth1000over100, 2)} (linear ≈ 10); ` +
      `100/10 = ${num(scale.growth100over10, 2)}; 10000/1000 params = ${num(scale.growthParams10000over1000, 2)}; ` +
      `structuredClone of the output, 1000/100 steps = ${num(scale.cloneGrowth1000over100, 2)}`,
    `  (each ratio: median of rounds, both sizes alternating in a fresh process; rounds of 1000/100 steps: ` +
      `${scale.growth1000over100Rounds.map((r) => num(r, 2)).join(" ")}; from the table's rows, measured apart: ${num(scale.growth1000over100Single, 2)})`,
    `  1000 steps: ${num(scale.steps.at(-1).perStepUs)} µs per step; peak heap ${num(h.peakHeapUsedMB)} MB ` +
      `(+${num(h.peakHeapGrowthMB)} MB during the call, ${h.gcsDuringCall} GCs), output ${num(h.outputJsonMB, 2)} MB of JSON; ` +
      `first call in the process ${num(h.coldFirstCallMs, 1)} ms`,
  );
}
lines.push(
  `  cold start (median of ${cold.processes} fresh processes, ${wall ? "wall-clock" : "CPU"} time): first compileTaskRun ${num(cold.compile.firstCallMs)} ms, ` +
    `first CompileError ${num(cold.error.firstCallMs)} ms, first foldTaskRunStatus ${num(cold.fold.firstCallMs)} ms ` +
    `(importing the package before it: ${num(cold.compile.importMs)} ms)`,
  `  tekton-pod compile -f fixtures/examples/pod-template.yaml: ${num(cold.cli.cliMs)} ms CPU = ${num(cold.cli.ratio, 2)}× node -e 0 (${num(cold.cli.nodeMs)} ms)`,
);
for (const check of checks) lines.push(`  ${check.ok ? "ok  " : "FAIL"} ${check.target}: ${num(check.value, 2)}`);
console.log(lines.join("\n"));

writeFileSync(
  RESULTS,
  `${JSON.stringify(
    {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      clock: wall ? "wall" : "process CPU time (user + system)",
      options: { cases: CASE_OPTIONS, scaling: SCALE_OPTIONS, quick, only },
      summary,
      summaryV112,
      summaryExplain: explainSummary,
      summaryExplainV112: explainV112Summary,
      scaling: scale,
      cold,
      checks,
      cases: caseResults,
      casesV112: v112Results,
      casesExplain: explainResults,
      casesExplainV112: explainV112Results,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${RESULTS}`);
if (check && checks.some((c) => !c.ok)) process.exitCode = 1;
