/**
 * The input is read as plain data only: what `JSON.parse` or the `yaml` package could have
 * produced — objects whose prototype is `Object.prototype` (or `null`) and arrays that are
 * nothing but their elements, apart from non-enumerable properties under names nothing reads —
 * read through their own enumerable string keys. Anything else a JavaScript caller can hand
 * over (a Proxy, a revoked one, a class instance, a `Map`, an array carrying an own
 * `constructor` or `map`, a symbol-keyed hook, a cycle) is reported as an issue before any
 * other stage touches it, so that no stage trips over the caller's objects.
 * A getter is run like any read; if it throws, its own error propagates.
 *
 * The walk is iterative (no depth limit: Kubernetes objects nest deeply only in data), and it
 * measures the input as it would be written out as JSON — counting a shared object once per
 * reference, as JSON would — because sharing (YAML aliases, or one script object in a thousand
 * steps) multiplies what every later stage has to read and build.
 */
import { type Issue, issue, type PathSegment } from "../errors.js";
import { KUBERNETES_OBJECT_LIMIT, MAX_GENERATED_TEXT } from "../k8s/limits.js";
import { hasKey } from "../k8s/records.js";

/** What {@link checkPlainData} found. */
export interface PlainDataCheck {
  /** One issue per object that is not plain data (at most a few), `[]` when all is plain. */
  readonly issues: Issue[];
  /** About how many characters the value takes written out as JSON (shared parts counted per reference). */
  readonly size: number;
  /** How deep objects and lists nest in the value: 0 for a scalar, 1 for `{}` or `[1]`, 2 for `{ a: [] }`. */
  readonly depth: number;
}

/** Bookkeeping of the walk: an object is `IN_PROGRESS` until its children are measured. */
const IN_PROGRESS = -1;
const MAX_REPORTED = 10;
interface Frame {
  readonly value: object;
  readonly parent: Frame | undefined;
  readonly key: PathSegment;
  /** Keys (for objects) still to visit, and the size measured so far. */
  keys: readonly string[] | undefined;
  next: number;
  size: number;
  /** The depth of the deepest child measured so far. */
  childDepth: number;
  /** Whether an object was found among the children: the object is then `IN_PROGRESS`. */
  holdsObject: boolean;
}

function pathOf(frame: Frame | undefined, prefix: readonly PathSegment[]): PathSegment[] {
  const segments: PathSegment[] = [];
  for (let f = frame; f !== undefined && f.parent !== undefined; f = f.parent) segments.push(f.key);
  segments.reverse();
  return [...prefix, ...segments];
}

const HOLES_OR_PROPERTIES = "a list with holes or with properties besides its items";
const SYMBOL_KEYED = "a list with symbol-keyed properties";

/**
 * The names under which something that reads a list may look up one of its properties: the
 * methods of Array.prototype and Object.prototype (the compiler's own calls, `join` and
 * `toString` when a list becomes text, `constructor`, which array methods consult for the class
 * of the lists they make) and `toJSON`, which JSON.stringify calls. Taken from the prototypes
 * when the module loads, so an engine's newer methods are among them (a method a polyfill adds
 * later is not).
 */
const READ_NAMES: ReadonlySet<string> = new Set(
  [...Object.getOwnPropertyNames(Array.prototype), ...Object.getOwnPropertyNames(Object.prototype), "toJSON"].filter(
    (name) => name !== "length",
  ),
);

/** Lists longer than this are first checked by {@link isPlainLongList}. */
const LONG_LIST = 64;

/** Why `value` (an object) is not plain data, or undefined when it is. Throws what a Proxy's traps throw. */
function notPlain(value: object): string | undefined {
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return "an array of another kind than a plain list";
    return value.length > LONG_LIST && isPlainLongList(value) ? undefined : listProblem(value);
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name =
      typeof (value as { constructor?: { name?: unknown } }).constructor?.name === "string"
        ? ` (${String((value as { constructor: { name: string } }).constructor.name).slice(0, 40)})`
        : "";
    return `an object of a class${name}, not a plain mapping`;
  }
  // Symbol keys of a mapping are never read (only lists are iterated), so they are let be.
  return undefined;
}

/**
 * What is wrong with a list (whose prototype is Array.prototype), or undefined. A hole, or an own
 * property besides the items that is enumerable or has one of {@link READ_NAMES}, is refused,
 * and then a symbol-keyed property (an iterator, a species…). A non-enumerable property of any
 * other name is let be: nothing reads it.
 */
