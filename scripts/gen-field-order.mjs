#!/usr/bin/env node
/**
 * Regenerates src/k8s/go-field-order.ts: for each Kubernetes and Tekton Go struct that can
 * appear in the package's output, its JSON field names in declaration order — the order Go's
 * encoding/json (and so the API server) writes them. Reads the Go sources of Tekton's releases
 * (and the Kubernetes/Knative types they vendor) from a local git clone of tektoncd/pipeline:
 *
 *   node scripts/gen-field-order.mjs /path/to/tektoncd/pipeline.git
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const repo = process.argv[2];
if (!repo) {
  console.error("usage: node scripts/gen-field-order.mjs <tektoncd/pipeline git dir>");
  process.exit(2);
}
const git = (...args) =>
  execFileSync("git", ["-C", repo, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "ignore"],
  });

/** Kubernetes types come from the newest vendored copy: fields are only ever added, so its order is a superset. */
const K8S_TAG = "v1.12.2";
/** Go import path → the short name the table uses, per source tag. */
const PACKAGES = [
  { tag: K8S_TAG, dir: "vendor/k8s.io/api/core/v1", importPath: "k8s.io/api/core/v1", id: "core" },
  {
    tag: K8S_TAG,
    dir: "vendor/k8s.io/apimachinery/pkg/apis/meta/v1",
    importPath: "k8s.io/apimachinery/pkg/apis/meta/v1",
    id: "meta",
  },
  ...["v0.20.1", "v1.12.2"].flatMap((tag) => {
    const release = tag === "v1.12.2" ? "v1.12" : tag;
    return [
      {
        tag,
        dir: "pkg/apis/pipeline/v1beta1",
        importPath: "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1beta1",
        id: `${release}/v1beta1`,
      },
      {
        tag,
        dir: "pkg/apis/pipeline/v1",
        importPath: "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1",
        id: `${release}/v1`,
      },
      {
        tag,
        dir: "pkg/apis/resource/v1alpha1",
        importPath: "github.com/tektoncd/pipeline/pkg/apis/resource/v1alpha1",
        id: `${release}/resource`,
      },
      { tag, dir: "pkg/result", importPath: "github.com/tektoncd/pipeline/pkg/result", id: `${release}/result` },
      {
        tag,
        dir: "pkg/apis/run/v1beta1",
        importPath: "github.com/tektoncd/pipeline/pkg/apis/run/v1beta1",
        id: `${release}/run`,
      },
      { tag, dir: "vendor/knative.dev/pkg/apis", importPath: "knative.dev/pkg/apis", id: `${release}/knative` },
      {
        tag,
        dir: "vendor/knative.dev/pkg/apis/duck/v1beta1",
        importPath: "knative.dev/pkg/apis/duck/v1beta1",
        id: `${release}/duckv1beta1`,
      },
      {
        tag,
        dir: "vendor/knative.dev/pkg/apis/duck/v1",
        importPath: "knative.dev/pkg/apis/duck/v1",
        id: `${release}/duckv1`,
      },
    ];
  }),
];
const ROOTS = [
  "core.Pod",
  "core.PersistentVolumeClaim",
  "v0.20.1/v1beta1.TaskSpec",
  "v0.20.1/v1beta1.TaskRunStatus",
  "v1.12/v1.TaskSpec",
  "v1.12/v1.TaskRunStatus",
  "v1.12/v1beta1.TaskSpec",
  "v1.12/v1beta1.TaskRunStatus",
];

/** name → { kind: "struct", fields: [{ json, type, inline }] } | { kind: "alias", type } */
const types = new Map();

function listFiles(tag, dir) {
  try {
    return git("ls-tree", "--name-only", `${tag}:${dir}`)
      .split("\n")
      .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"));
  } catch {
    return [];
  }
}

function parseImports(src) {
  const imports = new Map();
  const block = /^import \(([\s\S]*?)^\)/m.exec(src);
  const lines = block ? block[1].split("\n") : (/^import (.*)$/m.exec(src)?.[1] ?? "").split("\n");
  for (const line of lines) {
    const m = /^\s*(?:([A-Za-z_][\w]*)\s+)?"([^"]+)"/.exec(line);
    if (!m) continue;
    const alias = m[1] ?? m[2].split("/").pop();
    imports.set(alias, m[2]);
  }
  return imports;
}

/** A Go type expression → { name, map } with name qualified as "<pkg id>.<Type>" or undefined for builtins. */
function typeRef(expr, pkg, imports) {
  let t = expr.trim();
  let map = false;
  for (;;) {
    if (t.startsWith("*")) t = t.slice(1);
    else if (t.startsWith("[]")) t = t.slice(2);
    else if (t.startsWith("map[")) {
      map = true;
      let depth = 0;
      let i = 3;
      for (; i < t.length; i++) {
        if (t[i] === "[") depth++;
        else if (t[i] === "]" && --depth === 0) break;
      }
      t = t.slice(i + 1);
    } else break;
  }
  const dot = t.indexOf(".");
  if (dot >= 0) {
    const importPath = imports.get(t.slice(0, dot));
    const target = PACKAGES.find(
      (p) =>
        p.importPath === importPath &&
        (p.tag === pkg.tag || (p.tag === K8S_TAG && (p.id === "core" || p.id === "meta"))),
    );
    return target ? { name: `${target.id}.${t.slice(dot + 1)}`, map } : { name: undefined, map };
  }
  if (/^[A-Z]/.test(t)) return { name: `${pkg.id}.${t}`, map };
  return { name: undefined, map };
}

