/**
 * JSON Schemas for the Tekton v0.20.1 types of the input (pkg/apis/pipeline/v1beta1,
 * pkg/apis/pipeline/pod, pkg/apis/resource/v1alpha1) and for the rest of `CompileInput`.
 * Tekton's webhook decodes TaskRuns and Tasks with unknown fields disallowed, so every struct
 * here lists its fields and rejects others. The fields ../types.ts declares as required
 * (names, param values, resource types, `spec`) are required here too, so that the types do
 * not lie to later stages. Go would decode a missing one as "" and usually fail later, at
 * validation, resolution or Pod creation; we fail at once, with the path.
 */
import type { SchemaObject } from "ajv";
import { KUBERNETES_DEFS, obj, ref } from "./kubernetes.js";

const str: SchemaObject = { type: "string" };
const bool: SchemaObject = { type: "boolean" };
const strings: SchemaObject = { type: "array", items: str };
const arrayOf = (name: string): SchemaObject => ({ type: "array", items: { $ref: ref(name) } });
const to = (name: string): SchemaObject => ({ $ref: ref(name) });

const containerFields = (KUBERNETES_DEFS["Container"] as { properties: Record<string, SchemaObject> }).properties;

/** Tekton's definitions, keyed by Go type name (plus the input's own wrapper types). */
export const TEKTON_DEFS: Readonly<Record<string, SchemaObject>> = {
  GoDuration: { type: "string", format: "go-duration" },
  // ArrayOrString: a JSON string, or a list of strings.
  ArrayOrString: { type: ["string", "array"], items: str },
  TypeMeta: obj("TypeMeta", { kind: str, apiVersion: str }),

  Step: obj("Step", { ...containerFields, script: str, timeout: to("GoDuration") }),
  Sidecar: obj("Sidecar", { ...containerFields, script: str }),
  ParamSpec: obj("ParamSpec", { name: str, type: str, description: str, default: to("ArrayOrString") }, ["name"]),
  Param: obj("Param", { name: str, value: to("ArrayOrString") }, ["name", "value"]),
  TaskResource: obj("TaskResource", { name: str, type: str, description: str, targetPath: str, optional: bool }, [
    "name",
    "type",
  ]),
  TaskResources: obj("TaskResources", { inputs: arrayOf("TaskResource"), outputs: arrayOf("TaskResource") }),
  WorkspaceDeclaration: obj(
    "WorkspaceDeclaration",
    {
      name: str,
      description: str,
      mountPath: str,
      readOnly: bool,
      optional: bool,
    },
    ["name"],
  ),
  TaskResult: obj("TaskResult", { name: str, description: str }, ["name"]),
  TaskSpec: obj("TaskSpec", {
    resources: to("TaskResources"),
    params: arrayOf("ParamSpec"),
    description: str,
    steps: arrayOf("Step"),
    volumes: arrayOf("Volume"),
    stepTemplate: to("Container"),
    sidecars: arrayOf("Sidecar"),
    workspaces: arrayOf("WorkspaceDeclaration"),
    results: arrayOf("TaskResult"),
  }),
  Task: {
    ...obj("Task", { kind: str, apiVersion: str, metadata: to("ObjectMeta"), spec: to("TaskSpec") }),
    required: ["spec"],
  },

  ResourceParam: obj("ResourceParam", { name: str, value: str }, ["name", "value"]),
  SecretParam: obj("SecretParam", { fieldName: str, secretKey: str, secretName: str }, [
    "fieldName",
    "secretKey",
    "secretName",
  ]),
  PipelineResourceSpec: obj(
    "PipelineResourceSpec",
    {
      description: str,
      type: str,
      params: arrayOf("ResourceParam"),
      secrets: arrayOf("SecretParam"),
    },
    ["type"],
  ),
  PipelineResourceRef: obj("PipelineResourceRef", { name: str, apiVersion: str }, ["name"]),
  TaskResourceBinding: obj(
    "TaskResourceBinding",
    {
      name: str,
      resourceRef: to("PipelineResourceRef"),
      resourceSpec: to("PipelineResourceSpec"),
      paths: strings,
    },
    ["name"],
  ),
  TaskRunResources: obj("TaskRunResources", {
    inputs: arrayOf("TaskResourceBinding"),
    outputs: arrayOf("TaskResourceBinding"),
  }),
  PipelineResource: obj(
    "PipelineResource",
    {
      kind: str,
      apiVersion: str,
      metadata: to("ObjectMeta"),
      spec: to("PipelineResourceSpec"),
      // Status is informational; its fields are never read.
      status: { type: "object" },
    },
    ["spec"],
  ),
  TaskRef: obj("TaskRef", { name: str, kind: str, apiVersion: str, bundle: str }),
  PodTemplate: obj("PodTemplate", {
    nodeSelector: to("StringMap"),
    tolerations: arrayOf("Toleration"),
    affinity: to("Affinity"),
    securityContext: to("PodSecurityContext"),
    volumes: arrayOf("Volume"),
    runtimeClassName: str,
    automountServiceAccountToken: bool,
    dnsPolicy: str,
    dnsConfig: to("PodDNSConfig"),
    enableServiceLinks: bool,
    priorityClassName: str,
    schedulerName: str,
    imagePullSecrets: arrayOf("LocalObjectReference"),
    hostNetwork: bool,
  }),
  WorkspaceBinding: obj(
    "WorkspaceBinding",
    {
      name: str,
      subPath: str,
      volumeClaimTemplate: to("PersistentVolumeClaim"),
      persistentVolumeClaim: to("PersistentVolumeClaimVolumeSource"),
      emptyDir: to("EmptyDirVolumeSource"),
      configMap: to("ConfigMapVolumeSource"),
      secret: to("SecretVolumeSource"),
    },
    ["name"],
  ),
  TaskRunSpec: obj("TaskRunSpec", {
    params: arrayOf("Param"),
    resources: to("TaskRunResources"),
    serviceAccountName: str,
    taskRef: to("TaskRef"),
    taskSpec: to("TaskSpec"),
    status: str,
    timeout: to("GoDuration"),
    podTemplate: to("PodTemplate"),
    workspaces: arrayOf("WorkspaceBinding"),
  }),
  TaskRun: {
    ...obj("TaskRun", {
      kind: str,
      apiVersion: str,
      metadata: to("ObjectMeta"),
      spec: to("TaskRunSpec"),
      // compile ignores status (the TaskRun is treated as just created); fold reads it.
      status: { type: "object" },
    }),
    required: ["spec"],
  },

  // The image's ENTRYPOINT as a list, or what a registry reports about the image.
  ImageEntrypoint: {
    ...obj("ImageEntrypoint", {
      entrypoint: strings,
      cmd: strings,
      digest: { type: "string", format: "image-digest" },
    }),
    type: ["array", "object"],
    items: str,
  },
  ImagesConfig: obj("ImagesConfig", {
    entrypointImage: str,
    nopImage: str,
    gitImage: str,
    kubeconfigWriterImage: str,
    shellImage: str,
    gsutilImage: str,
    buildGCSFetcherImage: str,
    prImage: str,
    imageDigestExporterImage: str,
  }),
  CompileConfig: obj("config", {
    defaults: to("StringMap"),
    featureFlags: to("StringMap"),
    artifactPVC: to("StringMap"),
    artifactBucket: to("StringMap"),
    images: to("ImagesConfig"),
    version: str,
  }),
  CompileInput: {
    ...obj("input", {
      taskRun: to("TaskRun"),
      task: to("Task"),
      limitRanges: arrayOf("LimitRange"),
      serviceAccount: to("ServiceAccount"),
      secrets: arrayOf("Secret"),
      pipelineResources: arrayOf("PipelineResource"),
      imageEntrypoints: { type: "object", additionalProperties: to("ImageEntrypoint") },
      config: to("CompileConfig"),
    }),
    required: ["taskRun"],
  },
};
