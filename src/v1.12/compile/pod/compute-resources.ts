/**
 * Compute resources in Tekton v1.12: `stepSpecs`/`sidecarSpecs` overrides (MergeStepsWithSpecs),
 * TaskRun-level `computeResources` (internal/computeresources/tasklevel), and the two Pod
 * transformers — `default-container-resource-requirements` (internal/defaultresourcerequirements)
 * and LimitRange defaults for step containers (internal/computeresources, limitrange).
 */
import type { Container, LimitRange, ResourceRequirements } from "kubernetes-types/core/v1.js";
import { copyData, copyObject, copyWith } from "../../../k8s/copy-object.js";
import {
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  type Quantity,
  type QuantityFormat,
} from "../../../k8s/quantity.js";
import { setRecord } from "../../../k8s/records.js";
import type { Immutable } from "../../api/types.js";
import { STEP_PREFIX } from "./constants.js";

type ResourceList = Record<string, string>;

const RESOURCE_NAMES = ["cpu", "memory", "ephemeral-storage"] as const;
const ZERO: Quantity = { mantissa: 0n, exponent: 0, format: "DecimalSI" };

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** `ScaledValue(scale)`: the value in units of 10^scale, rounded up. */
function scaledValue(q: Quantity, scale: number): bigint {
  const shift = q.exponent - scale;
  if (shift >= 0) return q.mantissa * pow10(shift);
  const d = pow10(-shift);
  const quotient = q.mantissa / d;
  return q.mantissa % d !== 0n && q.mantissa > 0n ? quotient + 1n : quotient;
}

function quantity(text: string | undefined): Quantity {
  if (text === undefined) return ZERO;
  return parseQuantity(String(text)) ?? ZERO;
}

function isZero(q: Quantity): boolean {
  return q.mantissa === 0n;
}

/** `NewQuantity(v, f)` / `NewMilliQuantity(v, f)` of the average of `q` over `n`. */
function divide(name: string, q: Quantity, n: number): Quantity {
  const format: QuantityFormat = q.format;
  if (name === "memory" || name === "ephemeral-storage")
    return { mantissa: scaledValue(q, 0) / BigInt(n), exponent: 0, format };
  return { mantissa: scaledValue(q, -3) / BigInt(n), exponent: -3, format };
}

function maxRequest(...qs: Quantity[]): Quantity {
  let max = ZERO;
  for (const q of qs) if (compareQuantities(q, max) > 0) max = q;
  return max;
}

function minLimit(...qs: Quantity[]): Quantity {
  let min = ZERO;
  for (const q of qs) {
    if (isZero(min)) min = q;
    else if (compareQuantities(q, min) < 0) min = q;
  }
  return min;
}

/** `MergeStepsWithSpecs` for one container: the override's requests and limits win key by key. */
export function mergeResources(
  base: ResourceRequirements | undefined,
  override: Immutable<ResourceRequirements> | undefined,
): ResourceRequirements | undefined {
  if (override === undefined) return base;
  const out: ResourceRequirements = { ...(base ?? {}) };
  for (const key of ["limits", "requests"] as const) {
    const o = override[key];
    if (o !== undefined) out[key] = { ...(base?.[key] ?? {}), ...(o as ResourceList) };
  }
  if (override.claims !== undefined)
    out.claims = structuredClone(override.claims) as NonNullable<ResourceRequirements["claims"]>;
  return out;
}

function average(list: Immutable<Record<string, string>> | undefined, steps: number): ResourceList | undefined {
  if (list === undefined || Object.keys(list).length === 0 || steps === 0) return undefined;
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(list)) out[k] = formatQuantity(divide(k, quantity(String(v)), steps));
  return out;
}