for (const pkg of PACKAGES) {
  for (const file of listFiles(pkg.tag, pkg.dir)) {
    const src = git("show", `${pkg.tag}:${pkg.dir}/${file}`);
    const imports = parseImports(src);
    const lines = src.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const alias = /^type ([A-Z]\w*)\s*=?\s*(\S.*)$/.exec(line);
      if (!alias) continue;
      const name = `${pkg.id}.${alias[1]}`;
      if (/^struct\s*\{\s*$/.test(alias[2])) {
        const fields = [];
        for (i++; i < lines.length && !/^}/.test(lines[i]); i++) {
          const l = lines[i].replace(/\/\/.*$/, "").trim();
          if (l === "") continue;
          const tag = /`([^`]*)`/.exec(l)?.[1] ?? "";
          const json = /json:"([^"]*)"/.exec(tag)?.[1];
          const decl = l
            .replace(/`[^`]*`/, "")
            .trim()
            .split(/\s+/);
          if (json === "-") continue;
          const jsonName = json?.split(",")[0];
          // An embedded struct (one token: its type) without a JSON name is flattened into its parent.
          const embedded = decl.length === 1;
          const typeExpr = embedded ? decl[0] : decl.slice(1).join(" ");
          if (embedded && !jsonName) fields.push({ inline: true, ...typeRef(typeExpr, pkg, imports) });
          else if (jsonName) fields.push({ json: jsonName, ...typeRef(typeExpr, pkg, imports) });
        }
        types.set(name, { kind: "struct", fields });
      } else {
        types.set(name, { kind: "alias", ...typeRef(alias[2].replace(/\/\/.*$/, ""), pkg, imports) });
      }
    }
  }
}

function resolve(name) {
  let ref = { name, map: false };
  for (let n = 0; ref.name && n < 10; n++) {
    const t = types.get(ref.name);
    if (!t) return { name: undefined, map: ref.map };
    if (t.kind === "struct") return ref;
    ref = { name: t.name, map: ref.map || t.map };
  }
  return { name: undefined, map: false };
}

/** Flattens inline (embedded) structs into their parent, as encoding/json does. */
function flatten(name, seen = new Set()) {
  const t = types.get(name);
  const out = [];
  for (const f of t.fields) {
    if (f.inline) {
      const r = f.name ? resolve(f.name) : { name: undefined };
      if (r.name && !seen.has(r.name)) out.push(...flatten(r.name, new Set([...seen, r.name])));
      continue;
    }
    const r = f.name ? resolve(f.name) : { name: undefined, map: false };
    out.push({ json: f.json, type: r.name, map: f.map || r.map });
  }
  return out;
}

const table = new Map();
const queue = [...ROOTS];
while (queue.length > 0) {
  const name = queue.shift();
  if (table.has(name)) continue;
  if (types.get(name)?.kind !== "struct") {
    console.error(`missing root or type: ${name}`);
    continue;
  }
  // Go keeps the first of two fields with one JSON name at the shallowest depth; an embedded
  // struct's field never shadows the parent's own here, so keeping the first is enough.
  const fields = [];
  const names = new Set();
  for (const f of flatten(name)) {
    if (names.has(f.json)) continue;
    names.add(f.json);
    fields.push(f);
    if (f.type) queue.push(f.type);
  }
  table.set(name, fields);
}

const body = [...table.entries()]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(
    ([name, fields]) =>
      `  ${JSON.stringify(name)}: ${JSON.stringify(fields.map((f) => (f.type ? `${f.json}${f.map ? "{}" : ":"}${f.type}` : f.json)).join(" "))},`,
  )
  .join("\n");
writeFileSync(
  new URL("../src/k8s/go-field-order.ts", import.meta.url),
  `/**
 * The JSON field order of every Kubernetes and Tekton Go struct that can appear in the
 * package's output — the order in which Go's encoding/json, and so the API server and the
 * Tekton controller, write an object's fields. Generated by scripts/gen-field-order.mjs from
 * the Go sources of Tekton v0.20.1 and v1.12.2 (Kubernetes types from the newer one: fields
 * are only ever added, so its order holds for the older API too). Do not edit by hand.
 *
 * Each entry lists a struct's fields as space-separated tokens: \`name\` for a field whose
 * value is not a struct, \`name:Type\` for a struct (or a list of them), \`name{}Type\` for a
 * map whose values are that struct. Embedded structs are flattened, as Go writes them.
 */
export const GO_FIELD_ORDER: Readonly<Record<string, string>> = {
${body}
};
`,
);
console.error(`${table.size} types`);
