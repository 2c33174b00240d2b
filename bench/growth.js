/**
 * A growth ratio, time(large)/time(small) per call of compileTaskRun on generated inputs,
 * measured in a process of its own so that what the benchmark ran before (other inputs, other
 * sizes) does not shape the JIT's and the garbage collector's state. Run by bench/run.js as
 * `node bench/growth.js <steps|params> <small> <large> <rounds> <batch ms> <cpu|wall>`; prints
 * one JSON line. Not meant to be run by hand.
 *
 * Each round alternates short batches of the two sizes eight times and compares their mean
 * time per call; the median over rounds is the result.
 * - Alternating every batch means both sizes run under the same machine conditions, so load
 *   drift on a shared machine does not read as growth.
 * - Means, not medians: the young-generation GC runs once per so many megabytes allocated, so
 *   it interrupts a few of the calls on a small Task and every call on a large one. The median
 *   small call is then one without any GC while the median large call pays for its share and
 *   more; the mean charges both sizes for the collections their allocation causes.
 */
import { paramsInput, stepsInput } from "./generate.js";

const [kind, smallArg, largeArg, roundsArg, batchArg, clock] = process.argv.slice(2);
const { compileTaskRun } = await import("../dist/index.js");
const generate = kind === "params" ? paramsInput : stepsInput;
const small = generate(Number(smallArg));
const large = generate(Number(largeArg));
const rounds = Number(roundsArg);
const batchMs = Number(batchArg);

const now =
  clock === "wall"
    ? () => performance.now()
    : () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      };

/** Compiles `input` for `ms` (at least once); returns [elapsed ms, calls]. */
function batch(input, ms) {
  let calls = 0;
  const start = now();
  let end = start;
  do {
    compileTaskRun(input);
    calls++;
    end = now();
  } while (end - start < ms);
  return [end - start, calls];
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Warm-up: the JIT, and the young generation settling to this pair of workloads.
for (let k = 0; k < 4; k++) {
  batch(small, batchMs);
  batch(large, batchMs);
}
const ratios = [];
for (let r = 0; r < rounds; r++) {
  let smallMs = 0;
  let smallCalls = 0;
  let largeMs = 0;
  let largeCalls = 0;
  for (let k = 0; k < 8; k++) {
    const [t1, n1] = batch(small, batchMs);
    const [t2, n2] = batch(large, batchMs);
    smallMs += t1;
    smallCalls += n1;
    largeMs += t2;
    largeCalls += n2;
  }
  ratios.push(largeMs / largeCalls / (smallMs / smallCalls));
}
console.log(JSON.stringify({ median: median(ratios), rounds: ratios }));
