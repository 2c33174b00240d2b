/**
 * Resource requests (pkg/pod/resource_request.go and getLimitRangeMinimum in pod.go,
 * v0.20.1): steps run one at a time, so only the step with the strictly largest request of
 * each of cpu, memory and ephemeral-storage keeps it (the first wins ties); every other step
 * requests the largest `min` any Container-type LimitRange sets, or 0. A step with no
 * requests at all gets every LimitRange minimum.
 */
import type { Container, LimitRange } from "kubernetes-types/core/v1.js";
import type { Immutable } from "../../../api/types.js";
import type { Issue, PathSegment, StepPath } from "../../../errors.js";
import { type Checked, issue, passed, stopped } from "../../../errors.js";
import type { Explainer, Location } from "../../../explain/index.js";
import { sortGoStrings } from "../../../k8s/go-strings.js";
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from "../../../k8s/quantity.js";
import { setRecord } from "../../../k8s/records.js";

const TRACKED = ["cpu", "memory", "ephemeral-storage"] as const;
const ZERO = parseQuantity("0") as Quantity;

/** Parses a request or LimitRange value; `path` is only built when the value is wrong. */
function quantity(text: unknown, path: () => readonly (string | number)[]): Checked<Quantity> {
  const parsed =
    typeof text === "string" ? parseQuantity(text) : typeof text === "number" ? parseQuantity(String(text)) : undefined;
  if (parsed === undefined) {
    return stopped(
      "invalid-value",
      path(),
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': got ${JSON.stringify(text)} (e.g. "500m", "1Gi")`,
    );
  }
  return passed(parsed);
}

/**
 * The largest Container `min` per resource over all LimitRanges (0 where none is set); stops
 * at the first value that is not a quantity (an admission error in Tekton).
 */
export function limitRangeMinimum(
  limitRanges: readonly Immutable<LimitRange>[],
  sources?: Map<string, PathSegment[]>,
): Checked<Map<string, Quantity>> {
  const zero = ZERO;
  const min = new Map<string, Quantity>(TRACKED.map((name) => [name, zero]));
  for (let r = 0; r < limitRanges.length; r++) {
    const limits = limitRanges[r]?.spec?.limits ?? [];
    for (let l = 0; l < limits.length; l++) {
      const item = limits[l];
      if (item?.type !== "Container" || item.min === undefined) continue;
      for (const [name, text] of Object.entries(item.min)) {
        const value = quantity(text, () => ["limitRanges", r, "spec", "limits", l, "min", name]);
        if (!value.ok) return value;
        if (compareQuantities(value.value, min.get(name) ?? zero) > 0) {
          min.set(name, value.value);
          sources?.set(name, ["limitRanges", r, "spec", "limits", l, "min", name]);
        }
      }
    }
  }
  return passed(min);
}

/** A step's requests, parsed; undefined when it requests nothing. */
export type StepRequests = ReadonlyMap<string, Quantity> | undefined;

/** Parses step `index`'s requests (an unparsable one is an admission error, as in Tekton). */
export function parseStepRequests(step: Container, index: number, stepPath: StepPath): Checked<StepRequests> {
  const requests = step.resources?.requests;
  if (requests === undefined) return passed(undefined);
  const values = new Map<string, Quantity>();
  for (const [name, text] of Object.entries(requests)) {
    const value = quantity(text, () => [...stepPath(index), "resources", "requests", name]);
    if (!value.ok) return value;
    values.set(name, value.value);
  }
  return passed(values);
}

/** resolveResourceRequests' decision, from every step's parsed requests. */
export interface RequestPlan {
  /** Per resource, the step with the strictly largest request (the first on ties). */
  readonly largest: ReadonlyMap<string, number>;
  /** Per tracked resource, the LimitRange minimum every other step requests. */
  readonly minimums: ReadonlyMap<string, string>;
  /**
   * The requests of a step that requests nothing: every minimum, in the order Go writes a map
   * (sorted), so that the output encoder need not sort each step's copy.
   */
  readonly minimumRequests: readonly (readonly [string, string])[];
}

