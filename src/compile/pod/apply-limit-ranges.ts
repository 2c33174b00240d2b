/**
 * Resource requests (pkg/pod/resource_request.go and getLimitRangeMinimum in pod.go,
 * v0.20.1): steps run one at a time, so only the step with the strictly largest request of
 * each of cpu, memory and ephemeral-storage keeps it (the first wins ties); every other step
 * requests the largest `min` any Container-type LimitRange sets, or 0. A step with no
 * requests at all gets every LimitRange minimum.
 */
import type { Container, LimitRange } from "kubernetes-types/core/v1.js";
import type { Immutable } from "../../api/types.js";
import { fail } from "../../errors.js";
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from "../../k8s/quantity.js";
import { setRecord } from "../../k8s/records.js";
import type { StepPath } from "./constants.js";

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

/** resolveResourceRequests over the step containers (sidecars keep their requests). */
export function applyLimitRanges(
  steps: readonly Container[],
  limitRangeMin: ReadonlyMap<string, Quantity>,
  stepPath: StepPath,
): Container[] {
  const max = new Map<string, { index: number; value: Quantity }>();
  const parsed = steps.map((step, i) => {
    const requests = step.resources?.requests;
    if (requests === undefined) return undefined;
    const values = new Map<string, Quantity>();
    for (const [name, text] of Object.entries(requests)) {
      const value = quantity(text, () => [...stepPath(i), "resources", "requests", name]);
      values.set(name, value);
      const current = max.get(name);
      if (compareQuantities(value, current?.value ?? ZERO) > 0) max.set(name, { index: i, value });
    }
    return values;
  });
  const minimums = new Map([...limitRangeMin].map(([name, value]) => [name, formatQuantity(value)]));
  return steps.map((step, i) => {
    const values = parsed[i];
    const requests: Record<string, string> = {};
    if (values === undefined) {
      for (const [name, text] of minimums) setRecord(requests, name, text);
    } else {
      for (const [name, value] of values) setRecord(requests, name, formatQuantity(value));
      for (const name of TRACKED) {
        if (max.get(name)?.index !== i) setRecord(requests, name, minimums.get(name) as string);
      }
    }
    return { ...step, resources: { ...step.resources, requests } };
  });
}
