/**
 * What the package ships and declares (issue 15, items 20 and 21): its licence, source maps
 * that carry their sources (the TypeScript files are not shipped), and no script that runs
 * when someone installs it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  license: string;
  files: string[];
  scripts: Record<string, string>;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("the package", () => {
  it("ships the Apache-2.0 licence it declares", () => {
    expect(pkg.license).toBe("Apache-2.0");
    expect(pkg.files).toContain("LICENSE");
    const text = readFileSync(join(ROOT, "LICENSE"), "utf8");
    expect(text).toContain("Apache License");
    expect(text).toContain("Version 2.0, January 2004");
  });

  it("runs nothing at install time; packing builds", () => {
    for (const hook of ["preinstall", "install", "postinstall", "prepare"])
      expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts["prepack"]).toBe("npm run build");
  });

  it("ships source maps only with their sources inside", () => {
    const maps = filesUnder(join(ROOT, "dist")).filter((f) => f.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(10);
    for (const map of maps) {
      expect(map.endsWith(".d.ts.map"), `${map}: declaration maps would point at unshipped .ts files`).toBe(false);
      const parsed = JSON.parse(readFileSync(map, "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(parsed.sourcesContent?.length, map).toBe(parsed.sources.length);
      expect(
        parsed.sourcesContent?.every((s) => typeof s === "string" && s.length > 0),
        map,
      ).toBe(true);
    }
  });
});
