/**
 * Command-less steps (pkg/pod/entrypoint_lookup.go in v0.20.1): Tekton asks the registry for
 * the image's ENTRYPOINT (or CMD when ENTRYPOINT is empty), uses it as the command and pins the
 * image to `<fully qualified repository>@<digest>`. Here the registry's answers are input:
 * `imageEntrypoints`, keyed by the image as written or fully qualified.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import type { ImageEntrypoint, Immutable } from "../../../api/types.js";
import type { StepPath } from "../../../errors.js";
import { fail, type Issue, issue } from "../../../errors.js";
import type { Explainer } from "../../../explain/index.js";
import { parseImageReference, qualifiedName, qualifiedRepository } from "../../../k8s/image-reference.js";
import { hasKey } from "../../../k8s/records.js";

type Entrypoints = Immutable<Record<string, ImageEntrypoint>> | undefined;

function lookup(entrypoints: Entrypoints, image: string, qualified: string): Immutable<ImageEntrypoint> | undefined {
  if (entrypoints === undefined) return undefined;
  if (hasKey(entrypoints, image)) return entrypoints[image];
  if (hasKey(entrypoints, qualified)) return entrypoints[qualified];
  return undefined;
}

/**
 * Fills in `command` and pins `image` for a step without a command, in `step` itself (the
 * Builder's own copy). `warnings` receives an issue when the image's digest is unknown (the
 * image is then kept as written).
 */
export function resolveEntrypoint(
  step: Container,
  index: number,
  entrypoints: Entrypoints,
  warnings: Issue[],
  stepPath: StepPath,
  explain?: Explainer,
): Container {
  if (step.command !== undefined && step.command.length > 0) return step;
  const image = step.image ?? "";
  const path = [...stepPath(index), "image"];
  const ref = parseImageReference(image);
  if (ref === undefined) {
    fail(
      "build",
      "invalid-value",
      path,
      `could not parse reference: ${image}; a step without a command needs a valid image reference such as "ubuntu:20.04"`,
      "CouldntGetTask",
    );
  }
  const qualified = qualifiedName(ref);
  const entry = lookup(entrypoints, image, qualified);
  if (entry === undefined) {
    fail(
      "input",
      "missing-entrypoint",
      path,
      `step ${index} has no command and image ${JSON.stringify(image)} has no entry in imageEntrypoints; ` +
        `add imageEntrypoints[${JSON.stringify(image)}] = { entrypoint: [...], digest: "sha256:…" } or give the step a command`,
    );
  }
  const data = Array.isArray(entry)
    ? { entrypoint: entry as readonly string[] }
    : (entry as Exclude<Immutable<ImageEntrypoint>, readonly string[]>);
  const command = data.entrypoint !== undefined && data.entrypoint.length > 0 ? data.entrypoint : data.cmd;
  const digest = data.digest ?? ref.digest;
  let pinned = image;
  if (digest !== undefined && digest !== "") {
    pinned = `${qualifiedRepository(ref)}@${digest}`;
  } else {
    warnings.push(
      issue(
        "missing-digest",
        ["imageEntrypoints", image],
        `no digest known for image ${JSON.stringify(image)}: it is kept as written instead of being pinned; add a digest to its imageEntrypoints entry`,
      ),
    );
  }
  step.image = pinned;
  // An image with neither ENTRYPOINT nor CMD leaves the step without a command, which the
  // entrypoint rewriting then rejects exactly as Tekton does.
  if (command !== undefined && command.length > 0) step.command = command.slice();
  if (explain !== undefined) {
    const key = hasKey(entrypoints, image) ? image : qualified;
    const at = ["taskSpec", "steps", index];
    const field = data.entrypoint !== undefined && data.entrypoint.length > 0 ? "entrypoint" : "cmd";
    (step.command ?? []).forEach((_, k) => {
      explain.add(
        [...at, "command", k],
        "image-entrypoint",
        `The step has no command, so the image's ${field === "entrypoint" ? "ENTRYPOINT" : "CMD"} is used.`,
        Array.isArray(entry) ? ["imageEntrypoints", key, k] : ["imageEntrypoints", key, field, k],
      );
    });
    if (pinned !== image) {
      explain.add(
        [...at, "image"],
        "image-digest-pin",
        "The image was looked up for its entrypoint, and is pinned to the digest found.",
        data.digest !== undefined ? ["imageEntrypoints", key, "digest"] : [...stepPath(index), "image"],
      );
    }
  }
  return step;
}
