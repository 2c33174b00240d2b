/**
 * Image references as go-containerregistry v0.2.1 `name.ParseReference(s, name.WeakValidation)`
 * parses them — the call Tekton v0.20.1's entrypoint lookup (pkg/pod/entrypoint_lookup.go)
 * makes for each step without `command`, before pinning the step's image to
 * `<repository>@<digest>`.
 *
 * Weak validation is lenient in ways reproduced here on purpose: the registry defaults to
 * `index.docker.io` (and `docker.io` is rewritten to it), Docker Hub names without a `/` get
 * the `library/` namespace, an empty tag (`ubuntu:`) means `latest`, a digest is only checked
 * to be 71 characters of `sh:0-9a-f`, a tag written next to a digest is dropped, and the
 * repository need only be 2–255 characters of `a-z0-9_-./` (so `gcr.io/x` is rejected while
 * `a//b` is accepted).
 */

/** A parsed image reference. */
export interface ImageReference {
  /** Registry host[:port], e.g. `index.docker.io`, `gcr.io`, `localhost:5000`. */
  readonly registry: string;
  /** Repository path within the registry, e.g. `library/ubuntu`. */
  readonly repository: string;
  /** The tag as written; absent when the reference has none (it then means `latest`) or is by digest. */
  readonly tag?: string;
  /** `sha256:…` when the reference is by digest. */
  readonly digest?: string;
}

const DEFAULT_REGISTRY = "index.docker.io";
const DEFAULT_REGISTRY_ALIAS = "docker.io";
const DEFAULT_TAG = "latest";
const DEFAULT_NAMESPACE = "library";

const REPOSITORY_CHARS = /^[a-z0-9_\-./]*$/;
const TAG_CHARS = /^[A-Za-z0-9_\-.]*$/;
const DIGEST_CHARS = /^[sh:0-9a-f]*$/;

/** Length in Unicode code points, as Go counts runes. */
function runeCount(s: string): number {
  return [...s].length;
}

function checkElement(element: string, allowed: RegExp, min: number, max: number): boolean {
  const n = runeCount(element);
  return n >= min && n <= max && allowed.test(element);
}

/** Go's url `validOptionalPort`: empty, or ":" followed by digits only. */
function isValidOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

/**
 * Whether Go's `url.Parse("//" + name).Host` gives back exactly `name` (go-containerregistry's
 * registry check): no control characters, nothing that starts a path, query, fragment or
 * userinfo, no percent escapes (unescaping would change the host), a numeric port, and only
 * characters a URL host may hold unescaped (non-ASCII passes, as in Go).
 */
function isValidRegistry(name: string): boolean {
  for (const ch of name) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x20 || c === 0x7f) return false;
    if (c >= 0x80) continue;
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/.test(ch)) continue;
    return false;
  }
  if (name.startsWith("[")) {
    const close = name.lastIndexOf("]");
    return close >= 0 && isValidOptionalPort(name.slice(close + 1));
  }
  const colon = name.lastIndexOf(":");
  return colon < 0 || isValidOptionalPort(name.slice(colon));
}

interface Repository {
  readonly registry: string;
  readonly repository: string;
}

/** `name.NewRepository` (weak): optional registry before the first `/` if it has `.` or `:`. */
function parseRepository(name: string): Repository | undefined {
  if (name.length === 0) return undefined;
  let registry = "";
  let repository = name;
  const slash = name.indexOf("/");
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first.includes(".") || first.includes(":")) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  if (!checkElement(repository, REPOSITORY_CHARS, 2, 255)) return undefined;
  if (!isValidRegistry(registry)) return undefined;
  if (registry === "" || registry === DEFAULT_REGISTRY_ALIAS) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes("/")) {
    repository = `${DEFAULT_NAMESPACE}/${repository}`;
  }
  return { registry, repository };
}

/** `name.NewTag` (weak): the part after the last `:` is a tag unless it contains a `/`. */
function parseTagged(name: string): ImageReference | undefined {
  let base = name;
  let tag = "";
  const colon = name.lastIndexOf(":");
  if (colon >= 0 && !name.slice(colon + 1).includes("/")) {
    base = name.slice(0, colon);
    tag = name.slice(colon + 1);
  }
  if (tag !== "" && !checkElement(tag, TAG_CHARS, 1, 128)) return undefined;
  const repo = parseRepository(base);
  if (repo === undefined) return undefined;
  // A literal, not `{ ...repo, tag }`: a field added to a spread takes V8's slow path.
  return tag === "" ? repo : { registry: repo.registry, repository: repo.repository, tag };
}

/** `name.NewDigest` (weak): exactly one `@`; any tag before it is parsed and then dropped. */
function parseDigested(name: string): ImageReference | undefined {
  const parts = name.split("@");
  if (parts.length !== 2) return undefined;
  const [base, digest] = parts as [string, string];
  if (!checkElement(digest, DIGEST_CHARS, 71, 71)) return undefined;
  // A tag parsed here is dropped: the repository is re-parsed from its qualified name, which
  // (with an added `library/`) may now exceed the length limit.
  const tagged = parseTagged(base);
  const repo = parseRepository(tagged === undefined ? base : qualifiedRepository(tagged));
  if (repo === undefined) return undefined;
  return { registry: repo.registry, repository: repo.repository, digest };
}

/**
 * Parses an image reference like go-containerregistry's `name.ParseReference` with weak
 * validation (a tag reference first, then a digest reference); `undefined` where it errors.
 *
 * @example parseImageReference("ubuntu")
 *   // { registry: "index.docker.io", repository: "library/ubuntu" }
 * @example parseImageReference("gcr.io/p/x@sha256:<64 hex>")
 *   // { registry: "gcr.io", repository: "p/x", digest: "sha256:<64 hex>" }
 */
export function parseImageReference(image: string): ImageReference | undefined {
  return parseTagged(image) ?? parseDigested(image);
}

/**
 * The fully qualified repository (`ref.Context().String()`), which Tekton joins with `@` and
 * the image digest to pin a step's image.
 *
 * @example qualifiedRepository(parseImageReference("ubuntu")!) // "index.docker.io/library/ubuntu"
 */
export function qualifiedRepository(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/**
 * The fully qualified reference (`ref.Name()`): repository plus `@digest`, or `:tag` with the
 * default tag `latest`.
 *
 * @example qualifiedName(parseImageReference("ubuntu")!) // "index.docker.io/library/ubuntu:latest"
 */
export function qualifiedName(ref: ImageReference): string {
  const repository = qualifiedRepository(ref);
  if (ref.digest !== undefined) return `${repository}@${ref.digest}`;
  return `${repository}:${ref.tag ?? DEFAULT_TAG}`;
}
