/** Shared pieces of the compiler property tests: run counts, result access, deep scribbling. */
import type { Container, Pod } from "kubernetes-types/core/v1.js";
import type { CompileInput } from "../../src/api/types.js";
import type { CompileResult } from "../../src/index.js";
import { api } from "../support/api.js";

/** Runs per property: enough to meet every generator branch, few enough to stay fast. */
export const RUNS = 150;

/** Compiles a generated input, failing with the issues (not a bare stack) if it is rejected. */
export function compile(input: CompileInput): CompileResult {
  try {
    return api.compileTaskRun(input);
  } catch (error) {
    if (error instanceof api.CompileError) {
      throw new Error(`a generated input was rejected at ${error.stage}: ${JSON.stringify(error.issues, null, 2)}`);
    }
    throw error;
  }
}

/** Init containers then containers, as the kubelet sees them. */
export function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

/**
 * Changes everything reachable from `value` in place: appends to every string, array and
 * object. Shared sub-objects are visited once.
 */
export function scribble(value: unknown, seen: Set<object> = new Set()): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === "string") value[i] = `${item}!`;
      else scribble(item, seen);
    });
    value.push("scribbled");
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") record[key] = `${item}!`;
    else if (typeof item === "number") record[key] = item + 1;
    else scribble(item, seen);
  }
  record["scribbled"] = true;
}

/** Kubernetes DNS-1123 label. */
export const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
