/**
 * Bundles the `tekton-pod` executable (the third step of `npm run build`): dist/cli/bin.js and
 * everything it imports, `yaml` included, into dist/bin/tekton-pod.js and one chunk per lazily
 * imported part (the compiler, loaded only by the commands that run it).
 *
 * Why: a command line pays its start-up on every run, and Node's module loader costs about
 * half a millisecond per file, before any of it runs; the CLI spans some hundred modules of
 * ours and sixty of `yaml`, which cost more than the compile itself. The library stays
 * unbundled (dist/index.js): its importers load it once per process.
 *
 * Minified, because V8 reads every byte of a module before running it (compiling the bundle's
 * source was the largest item left in a profile of `tekton-pod compile`); the source maps
 * beside it (`node --enable-source-maps`) give readable stack traces.
 */
import { chmodSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const dist = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));

rmSync(dist("bin"), { recursive: true, force: true });
const bundle = await rolldown({ input: dist("cli/bin.js"), platform: "node", logLevel: "warn" });
await bundle.write({
  dir: dist("bin"),
  format: "esm",
  entryFileNames: "tekton-pod.js",
  chunkFileNames: "tekton-pod-[name].js",
  sourcemap: true,
  minify: true,
});
await bundle.close();
// The executable is run directly (`npx tekton-pod` in this project, a global install's link):
// npm makes a package's bin executable when it installs it, but not a file written later, as
// this build writes it on a fresh checkout.
chmodSync(dist("bin/tekton-pod.js"), 0o755);
