/** ApplyResources' variables: per-type keys, legacy aliases, paths of bound and unbound declarations. */
import { describe, expect, it } from "vitest";
import type { PipelineResourceSpec, TaskResource } from "../../src/api/types.js";
import {
  declaredResourcePath,
  RESOURCE_VARIABLE_PREFIXES,
  type ResolvedResources,
  resourceReplacementMap,
  resourceReplacements,
  resourceReplacementValues,
} from "../../src/v0.20.1/compile/resources/index.js";
import { loadCases } from "../support/cases.js";
import { runCase } from "./helpers.js";

function one(
  direction: "inputs" | "outputs",
  name: string,
  spec: PipelineResourceSpec,
  declaration?: Partial<TaskResource>,
): ResolvedResources {
  const bound = [
    { name, resourceName: `${name}-pr`, spec, paths: [], declaration: { name, type: spec.type, ...declaration } },
  ];
  return direction === "inputs" ? { inputs: bound, outputs: [] } : { inputs: [], outputs: bound };
}

describe("resourceReplacements", () => {
  it("gives a git input's fields under both spellings (git-input-variables-and-legacy)", () => {
    const { resolved } = runCase("git-input-variables-and-legacy");
    const map = resourceReplacements(resolved, "inputs");
    const name = resolved.inputs[0]?.name ?? "";
    for (const prefix of [`resources.inputs.${name}`, `inputs.resources.${name}`]) {
      expect(map[`${prefix}.name`]).toBe(name);
      expect(map[`${prefix}.type`]).toBe("git");
      expect(map[`${prefix}.path`]).toBe(`/workspace/${name}`);
      expect(map[`${prefix}.depth`]).toBe("1");
      expect(map[`${prefix}.submodules`]).toBe("true");
      expect(map[`${prefix}.sslVerify`]).toBe("true");
    }
    expect(Object.keys(map).some((k) => k.startsWith("resources.outputs.") && !k.endsWith(".path"))).toBe(false);
  });

  it("names the variable after the binding, not the PipelineResource", () => {
    const map = resourceReplacements(
      one("inputs", "src", { type: "image", params: [{ name: "URL", value: "gcr.io/x" }] }),
      "inputs",
    );
    expect(map).toMatchObject({
      "resources.inputs.src.name": "src",
      "resources.inputs.src.url": "gcr.io/x",
      "resources.inputs.src.digest": "",
    });
  });

  it("still gives the path of an optional input left unbound (optional-input-unbound)", () => {
    const { resolved } = runCase("optional-input-unbound");
    const unbound = resolved.declarations?.inputs.find((d) => !resolved.inputs.some((b) => b.name === d.name));
    expect(unbound).toBeDefined();
    const map = resourceReplacements(resolved, "inputs");
    expect(map[`resources.inputs.${unbound?.name ?? ""}.path`]).toBe(
      declaredResourcePath(unbound as TaskResource, "inputs"),
    );
    expect(map[`resources.inputs.${unbound?.name ?? ""}.url`]).toBeUndefined();
  });

  it("joins a relative targetPath under /workspace for outputs too, and keeps an absolute one", () => {
    expect(declaredResourcePath({ name: "o", type: "image", targetPath: "out/img" }, "outputs")).toBe(
      "/workspace/out/img",
    );
    expect(declaredResourcePath({ name: "o", type: "image", targetPath: "/abs//dir/" }, "outputs")).toBe("/abs//dir/");
    expect(declaredResourcePath({ name: "o", type: "image" }, "outputs")).toBe("/workspace/output/o");
    expect(declaredResourcePath({ name: "i", type: "git", targetPath: "../x" }, "inputs")).toBe("/x");
  });

  it("exposes cluster fields with decoded CA data and the derived insecure flag", () => {
    const map = resourceReplacements(
      one("inputs", "k", {
        type: "cluster",
        params: [
          { name: "cadata", value: "aGVsbG8=" },
          { name: "token", value: "t" },
        ],
      }),
      "inputs",
    );
    expect(map).toMatchObject({
      "resources.inputs.k.cadata": "hello",
      "resources.inputs.k.insecure": "false",
      "resources.inputs.k.token": "t",
    });
    const insecure = resourceReplacements(
      one("inputs", "k", { type: "cluster", params: [{ name: "username", value: "u" }] }),
      "inputs",
    );
    expect(insecure["resources.inputs.k.insecure"]).toBe("true");
  });

  it("gives the cloudEvent target under target-uri and storage location", () => {
    const ce = resourceReplacements(
      one("outputs", "ev", { type: "cloudEvent", params: [{ name: "targetURI", value: "http://sink" }] }),
      "outputs",
    );
    expect(ce["outputs.resources.ev.target-uri"]).toBe("http://sink");
    const gcs = resourceReplacements(
      one("outputs", "b", {
        type: "storage",
        params: [
          { name: "type", value: "gcs" },
          { name: "location", value: "gs://b" },
        ],
      }),
      "outputs",
    );
    expect(gcs).toMatchObject({
      "resources.outputs.b.location": "gs://b",
      "resources.outputs.b.type": "storage",
      "resources.outputs.b.path": "/workspace/output/b",
    });
  });

  it("defaults depth back to 1 and booleans back to true for unparseable values, like Tekton", () => {
    const map = resourceReplacements(
      one("inputs", "g", {
        type: "git",
        params: [
          { name: "depth", value: "-3" },
          { name: "submodules", value: "False" },
        ],
      }),
      "inputs",
    );
    expect([map["resources.inputs.g.depth"], map["resources.inputs.g.submodules"]]).toEqual(["1", "true"]);
  });
});

describe("resourceReplacementValues", () => {
  // The compile reads resource variables through these lookups; the map spells out every
  // variable. Both must answer every key alike, on every case that binds resources.
  const cases = loadCases().filter(
    (c) => c.area === "resources" && c.kind === "compile" && c.expected.pod !== undefined,
  );

  it.each(cases.map((c) => c.name))("answers every key as resourceReplacementMap does (%s)", (name) => {
    const { resolved } = runCase(name);
    for (const direction of ["inputs", "outputs"] as const) {
      const map = resourceReplacementMap(resolved, direction);
      const values = resourceReplacementValues(resolved, direction);
      expect(values.size === 0, direction).toBe(map.size === 0);
      for (const [key, value] of map) expect(values.get(key), key).toBe(value);
      // The substitution looks up only keys that start with one of the declared prefixes.
      for (const key of map.keys())
        expect(
          RESOURCE_VARIABLE_PREFIXES.some((p) => key.startsWith(p)),
          key,
        ).toBe(true);
      for (const key of map.keys()) {
        for (const other of [`${key}x`, key.replace(/\.[^.]*$/, ".missing"), key.replace(direction, "x")]) {
          if (!map.has(other)) expect(values.get(other), other).toBeUndefined();
        }
      }
    }
  });
});
