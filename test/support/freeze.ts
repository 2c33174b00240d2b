/**
 * Deep-freezes a value, so a test fails if the code under test mutates its input.
 * Iterative, because hostile inputs nest 10,000 levels deep.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    Object.freeze(v);
    for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  return value;
}

/** Whether any object inside `value` is frozen (an output must share nothing with frozen inputs). */
export function containsFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Object.isFrozen(value)) return true;
  return Object.keys(value).some((key) => containsFrozen((value as Record<string, unknown>)[key]));
}