function listProblem(list: readonly unknown[]): string | undefined {
  // A list's own keys are its indexes in order, then `length`, then its other string keys, then
  // its symbol keys: a hole leaves an index out, which puts something else where `length` is.
  const keys = Reflect.ownKeys(list);
  if (keys[list.length] !== "length") return HOLES_OR_PROPERTIES;
  let symbols = false;
  for (let i = list.length + 1; i < keys.length; i++) {
    const key = keys[i] as string | symbol;
    if (typeof key !== "string") symbols = true;
    else if (READ_NAMES.has(key) || objectPropertyIsEnumerable.call(list, key)) return HOLES_OR_PROPERTIES;
  }
  return symbols ? SYMBOL_KEYED : undefined;
}

/**
 * Whether a long list is plain by checks that do not list its keys: listing them makes a string
 * per index, which costs ten times more per item at ten thousand items than at a thousand. Its
 * enumerable keys are its indexes, all of them (a hole or another enumerable key would show);
 * it has no own property of {@link READ_NAMES} and no symbol key. When false, {@link
 * listProblem} says what is wrong, if anything (a non-enumerable item is not).
 */
function isPlainLongList(list: readonly unknown[]): boolean {
  const keys = Object.keys(list);
  const last = list.length - 1;
  // Indexes come first, in order: with as many keys as items and the last index last, there
  // is no other key and no hole.
  if (keys.length !== list.length || keys[last] !== String(last)) return false;
  for (const name of READ_NAMES) if (hasKey(list, name)) return false;
  return Object.getOwnPropertySymbols(list).length === 0;
}

const objectPropertyIsEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * Checks that `value` is plain data, and measures it. Never throws for a Proxy (revoked or
 * not), a cycle or an exotic object; a throwing getter's own error propagates.
 *
 * @param prefix path segments of `value` within the input, for issue paths.
 * @example
 * ```ts
 * checkPlainData({ taskRun: new Map() }).issues[0]?.path; // "taskRun"
 * ```
 */
export function checkPlainData(value: unknown, prefix: readonly PathSegment[] = []): PlainDataCheck {
  if (value !== null && typeof value === "object") {
    const tree = new TreeWalk();
    let depth: number;
    try {
      depth = tree.measure(value, 1);
    } catch {
      // A Proxy's trap or a getter threw: the full walk reads the value again, reporting a
      // Proxy that cannot be read and letting a getter's own error propagate.
      depth = NOT_A_PLAIN_TREE;
    }
    if (depth !== NOT_A_PLAIN_TREE) return { issues: [], size: tree.size, depth };
  }
  return checkGraph(value, prefix);
}

/**
 * The walk of input as it nearly always is: a tree of plain data, not deep, without a cycle or
 * sharing that multiplies its size. It measures it as {@link checkGraph} does, without the
 * bookkeeping that finds cycles and sharing (two maps updated per object cost most of the
 * check). Anything else — a part that is not plain, nesting past {@link TREE_MAX_DEPTH}, which a
 * cycle reaches, or a size past {@link TREE_MAX_SIZE}, which heavy sharing reaches — stops it,
 * and the full walk then checks the value from the start; so does anything thrown while reading.
 *
 * A mapping's keys are read with `for…in`, which visits its own enumerable string keys in the
 * order `Object.keys` lists them without making that list (a list per mapping was most of what
 * the check allocated), and then inherited ones: none, unless a caller has added an enumerable
 * property to `Object.prototype`, in which case the keys are listed.
 */
class TreeWalk {
  size = 0;
  readonly #listKeys = Object.keys(Object.prototype).length > 0;

