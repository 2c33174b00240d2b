/** Loading and normalizing conformance cases (format: fixtures/conformance/README.md). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The project's own cases (written for this project, so they may live in the repository). */
export const CASES_DIR = fileURLToPath(new URL("../../fixtures/conformance/", import.meta.url));

/**
 * The shared conformance corpora beside the project (`../shared/conformance`). Third-party cases
 * (`example-*`, `catalog-*`) are only ever read from there, never copied into the repository.
 */
export const SHARED_CONFORMANCE_DIR = fileURLToPath(new URL("../../../shared/conformance/", import.meta.url));

/** Every v0.20.1 case of ../shared: the project's own (also copied into fixtures/), `seed-*` and `example-*`. */
export const SHARED_CASES_DIR = fileURLToPath(new URL("../../../shared/conformance/cases/", import.meta.url));

/** The 111 Tekton catalog Tasks, v0.20.1. */
export const SHARED_CATALOG_DIR = fileURLToPath(new URL("../../../shared/conformance/catalog/cases/", import.meta.url));

/** The v1.12.2 corpus. */
export const SHARED_V112_DIR = fileURLToPath(new URL("../../../shared/conformance/v1.12/cases/", import.meta.url));

export interface ConformanceCase {
  name: string;
  kind: "compile" | "status";
  description?: string;
  tags?: string[];
  area: "core" | "resources" | "creds" | "errors" | "status";
  now?: string;
  profile?: string;
  input: Record<string, unknown>;
  expected: {
    pod?: unknown;
    persistentVolumeClaims?: unknown[];
    error?: { stage: string; reason?: string; message: string };
    status?: unknown;
    statusV1beta1?: unknown;
  };
}

/** A set of cases read from one folder; `missing` says why none could be read. */
export interface Corpus {
  readonly name: string;
  readonly cases: readonly ConformanceCase[];
  readonly missing?: string;
}

function readCorpus(name: string, dir: string, keep: (file: string) => boolean): Corpus {
  if (!existsSync(dir))
    return { name, cases: [], missing: `${dir} is absent (clone the project beside shared/ to run it)` };
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && keep(f))
    .sort()
    .map((f) => parse(readFileSync(join(dir, f), "utf8")) as ConformanceCase);
  return { name, cases };
}

/**
 * Every corpus whose expected output Tekton v0.20.1 produced: all of ../shared/conformance/cases
 * and the catalog. A clone without ../shared runs the project's own copies in fixtures/ instead,
 * and says which corpora it could not run.
 */
export function loadV0201Corpora(): Corpus[] {
  const shared = readCorpus("v0.20.1 cases", SHARED_CASES_DIR, () => true);
  return [
    shared.missing === undefined ? shared : readCorpus("v0.20.1 project cases (fixtures/)", CASES_DIR, () => true),
    ...(shared.missing === undefined ? [] : [shared]),
    readCorpus("v0.20.1 Tekton catalog", SHARED_CATALOG_DIR, () => true),
  ];
}

/** The corpus whose expected output Tekton v1.12.2 produced (project, example and catalog cases). */
export function loadV112Corpus(): Corpus {
  return readCorpus("v1.12", SHARED_V112_DIR, () => true);
}

/** The v0.20.1 cases the stage tests read: every case of ../shared/conformance/cases (fixtures/ without it). */
export function loadCases(): ConformanceCase[] {
  const [cases] = loadV0201Corpora();
  return [...(cases?.cases ?? [])];
}

/** One v0.20.1 case by name, from ../shared (a project case falls back to its copy in fixtures/). */
export function loadCase(name: string): ConformanceCase {
  const dir = existsSync(join(SHARED_CASES_DIR, `${name}.yaml`)) ? SHARED_CASES_DIR : CASES_DIR;
  return parse(readFileSync(join(dir, `${name}.yaml`), "utf8")) as ConformanceCase;
}

const SUFFIX = /(?<=[A-Za-z0-9.-])-([bcdfghjklmnpqrstvwxz2456789]{5})(?![A-Za-z0-9-])/g;

/**
 * The comparison normalization of the conformance README: drop null/empty values (but keep
 * `emptyDir: {}`) and `creationTimestamp`, sort keys, mask long generated container names,
 * and rename random-looking suffixes by first appearance.
 */
export function normalize(value: unknown): unknown {
  const pruned = prune(value, undefined);
  const text = JSON.stringify(pruned ?? null);
  const seen = new Map<string, string>();
  const renamed = text.replace(SUFFIX, (_m, s: string) => {
    let id = seen.get(s);
    if (id === undefined) {
      id = `-#${seen.size + 1}`;
      seen.set(s, id);
    }
    return id;
  });
  return JSON.parse(renamed);
}

function prune(value: unknown, key: string | undefined): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => prune(v, undefined) ?? null);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (k === "creationTimestamp") continue;
      let v = prune((value as Record<string, unknown>)[k], k);
      if (k === "name" && key === undefined && typeof v === "string" && isGeneratedResourceStep(value, v)) {
        v = `${v.slice(0, -5)}#####`;
      }
      if (v !== undefined) out[k] = v;
    }
    if (Object.keys(out).length === 0 && key !== "emptyDir") return undefined;
    return out;
  }
  return value;
}

/** PipelineResource steps get a generated name that the 63-character cut may have clipped. */
const GENERATED_STEP =
  /^step-(create-dir|git-source|pr-source|image-digest-exporter|upload|fetch|download|source-copy|source-mkdir|kubeconfig|storage|artifact)-/;

function isGeneratedResourceStep(container: object, name: string): boolean {
  return "image" in container && name.length >= 62 && GENERATED_STEP.test(name);
}
