/**
 * Every compile conformance case, taken apart into the Kubernetes documents a user would have
 * (TaskRun, Task, LimitRanges, ServiceAccount, Secrets, PipelineResources, ConfigMaps) and an
 * --images file, shuffled and spread over files, a directory and stdin, must give — through
 * `runCli` — the case's expected Pod, or be rejected at the case's stage. This pins down that
 * the CLI sorts documents into the compile input exactly as the case's `input:` block says,
 * whatever their order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { type ConformanceCase, loadCases, normalize } from "../support/cases.js";
import { SEED } from "../support/seed.js";
import { run } from "./helpers.js";

const CONFIG_MAPS: Record<string, string> = {
  defaults: "config-defaults",
  featureFlags: "feature-flags",
  artifactPVC: "config-artifact-pvc",
  artifactBucket: "config-artifact-bucket",
};

/** The documents of a case input, or why the CLI cannot express it. */
function documentsOf(input: Record<string, unknown>): { documents: unknown[]; images?: unknown } | { skip: string } {
  const config = (input["config"] ?? {}) as Record<string, unknown>;
  const inexpressible = Object.keys(config).filter((k) => !(k in CONFIG_MAPS));
  if (inexpressible.length > 0) return { skip: `config.${inexpressible.join(", config.")} has no document form` };
  const documents: unknown[] = [input["taskRun"]];
  if (input["task"] !== undefined) documents.push(input["task"]);
  if (input["serviceAccount"] !== undefined) documents.push(input["serviceAccount"]);
  for (const key of ["limitRanges", "secrets", "pipelineResources"])
    documents.push(...((input[key] ?? []) as unknown[]));
  for (const [key, name] of Object.entries(CONFIG_MAPS)) {
    if (config[key] !== undefined)
      documents.push({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, namespace: "tekton-pipelines" },
        data: config[key],
      });
  }
  return { documents, ...(input["imageEntrypoints"] !== undefined ? { images: input["imageEntrypoints"] } : {}) };
}

const STAGES: Record<string, string> = { validation: "admission", resolution: "resolution", build: "build" };

const cases = loadCases().filter((c): c is ConformanceCase => c.kind === "compile");

const prepared = cases.flatMap((c) => {
  const docs = documentsOf(c.input);
  return "skip" in docs ? [] : [{ c, ...docs }];
});
const skipped = cases.filter((c) => "skip" in documentsOf(c.input)).map((c) => c.name);

describe("compile conformance cases through the CLI", () => {
  it("can express almost every case as documents (only config.images / config.version cannot be)", () => {
    expect(skipped.length, skipped.join(", ")).toBeLessThan(15);
    expect(prepared.length).toBeGreaterThan(200);
  });

  it.each(prepared.map((p, i) => [p.c.name, p, i] as const))("%s", async (_name, { c, documents, images }, index) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 2 }), { minLength: documents.length, maxLength: documents.length }),
        fc.integer(),
        async (placements, shuffleSeed) => {
          const shuffled = shuffle(documents, shuffleSeed);
          const files: Record<string, string> = {};
          const stdin: unknown[] = [];
          const argv = ["compile"];
          shuffled.forEach((doc, i) => {
            const where = placements[i];
            if (where === 0) stdin.push(doc);
            else if (where === 1) files[`dir/${String(i).padStart(2, "0")}.yaml`] = stringify(doc);
            else files[`file-${i}.json`] = JSON.stringify(doc);
          });
          if (Object.keys(files).some((f) => f.startsWith("dir/"))) argv.push("-f", "dir");
          for (const f of Object.keys(files).filter((f) => f.startsWith("file-"))) argv.push("-f", f);
          if (stdin.length > 0) argv.push("-f", "-");
          if (images !== undefined) {
            files["images.yaml"] = stringify(images);
            argv.push("--images", "images.yaml");
          }
          const r = await run(argv, { files, stdin: stdin.map((d) => `---\n${stringify(d)}`).join("") });
          if (c.expected.pod !== undefined) {
            expect(r.stderr).not.toContain("error");
            expect(r.code).toBe(0);
            // Every object Tekton creates: the PVCs, then the Pod.
            const objects = parseAllDocuments(r.stdout).map((d) => d.toJS() as unknown);
            expect(normalize(objects)).toEqual(
              normalize([...(c.expected.persistentVolumeClaims ?? []), c.expected.pod]),
            );
          } else {
            const stage = c.expected.error?.stage ?? "";
            expect(r.code, r.stderr).toBe(1);
            expect(r.stdout).toBe("");
            if (stage in STAGES) expect(r.stderr).toContain(`stops at ${STAGES[stage]}`);
          }
        },
      ),
      { seed: SEED + index, numRuns: 2 },
    );
  });
});

/** A deterministic Fisher–Yates shuffle driven by `seed`. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