  /** The depth of `value` (at nesting `level`), adding its size; {@link NOT_A_PLAIN_TREE} to stop. */
  measure(value: object, level: number): number {
    if (level > TREE_MAX_DEPTH || this.size > TREE_MAX_SIZE || notPlain(value) !== undefined) return NOT_A_PLAIN_TREE;
    this.size += 2;
    let childDepth = 0;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.size += ITEM_SIZE;
        const depth = this.#member(value[i], level);
        if (depth === NOT_A_PLAIN_TREE) return NOT_A_PLAIN_TREE;
        if (depth > childDepth) childDepth = depth;
      }
    } else if (this.#listKeys) {
      for (const key of Object.keys(value)) {
        this.size += entrySize(key);
        const depth = this.#member((value as Record<string, unknown>)[key], level);
        if (depth === NOT_A_PLAIN_TREE) return NOT_A_PLAIN_TREE;
        if (depth > childDepth) childDepth = depth;
      }
    } else {
      for (const key in value) {
        this.size += entrySize(key);
        const depth = this.#member((value as Record<string, unknown>)[key], level);
        if (depth === NOT_A_PLAIN_TREE) return NOT_A_PLAIN_TREE;
        if (depth > childDepth) childDepth = depth;
      }
    }
    return childDepth + 1;
  }

  /** The depth of a member of an object at nesting `level` (0 for a scalar, whose size it adds); {@link NOT_A_PLAIN_TREE} to stop. */
  #member(child: unknown, level: number): number {
    if (typeof child === "object" && child !== null) return this.measure(child, level + 1);
    if (!isDatum(child)) return NOT_A_PLAIN_TREE;
    this.size += scalarSize(child);
    return 0;
  }
}

/** Whether a value that is not an object is JSON data: not a function, symbol or bigint. */
function isDatum(value: unknown): boolean {
  return typeof value !== "function" && typeof value !== "symbol" && typeof value !== "bigint";
}

/** What a scalar adds to the measured size: about its length as JSON text. */
function scalarSize(value: unknown): number {
  return typeof value === "string" ? value.length + 2 : 6;
}
/** What a list item adds besides its value (a comma). */
const ITEM_SIZE = 1;
/** What a mapping entry adds besides its value: its quoted key, colon and comma. */
function entrySize(key: string): number {
  return key.length + 4;
}

/** {@link TreeWalk}'s answer when the value is not a plain tree it measures. */
const NOT_A_PLAIN_TREE = -1;
/** Kubernetes objects nest a dozen or two levels; deeper (or a cycle) goes to the full walk. */
const TREE_MAX_DEPTH = 64;
/** Far above any real input; past it sharing may be multiplying the size, which the full walk measures in time linear in the objects. */
const TREE_MAX_SIZE = MAX_GENERATED_TEXT / 16;

/** {@link checkPlainData} of any value: a graph, walked with the bookkeeping that finds cycles and counts shared objects once. */
function checkGraph(value: unknown, prefix: readonly PathSegment[]): PlainDataCheck {
  const issues: Issue[] = [];
  const report = (frame: Frame | undefined, key: PathSegment | undefined, what: string): void => {
    if (issues.length >= MAX_REPORTED) return;
    const path = pathOf(frame, prefix);
    if (key !== undefined) path.push(key);
    issues.push(
      issue(
        "not-plain-data",
        path,
        `${what}; the input must be plain data, as JSON or YAML would give (mappings, lists, strings, numbers, booleans, null)`,
      ),
    );
  };
  const sizes = new Map<object, number>();
  /** Depths of the objects measured (those not plain, or closing a cycle, count as 0). */
  const depths = new Map<object, number>();
  if (value === null || typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint")
      report(undefined, undefined, `a ${typeof value}, which is not data`);
    return { issues, size: scalarSize(value), depth: 0 };
  }

  /** Starts a frame for `child`, or returns its size when it needs no visit. */
  const enter = (child: object, parent: Frame | undefined, key: PathSegment): Frame | number => {
    const known = sizes.get(child);
    if (known === IN_PROGRESS) {
      report(parent, key, "a cycle: this object contains itself");
      return 0;
    }
    if (known !== undefined) return known;
    let problem: string | undefined;
    let keys: readonly string[] | undefined;
    try {
      problem = notPlain(child);
      if (problem === undefined && !Array.isArray(child)) keys = Object.keys(child);
    } catch {
      // Only a Proxy's trap throws from these reflective reads (a revoked Proxy always does).
      problem = "a Proxy that cannot be read";
    }
    if (problem !== undefined) {
      report(parent, key, problem);
      sizes.set(child, 0);
      return 0;
    }
    return { value: child, parent, key, keys, next: 0, size: 2, childDepth: 0, holdsObject: false };
  };

  const root = enter(value, undefined, "");
  if (typeof root === "number") return { issues, size: root, depth: depths.get(value) ?? 0 };
  const stack: Frame[] = [root];
  let total = 0;
  let depth = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const object = frame.value;
    const isList = frame.keys === undefined;
    const count = isList ? (object as unknown[]).length : (frame.keys as string[]).length;
    let descended = false;
    while (frame.next < count) {
      const i = frame.next++;
      const key = isList ? i : ((frame.keys as string[])[i] as string);
      const child: unknown = (object as Record<string | number, unknown>)[key];
      const keySize = isList ? ITEM_SIZE : entrySize(key as string);
      if (child === null || typeof child !== "object") {
        // Functions, symbols and bigints are no JSON value (and a function could run later).
        if (typeof child === "function" || typeof child === "symbol" || typeof child === "bigint") {
          report(frame, key, `a ${typeof child}, which is not data`);
        }
        frame.size += keySize + scalarSize(child);
        continue;
      }
      // Marked before its child is entered, so that a child that is the object itself (or
      // leads back to it) is seen to close a cycle.
      if (!frame.holdsObject) {
        frame.holdsObject = true;
        sizes.set(object, IN_PROGRESS);
      }
      const entered = enter(child, frame, key);
      if (typeof entered === "number") {
        frame.size += keySize + entered;
        frame.childDepth = Math.max(frame.childDepth, depths.get(child) ?? 0);
        continue;
      }
      frame.size += keySize;
      stack.push(entered);
      descended = true;
      break;
    }
    if (descended) continue;
    stack.pop();
    sizes.set(object, frame.size);
    depths.set(object, frame.childDepth + 1);
    if (frame.parent !== undefined) {
      frame.parent.size += frame.size;
      frame.parent.childDepth = Math.max(frame.parent.childDepth, frame.childDepth + 1);
    } else {
      total = frame.size;
      depth = frame.childDepth + 1;
    }
  }
  return { issues, size: total, depth };
}

