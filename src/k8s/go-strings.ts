/**
 * Go's string semantics where they differ from JavaScript's and Tekton's output shows it:
 * byte-wise (UTF-8) ordering (`sort.Strings`, map-key order), `%s` of a `[]string`, and the
 * rune-wise case mapping of `strings.ToUpper`, `ToLower` and `EqualFold`.
 */
const encoder = new TextEncoder();

/**
 * Orders strings as Go compares them: by their UTF-8 bytes. Differs from JavaScript's default
 * (UTF-16 code units) only for characters beyond the Basic Multilingual Plane.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  // Equal code units encode to equal bytes, and below the surrogates code-unit order is
  // code-point order, which UTF-8 keeps: only a surrogate where the strings part (or a high
  // surrogate ending the shorter one) needs the bytes themselves.
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i < n) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
  } else {
    const last = i > 0 ? a.charCodeAt(i - 1) : 0;
    if (last < 0xd800 || last > 0xdbff) return a.length < b.length ? -1 : 1;
  }
  return compareUtf8(a, b);
}

function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Sorts `values` in place as Go's sort.Strings does (by UTF-8 bytes) and returns it. Without
 * surrogates, UTF-16 code units order strings exactly as UTF-8 bytes do, so the engine's own
 * sort serves; comparing byte by byte is kept for the rare list that needs it.
 */
export function sortGoStrings(values: string[]): string[] {
  return values.some((v) => SURROGATE.test(v)) ? values.sort(compareGoStrings) : values.sort();
}

/** Go's `%s` of a []string: `[a b c]`. */
export function formatGoStringList(items: readonly string[]): string {
  return `[${items.join(" ")}]`;
}

/** Applies a per-rune case mapping, keeping runes whose mapping is not a single rune (Go's simple case mapping). */
function mapRunes(text: string, map: (rune: string) => string): string {
  let out = "";
  for (const rune of text) {
    const mapped = map(rune);
    out += [...mapped].length === 1 ? mapped : rune;
  }
  return out;
}

/** `strings.ToUpper` (rune by rune; `ß` stays `ß` as in Go). */
export function goToUpper(text: string): string {
  return mapRunes(text, (r) => r.toUpperCase());
}

/** `strings.ToLower` (rune by rune). */
export function goToLower(text: string): string {
  return mapRunes(text, (r) => r.toLowerCase());
}

/** `strings.EqualFold`: equal under simple Unicode case folding, rune by rune. */
export function equalFold(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] as string;
    const s = y[i] as string;
    if (r === s) continue;
    if (goToLower(r) === goToLower(s) || goToUpper(r) === goToUpper(s)) continue;
    return false;
  }
  return true;
}

/**
 * {@link formatGoStringList} for messages: names are listed until the text reaches about
 * `max` characters, then the rest are counted (`[a b … and 9998 more]`), so a message about
 * thousands of names stays short. Each name is cut to 100 characters.
 */
export function shortGoStringList(items: readonly string[], max = 500): string {
  let out = "[";
  let shown = 0;
  for (const item of items) {
    if (out.length > max) break;
    const name = item.length > 100 ? `${item.slice(0, 100)}…` : item;
    out += shown === 0 ? name : ` ${name}`;
    shown++;
  }
  return shown < items.length ? `${out} … and ${items.length - shown} more]` : `${out}]`;
}

/**
 * A JSON object key folded the way Go's `encoding/json` matches it to an ASCII struct field name
 * when no field matches exactly: ASCII case-insensitively, plus the Kelvin sign for `k` and the
 * long s for `s` (the only non-ASCII letters whose simple case folding is an ASCII letter).
 */
export function foldGoFieldKey(key: string): string {
  let out = "";
  for (const ch of key) {
    if (ch === "\u212a") out += "k";
    else if (ch === "\u017f") out += "s";
    else if (ch >= "A" && ch <= "Z") out += ch.toLowerCase();
    else out += ch;
  }
  return out;
}
