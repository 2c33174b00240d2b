/**
 * A cheap test before a termination message is parsed a second time. Both releases look, when a
 * run fails, for the internal entry `Reason` = `TimeoutExceeded` in each terminated container's
 * message; the step fold parses the same messages anyway, so the failure message parses only
 * those that can hold that value.
 */

/**
 * Whether a termination message can decode to an entry whose value is `TimeoutExceeded`: it
 * must be written out, or spelled with a `\u` escape (the only other way JSON can write it).
 */
export function mayNameTimeout(message: string): boolean {
  return message.includes("TimeoutExceeded") || message.includes("\\u");
}