/**
 * {@link checkPlainData} of the whole input, with a `limit-exceeded` issue added when the input,
 * written out as JSON, would pass {@link MAX_GENERATED_TEXT} characters. What it measured comes
 * back too, so that a profile with limits of its own need not walk the input again.
 */
export function checkInputData(input: unknown): PlainDataCheck {
  const checked = checkPlainData(input);
  const { issues, size } = checked;
  if (size > MAX_GENERATED_TEXT) {
    issues.push(
      issue(
        "limit-exceeded",
        [],
        `the input would be about ${Math.round(size / (1024 * 1024))} Mi characters written out as JSON (shared parts counted ` +
          `once per use), more than the ${MAX_GENERATED_TEXT / (1024 * 1024)} Mi this compiler reads; Kubernetes itself stores no ` +
          `object over ${KUBERNETES_OBJECT_LIMIT / (1024 * 1024)} MiB (etcd's default request limit)`,
      ),
    );
  }
  return checked;
}

/**
 * A copy of `value` holding only its plain data: parts that are not plain (a Proxy whose traps
 * throw, a class instance, a list with extra properties) are left out, and so is a reference
 * that would close a cycle. Iterative; a getter's own error propagates.
 *
 * @example
 * ```ts
 * toPlainData({ a: [1, new Map()], b: new Date(0) }); // { a: [1] }
 * ```
 */
export function toPlainData(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const readable = (v: object): boolean => {
    try {
      return notPlain(v) === undefined;
    } catch {
      return false;
    }
  };
  if (!readable(value)) return undefined;
  const onPath = new Set<object>();
  const rootCopy: unknown = Array.isArray(value) ? [] : {};
  type CopyFrame = { source: object; copy: unknown; keys: readonly (string | number)[]; next: number };
  const keysOf = (v: object): readonly (string | number)[] =>
    Array.isArray(v) ? Array.from({ length: v.length }, (_, i) => i) : Object.keys(v);
  const stack: CopyFrame[] = [{ source: value, copy: rootCopy, keys: keysOf(value), next: 0 }];
  onPath.add(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as CopyFrame;
    if (frame.next >= frame.keys.length) {
      stack.pop();
      onPath.delete(frame.source);
      continue;
    }
    const key = frame.keys[frame.next++] as string | number;
    const child: unknown = (frame.source as Record<string | number, unknown>)[key];
    const put = (v: unknown): void => {
      if (Array.isArray(frame.copy)) frame.copy.push(v);
      else Object.defineProperty(frame.copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    };
    if (child === null || typeof child !== "object") {
      put(child);
      continue;
    }
    if (onPath.has(child) || !readable(child)) continue;
    const copy: unknown = Array.isArray(child) ? [] : {};
    put(copy);
    onPath.add(child);
    stack.push({ source: child, copy, keys: keysOf(child), next: 0 });
  }
  return rootCopy;
}
