import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ImageReference,
  parseImageReference,
  qualifiedName,
  qualifiedRepository,
} from "../../src/k8s/image-reference.js";
import { SEED } from "../support/seed.js";

// Expectations follow go-containerregistry v0.2.1 pkg/name (vendored in Tekton v0.20.1) with
// WeakValidation, the mode Tekton's resolveEntrypoints passes to name.ParseReference.

const HEX = "a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4";
const DIGEST = `sha256:${HEX}`;

describe("parseImageReference", () => {
  it.each<[string, ImageReference, string, string]>([
    // [input, parsed, qualifiedRepository, qualifiedName]
    [
      "ubuntu",
      { registry: "index.docker.io", repository: "library/ubuntu" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:latest",
    ],
    [
      "ubuntu:18.04",
      { registry: "index.docker.io", repository: "library/ubuntu", tag: "18.04" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:18.04",
    ],
    [
      "library/ubuntu",
      { registry: "index.docker.io", repository: "library/ubuntu" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:latest",
    ],
    [
      "docker.io/library/ubuntu",
      { registry: "index.docker.io", repository: "library/ubuntu" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:latest",
    ],
    [
      "docker.io/ubuntu",
      { registry: "index.docker.io", repository: "library/ubuntu" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:latest",
    ],
    [
      "index.docker.io/library/ubuntu:latest",
      { registry: "index.docker.io", repository: "library/ubuntu", tag: "latest" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:latest",
    ],
    [
      "docker.io/library/golang:1.15",
      { registry: "index.docker.io", repository: "library/golang", tag: "1.15" },
      "index.docker.io/library/golang",
      "index.docker.io/library/golang:1.15",
    ],
    [
      "bitnami/kubectl:1.19",
      { registry: "index.docker.io", repository: "bitnami/kubectl", tag: "1.19" },
      "index.docker.io/bitnami/kubectl",
      "index.docker.io/bitnami/kubectl:1.19",
    ],
    ["gcr.io/p/x:tag", { registry: "gcr.io", repository: "p/x", tag: "tag" }, "gcr.io/p/x", "gcr.io/p/x:tag"],
    ["gcr.io/p/x", { registry: "gcr.io", repository: "p/x" }, "gcr.io/p/x", "gcr.io/p/x:latest"],
    [
      "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/entrypoint:v0.20.1",
      { registry: "gcr.io", repository: "tekton-releases/github.com/tektoncd/pipeline/cmd/entrypoint", tag: "v0.20.1" },
      "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/entrypoint",
      "gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/entrypoint:v0.20.1",
    ],
    [
      "localhost:5000/foo",
      { registry: "localhost:5000", repository: "foo" },
      "localhost:5000/foo",
      "localhost:5000/foo:latest",
    ],
    ["host:5000/a/b", { registry: "host:5000", repository: "a/b" }, "host:5000/a/b", "host:5000/a/b:latest"],
    ["host:5000/a/b:v1", { registry: "host:5000", repository: "a/b", tag: "v1" }, "host:5000/a/b", "host:5000/a/b:v1"],
    [
      `registry.example.com:8443/team/app@${DIGEST}`,
      { registry: "registry.example.com:8443", repository: "team/app", digest: DIGEST },
      "registry.example.com:8443/team/app",
      `registry.example.com:8443/team/app@${DIGEST}`,
    ],
    [
      `ubuntu@${DIGEST}`,
      { registry: "index.docker.io", repository: "library/ubuntu", digest: DIGEST },
      "index.docker.io/library/ubuntu",
      `index.docker.io/library/ubuntu@${DIGEST}`,
    ],
    [
      `gcr.io/p/x@${DIGEST}`,
      { registry: "gcr.io", repository: "p/x", digest: DIGEST },
      "gcr.io/p/x",
      `gcr.io/p/x@${DIGEST}`,
    ],
    // a tag next to a digest is dropped
    [
      `ubuntu:18.04@${DIGEST}`,
      { registry: "index.docker.io", repository: "library/ubuntu", digest: DIGEST },
      "index.docker.io/library/ubuntu",
      `index.docker.io/library/ubuntu@${DIGEST}`,
    ],
    // weak validation quirks
    [
      "ubuntu:",
      { registry: "index.docker.io", repository: "library/ubuntu" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:latest",
    ],
    [
      "localhost:5000",
      { registry: "index.docker.io", repository: "library/localhost", tag: "5000" },
      "index.docker.io/library/localhost",
      "index.docker.io/library/localhost:5000",
    ],
    [
      "localhost/foo",
      { registry: "index.docker.io", repository: "localhost/foo" },
      "index.docker.io/localhost/foo",
      "index.docker.io/localhost/foo:latest",
    ],
    ["Gcr.io/ab", { registry: "Gcr.io", repository: "ab" }, "Gcr.io/ab", "Gcr.io/ab:latest"],
    ["[::1]:5000/foo", { registry: "[::1]:5000", repository: "foo" }, "[::1]:5000/foo", "[::1]:5000/foo:latest"],
    ["a.io:/xy", { registry: "a.io:", repository: "xy" }, "a.io:/xy", "a.io:/xy:latest"],
    [
      "/ubuntu",
      { registry: "index.docker.io", repository: "/ubuntu" },
      "index.docker.io//ubuntu",
      "index.docker.io//ubuntu:latest",
    ],
    [
      "ubuntu:Tag_1.x-y",
      { registry: "index.docker.io", repository: "library/ubuntu", tag: "Tag_1.x-y" },
      "index.docker.io/library/ubuntu",
      "index.docker.io/library/ubuntu:Tag_1.x-y",
    ],
  ])("%s", (input, parsed, repository, name) => {
    const ref = parseImageReference(input);
    expect(ref).toEqual(parsed);
    expect(qualifiedRepository(ref as ImageReference)).toBe(repository);
    expect(qualifiedName(ref as ImageReference)).toBe(name);
  });

  it.each([
    "",
    "Ubuntu",
    "library/Ubuntu",
    "gcr.io/P/x",
    "a",
    "gcr.io/x",
    "ubuntu:bad!tag",
    `ubuntu:${"t".repeat(129)}`,
    "ubuntu:18.04:extra",
    "a:b:c",
    "host:port/foo",
    "my registry.io/foo",
    "a@b.io/foo",
    "a.io?x/foo",
    "a%41.io/foo",
    "ubuntu@sha256:abc",
    `ubuntu@sha256:${HEX.toUpperCase()}`,
    `ubuntu@sha256:${HEX}@sha256:${HEX}`,
    `ubuntu@sha256:${HEX}0`,
    `ubuntu@md5:${HEX}`,
    " ubuntu",
    "ubuntu ",
    "ubuntu\n",
    `${"a".repeat(256)}`,
    `${"a".repeat(250)}@${DIGEST}`,
  ])("rejects %j", (input) => {
    expect(parseImageReference(input)).toBeUndefined();
  });

  it("checks digests only by length and alphabet, as weak validation does", () => {
    for (const odd of [`hhhhhh:${HEX}`, `sha512:${HEX}`]) {
      expect(parseImageReference(`ubuntu@${odd}`)).toEqual({
        registry: "index.docker.io",
        repository: "library/ubuntu",
        digest: odd,
      });
    }
  });

  it("accepts a 250-character Docker Hub name by tag but not by digest (library/ makes it 258)", () => {
    const long = "a".repeat(250);
    expect(parseImageReference(long)?.repository).toBe(`library/${long}`);
    expect(parseImageReference(`${long}@${DIGEST}`)).toBeUndefined();
    expect(parseImageReference(`x.io/${long}@${DIGEST}`)?.repository).toBe(long);
  });
});

describe("properties", () => {
  const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{1,10}$/);
  const reference = fc.record({
    registry: fc.constantFrom("", "docker.io/", "gcr.io/", "localhost:5000/", "registry.example.com:443/"),
    path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")),
    suffix: fc.oneof(
      fc.constant(""),
      fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/).map((t) => `:${t}`),
      fc.constant(`@${DIGEST}`),
    ),
  });

  it("the qualified name parses back to the same reference and is a fixed point", () => {
    fc.assert(
      fc.property(reference, ({ registry, path, suffix }) => {
        const ref = parseImageReference(`${registry}${path}${suffix}`);
        expect(ref).toBeDefined();
        const name = qualifiedName(ref as ImageReference);
        const again = parseImageReference(name) as ImageReference;
        expect(qualifiedName(again)).toBe(name);
        expect(qualifiedRepository(again)).toBe(qualifiedRepository(ref as ImageReference));
        expect(again.digest).toBe((ref as ImageReference).digest);
      }),
      { seed: SEED, numRuns: 1000, verbose: true },
    );
  });
});
