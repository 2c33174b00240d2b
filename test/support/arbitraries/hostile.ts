/**
 * Generators of bad and hostile inputs, shared by the property tests and `npm run fuzz`:
 * arbitrary JSON values, and conformance inputs with random mutations (fields deleted, types
 * swapped, strings replaced by huge, unicode or `$(`-laden text). Also the one judgement both
 * make: an input must yield a Pod or a CompileError — anything else is a crash.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse } from "yaml";

/** What compiling one input did. */
export type Outcome =
  | { readonly kind: "pod" }
  | { readonly kind: "compile-error" }
  | { readonly kind: "exception"; readonly error: unknown };

/** The slice of the public API the judgement needs (from src or from dist). */
export interface CompilerApi {
  compileTaskRun(input: never): { pod: unknown };
  CompileError: abstract new (...args: never[]) => Error;
}

/**
 * Compiles `input` and classifies the result. A CompileError must carry at least one issue
 * with a string code, path and message; a result must carry a Pod object.
 */
export function judge(api: CompilerApi, input: unknown): Outcome {
  try {
    const result = api.compileTaskRun(input as never);
    if (result === null || typeof result !== "object" || typeof result.pod !== "object" || result.pod === null) {
      return { kind: "exception", error: new Error(`compileTaskRun returned no Pod: ${String(result)}`) };
    }
    return { kind: "pod" };
  } catch (error) {
    if (error instanceof api.CompileError) {
      const issues = (error as unknown as { issues?: unknown }).issues;
      const wellFormed =
        Array.isArray(issues) &&
        issues.length > 0 &&
        issues.every(
          (i: { code?: unknown; path?: unknown; message?: unknown }) =>
            typeof i.code === "string" &&
            typeof i.path === "string" &&
            typeof i.message === "string" &&
            i.message !== "",
        );
      if (!wellFormed)
        return { kind: "exception", error: new Error(`CompileError without well-formed issues: ${error.message}`) };
      return { kind: "compile-error" };
    }
    return { kind: "exception", error };
  }
}

/** Input blocks of every compile case in fixtures/conformance (valid and invalid ones). */
export function loadFixtureInputs(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => parse(readFileSync(join(dir, f), "utf8")) as { kind?: string; input?: unknown })
    .filter((c) => c.kind === "compile")
    .map((c) => c.input);
}

const TOKENS = [
  "$(",
  ")",
  "params.",
  "p",
  "[*]",
  "$(params.p)",
  "$(params.arr[*])",
  "$(params.__proto__)",
  "$(context.taskRun.name)",
  "$(context.task.name)",
  "$(resources.inputs.src.path)",
  "$(resources.outputs.img.url)",
  "$(workspaces.w.path)",
  "$(results.r.path)",
  "$(credentials.path)",
  "$(inputs.params.p)",
  ".",
  "\n",
  "\u0000",
  "\ud800",
  "\udc00",
  "\ufeff",
  "__proto__",
  "constructor",
  "prototype",
  "EOF",
  "script-heredoc-randomly-generated-",
  "-",
  " ",
  "'",
  '"',
  "\\",
  "`",
  "#!/bin/sh\n",
  "/tekton/",
  "é",
  "𝔘",
  "%q",
  "${HOME}",
];

/** Strings meant to break things: any UTF-16 (NUL, lone surrogates), `$(` soup, or huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes)),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join("")),
  fc
    .tuple(fc.constantFrom("x", "$(", "$(params.", "\n", "é", ")"), fc.integer({ min: 1_000, max: 100_000 }))
    .map(([unit, count]) => unit.repeat(count)),
);

/** One edit of an input tree. `pick` selects the place among all places, modulo their count. */
export interface Mutation {
  readonly pick: number;
  readonly op: "delete" | "replace" | "string" | "swap" | "duplicate";
  readonly value: unknown;
  readonly text: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom("delete", "replace", "string", "swap", "duplicate"),
  value: fc.jsonValue({ maxDepth: 3 }),
  text: hostileString,
});

type Container = Record<string, unknown> | unknown[];

function places(root: unknown): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        out.push([node, i]);
        stack.push(child);
      });
    } else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        out.push([node as Record<string, unknown>, key]);
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return out;
}

/** Writes an own property even for keys like `__proto__`, whose assignment would set the prototype. */
function put(parent: Container, key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

function swapped(value: unknown): unknown {
  if (typeof value === "string") return value.length % 2 === 0 ? value.length : [value];
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  return Object.values(value as object);
}

/** A deep copy of `base` with the mutations applied in order (the base is not touched). */
export function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  const root: { input: unknown } = { input: structuredClone(base) };
  for (const m of mutations) {
    const all = places(root.input).concat([[root as unknown as Container, "input"]]);
    const [parent, key] = all[m.pick % all.length] ?? [root as unknown as Container, "input"];
    const current = (parent as Record<string | number, unknown>)[key];
    switch (m.op) {
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case "replace":
        put(parent, key, structuredClone(m.value));
        break;
      case "string":
        put(parent, key, m.text);
        break;
      case "swap":
        put(parent, key, swapped(current));
        break;
      case "duplicate":
        if (Array.isArray(current) && current.length > 0) current.push(structuredClone(current[0]));
        else put(parent, key, structuredClone(all[(m.pick >>> 3) % all.length]?.[0] ?? null));
        break;
    }
  }
  return root.input;
}

/** Arbitrary JSON, bare or where the compiler looks for a TaskRun, Task or spec. */
export function arbitraryJsonInput(): fc.Arbitrary<unknown> {
  const json = fc.jsonValue({ maxDepth: 4 });
  return fc.oneof(
    json,
    fc.record({ taskRun: json }),
    fc.record({ taskRun: fc.record({ metadata: json, spec: json }) }),
    fc.record({ taskRun: fc.record({ spec: fc.record({ taskSpec: json, params: json }) }), task: json }),
  );
}

/** A conformance input with 1–5 random mutations. */
export function mutatedFixtureInput(fixtures: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat({ max: fixtures.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }))
    .map(([index, mutations]) => mutate(fixtures[index], mutations));
}
