/**
 * Duplicate mapping keys, found in linear time. The `yaml` package's own check compares each
 * key with every earlier key of its mapping (even with a custom `uniqueKeys` comparison), which
 * is quadratic: a mapping of 40,000 keys takes half a minute. Readers parse with
 * `uniqueKeys: false` and ask this instead, which remembers the keys of each mapping in a set.
 * Keys are equal as the package's default check has them: the same scalar value (a number
 * `1` and a string `"1"` differ), or the same node. The walk is iterative, so nesting depth
 * does not matter.
 */
import { type Document, isAlias, isCollection, isDocument, isMap, isPair, isScalar, type Node } from "yaml";

/** A key that repeats an earlier key of its mapping. */
export interface DuplicateKey {
  /** The key as written (cut to 100 characters). */
  readonly key: string;
  /** Offset of the repeated key in the source text, when the parser kept it. */
  readonly offset: number | undefined;
}

/**
 * The first repeated key of any mapping in `document` (in no particular order of mappings),
 * or undefined when every mapping's keys are distinct.
 *
 * @example
 * ```ts
 * findDuplicateKey(parseDocument("a: 1\na: 2", { uniqueKeys: false }))?.key; // "a"
 * ```
 */
export function findDuplicateKey(document: Document): DuplicateKey | undefined {
  const stack: unknown[] = [isDocument(document) ? document.contents : document];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node) || seen.has(node)) continue;
    seen.add(node);
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        const identity = isScalar(key) ? key.value : key;
        if (keys.has(identity)) {
          return { key: String(identity).slice(0, 100), offset: (key as Node).range?.[0] };
        }
        keys.add(identity);
        if (!isAlias(key)) stack.push(key);
        stack.push(pair.value);
      }
    } else {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}
