/**
 * The collector the compile stages write into when an explanation is asked for. Stages take
 * it as an optional argument and call `explain?.add(…)`: when it is absent the call, and the
 * building of its arguments, never happen, so compiling without an explanation costs nothing.
 *
 * Entries are kept in a tree of path segments, so that a stage that moves a part of what it
 * builds (a step becoming a container, a command becoming entrypoint arguments, steps
 * inserted before others) moves the entries with it in one operation, at the place the move
 * happens. Locations before the Pod exists are in the coordinates of what is being built
 * (`["steps", 2, "args", 0]` in the Task spec); the stage that turns them into the Pod's moves
 * them under `["pod", …]`. Only entries under the output's own pointers are returned.
 */
import { formatPath, type PathSegment } from "../errors.js";
import { isRecord } from "../read-values.js";
import { forEachLeaf } from "./leaves.js";
import { escapeToken } from "./pointer.js";
import type { RuleCode } from "./rules.js";

/** One reason a field of the output is what it is. */
export interface ExplanationEntry {
  /** The behaviour of the controller that set or changed the field (see docs/explain.md). */
  readonly rule: RuleCode;
  /** The input field that fed it, in the path syntax of `CompileError` issues (`taskRun.spec.params[1].value`). */
  readonly from?: string;
  /** One sentence a Task author understands. */
  readonly note: string;
}

/**
 * For each JSON pointer into the compile result (`/pod/spec/containers/0/args/3`,
 * `/persistentVolumeClaims/0/metadata/name`), the reasons, in the order the controller's
 * stages applied them. Every leaf of the Pod and the PVCs has at least one entry at its own
 * pointer; a list or object may have entries of its own too (a step whose timeout was dropped).
 */
export type Explanation = Readonly<Record<string, readonly ExplanationEntry[]>>;

/** Where in what is being built: path segments (numbers for list indexes). */
export type Location = readonly PathSegment[];

class Node {
  entries: ExplanationEntry[] | undefined;
  children: Map<string, Node> | undefined;

  /** Appends `item`, unless the same reason is already there (a variable used twice in one string). */
  push(item: ExplanationEntry): void {
    if (this.entries === undefined) this.entries = [item];
    else if (!this.entries.some((e) => e.rule === item.rule && e.from === item.from && e.note === item.note)) {
      this.entries.push(item);
    }
  }

  child(key: string): Node {
    this.children ??= new Map();
    let node = this.children.get(key);
    if (node === undefined) {
      node = new Node();
      this.children.set(key, node);
    }
    return node;
  }

  /** Appends `other`'s entries and children (recursively) to this node's. */
  absorb(other: Node): void {
    if (other.entries !== undefined) {
      if (this.entries === undefined) this.entries = other.entries.slice();
      else for (const e of other.entries) this.push(e);
    }
    if (other.children !== undefined) for (const [k, c] of other.children) this.child(k).absorb(c);
  }

  clone(): Node {
    const out = new Node();
    out.absorb(this);
    return out;
  }
}

function key(segment: PathSegment): string {
  return typeof segment === "number" ? String(segment) : segment;
}

function entry(rule: RuleCode, note: string, from: Location | undefined): ExplanationEntry {
  return from === undefined ? { rule, note } : { rule, from: formatPath(from), note };
}

/** Collects explanation entries while the stages build the Pod. Create one per compilation. */
export class Explainer {
  readonly #root = new Node();

  #node(at: Location): Node {
    let node = this.#root;
    for (const segment of at) node = node.child(key(segment));
    return node;
  }

  #find(at: Location): Node | undefined {
    let node: Node | undefined = this.#root;
    for (const segment of at) {
      node = node.children?.get(key(segment));
      if (node === undefined) return undefined;
    }
    return node;
  }

  #detach(at: Location): Node | undefined {
    if (at.length === 0) return undefined;
    const parent = this.#find(at.slice(0, -1));
    const k = key(at[at.length - 1] as PathSegment);
    const node = parent?.children?.get(k);
    if (node !== undefined) parent?.children?.delete(k);
    return node;
  }

  /** One entry at `at`. `from` is where in the input the value came from. */
  add(at: Location, rule: RuleCode, note: string, from?: Location): void {
    const node = this.#node(at);
    node.push(entry(rule, note, from));
  }

  /**
   * The same entry at every leaf of `value`, which is placed at `at`: for something one rule
   * made whole (an implicit volume, the `place-tools` init container).
   */
  each(at: Location, value: unknown, rule: RuleCode, note: string, from?: Location): void {
    const base = this.#node(at);
    const made = entry(rule, note, from);
    forEachLeaf(value, (path) => {
      let node = base;
      for (const segment of path) node = node.child(key(segment));
      node.push(made);
    });
  }

  /**
   * `rule: copied` at every leaf of `value`, placed at `at` and copied from the input at
   * `from`: each leaf's entry names its own input field (`from` followed by the leaf's path).
   */
  copied(at: Location, value: unknown, from: Location, note: string): void {
    const base = this.#node(at);
    forEachLeaf(value, (path) => {
      let node = base;
      for (const segment of path) node = node.child(key(segment));
      node.push(entry("copied", note, [...from, ...path]));
    });
  }

  /** Moves the entries at and under `from` to `to`, after any `to` already has. */
  move(from: Location, to: Location): void {
    const node = this.#detach(from);
    if (node !== undefined) this.#node(to).absorb(node);
  }

  /** Copies the entries at and under `from` to `to`, after any `to` already has. */
  copy(from: Location, to: Location): void {
    const node = this.#find(from);
    if (node !== undefined) this.#node(to).absorb(node.clone());
  }

  /** Forgets the entries at and under `at` (a field the stage removed). */
  drop(at: Location): void {
    this.#detach(at);
  }

  /**
   * Items of the list at `list` from index `start` on move by `delta` (items inserted before
   * them, or a list element expanded into several). Entries of removed items must be dropped
   * or moved first.
   */
  shift(list: Location, start: number, delta: number): void {
    const node = this.#find(list);
    if (node?.children === undefined || delta === 0) return;
    const shifted = new Map<string, Node>();
    for (const [k, child] of node.children) {
      const index = Number(k);
      shifted.set(Number.isInteger(index) && index >= start ? String(index + delta) : k, child);
    }
    node.children = shifted;
  }

  /** The entries exactly at `at`. */
  entriesAt(at: Location): readonly ExplanationEntry[] {
    return this.#find(at)?.entries ?? [];
  }

  /**
   * The explanation of `output`, which sits at `at`: an entry for each node of `output` that
   * has any, keyed by JSON pointer, in document order. Entries for what `output` does not
   * hold (a field a later stage removed) are left out.
   */
  explain(output: unknown, at: Location): Record<string, ExplanationEntry[]> {
    const out: Record<string, ExplanationEntry[]> = {};
    const start = this.#find(at);
    if (start === undefined) return out;
    const walk = (value: unknown, node: Node, pointer: string): void => {
      if (node.entries !== undefined) out[pointer] = node.entries.slice();
      if (node.children === undefined) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const child = node.children.get(String(i));
          if (child !== undefined) walk(value[i], child, `${pointer}/${i}`);
        }
      } else if (isRecord(value)) {
        for (const k of Object.keys(value)) {
          const child = node.children.get(k);
          if (child !== undefined && value[k] !== undefined) walk(value[k], child, `${pointer}/${escapeToken(k)}`);
        }
      }
    };
    let pointer = "";
    for (const segment of at) pointer += `/${escapeToken(segment)}`;
    walk(output, start, pointer);
    return out;
  }
}
