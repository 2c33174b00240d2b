/**
 * docs/upgrading-to-v1.12.md shows Pods the package produced: every YAML block marked
 * `<!-- from: <release> -->` must appear, line for line, in what `tekton-pod compile` prints for
 * the page's example under that release, and each `<!-- pod: <release> -->` block must be the
 * whole output. Run through the built CLI, as the page tells readers to.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBinary } from "../cli/helpers.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const PAGE = readFileSync(`${REPO}docs/upgrading-to-v1.12.md`, "utf8");
const EXAMPLE = "docs/examples/upgrading/build-and-test.yaml";

interface Block {
  readonly kind: "from" | "pod";
  readonly release: string;
  readonly text: string;
}

function blocks(page: string): Block[] {
  const found: Block[] = [];
  for (const m of page.matchAll(/<!-- (from|pod): (v[\d.]+) -->\n```yaml\n([\s\S]*?)```\n/g)) {
    found.push({ kind: m[1] as Block["kind"], release: m[2] as string, text: m[3] as string });
  }
  return found;
}

describe("docs/upgrading-to-v1.12.md", () => {
  const outputs = new Map<string, string>();
  const output = (release: string): string => {
    let text = outputs.get(release);
    if (text === undefined) {
      const args = ["compile", "-f", EXAMPLE, ...(release === "v0.20.1" ? [] : ["--tekton", release])];
      const r = runBinary(args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      text = r.stdout;
      outputs.set(release, text);
    }
    return text;
  };

  it("has excerpts of both releases and both whole Pods", () => {
    const found = blocks(PAGE);
    expect(found.filter((b) => b.kind === "pod").map((b) => b.release)).toEqual(["v0.20.1", "v1.12"]);
    expect(new Set(found.filter((b) => b.kind === "from").map((b) => b.release))).toEqual(
      new Set(["v0.20.1", "v1.12"]),
    );
  });

  for (const [i, block] of blocks(PAGE).entries()) {
    it(`block ${i + 1} (${block.kind}: ${block.release}) is the package's own output`, () => {
      if (block.kind === "pod") expect(block.text).toBe(output(block.release));
      else expect(output(block.release)).toContain(block.text);
    });
  }
});
