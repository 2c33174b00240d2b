/** Deep-freezes test inputs, so any write by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Whether any object inside `value` is frozen (an output must share nothing with frozen inputs). */
export function containsFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Object.isFrozen(value)) return true;
  return Object.keys(value).some((key) => containsFrozen((value as Record<string, unknown>)[key]));
}
