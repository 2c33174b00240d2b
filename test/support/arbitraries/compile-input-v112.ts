/**
 * Generated v1.12 inputs: the v0.20.1 property generator's, made into what a v1.12 cluster
 * serves — `tekton.dev/v1beta1` objects (converted by the profile as the webhook does), Tasks
 * instead of ClusterTasks, every image pinned by a digest (v1.12 always pins), and no limits
 * below the requests (v1.12 refuses those; v0.20.1 did not look).
 */
import type fc from "fast-check";
import type { CompileInput, CompileInputV112 } from "../../../src/index.js";
import { compileInputArb } from "./compile-input.js";

type Json = Record<string, unknown>;

/** A digest for an image the generator left unpinned: fixed per image, so the input stays deterministic. */
function digestFor(image: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < image.length; i++) hash = Math.imul(hash ^ image.charCodeAt(i), 0x01000193) >>> 0;
  return `sha256:${hash.toString(16).padStart(8, "0").repeat(8)}`;
}

function withoutLimits(container: Json | undefined): void {
  const resources = container?.["resources"] as Json | undefined;
  if (resources !== undefined) delete resources["limits"];
}

/** The v0.20.1 generator's input, as a v1.12 cluster would be given it. */
function forV112(generated: CompileInput): CompileInputV112 {
  const input = structuredClone(generated) as unknown as Json;
  delete input["pipelineResources"];
  const config = input["config"] as Json | undefined;
  if (config !== undefined) {
    for (const key of ["artifactPVC", "artifactBucket", "images"]) delete config[key];
  }
  const task = input["task"] as Json | undefined;
  if (task !== undefined && task["kind"] === "ClusterTask") task["kind"] = "Task";
  const taskRun = input["taskRun"] as { spec: Json };
  const ref = taskRun.spec["taskRef"] as Json | undefined;
  if (ref !== undefined && ref["kind"] === "ClusterTask") ref["kind"] = "Task";
  const spec = (task?.["spec"] ?? taskRun.spec["taskSpec"]) as Json | undefined;
  for (const key of ["steps", "sidecars"]) for (const c of (spec?.[key] ?? []) as Json[]) withoutLimits(c);
  withoutLimits(spec?.["stepTemplate"] as Json | undefined);
  const entrypoints = (input["imageEntrypoints"] ?? {}) as Record<string, unknown>;
  for (const [image, entry] of Object.entries(entrypoints)) {
    const record = Array.isArray(entry) ? { entrypoint: entry } : (entry as Json);
    entrypoints[image] = record["digest"] === undefined ? { ...record, digest: digestFor(image) } : record;
  }
  return input as unknown as CompileInputV112;
}

/** Generated inputs for the v1.12 profile. */
export const v112InputArb: fc.Arbitrary<CompileInputV112> = compileInputArb.map(forV112);
