/**
 * Artifact storage between the Tasks of a PipelineRun, as Tekton v0.20.1 picks and uses it
 * (pkg/artifacts/artifacts_storage.go, pkg/apis/resource/v1alpha1/storage/artifact_{pvc,bucket}.go):
 * a bucket when `config-artifact-bucket` has a non-blank `location`, otherwise the PipelineRun's
 * PVC `<pipelineRun>-pvc` mounted at `/pvc`. Only TaskRuns owned by a PipelineRun use it.
 */
import type { Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { Immutable, SecretParam, Step, TaskRun } from "../../../api/types.js";
import type { SuffixGenerator } from "../../../k8s/names.js";
import { stringOrEmpty } from "../../../read-values.js";
import type { ResolvedConfig } from "../config.js";
import { secretEnvAndMounts, secretVolume, withEnvAndMounts } from "./model.js";

const PVC_MOUNT_PATH = "/pvc";
const BUCKET_SECRET_MOUNT_ROOT = "/var/bucketsecret";

/** How resources travel between Tasks: copy steps and the volumes they need. */
export interface ArtifactStorage {
  readonly kind: "pvc" | "bucket";
  /** Steps that bring `sourcePath` from storage into `destinationPath` (an input's `paths`). */
  copyFromStorage(name: string, sourcePath: string, destinationPath: string, names: SuffixGenerator): Step[];
  /** Steps that save `sourcePath` to storage under `destinationPath` (an output's `paths`). */
  copyToStorage(name: string, sourcePath: string, destinationPath: string, names: SuffixGenerator): Step[];
  /** Secret volumes the copy steps mount. */
  secretVolumes(): Volume[];
}

/** The owner reference kind that makes a TaskRun part of a PipelineRun. */
const PIPELINE_RUN_KIND = "PipelineRun";

function ownerReferences(taskRun: Immutable<TaskRun>): readonly { kind?: unknown; name?: unknown }[] {
  const refs = taskRun.metadata?.ownerReferences;
  return Array.isArray(refs)
    ? (refs as readonly { kind?: unknown; name?: unknown }[]).filter((r) => r !== null && typeof r === "object")
    : [];
}

/** Tekton's `HasPipelineRunOwnerReference`. */
export function isOwnedByPipelineRun(taskRun: Immutable<TaskRun>): boolean {
  return ownerReferences(taskRun).some((r) => r.kind === PIPELINE_RUN_KIND);
}

/** Tekton's `GetPipelineRunPVCName`: `<first PipelineRun owner>-pvc`, or "" without one. */
export function pipelineRunPVCName(taskRun: Immutable<TaskRun>): string {
  const owner = ownerReferences(taskRun).find((r) => r.kind === PIPELINE_RUN_KIND);
  return owner === undefined ? "" : `${stringOrEmpty(owner.name)}-pvc`;
}

/** Go's `strings.TrimSpace` test for emptiness (Unicode white space). */
function isBlank(text: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/u.test(text);
}

/** The PVC the copy steps mount at `/pvc`. */
export function pvcMount(claimName: string): VolumeMount {
  return { name: claimName, mountPath: PVC_MOUNT_PATH };
}

/** The volume for the PipelineRun's PVC. */
export function pvcVolume(claimName: string): Volume {
  return { name: claimName, persistentVolumeClaim: { claimName } };
}

/**
 * Tekton's `GetArtifactStorage`: the bucket from config when its location is not blank (a
 * missing ConfigMap or location means the PVC), with the service account secret only when
 * both its name and key are set.
 */
export function artifactStorage(config: ResolvedConfig, pvcName: string): ArtifactStorage {
  const bucket = config.artifactBucket;
  const images = config.images;
  if (isBlank(bucket.location)) {
    return {
      kind: "pvc",
      copyFromStorage: (name, sourcePath, destinationPath, names) => [
        {
          name: names.withSuffix(`source-copy-${name}`),
          image: images.shellImage,
          command: ["cp", "-r", `${sourcePath}/.`, destinationPath],
          env: [{ name: "TEKTON_RESOURCE_NAME", value: name }],
        },
      ],
      copyToStorage: (name, sourcePath, destinationPath, names) => [
        {
          name: names.withSuffix(`source-mkdir-${name}`),
          image: images.shellImage,
          command: ["mkdir", "-p", destinationPath],
          volumeMounts: [pvcMount(pvcName)],
        },
        {
          name: names.withSuffix(`source-copy-${name}`),
          image: images.shellImage,
          command: ["cp", "-r", `${sourcePath}/.`, destinationPath],
          volumeMounts: [pvcMount(pvcName)],
          env: [{ name: "TEKTON_RESOURCE_NAME", value: name }],
        },
      ],
      secretVolumes: () => [],
    };
  }
  const secrets: Immutable<SecretParam>[] =
    bucket.serviceAccountSecretName !== "" && bucket.serviceAccountSecretKey !== ""
      ? [
          {
            fieldName: bucket.serviceAccountFieldName,
            secretKey: bucket.serviceAccountSecretKey,
            secretName: bucket.serviceAccountSecretName,
          },
        ]
      : [];
  const location = bucket.location;
  return {
    kind: "bucket",
    copyFromStorage: (name, sourcePath, destinationPath, names) => {
      const { env, mounts } = secretEnvAndMounts("bucket", BUCKET_SECRET_MOUNT_ROOT, secrets);
      return [
        {
          name: names.withSuffix(`artifact-dest-mkdir-${name}`),
          image: images.shellImage,
          command: ["mkdir", "-p", destinationPath],
        },
        withEnvAndMounts(
          {
            name: names.withSuffix(`artifact-copy-from-${name}`),
            image: images.gsutilImage,
            command: ["gsutil"],
            args: ["cp", "-P", "-r", `${location}/${sourcePath}/*`, destinationPath],
          },
          env,
          mounts,
        ),
      ];
    },
    copyToStorage: (name, sourcePath, destinationPath, names) => {
      const { env, mounts } = secretEnvAndMounts("bucket", BUCKET_SECRET_MOUNT_ROOT, secrets);
      return [
        withEnvAndMounts(
          {
            name: names.withSuffix(`artifact-copy-to-${name}`),
            image: images.gsutilImage,
            command: ["gsutil"],
            args: ["cp", "-P", "-r", sourcePath, `${location}/${destinationPath}`],
          },
          env,
          mounts,
        ),
      ];
    },
    secretVolumes: () => secrets.map((s) => secretVolume(`volume-bucket-${s.secretName}`, s.secretName)),
  };
}
