/**
 * The playground is not part of the package: `npm pack` ships the library's build and the
 * README only — nothing of playground/, its build (dist-playground/) or the browser tests.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

it("npm pack leaves the playground out", () => {
  // --ignore-scripts: `prepare` would rebuild dist/ under the feet of the other tests.
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [pack] = JSON.parse(output) as { files: { path: string }[] }[];
  const files = (pack?.files ?? []).map((f) => f.path);
  expect(files).toContain("dist/index.js");
  expect(files.filter((f) => /(^|\/)playground|^test\/|^dist-playground\//.test(f))).toEqual([]);
  expect(files.filter((f) => !f.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(f))).toEqual(
    [],
  );
});
