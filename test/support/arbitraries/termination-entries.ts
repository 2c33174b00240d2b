/**
 * Termination-message entries as the entrypoint writes them, for the property each release's
 * reader must hold: its direct read of the entrypoint's layout and its general JSON decode give
 * the same result.
 */
import fc from "fast-check";

/** Strings with what JSON must escape (quotes, backslashes, control characters, lone surrogates), and `words`. */
function awkwardText(words: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("", " ", "r", 'a"b\\c\n\u0001', ...words),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.array(fc.integer({ min: 0xd7ff, max: 0xe000 }), { maxLength: 3 }).map((c) => String.fromCharCode(...c)),
  );
}

/**
 * Lists of up to five entries whose keys and values include `words`, and whose `type` is one of
 * `types` (the release's names and numbers, and some it does not know).
 */
export function terminationEntries(
  words: readonly string[],
  types: readonly (string | number)[],
): fc.Arbitrary<Record<string, unknown>[]> {
  const text = awkwardText(words);
  return fc.array(
    fc.record(
      { key: text, value: text, resourceName: text, type: fc.constantFrom(...types) },
      { requiredKeys: ["key", "value"] },
    ),
    { maxLength: 5 },
  );
}

/** A message as the entrypoint writes it (compact) and the same with white space, which only the general decode reads. */
export function bothLayouts(entries: readonly Record<string, unknown>[]): [compact: string, spaced: string] {
  return [JSON.stringify(entries), JSON.stringify(entries, null, 1)];
}
