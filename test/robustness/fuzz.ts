/**
 * `npm run fuzz`: feeds the built package (dist/) 1,000,000 generated inputs — arbitrary JSON
 * values, conformance inputs with random mutations (test/support/arbitraries/hostile.ts), and
 * conformance inputs with a hostile JavaScript value planted anywhere (Proxies, class
 * instances, cycles, exponential DAGs, lists with own `constructor` or endless iterators …:
 * test/support/arbitraries/exotic.ts) — and prints how many gave a Pod, a CompileError, or
 * anything else (which must be 0), and the slowest input. After each input, Object.prototype
 * and Array.prototype must be as they were, and the (frozen) input unchanged.
 * Options: `--runs N`, `--seed S` (default 20201201, so runs are repeatable).
 * Exits 1 if any input raised something other than a CompileError.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { exoticFixtureInput, Planted } from "../support/arbitraries/exotic.js";
import {
  arbitraryJsonInput,
  type CompilerApi,
  judge,
  loadFixtureInputs,
  mutatedFixtureInput,
} from "../support/arbitraries/hostile.js";
import { deepFreeze } from "../support/freeze.js";

const prototypeKeys = (): string =>
  [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)].sort().join(",");

/** Freezes what can be frozen: a planted revoked Proxy cannot be, and is left as it is. */
function freezeWhatCan<T>(value: T): T {
  try {
    return deepFreeze(value);
  } catch {
    return value;
  }
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

function preview(input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    text = String(input);
  }
  return text.length > 2_000 ? `${text.slice(0, 2_000)}… (${text.length} characters)` : text;
}

async function main(): Promise<void> {
  const runs = option("runs", 1_000_000);
  const seed = option("seed", 20_201_201);
  const root = process.cwd();
  const api = (await import(pathToFileURL(resolve(root, "dist/index.js")).href)) as CompilerApi;
  const fixtures = loadFixtureInputs(resolve(root, "fixtures/conformance")).map((f) => deepFreeze(f));
  const pristine = prototypeKeys();

  // Warm up (schema compilation, JIT) so the slowest input is an input, not start-up.
  for (const input of fixtures) judge(api, input);

  const counts = { pods: 0, compileErrors: 0, otherExceptions: 0 };
  let slowest = { ms: 0, run: -1 };
  const failures: string[] = [];
  let run = 0;
  const started = performance.now();

  const inputs = fc.oneof(
    { weight: 3, arbitrary: arbitraryJsonInput() },
    { weight: 5, arbitrary: mutatedFixtureInput(fixtures) },
    { weight: 2, arbitrary: exoticFixtureInput(fixtures) },
  );
  fc.assert(
    fc.property(inputs, (generated) => {
      const input = generated instanceof Planted ? generated.build() : generated;
      const frozen = freezeWhatCan(input);
      const t0 = performance.now();
      const outcome = judge(api, frozen);
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, run };
      if (outcome.kind === "pod") counts.pods++;
      else if (outcome.kind === "compile-error") counts.compileErrors++;
      else {
        counts.otherExceptions++;
        if (failures.length < 5) {
          const error = outcome.error;
          const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
          const what = generated instanceof Planted ? generated.description : preview(frozen);
          failures.push(`run ${run}: ${stack}\n  input: ${what}`);
        }
      }
      if ((Object.prototype as Record<string, unknown>)["polluted"] !== undefined || prototypeKeys() !== pristine) {
        throw new Error(
          `Object.prototype polluted at run ${run}: ${generated instanceof Planted ? generated.description : preview(frozen)}`,
        );
      }
      run++;
      if (run % 50_000 === 0) process.stderr.write(`… ${run} inputs, ${counts.otherExceptions} other exceptions\n`);
      return true;
    }),
    { seed, numRuns: runs },
  );

  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz: ${run} inputs (seed ${seed}) in ${seconds.toFixed(1)} s`);
  console.log(`  pods:             ${counts.pods}`);
  console.log(`  compile errors:   ${counts.compileErrors}`);
  console.log(`  other exceptions: ${counts.otherExceptions}`);
  console.log(`  slowest input:    ${slowest.ms.toFixed(1)} ms (run ${slowest.run})`);
  for (const failure of failures) console.log(`\n${failure}`);
  if (counts.otherExceptions > 0) process.exitCode = 1;
}

await main();
