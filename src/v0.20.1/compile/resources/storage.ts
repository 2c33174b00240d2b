/**
 * The `storage` PipelineResource of Tekton v0.20.1 (pkg/apis/resource/v1alpha1/storage): the
 * `type` param picks `gcs` (gsutil: a fetch script for inputs, an upload step for outputs,
 * credentials from secrets) or `build-gcs` (gcs-fetcher: inputs only, public buckets only).
 */
import type { Volume } from "kubernetes-types/core/v1.js";
import type { Immutable, PipelineResourceSpec, SecretParam, TaskSpec } from "../../../api/types.js";
import { joinPath } from "../../../k8s/go-path.js";
import { equalFold } from "../../../k8s/go-strings.js";
import {
  createDirStep,
  modifier,
  paramsOf,
  type ResourceResult,
  resourceImpl,
  secretEnvAndMounts,
  secretsOf,
  secretVolume,
  withEnvAndMounts,
} from "./model.js";

const GCS_SECRET_MOUNT_ROOT = "/var/secret";

/** Prepended to the gsutil fetch script: use the mounted service account key when there is one. */
const ACTIVATE_SERVICE_ACCOUNT = `#!/usr/bin/env bash
if [[ "\${GOOGLE_APPLICATION_CREDENTIALS}" != "" ]]; then
  echo GOOGLE_APPLICATION_CREDENTIALS is set, activating Service Account...
  gcloud auth activate-service-account --key-file=\${GOOGLE_APPLICATION_CREDENTIALS}
fi
`;

/** The archive formats gcs-fetcher understands, in Tekton's order (used in its message). */
export const BUILD_GCS_ARTIFACT_TYPES = ["Archive", "Manifest", "ZipArchive", "TarGzArchive"] as const;

/**
 * Secret volumes for every secret param (whatever its field) not yet in the spec:
 * `volume-<name>-<secretName>`.
 */
function storageSecretVolumes(
  name: string,
  secrets: readonly Immutable<SecretParam>[],
  spec: Immutable<TaskSpec>,
): Volume[] {
  const present = new Set((spec.volumes ?? []).map((v) => v.name));
  const out: Volume[] = [];
  for (const s of secrets) {
    const volumeName = `volume-${name}-${s.secretName}`;
    if (present.has(volumeName)) continue;
    present.add(volumeName);
    out.push(secretVolume(volumeName, s.secretName));
  }
  return out;
}

/** A storage resource bound as `name`; `resourceName` names it in problems. */
export function storageResource(
  name: string,
  resourceName: string,
  spec: Immutable<PipelineResourceSpec>,
): ResourceResult {
  const typeParam = paramsOf(spec).find((p) => equalFold(p.name, "type"));
  if (typeParam === undefined) {
    return {
      problem: `storage resource "${resourceName}" has no "type" param: add {name: type, value: gcs} or {name: type, value: build-gcs}`,
      at: ["params"],
    };
  }
  if (equalFold(typeParam.value, "gcs")) return gcsResource(name, resourceName, spec);
  if (equalFold(typeParam.value, "build-gcs")) return buildGCSResource(name, resourceName, spec);
  return {
    problem: `storage resource "${resourceName}" has type ${JSON.stringify(typeParam.value)}, which is not implemented: use "gcs" or "build-gcs"`,
    at: ["params", typeParam.index, "value"],
  };
}

function gcsResource(name: string, resourceName: string, spec: Immutable<PipelineResourceSpec>): ResourceResult {
  let location = "";
  let locationSpecified = false;
  let dir = false;
  for (const p of paramsOf(spec)) {
    if (equalFold(p.name, "Location")) {
      location = p.value;
      if (p.value !== "") locationSpecified = true;
    } else if (equalFold(p.name, "Dir")) {
      // Tekton treats the mere presence of `dir` as "a directory", whatever its value.
      dir = true;
    }
  }
  if (!locationSpecified) {
    return {
      problem: `gcs storage resource "${resourceName}" has no location: add a param {name: location, value: gs://bucket/path}`,
      at: ["params"],
    };
  }
  const secrets = secretsOf(spec) ?? [];
  return resourceImpl(name, spec.type, [["location", location]], {
    input({ spec: taskSpec, path, images, names }) {
      const copy = dir ? `gsutil rsync -d -r ${location} ${path}\n` : `gsutil cp ${location} ${path}\n`;
      const { env, mounts } = secretEnvAndMounts(name, GCS_SECRET_MOUNT_ROOT, secrets);
      return modifier({
        prepend: [
          createDirStep(images.shellImage, name, path, names),
          withEnvAndMounts(
            {
              name: names.withSuffix(`fetch-${name}`),
              image: images.gsutilImage,
              script: ACTIVATE_SERVICE_ACCOUNT + copy,
            },
            env,
            mounts,
          ),
        ],
        volumes: storageSecretVolumes(name, secrets, taskSpec),
      });
    },
    output({ spec: taskSpec, path, images, names }) {
      const args = dir ? ["rsync", "-d", "-r", path, location] : ["cp", joinPath(path, "*"), location];
      const { env, mounts } = secretEnvAndMounts(name, GCS_SECRET_MOUNT_ROOT, secrets);
      return modifier({
        append: [
          withEnvAndMounts(
            { name: names.withSuffix(`upload-${name}`), image: images.gsutilImage, command: ["gsutil"], args },
            env,
            mounts,
          ),
        ],
        volumes: storageSecretVolumes(name, secrets, taskSpec),
      });
    },
  });
}

function buildGCSResource(name: string, resourceName: string, spec: Immutable<PipelineResourceSpec>): ResourceResult {
  // Any `secrets` key, even an empty list, is refused: gcs-fetcher cannot authenticate.
  if (secretsOf(spec) !== undefined) {
    return {
      problem: `build-gcs storage resource "${resourceName}" cannot use secrets (gcs-fetcher only reads public buckets): remove spec.secrets or use type gcs`,
      at: ["secrets"],
    };
  }
  let location = "";
  let artifactType = "";
  for (const p of paramsOf(spec)) {
    if (equalFold(p.name, "Location")) {
      location = p.value;
    } else if (equalFold(p.name, "ArtifactType")) {
      if (!(BUILD_GCS_ARTIFACT_TYPES as readonly string[]).includes(p.value)) {
        return {
          problem: `build-gcs storage resource "${resourceName}" has artifactType ${JSON.stringify(p.value)}: use one of ${BUILD_GCS_ARTIFACT_TYPES.join(", ")} (case-sensitive)`,
          at: ["params", p.index, "value"],
        };
      }
      artifactType = p.value;
    }
  }
  if (location === "") {
    return {
      problem: `build-gcs storage resource "${resourceName}" has no location: add a param {name: location, value: gs://bucket/object}`,
      at: ["params"],
    };
  }
  if (artifactType === "") {
    return {
      problem: `build-gcs storage resource "${resourceName}" has no artifactType: add a param {name: artifactType, value: Archive|Manifest|ZipArchive|TarGzArchive}`,
      at: ["params"],
    };
  }
  return resourceImpl(name, spec.type, [["location", location]], {
    input({ path, images, names }) {
      const args = ["--type", artifactType, "--location", location];
      if (path !== "") args.push("--dest_dir", path);
      return modifier({
        prepend: [
          createDirStep(images.shellImage, name, path, names),
          {
            name: names.withSuffix(`storage-fetch-${name}`),
            image: images.buildGCSFetcherImage,
            command: ["/ko-app/gcs-fetcher"],
            args,
          },
        ],
      });
    },
  });
}
