export { deepFreeze } from "../support/freeze.js";

/** Whether any object inside `value` is frozen (an output must share nothing with frozen inputs). */
export function containsFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Object.isFrozen(value)) return true;
  return Object.keys(value).some((key) => containsFrozen((value as Record<string, unknown>)[key]));
}
