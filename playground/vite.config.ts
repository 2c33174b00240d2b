/**
 * Builds the playground into a static folder (dist-playground/ at the repository root) from
 * the package's own ESM build (dist/, made by `npm run build`). Relative asset paths, so the
 * folder works wherever it is hosted. The build fails if anything the page imports reaches for
 * a Node built-in: the library's entry must run in a browser as it is.
 */
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const repository = fileURLToPath(new URL("..", import.meta.url));
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Refuses Node built-ins instead of letting Vite stub them out with a warning. */
function noNodeBuiltins(): Plugin {
  return {
    name: "no-node-builtins",
    enforce: "pre",
    resolveId(source, importer) {
      if (NODE_BUILTINS.has(source) || source.startsWith("node:")) {
        throw new Error(
          `${importer ?? "the page"} imports the Node built-in "${source}"; the playground runs in a browser`,
        );
      }
      return null;
    },
  };
}

/**
 * In the built page, a Content-Security-Policy that lets it reach nothing but its own files:
 * whatever is pasted stays in the browser. (No `unsafe-eval`: the schemas are compiled to code at build time.)
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: "content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: {
          "http-equiv": "Content-Security-Policy",
          content:
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'",
        },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig({
  root,
  base: "./",
  plugins: [noNodeBuiltins(), contentSecurityPolicy()],
  build: {
    outDir: `${repository}dist-playground`,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: "127.0.0.1", fs: { allow: [repository] } },
  preview: { host: "127.0.0.1" },
});
