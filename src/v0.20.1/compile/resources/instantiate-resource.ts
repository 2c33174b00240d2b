/**
 * Tekton v0.20.1's `resource.FromType` (pkg/apis/resource/resource.go): turns a bound
 * PipelineResource into the implementation of its type. Constructors that refuse a resource
 * (storage without location, build-gcs with secrets, cloudEvent without targetURI, …) make Pod
 * creation fail, which the controller reports as `CouldntGetTask`.
 */
import type { Immutable, PipelineResourceSpec } from "../../../api/types.js";
import { cloudEventResource } from "./cloudevent.js";
import { clusterResource } from "./cluster.js";
import { gitResource } from "./git.js";
import { imageResource } from "./image.js";
import type { ResourceResult } from "./model.js";
import { pullRequestResource } from "./pullrequest.js";
import { storageResource } from "./storage.js";

/** The implementation of `spec` bound as `name`, or why Tekton cannot create it. */
export function instantiateResource(
  name: string,
  resourceName: string,
  spec: Immutable<PipelineResourceSpec>,
): ResourceResult {
  switch (spec.type) {
    case "git":
      return gitResource(name, spec);
    case "image":
      return imageResource(name, spec);
    case "cluster":
      return clusterResource(name, spec);
    case "storage":
      return storageResource(name, resourceName, spec);
    case "pullRequest":
      return pullRequestResource(name, resourceName, spec);
    case "cloudEvent":
      return cloudEventResource(name, resourceName, spec);
    default:
      return {
        problem: `resource "${resourceName}" has type ${JSON.stringify(spec.type)}, which is not a PipelineResource type: use git, image, storage, cluster, pullRequest or cloudEvent`,
        at: ["type"],
      };
  }
}
