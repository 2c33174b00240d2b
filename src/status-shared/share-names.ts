/** Shortcuts both releases take before removing duplicate results or termination-message entries. */

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

/** Like {@link mayShareNames}, for termination-message entries and their keys. */
export function mayShareKeys(entries: readonly { readonly key: string }[]): boolean {
  if (entries.length > 16) return true;
  for (let i = 1; i < entries.length; i++) {
    const key = (entries[i] as { readonly key: string }).key;
    for (let j = 0; j < i; j++) if ((entries[j] as { readonly key: string }).key === key) return true;
  }
  return false;
}
