/**
 * Resource requests (pkg/pod/resource_request.go and getLimitRangeMinimum in pod.go,
 * v0.20.1): steps run one at a time, so only the step with the strictly largest request of
 * each of cpu, memory and ephemeral-storage keeps it (the first wins ties); every other step
 * requests the largest `min` any Container-type LimitRange sets, or 0. A step with no
 * requests at all gets every LimitRange minimum.
 */
import type { Container, LimitRange } from "kubernetes-types/core/v1.js";
import type { Immutable } from "../../../api/types.js";
import { fail } from "../../../errors.js";
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from "../../../k8s/quantity.js";
import { setRecord } from "../../../k8s/records.js";
import type { StepPath } from "../../pod-contract.js";

const TRACKED = ["cpu", "memory", "ephemeral-storage"] as const;
const ZERO = parseQuantity("0") as Quantity;

/** Parses a request or LimitRange value; `path` is only built when the value is wrong. */
function quantity(text: unknown, path: () => readonly (string | number)[]): Quantity {
  const parsed = typeof text === "string" ? parseQuantity(text) : typeof text === "number" ? parseQuantity(String(text)) : undefined;
  if (parsed === undefined) {
    fail("admission", "invalid-value", path(),
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': got ${JSON.stringify(text)} (e.g. "500m", "1Gi")`);
  }
  return parsed;
}

/** The largest Container `min` per resource over all LimitRanges (0 where none is set). */
export function limitRangeMinimum(limitRanges: readonly Immutable<LimitRange>[]): Map<string, Quantity> {
  const zero = ZERO;
  const min = new Map<string, Quantity>(TRACKED.map((name) => [name, zero]));
  limitRanges.forEach((range, r) => {
    (range.spec?.limits ?? []).forEach((item, l) => {
      if (item.type !== "Container" || item.min === undefined) return;
      for (const [name, text] of Object.entries(item.min)) {
        const value = quantity(text, () => ["limitRanges", r, "spec", "limits", l, "min", name]);
        if (compareQuantities(value, min.get(name) ?? zero) > 0) min.set(name, value);
      }
    });
  });
  return min;
}

/** A step's requests, parsed; undefined when it requests nothing. */
export type StepRequests = ReadonlyMap<string, Quantity> | undefined;

/** Parses step `index`'s requests (an unparsable one is an admission error, as in Tekton). */
export function parseStepRequests(step: Container, index: number, stepPath: StepPath): StepRequests {
  const requests = step.resources?.requests;
  if (requests === undefined) return undefined;
  const values = new Map<string, Quantity>();
  for (const [name, text] of Object.entries(requests)) {
    values.set(name, quantity(text, () => [...stepPath(index), "resources", "requests", name]));
  }
  return values;
}

/** resolveResourceRequests' decision, from every step's parsed requests. */
export interface RequestPlan {
  /** Per resource, the step with the strictly largest request (the first on ties). */
  readonly largest: ReadonlyMap<string, number>;
  /** Per tracked resource, the LimitRange minimum every other step requests. */
  readonly minimums: ReadonlyMap<string, string>;
}

export function planRequests(steps: readonly StepRequests[], limitRangeMin: ReadonlyMap<string, Quantity>): RequestPlan {
  const max = new Map<string, { index: number; value: Quantity }>();
  steps.forEach((values, index) => {
    if (values === undefined) return;
    for (const [name, value] of values) {
      const current = max.get(name);
      if (compareQuantities(value, current?.value ?? ZERO) > 0) max.set(name, { index, value });
    }
  });
  return {
    largest: new Map([...max].map(([name, { index }]) => [name, index])),
    minimums: new Map([...limitRangeMin].map(([name, value]) => [name, formatQuantity(value)])),
  };
}

/** Step `index` with the requests the plan gives it (sidecars keep theirs). */
export function withRequests(step: Container, index: number, values: StepRequests, plan: RequestPlan): Container {
  const requests: Record<string, string> = {};
  if (values === undefined) {
    for (const [name, text] of plan.minimums) setRecord(requests, name, text);
  } else {
    for (const [name, value] of values) setRecord(requests, name, formatQuantity(value));
    for (const name of TRACKED) {
      if (plan.largest.get(name) !== index) setRecord(requests, name, plan.minimums.get(name) as string);
    }
  }
  return { ...step, resources: { ...step.resources, requests } };
}
