/**
 * docs/reading-a-tekton-pod.md reads a Pod with `tekton-pod explain`: each YAML block marked
 * `<!-- explain: ARGS -->` must be exactly what the built CLI prints for the page's example with
 * those arguments, each `<!-- excerpt -->` block must appear in the full output, and the
 * `<!-- warnings -->` block must be what it prints on standard error.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBinary } from "../cli/helpers.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const PAGE = readFileSync(`${REPO}docs/reading-a-tekton-pod.md`, "utf8");
const EXAMPLE = ["explain", "-f", "fixtures/examples/reading-a-pod/"];

interface Block {
  readonly marker: string;
  readonly text: string;
}

function blocks(page: string): Block[] {
  return [...page.matchAll(/<!-- ([^>]*?) -->\n```(?:yaml|text)\n([\s\S]*?)```\n/g)].map((m) => ({
    marker: m[1] as string,
    text: m[2] as string,
  }));
}

describe("docs/reading-a-tekton-pod.md", () => {
  const whole = (() => {
    let cached: ReturnType<typeof runBinary> | undefined;
    return () => {
      cached ??= runBinary(EXAMPLE);
      expect(cached.code).toBe(0);
      return cached;
    };
  })();

  it("walks through the Pod in excerpts of every kind", () => {
    const markers = blocks(PAGE).map((b) => b.marker.split(":")[0]);
    expect(markers.filter((m) => m === "explain").length).toBeGreaterThanOrEqual(6);
    expect(markers).toContain("excerpt");
    expect(markers).toContain("warnings");
  });

  for (const [i, block] of blocks(PAGE).entries()) {
    it(`block ${i + 1} (${block.marker}) is the CLI's own output`, () => {
      if (block.marker === "excerpt") {
        expect(whole().stdout).toContain(block.text);
      } else if (block.marker === "warnings") {
        expect(whole().stderr).toBe(block.text);
      } else {
        const args = block.marker.replace(/^explain: /, "").split(" ");
        const r = runBinary([...EXAMPLE, ...args]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(block.text);
      }
    });
  }
});

describe("docs/explain.md", () => {
  it("its API example shows the entries the package gives that argument of the example", () => {
    const page = readFileSync(`${REPO}docs/explain.md`, "utf8");
    const r = runBinary([...EXAMPLE, "--field", "spec.containers[1].args[13]", "-o", "json"]);
    expect(r.code).toBe(0);
    const { pointer, explanation } = JSON.parse(r.stdout) as {
      pointer: string;
      explanation: Record<string, { rule: string; from?: string; note: string }[]>;
    };
    expect(page).toContain(`explanation["${pointer}"]`);
    for (const entry of explanation[pointer] ?? []) {
      expect(page).toContain(`rule: "${entry.rule}"${entry.from === undefined ? "" : `, from: "${entry.from}"`}`);
      expect(page.replaceAll('\\"', '"').replace(/\n\/\/\s+/g, " ")).toContain(entry.note);
    }
  });
});
