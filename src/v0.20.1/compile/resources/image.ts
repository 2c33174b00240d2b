/**
 * The `image` PipelineResource of Tekton v0.20.1 (pkg/apis/resource/v1alpha1/image): no steps
 * of its own, only variables; as an output it is reported by the image digest exporter (see
 * add-resource-steps.ts), which serialises it as below.
 */
import type { Immutable, PipelineResourceSpec } from "../../../api/types.js";
import { goJsonString } from "../../../k8s/go-json.js";
import { equalFold } from "../../../k8s/go-strings.js";
import { paramsOf, type ResourceImpl, resourceImpl } from "./model.js";

/** `url` and `digest` of an image resource (last param of a name wins). */
export function readImageParams(spec: Immutable<PipelineResourceSpec>): { url: string; digest: string } {
  let url = "";
  let digest = "";
  for (const { name, value } of paramsOf(spec)) {
    if (equalFold(name, "URL")) url = value;
    else if (equalFold(name, "Digest")) digest = value;
  }
  return { url, digest };
}

/** An image resource bound as `name`. */
export function imageResource(name: string, spec: Immutable<PipelineResourceSpec>): ResourceImpl {
  const { url, digest } = readImageParams(spec);
  return resourceImpl(name, spec.type, [
    ["url", url],
    ["digest", digest],
  ]);
}

/** One entry of the digest exporter's `-images` argument. */
export interface ExportedImage {
  readonly name: string;
  readonly url: string;
  readonly digest: string;
  /** Where the Task leaves the image's OCI layout ("" when the Task does not declare it). */
  readonly outputImageDir: string;
}

/** `json.Marshal` of Tekton's `[]*image.Resource`: field order and Go escaping matter, the Pod shows them. */
export function exportedImagesJson(images: readonly ExportedImage[]): string {
  const items = images.map(
    (i) =>
      `{"name":${goJsonString(i.name)},"type":"image","url":${goJsonString(i.url)},` +
      `"digest":${goJsonString(i.digest)},"OutputImageDir":${goJsonString(i.outputImageDir)}}`,
  );
  return `[${items.join(",")}]`;
}
