/**
 * Hostile JavaScript values — what a caller can pass that JSON or YAML never produce — and a
 * generator that plants them anywhere in a conformance input. Shared by
 * test/robustness/exotic-inputs.test.ts and `npm run fuzz`.
 *
 * What is tried: revoked and live Proxies (one whose traps lie about keys), instances of
 * classes (`Map`, `Set`, `Date`, `RegExp`, typed arrays, a user class), lists with holes, an
 * own `constructor`, an own `map`, an own `length`-breaking property or a symbol-keyed
 * iterator that never ends, objects without a prototype, objects that contain themselves
 * (directly or through a list), a small DAG that is exponentially large written out (2^40
 * leaves), functions (with a `toJSON` or `toString` on a plain object), symbols, bigints,
 * `NaN`, `-0`, `Infinity`, and getters that answer differently on each read.
 */
import fc from "fast-check";

/** A named hostile value; `make` builds a fresh one each time. */
export interface ExoticValue {
  readonly name: string;
  readonly make: () => unknown;
}

function revokedProxy(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

class UserStep {
  readonly name = "s";
  readonly image = "alpine";
}

function listWith(key: PropertyKey, value: unknown): unknown[] {
  const list: unknown[] = ["a", "b"];
  Object.defineProperty(list, key, { value, enumerable: typeof key === "string", configurable: true, writable: true });
  return list;
}

function selfContaining(): unknown {
  const object: Record<string, unknown> = { name: "loop" };
  object["self"] = object;
  return object;
}

function cycleThroughList(): unknown {
  const list: unknown[] = [];
  const object = { items: list };
  list.push(object);
  return object;
}

/** 2^depth leaves when written out, from `depth` objects. */
function exponentialDag(depth: number): unknown {
  let node: unknown = { leaf: "x".repeat(16) };
  for (let i = 0; i < depth; i++) node = { a: node, b: node };
  return node;
}

/** A getter that answers a string, then a list, then a number … */
function shiftyObject(): unknown {
  let reads = 0;
  return Object.defineProperty({}, "name", {
    enumerable: true,
    get() {
      reads++;
      return reads % 3 === 0 ? 7 : reads % 3 === 1 ? "s" : ["x"];
    },
  });
}

/** The hostile values, each a fresh object per `make()`. */
export const EXOTIC_VALUES: readonly ExoticValue[] = [
  { name: "revoked Proxy", make: revokedProxy },
  {
    name: "Proxy that lies about its keys",
    make: () =>
      new Proxy(
        {},
        {
          ownKeys: () => ["name", "image"],
          getOwnPropertyDescriptor: () => ({ value: "x", enumerable: true, configurable: true }),
        },
      ),
  },
  { name: "Map", make: () => new Map([["name", "s"]]) },
  { name: "Set", make: () => new Set(["a"]) },
  { name: "Date", make: () => new Date(0) },
  { name: "RegExp", make: () => /a+/g },
  { name: "Uint8Array", make: () => new Uint8Array(4) },
  { name: "user class instance", make: () => new UserStep() },
  {
    name: "null-prototype object",
    make: () => Object.assign(Object.create(null) as object, { name: "s", image: "alpine" }),
  },
  {
    name: "list with holes",
    make: () => {
      // Index 1 is never assigned: a hole, not an undefined element.
      const list: number[] = [1];
      list[2] = 3;
      return list;
    },
  },
  { name: "list with own constructor", make: () => listWith("constructor", 5) },
  { name: "list with own map", make: () => listWith("map", "not a function") },
  {
    name: "list with endless symbol iterator",
    make: () =>
      listWith(Symbol.iterator, function* endless() {
        for (;;) yield "x";
      }),
  },
  { name: "object containing itself", make: selfContaining },
  { name: "cycle through a list", make: cycleThroughList },
  { name: "2^40 leaves as a DAG", make: () => exponentialDag(40) },
  { name: "function", make: () => () => "x" },
  { name: "object with toJSON", make: () => ({ toJSON: () => "x" }) },
  { name: "object with toString", make: () => ({ toString: () => "x" }) },
  { name: "symbol", make: () => Symbol("x") },
  { name: "bigint", make: () => 10n ** 30n },
  { name: "NaN", make: () => NaN },
  { name: "-0", make: () => -0 },
  { name: "Infinity", make: () => Infinity },
  { name: "shifty getter", make: shiftyObject },
];

/**
 * `base` with `value` put at `path`, copying (and freezing, so that a write to the input
 * fails) only the objects on the way; the rest is shared with `base`.
 */
export function plantAt(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(base)) {
    const copy = [...base];
    copy[Number(head)] = plantAt(base[Number(head)], rest, value);
    return Object.freeze(copy);
  }
  const record = base !== null && typeof base === "object" ? (base as Record<string, unknown>) : {};
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record))
    Object.defineProperty(copy, key, { value: record[key], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, String(head), {
    value: plantAt(record[String(head)], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return Object.freeze(copy);
}

/** Every path to an object or list inside `value` (where a hostile value can be planted). */
export function containerPaths(value: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0 && out.length < 5_000) {
    const { v, path } = stack.pop() as { v: unknown; path: (string | number)[] };
    if (v === null || typeof v !== "object") continue;
    out.push(path);
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        stack.push({ v: item, path: [...path, i] });
      });
    } else
      for (const key of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
  }
  return out;
}

/**
 * A conformance input with a hostile value planted, built only when asked: fast-check
 * inspects the values it generates, and a revoked Proxy throws at the first look.
 */
export class Planted {
  constructor(
    readonly build: () => unknown,
    readonly description: string,
  ) {}
}

/**
 * A conformance input with one hostile value planted at a random place: replacing an object,
 * a list or a scalar inside it, or added under a new key.
 */
export function exoticFixtureInput(fixtures: readonly unknown[]): fc.Arbitrary<Planted> {
  const withPaths = fixtures.map((f) => ({ input: f, paths: containerPaths(f) }));
  return fc
    .record({
      fixture: fc.integer({ min: 0, max: withPaths.length - 1 }),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: EXOTIC_VALUES.length - 1 }),
      key: fc.oneof(fc.constant(undefined), fc.constantFrom("name", "image", "args", "x", "__proto__", "constructor")),
    })
    .map(({ fixture, at, value, key }) => {
      const chosen = withPaths[fixture] as { input: unknown; paths: (string | number)[][] };
      const path = chosen.paths[at % chosen.paths.length] ?? [];
      const target = key === undefined ? path : [...path, key];
      const exotic = EXOTIC_VALUES[value] as ExoticValue;
      return new Planted(
        () => plantAt(chosen.input, target, exotic.make()),
        `${exotic.name} at ${JSON.stringify(target)} of fixture ${fixture}`,
      );
    });
}
