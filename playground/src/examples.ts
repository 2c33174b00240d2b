/**
 * The playground's own example (playground/examples/) and the package's bundled examples
 * (fixtures/examples/), read at build time so the page needs nothing at
 * run time. A folder (build-push/) becomes one multi-document text. An example whose comment
 * runs `compile … --images images.yaml` gets that file appended as its image entrypoints
 * document, which is how the editor takes `--images`.
 */
const files = import.meta.glob<string>("../../fixtures/examples/**/*.{yaml,yml,json}", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** One example: a name for the menu and the text for the editor. */
export interface Example {
  readonly name: string;
  readonly text: string;
}

const own = import.meta.glob<string>("../examples/*.yaml", { query: "?raw", import: "default", eager: true });

const PREFIX = "../../fixtures/examples/";
const IMAGES = "images.yaml";

function build(): Example[] {
  const groups = new Map<string, string[]>();
  const paths = Object.keys(files).sort();
  for (const path of paths) {
    const relative = path.slice(PREFIX.length);
    if (relative === IMAGES) continue;
    const slash = relative.indexOf("/");
    const name = slash === -1 ? relative.replace(/\.(ya?ml|json)$/, "") : relative.slice(0, slash);
    groups.set(name, [...(groups.get(name) ?? []), files[path] ?? ""]);
  }
  const images = files[PREFIX + IMAGES];
  const bundled = [...groups].map(([name, texts]) => {
    let text = texts.map((t) => t.trimEnd()).join("\n---\n");
    if (images !== undefined && text.includes(`--images fixtures/examples/${IMAGES}`)) {
      text += `\n---\n# ${IMAGES}: a document without kind holds the image entrypoints\n${images.trimEnd()}`;
    }
    return { name, text: `${text}\n` };
  });
  const mine = Object.entries(own)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, text]) => ({ name: path.replace(/^.*\//, "").replace(/\.yaml$/, ""), text }));
  return [...mine, ...bundled];
}

/** The examples, by name. */
export const EXAMPLES: readonly Example[] = build();

/** The example the page opens with. */
export const FIRST_EXAMPLE = "workspace-sidecar-limits";
