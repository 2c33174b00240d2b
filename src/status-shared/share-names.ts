/** A shortcut both releases' `removeDuplicateResults` take. */

/**
 * Whether two of `items` may share a name: a fold usually has a handful of results, for which
 * comparing each pair is cheaper than the maps that removing duplicates builds; past 16, maybe.
 */
export function mayShareNames(items: readonly { readonly name: string }[]): boolean {
  if (items.length > 16) return true;
  for (let i = 1; i < items.length; i++) {
    const name = (items[i] as { readonly name: string }).name;
    for (let j = 0; j < i; j++) if ((items[j] as { readonly name: string }).name === name) return true;
  }
  return false;
}