/** `ApplyTaskLevelComputeResources`: every step's requests become the average, its limits the TaskRun's. */
export function applyTaskLevelResources<T extends { computeResources?: ResourceRequirements }>(
  steps: T[],
  task: Immutable<ResourceRequirements> | undefined,
): void {
  if (task === undefined || (task.requests === undefined && task.limits === undefined)) return;
  const requests = average(task.requests as Record<string, string> | undefined, steps.length);
  const limits = average(task.limits as Record<string, string> | undefined, steps.length);
  for (const step of steps) {
    const r: ResourceRequirements = { ...(step.computeResources ?? {}) };
    const next = r.requests === undefined && task.requests === undefined ? limits : requests;
    if (next !== undefined) r.requests = next;
    else delete r.requests;
    if (task.limits !== undefined) r.limits = { ...(task.limits as ResourceList) };
    else delete r.limits;
    step.computeResources = r;
  }
}

function resourcesEmpty(r: ResourceRequirements | undefined): boolean {
  return (
    r === undefined ||
    ((r.limits === undefined || Object.keys(r.limits).length === 0) &&
      (r.requests === undefined || Object.keys(r.requests).length === 0) &&
      (r.claims === undefined || r.claims.length === 0))
  );
}

/** The `default-container-resource-requirements` transformer: containers without resources take the configured ones. */
export function applyDefaultResourceRequirements(
  containers: { init: Container[]; main: Container[] },
  config: Immutable<Record<string, ResourceRequirements>> | undefined,
  given?: (container: Container, position: number, key: string) => void,
): void {
  if (config === undefined || Object.keys(config).length === 0) return;
  const all = [...containers.init, ...containers.main];
  const give = (key: string, match: (c: Container) => boolean, r: Immutable<ResourceRequirements>) => {
    if (resourcesEmpty(r as ResourceRequirements)) return;
    all.forEach((c, position) => {
      if (!match(c) || !resourcesEmpty(c.resources)) return;
      c.resources = copyData(r) as ResourceRequirements;
      given?.(c, position, key);
    });
  };
  const entries = Object.entries(config).filter(([k]) => k !== "default");
  for (const [k, r] of entries) if (!k.startsWith("prefix-")) give(k, (c) => c.name === k, r);
  for (const [k, r] of entries) {
    if (!k.startsWith("prefix-")) continue;
    const prefix = `${k.replace("prefix-", "")}-`;
    give(k, (c) => c.name.startsWith(prefix), r);
  }
  const fallback = config["default"];
  if (Object.hasOwn(config, "default") && fallback !== undefined) give("default", () => true, fallback);
}

interface LimitItem {
  type?: string;
  min?: Record<string, Quantity>;
  defaultRequest?: Record<string, Quantity>;
}

function toQuantities(list: Immutable<Record<string, unknown>> | undefined): Record<string, Quantity> | undefined {
  if (list === undefined) return undefined;
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(list)) setRecord(out, k, quantity(String(v)));
  return out;
}

/** `GetVirtualLimitRange`: one LimitRange as is; several folded into the most restrictive one. */
function virtualLimitRange(limitRanges: readonly Immutable<LimitRange>[]): LimitItem[] | undefined {
  const [first, ...others] = limitRanges;
  if (first === undefined) return undefined;
  if (others.length === 0) {
    return (first.spec?.limits ?? []).map((item) => {
      const out: LimitItem = { type: item.type };
      const min = toQuantities(item.min as Record<string, unknown> | undefined);
      const dr = toQuantities(item.defaultRequest as Record<string, unknown> | undefined);
      if (min !== undefined) out.min = min;
      if (dr !== undefined) out.defaultRequest = dr;
      return out;
    });
  }
  const byType = new Map<
    string,
    { min: Record<string, Quantity>; max: Record<string, Quantity>; defaultRequest: Record<string, Quantity> }
  >();
  // Default requests are folded after every minimum and maximum is known, item by item in the same order.
  const withDefaults: { m: { defaultRequest: Record<string, Quantity> }; defaultRequest: unknown }[] = [];
  for (const lr of limitRanges) {
    for (const item of lr.spec?.limits ?? []) {
      let m = byType.get(item.type);
      if (m === undefined) {
        m = { min: {}, max: {}, defaultRequest: {} };
        byType.set(item.type, m);
      }
      withDefaults.push({ m, defaultRequest: item.defaultRequest });
      const min = toQuantities(item.min as Record<string, unknown> | undefined) ?? {};
      const max = toQuantities(item.max as Record<string, unknown> | undefined) ?? {};
      for (const name of RESOURCE_NAMES) {
        m.min[name] = maxRequest(m.min[name] ?? ZERO, min[name] ?? ZERO);
        m.max[name] = minLimit(m.max[name] ?? ZERO, max[name] ?? ZERO);
      }
    }
  }
  for (const { m, defaultRequest } of withDefaults) {
    const dr = toQuantities(defaultRequest as Record<string, unknown> | undefined) ?? {};
    for (const name of RESOURCE_NAMES) {
      const a = m.defaultRequest[name] ?? ZERO;
      const b = dr[name] ?? ZERO;
      m.defaultRequest[name] = isZero(a) || compareQuantities(a, b) > 0 ? b : a;
    }
  }
  return [...byType].map(([type, m]) => ({ type, min: m.min, defaultRequest: m.defaultRequest }));
}

