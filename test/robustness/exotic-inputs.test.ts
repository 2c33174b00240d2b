/**
 * Hostile JavaScript values (test/support/arbitraries/exotic.ts: Proxies, class instances,
 * lists with extra properties or endless iterators, cycles, an exponentially large DAG,
 * functions, symbols, bigints …) planted at chosen places of a valid input. compileTaskRun
 * must give a Pod or a CompileError and the fold a status, within a CPU-time budget, leaving
 * the input as it was (it is frozen) and Object.prototype and Array.prototype untouched.
 * A getter that answers differently on each read is outside the contract (see docs/api.md) and
 * is only required not to hang or pollute.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { CompileInput } from "../../src/api/types.js";
import { api } from "../support/api.js";
import { EXOTIC_VALUES, plantAt } from "../support/arbitraries/exotic.js";
import { deepFreeze } from "../support/freeze.js";

const prototypeKeys = (): string[] =>
  [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)].sort();
const pristine = prototypeKeys();

afterEach(() => {
  expect(prototypeKeys()).toEqual(pristine);
  expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
});

const base = deepFreeze({
  taskRun: {
    apiVersion: "tekton.dev/v1beta1",
    kind: "TaskRun",
    metadata: { name: "exotic", namespace: "ns", labels: { app: "a" } },
    spec: {
      params: [{ name: "p", value: "v" }],
      taskSpec: {
        params: [{ name: "p" }],
        steps: [
          { name: "s", image: "alpine", command: ["echo"], args: ["$(params.p)"], env: [{ name: "E", value: "e" }] },
        ],
      },
    },
  },
  secrets: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "sec" }, data: { k: "dg==" } }],
  config: { defaults: { "default-timeout-minutes": "30" } },
});

const SITES: readonly (readonly (string | number)[])[] = [
  [],
  ["taskRun"],
  ["taskRun", "metadata"],
  ["taskRun", "metadata", "labels"],
  ["taskRun", "status"],
  ["taskRun", "spec", "params"],
  ["taskRun", "spec", "taskSpec", "steps"],
  ["taskRun", "spec", "taskSpec", "steps", 0],
  ["taskRun", "spec", "taskSpec", "steps", 0, "args"],
  ["taskRun", "spec", "taskSpec", "steps", 0, "env", 0],
  ["secrets", 0, "data"],
  ["config", "defaults"],
  ["imageEntrypoints"],
  ["taskRun", "spec", "taskSpec", "x-unknown"],
];

function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

describe.each(EXOTIC_VALUES.map((v) => [v.name, v] as const))("%s", (name, exotic) => {
  const outsideContract = name === "shifty getter";

  test.each(SITES.map((site) => [site.join(".") || "(the input)", site] as const))(
    "compile, planted at %s",
    (_label, site) => {
      const input = plantAt(base, site, exotic.make());
      const ms = cpuMs(() => {
        try {
          const result = api.compileTaskRun(input as CompileInput);
          expect(result.pod).toBeTypeOf("object");
        } catch (error) {
          if (outsideContract) return;
          if (!(error instanceof api.CompileError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
      });
      expect(ms).toBeLessThan(2_000);
    },
  );

  test.each([
    ["pod.status", ["pod", "status"]],
    ["pod.status.containerStatuses", ["pod", "status", "containerStatuses"]],
    ["pod.status.containerStatuses[0]", ["pod", "status", "containerStatuses", 0]],
    ["taskRun.status", ["taskRun", "status"]],
    ["taskRun", ["taskRun"]],
  ] as const)("fold, planted at %s", (_label, site) => {
    const foldBase = deepFreeze({
      taskRun: { metadata: { name: "tr" }, spec: {}, status: { podName: "p" } },
      pod: {
        metadata: { name: "p" },
        status: {
          phase: "Running",
          containerStatuses: [{ name: "step-a", state: { running: { startedAt: "2020-12-01T10:00:00Z" } } }],
        },
      },
    });
    const input = plantAt(foldBase, site, exotic.make());
    const ms = cpuMs(() => {
      try {
        const status = api.foldTaskRunStatus(input as never, { now: "2020-12-01T10:05:00Z" });
        expect(status).toBeTypeOf("object");
      } catch (error) {
        if (!outsideContract) throw error;
      }
    });
    expect(ms).toBeLessThan(2_000);
  });
});
