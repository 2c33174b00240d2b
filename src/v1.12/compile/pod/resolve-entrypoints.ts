/**
 * `resolveEntrypoints` of Tekton v1.12 (pkg/pod/entrypoint_lookup.go, entrypoint_lookup_impl.go):
 * every step without a command is pinned to `<repository>@<digest>` and told its command per
 * platform in `TEKTON_PLATFORM_COMMANDS` (JSON of platform → command). The registry's answers
 * are input (`imageEntrypoints`). Lookups are remembered per image for the TaskRun, so a second
 * step on the same image reuses the first step's answer, args or not, as Tekton does.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import { fail } from "../../../errors.js";
import type { Explainer, Location } from "../../../explain/index.js";
import { copyObject } from "../../../k8s/copy-object.js";
import { parseImageReference, qualifiedName, qualifiedRepository } from "../../../k8s/image-reference.js";
import { hasKey } from "../../../k8s/records.js";
import type { ImageEntrypointV112, ImagePlatform, Immutable } from "../../api/types.js";

type Entrypoints = Immutable<Record<string, ImageEntrypointV112>> | undefined;

interface ImageData {
  readonly digest: string;
  readonly commands: ReadonlyMap<string, readonly string[] | null>;
}

function commandOf(
  entrypoint: readonly string[] | undefined,
  cmd: readonly string[] | undefined,
  hasArgs: boolean,
): readonly string[] | null {
  let ep: readonly string[] | undefined = entrypoint;
  if (ep === undefined || ep.length === 0) ep = cmd;
  else if (!hasArgs) ep = [...ep, ...(cmd ?? [])];
  return ep === undefined || ep.length === 0 ? (ep === undefined ? null : ep) : ep;
}

function platformString(p: Immutable<ImagePlatform>): string {
  if (typeof p === "string") return p;
  const parts = [p.os ?? "", p.architecture ?? ""];
  if (p.variant !== undefined && p.variant !== "") parts.push(p.variant);
  return parts.join("/");
}

/** Step containers with commands resolved; `stepPath(i)` locates step i in the input for messages. */
export function resolveEntrypoints(
  steps: readonly Container[],
  entrypoints: Entrypoints,
  stepPath: (i: number) => (string | number)[],
  explain?: { readonly explainer: Explainer; readonly step: (i: number) => Location },
): Container[] {
  // Two caches, as in the controller: one per reference as written (for this TaskRun), and one
  // per `<repository>@<digest>` (the controller's LRU, fresh here). A later step whose image is
  // the same repository and digest, however spelled, reuses the first lookup, args or not; a
  // step pinned, fully qualified, to a digest already seen needs no imageEntrypoints entry.
  const cache = new Map<string, ImageData>();
  const byDigest = new Map<string, ImageData>();
  const sourceKey = new Map<string, string>();
  return steps.map((step, i) => {
    if (step.command !== undefined && step.command.length > 0) return step;
    const image = step.image ?? "";
    const hasArgs = (step.args ?? []).length > 0;
    const ref = parseImageReference(image);
    if (ref === undefined) {
      fail(
        "build",
        "invalid-value",
        [...stepPath(i), "image"],
        `could not parse reference: ${image}`,
        "PodCreationFailed",
      );
    }
    // A digest reference is first looked up as written (go-containerregistry's `Digest.String()`),
    // which finds the digest cache's fully qualified keys only when the image is written that way.
    let data = cache.get(image) ?? (ref.digest !== undefined ? byDigest.get(image) : undefined);
    // The imageEntrypoints entry the lookup used (the first step on this image's, when cached).
    let key = explain === undefined ? image : (sourceKey.get(image) ?? image);
    if (data === undefined) {
      const qualified = qualifiedName(ref);
      const entry =
        entrypoints !== undefined && hasKey(entrypoints, image)
          ? entrypoints[image]
          : entrypoints !== undefined && hasKey(entrypoints, qualified)
            ? entrypoints[qualified]
            : undefined;
      if (explain !== undefined) {
        key = entrypoints !== undefined && hasKey(entrypoints, image) ? image : qualified;
        sourceKey.set(image, key);
      }
      if (entry === undefined) {
        fail(
          "input",
          "missing-entrypoint",
          [...stepPath(i), "image"],
          `step ${i} has no command and image ${JSON.stringify(image)} has no entry in imageEntrypoints; ` +
            `add imageEntrypoints[${JSON.stringify(image)}] = { entrypoint: [...], digest: "sha256:…" } or give the step a command`,
        );
      }
      const e = Array.isArray(entry)
        ? { entrypoint: entry as readonly string[] }
        : (entry as Exclude<Immutable<ImageEntrypointV112>, readonly string[]>);
      const digest = e.digest ?? ref.digest;
      if (digest === undefined || digest === "") {
        fail(
          "input",
          "missing-digest",
          ["imageEntrypoints", image],
          `Tekton v1.12 pins every command-less step by digest: add a digest to imageEntrypoints[${JSON.stringify(image)}] (or pin the image)`,
        );
      }
      const commands = new Map<string, readonly string[] | null>();
      if (e.platforms !== undefined) {
        for (const p of e.platforms) {
          const key = platformString(p);
          if (key === "unknown/unknown") continue;
          const own = typeof p === "string" ? undefined : p;
          const entrypoint = own?.entrypoint ?? e.entrypoint;
          const cmd = own?.cmd ?? e.cmd;
          commands.set(key, commandOf(entrypoint, cmd, hasArgs));
        }
      } else {
        commands.set(`${e.os ?? "linux"}/${e.architecture ?? "amd64"}`, commandOf(e.entrypoint, e.cmd, hasArgs));
      }
      const pinned = `${qualifiedRepository(ref)}@${digest}`;
      data = byDigest.get(pinned);
      if (data === undefined) {
        data = { digest, commands };
        byDigest.set(pinned, data);
      }
      cache.set(image, data);
    }
    // Held in a const: the closure below cannot see that `data` is set by now.
    const platforms = data.commands;
    const sorted = [...platforms.keys()].sort();
    // Go's encoding/json escapes <, > and & (and U+2028/9) inside strings; nothing else differs here.
    const json = `{${sorted.map((k) => `${JSON.stringify(k)}:${JSON.stringify(platforms.get(k))}`).join(",")}}`.replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    if (explain !== undefined) {
      const at = explain.step(i);
      explain.explainer.drop([...at, "image"]);
      explain.explainer.add(
        [...at, "image"],
        "image-digest-pin",
        "The step has no command, so Tekton looked up its image and pins it to the digest it found.",
        ["imageEntrypoints", key],
      );
      explain.explainer.each(
        [...at, "env", (step.env ?? []).length],
        { name: "", value: "" },
        "platform-commands",
        "The image's command for each platform, which the entrypoint runs since the step gives none.",
        ["imageEntrypoints", key],
      );
    }
    const out = copyObject(step);
    out.image = `${qualifiedRepository(ref)}@${data.digest}`;
    out.env = [...(step.env ?? []), { name: "TEKTON_PLATFORM_COMMANDS", value: json }];
    return out;
  });
}