/**
 * The LimitRange transformer: a step container without requests gets the LimitRange's default
 * request divided among the steps (at least the minimum); one with requests gets that value
 * for each of cpu, memory and ephemeral-storage it leaves at zero.
 */
export function applyLimitRangeDefaults(
  containers: Container[],
  limitRanges: readonly Immutable<LimitRange>[],
  defaulted?: (index: number, name: string) => void,
): void {
  const items = virtualLimitRange(limitRanges);
  if (items === undefined) return;
  const steps = containers.filter((c) => c.name.startsWith(STEP_PREFIX)).length;
  const defaults: Record<string, Quantity> = {};
  for (const item of items) {
    if (item.type !== "Container") continue;
    for (const name of RESOURCE_NAMES) {
      const dr = item.defaultRequest?.[name] ?? ZERO;
      const min = item.min?.[name] ?? ZERO;
      const result = maxRequest(defaults[name] ?? ZERO, isZero(dr) ? ZERO : divide(name, dr, steps), min);
      if (!isZero(result)) defaults[name] = result;
    }
  }
  const defaultList =
    Object.keys(defaults).length === 0
      ? undefined
      : Object.fromEntries(Object.entries(defaults).map(([k, q]) => [k, formatQuantity(q)]));
  containers.forEach((c, index) => {
    if (!c.name.startsWith(STEP_PREFIX)) return;
    const requests = c.resources?.requests as ResourceList | undefined;
    // Copies by copyObject/copyWith, not spreads: fields are added to them (see copyObject).
    if (requests === undefined) {
      if (defaultList !== undefined) {
        c.resources = copyWith(c.resources ?? {}, { requests: copyObject(defaultList) });
        if (defaulted !== undefined) for (const name of Object.keys(defaultList)) defaulted(index, name);
      }
      return;
    }
    const updated: ResourceList = copyObject(requests);
    for (const name of RESOURCE_NAMES) {
      const fallback = defaults[name];
      if (isZero(quantity(updated[name])) && fallback !== undefined && !isZero(fallback)) {
        updated[name] = formatQuantity(fallback);
        defaulted?.(index, name);
      }
    }
    c.resources = { ...c.resources, requests: updated };
  });
}

/** Resource lists as Kubernetes prints them back: canonical quantities, keys sorted. */
export function canonicalResources(r: ResourceRequirements | undefined): ResourceRequirements | undefined {
  if (r === undefined) return undefined;
  const out: ResourceRequirements = {};
  for (const key of ["limits", "requests"] as const) {
    const list = r[key] as ResourceList | undefined;
    if (list === undefined) continue;
    const sorted: ResourceList = {};
    for (const k of Object.keys(list).sort())
      setRecord(sorted, k, canonicalQuantity(String(list[k])) ?? String(list[k]));
    out[key] = sorted;
  }
  if (r.claims !== undefined) out.claims = r.claims;
  return out;
}
