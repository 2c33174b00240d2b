/**
 * What Tekton's substitution passes (pkg/substitution, the same in every release) share: each
 * pass replaces `$(key)` in one left-to-right scan, so a string goes through several passes in
 * one scan only while no pass can see what an earlier one put in.
 */

const DOLLAR = 36;
const OPEN = 40;

/**
 * Whether `value`, put between the characters `before` and `after` (-1 or NaN: none), holds or
 * makes a `$(`: a later pass would then see a reference that the text did not hold.
 */
export function makesReference(before: number, value: string, after: number): boolean {
  if (value.includes("$(")) return true;
  if (value === "") return before === DOLLAR && after === OPEN;
  return (
    (before === DOLLAR && value.charCodeAt(0) === OPEN) ||
    (value.charCodeAt(value.length - 1) === DOLLAR && after === OPEN)
  );
}
