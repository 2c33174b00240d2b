/** Fails the browser test run, with how to fix it, when Chromium or the built page is missing. */
import { missingPrerequisite } from "./chromium.js";

/** Vitest global setup: throwing here fails the run (the tests are never skipped). */
export default function requireChromium(): void {
  const problem = missingPrerequisite();
  if (problem !== undefined) throw new Error(`browser tests cannot run: ${problem}`);
}
