/**
 * Memory and cold start of one compilation, measured in a fresh process so nothing else is on
 * the heap: run by bench/run.js as `node --expose-gc bench/heap.js <steps>`, prints one JSON
 * line. Not meant to be run by hand (it needs --expose-gc).
 */
import { GCProfiler, getHeapStatistics } from "node:v8";
import { stepsInput } from "./generate.js";

const MB = 1024 * 1024;
const gc = globalThis.gc;
if (typeof gc !== "function") throw new Error("run with node --expose-gc");
const steps = Number(process.argv[2] ?? 1000);

const { compileTaskRun } = await import("../dist/index.js");
const input = stepsInput(steps);
const small = stepsInput(1);

// The first call in the process (code not yet compiled by the JIT); bench/cold.js measures
// cold start properly, in fresh processes.
let t = performance.now();
compileTaskRun(small);
const coldFirstCallMs = performance.now() - t;
t = performance.now();
compileTaskRun(small);
const secondCallMs = performance.now() - t;

// Warm the big case up, then measure one call from a collected heap.
compileTaskRun(input);
gc();
gc();
const before = process.memoryUsage();
const committedBefore = getHeapStatistics().total_heap_size;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
// The GC profiler reports the used heap just before each collection during the call: with the
// heap at the end of the call, the largest of those is the peak.
const profiler = new GCProfiler();
profiler.start();
t = performance.now();
let result = compileTaskRun(input);
const callMs = performance.now() - t;
const after = process.memoryUsage();
const collections = profiler.stop()?.statistics ?? [];
const peakHeapUsed = Math.max(after.heapUsed, ...collections.map((c) => c.beforeGC.heapStatistics.usedHeapSize));
const committedAfter = getHeapStatistics().total_heap_size;
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
gc();
gc();
const retained = process.memoryUsage().heapUsed - before.heapUsed;
const outputBytes = Buffer.byteLength(JSON.stringify(result.pod));
result = undefined;

const round = (bytes) => Math.round((bytes / MB) * 100) / 100;
process.stdout.write(
  `${JSON.stringify({
    steps,
    coldFirstCallMs: Math.round(coldFirstCallMs * 10) / 10,
    secondCallMs: Math.round(secondCallMs * 100) / 100,
    callMs: Math.round(callMs * 10) / 10,
    heapUsedBeforeMB: round(before.heapUsed),
    peakHeapUsedMB: round(peakHeapUsed),
    peakHeapGrowthMB: round(peakHeapUsed - before.heapUsed),
    gcsDuringCall: collections.length,
    heapUsedAfterCallMB: round(after.heapUsed),
    heapGrowthDuringCallMB: round(after.heapUsed - before.heapUsed),
    heapCommittedGrowthMB: round(committedAfter - committedBefore),
    peakRssGrowthMB: round(Math.max(0, maxRssAfter - maxRssBefore)),
    retainedOutputMB: round(retained),
    outputJsonMB: round(outputBytes),
  })}\n`,
);