/** resolveResourceRequests: which step keeps each of its requests, and what the others request. */
export function planRequests(
  steps: readonly StepRequests[],
  limitRangeMin: ReadonlyMap<string, Quantity>,
): RequestPlan {
  const max = new Map<string, { index: number; value: Quantity }>();
  steps.forEach((values, index) => {
    if (values === undefined) return;
    for (const [name, value] of values) {
      const current = max.get(name);
      if (compareQuantities(value, current?.value ?? ZERO) > 0) max.set(name, { index, value });
    }
  });
  const minimums = new Map([...limitRangeMin].map(([name, value]) => [name, formatQuantity(value)]));
  return {
    largest: new Map([...max].map(([name, { index }]) => [name, index])),
    minimums,
    minimumRequests: sortGoStrings([...minimums.keys()]).map((name) => [name, minimums.get(name) as string] as const),
  };
}

/** What an explanation of the requests needs: the collector, where the step is, and the LimitRange minimums' sources. */
export interface RequestsExplain {
  readonly explain: Explainer;
  readonly at: Location;
  readonly minimumSources: ReadonlyMap<string, PathSegment[]>;
}

/** Sets on step `index` the requests the plan gives it (sidecars keep theirs). */
export function setRequests(
  step: Container,
  index: number,
  values: StepRequests,
  plan: RequestPlan,
  explaining?: RequestsExplain,
): void {
  const requests: Record<string, string> = {};
  if (values === undefined) {
    for (const [name, text] of plan.minimumRequests) setRecord(requests, name, text);
    if (explaining !== undefined) for (const name of plan.minimums.keys()) explainOther(explaining, name, false);
  } else {
    for (const [name, value] of values) setRecord(requests, name, formatQuantity(value));
    for (const name of TRACKED) {
      if (plan.largest.get(name) !== index) {
        setRecord(requests, name, plan.minimums.get(name) as string);
        if (explaining !== undefined) {
          const own = values.get(name);
          explainOther(explaining, name, own !== undefined && formatQuantity(own) !== plan.minimums.get(name));
        }
      } else if (explaining !== undefined) {
        explaining.explain.add(
          [...explaining.at, "resources", "requests", name],
          "largest-request-kept",
          `This step requests the most ${name} of all steps, so it keeps its request: steps run one at a time.`,
        );
      }
    }
  }
  // The requests replace the step's own; its other fields are kept, in Go's order.
  const own = step.resources;
  const resources: NonNullable<Container["resources"]> = {};
  if (own?.limits !== undefined) resources.limits = own.limits;
  resources.requests = requests;
  if (own?.claims !== undefined) resources.claims = own.claims;
  step.resources = resources;
}

/** The explanation of a request the plan set to the LimitRange minimum (or 0). */
function explainOther({ explain, at, minimumSources }: RequestsExplain, name: string, own: boolean): void {
  const where = [...at, "resources", "requests", name];
  if (own) {
    explain.drop(where);
    explain.add(
      where,
      "quirk-request-not-kept",
      `Another step requests more ${name}, so this step's own request is replaced: Tekton v0.20.1 keeps only the largest.`,
    );
  }
  const source = minimumSources.get(name);
  if (source !== undefined) {
    explain.add(
      where,
      "limitrange-min-for-others",
      `The largest Container min for ${name} of the LimitRanges.`,
      source,
    );
  } else {
    explain.add(where, "zero-request-for-others", `No LimitRange sets a min for ${name}, so this step requests 0.`);
  }
}

/**
 * The warnings of resolveResourceRequests: each step's own request of cpu, memory or
 * ephemeral-storage that another step's larger one replaces.
 */
export function requestsNotKept(steps: readonly StepRequests[], plan: RequestPlan, stepPath: StepPath): Issue[] {
  const issues: Issue[] = [];
  steps.forEach((values, index) => {
    if (values === undefined) return;
    for (const name of TRACKED) {
      if (!values.has(name) || plan.largest.get(name) === index) continue;
      const own = formatQuantity(values.get(name) as Quantity);
      const replacement = plan.minimums.get(name) as string;
      if (own === replacement) continue;
      const largest = plan.largest.get(name);
      issues.push(
        issue(
          "request-not-kept",
          [...stepPath(index), "resources", "requests", name],
          `step ${index} requests ${own} of ${name}, but its container requests ${replacement}: Tekton v0.20.1 keeps ` +
            `only the largest request${largest === undefined ? "" : ` (step ${largest}'s)`}, since steps run one at a time`,
        ),
      );
    }
  });
  return issues;
}
