/**
 * The library's entry (src/index.ts and everything it imports) and the modules the playground
 * imports from the build must run in a browser as they are: no Node built-in anywhere in their
 * import graph, no Node global (`Buffer`, `process`, …), and no package that is not a runtime
 * dependency. (`vite build` of the
 * playground refuses Node built-ins too; this check needs no build and names the importer.)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const NODE_BUILTINS = new Set(builtinModules);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };

/**
 * Every module a file loads at run time: static imports and re-exports (not `import type` /
 * `export type`, which are erased) and `import()` of a literal.
 */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const typeOnly = (clause: ts.ImportClause | undefined): boolean => {
    if (clause === undefined) return false;
    if (clause.isTypeOnly) return true;
    const bindings = clause.namedBindings;
    return (
      clause.name === undefined &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((e) => e.isTypeOnly)
    );
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !typeOnly(node.importClause)) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      !node.isTypeOnly
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument !== undefined && ts.isStringLiteral(argument)) found.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The file behind a relative `.js` import: its TypeScript source, or the JavaScript itself for
 * modules generated at build time (src/api/generated/, which `npm run build` writes).
 */
function sourceOf(path: string): string {
  const typescript = path.replace(/\.js$/, ".ts");
  if (existsSync(typescript)) return typescript;
  if (existsSync(path)) return path;
  throw new Error(`${relative(ROOT, typescript)} does not exist (if it is generated, run npm run build first)`);
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || NODE_BUILTINS.has(specifier.split("/")[0] ?? specifier);
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Node's own globals: a browser has none of them. */
const NODE_GLOBALS = new Set(["Buffer", "process", "require", "__dirname", "__filename", "setImmediate", "global"]);

/** Uses of Node's globals in a file (`Buffer.from(…)`, `process.env`, `require(…)`), as `line: name`. */
function nodeGlobalsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const parent = node.parent;
    if (
      ts.isIdentifier(node) &&
      NODE_GLOBALS.has(node.text) &&
      parent !== undefined &&
      (ts.isPropertyAccessExpression(parent) || ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      parent.expression === node
    ) {
      found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Walks the import graph from `entries` (files under src/) and reports what is not browser-safe. */
function offences(entries: readonly string[]): { files: number; problems: string[] } {
  const seen = new Set<string>();
  const problems: string[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const use of nodeGlobalsIn(file)) problems.push(`${relative(ROOT, file)}:${use} is a Node global`);
    for (const specifier of importsOf(file)) {
      const where = relative(ROOT, file);
      if (specifier.startsWith(".")) {
        queue.push(sourceOf(resolve(dirname(file), specifier)));
      } else if (isNodeBuiltin(specifier)) {
        problems.push(`${where} imports the Node built-in "${specifier}"`);
      } else if (!Object.hasOwn(pkg.dependencies, packageName(specifier))) {
        problems.push(`${where} imports "${specifier}", which is not a runtime dependency`);
      }
    }
  }
  return { files: seen.size, problems };
}

/** The src/ modules the playground imports through the build (`../../dist/x.js` → `src/x.ts`). */
function playgroundImports(): string[] {
  const dir = join(ROOT, "playground", "src");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) =>
      importsOf(join(dir, f))
        .filter((s) => s.startsWith("../../dist/"))
        .map((s) => sourceOf(join(ROOT, "src", s.slice("../../dist/".length)))),
    );
}

describe("browser-safe library", () => {
  it("src/index.ts and its imports use no Node built-in and only runtime dependencies", () => {
    const { files, problems } = offences([join(ROOT, "src", "index.ts")]);
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThan(20);
  });

  it("so do the modules the playground imports", () => {
    const entries = playgroundImports();
    expect(entries.map((e) => relative(ROOT, e))).toContain("src/input/locate-issue.ts");
    // The YAML line mapping the Pod view shares with the CLI's explain.
    expect(entries.map((e) => relative(ROOT, e))).toContain("src/explain/yaml-lines.ts");
    expect(offences(entries).problems).toEqual([]);
  });

  it("so does every module of src/ but the CLI and the testing entry (a release not yet wired into src/profiles.ts included)", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? walk(join(dir, entry.name))
          : entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")
            ? [join(dir, entry.name)]
            : [],
      );
    const library = walk(join(ROOT, "src")).filter((f) => !/[/\\]src[/\\](cli|testing)[/\\]/.test(f));
    expect(library.length).toBeGreaterThan(50);
    expect(offences(library).problems).toEqual([]);
  });

  it("the check sees a Node built-in when there is one", () => {
    // The CLI's executable reads files and argv, so its graph must be flagged: proof that the
    // walk follows imports (node:util is in main.ts, which bin.ts imports) and sees globals.
    const { problems } = offences([join(ROOT, "src", "cli", "bin.ts")]);
    expect(problems.some((p) => p.includes('"node:util"'))).toBe(true);
    expect(problems.some((p) => p.includes('"node:path"'))).toBe(true);
    // src/cli/bin.ts reads process.argv: the globals are seen too.
    expect(problems.some((p) => p.includes("process is a Node global"))).toBe(true);
  });
});
