/**
 * Workspaces (workspace/apply.go, reconciler/volumeclaim/pvchandler.go and the workspace
 * substitutions of resources/apply.go in v0.20.1): volumeClaimTemplate bindings become
 * PersistentVolumeClaims with a stable name, each binding becomes a `ws-xxxxx` volume (bindings
 * of one claim share it), and every step mounts each bound workspace through the stepTemplate.
 */

import type { PersistentVolumeClaim, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import type { Container, Immutable, TaskSpec, WorkspaceBinding, WorkspaceDeclaration } from "../../api/types.js";
import type { PathSegment } from "../../errors.js";
import type { Explainer } from "../../explain/index.js";
import { copyObject } from "../../k8s/copy-object.js";
import { joinPath } from "../../k8s/go-path.js";
import type { SuffixGenerator } from "../../k8s/names.js";
import { setRecord } from "../../k8s/records.js";
import { sha256Hex } from "../../k8s/sha256.js";
import { WORKSPACE_DIR } from "../contract.js";

/** Where a declared workspace is mounted (WorkspaceDeclaration.GetMountPath). */
export function workspaceMountPath(declaration: Immutable<WorkspaceDeclaration>): string {
  const { mountPath, name } = declaration;
  if (mountPath !== undefined && mountPath !== "") return mountPath;
  return joinPath(WORKSPACE_DIR, name);
}

/** What the workspace stages need to gather an explanation: the collector and where each binding was written. */
export interface WorkspaceExplain {
  readonly explain: Explainer;
  /** Where the binding at this index (of the TaskRun's bindings with the defaulted ones after them) is in the input. */
  readonly bindingPath: (index: number) => PathSegment[];
}

/** `<template name or "pvc">-<first 10 hex of sha256(workspace name + owner name)>`. */
export function volumeClaimName(
  template: Immutable<PersistentVolumeClaim>,
  bindingName: string,
  ownerName: string,
): string {
  const identity = sha256Hex(bindingName + ownerName).slice(0, 10);
  const base = template.metadata?.name !== undefined && template.metadata.name !== "" ? template.metadata.name : "pvc";
  return `${base}-${identity}`;
}

/**
 * The PVCs the controller creates for volumeClaimTemplate bindings, and the bindings as the
 * Pod sees them (each template replaced by a claim of that PVC).
 */
export function materializeVolumeClaimTemplates(
  bindings: readonly Immutable<WorkspaceBinding>[],
  owner: OwnerReference,
  namespace: string | undefined,
  explaining?: WorkspaceExplain,
): { bindings: WorkspaceBinding[]; claims: PersistentVolumeClaim[] } {
  const claims: PersistentVolumeClaim[] = [];
  const out = bindings.map((binding, index): WorkspaceBinding => {
    const template = binding.volumeClaimTemplate;
    if (template === undefined) return binding as WorkspaceBinding;
    const claimName = volumeClaimName(template, binding.name, owner.name);
    // Copies that fields are added to (see copyObject), keys in the order spreads would give.
    const metadata = copyObject((template.metadata ?? {}) as NonNullable<PersistentVolumeClaim["metadata"]>);
    metadata.name = claimName;
    metadata.ownerReferences = [owner];
    if (namespace !== undefined) metadata.namespace = namespace;
    const claim: PersistentVolumeClaim = { apiVersion: "v1", kind: "PersistentVolumeClaim" };
    const fields = template as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(fields)) setRecord(claim as Record<string, unknown>, key, fields[key]);
    claim.metadata = metadata;
    claims.push(claim);
    if (explaining !== undefined) {
      explainClaim(explaining, claims.length - 1, claims[claims.length - 1] as PersistentVolumeClaim, index);
    }
    const materialized: WorkspaceBinding = { name: binding.name, persistentVolumeClaim: { claimName } };
    if (binding.subPath !== undefined) materialized.subPath = binding.subPath;
    return materialized;
  });
  return { bindings: out, claims };
}

/** The explanation of the PVC made for the `volumeClaimTemplate` binding at `index`. */
function explainClaim(
  { explain, bindingPath }: WorkspaceExplain,
  c: number,
  claim: PersistentVolumeClaim,
  index: number,
): void {
  const at = ["persistentVolumeClaims", c];
  const template = [...bindingPath(index), "volumeClaimTemplate"];
  const { metadata, apiVersion, kind, ...rest } = claim;
  explain.copied([...at], rest, template, "As written in the workspace's volumeClaimTemplate.");
  const { name, ownerReferences, namespace, ...copiedMetadata } = metadata ?? {};
  if (Object.keys(copiedMetadata).length > 0) {
    explain.copied(
      [...at, "metadata"],
      copiedMetadata,
      [...template, "metadata"],
      "As written in the workspace's volumeClaimTemplate.",
    );
  }
  const made = "The controller creates this PVC for the workspace's volumeClaimTemplate before the Pod.";
  explain.add([...at, "apiVersion"], "pod-kind", made);
  explain.add([...at, "kind"], "pod-kind", made);
  explain.add(
    [...at, "metadata", "name"],
    "volume-claim-template",
    'The template\'s name (or "pvc") and a hash of the workspace and TaskRun names.',
    [...bindingPath(index), "name"],
  );
  // The binding now claims this PVC: the workspace's volume says so (explainWorkspaceVolume).
  explain.add(
    ["workspaceBindings", index, "persistentVolumeClaim", "claimName"],
    "volume-claim-template",
    "The PVC created for the workspace's volumeClaimTemplate.",
    [...bindingPath(index), "volumeClaimTemplate"],
  );
  explain.each(
    [...at, "metadata", "ownerReferences"],
    ownerReferences,
    "owner-reference",
    "The TaskRun owns the PVC.",
    ["taskRun", "metadata"],
  );
  if (namespace !== undefined) {
    explain.add([...at, "metadata", "namespace"], "copied", "The TaskRun's namespace.", [
      "taskRun",
      "metadata",
      "namespace",
    ]);
  }
}

/**
 * workspace.CreateVolumes: one `ws-xxxxx` volume per binding, keyed by workspace name; two
 * bindings of the same claim share the first one's volume. A suffix is drawn for every
 * binding, used or not, as Tekton does.
 */
export function createWorkspaceVolumes(
  bindings: readonly Immutable<WorkspaceBinding>[],
  names: SuffixGenerator,
): Map<string, Volume> {
  const byClaim = new Map<string, Volume>();
  const volumes = new Map<string, Volume>();
  for (const binding of bindings) {
    const name = names.withSuffix("ws");
    if (binding.persistentVolumeClaim !== undefined) {
      const shared = byClaim.get(binding.persistentVolumeClaim.claimName);
      if (shared !== undefined) {
        volumes.set(binding.name, shared);
      } else {
        const volume: Volume = { name, persistentVolumeClaim: { ...binding.persistentVolumeClaim } };
        volumes.set(binding.name, volume);
        byClaim.set(binding.persistentVolumeClaim.claimName, volume);
      }
    } else if (binding.emptyDir !== undefined) {
      volumes.set(binding.name, { name, emptyDir: { ...binding.emptyDir } as Volume["emptyDir"] & object });
    } else if (binding.configMap !== undefined) {
      volumes.set(binding.name, { name, configMap: { ...binding.configMap } as Volume["configMap"] & object });
    } else if (binding.secret !== undefined) {
      volumes.set(binding.name, { name, secret: { ...binding.secret } as Volume["secret"] & object });
    }
  }
  return volumes;
}

/** ApplyWorkspaces' replacements: `workspaces.<name>.path|bound|volume|claim`. */
export function workspaceReplacements(
  declarations: readonly Immutable<WorkspaceDeclaration>[],
  bindings: readonly Immutable<WorkspaceBinding>[],
  volumes: ReadonlyMap<string, Volume>,
): Map<string, string> {
  const replacements = new Map<string, string>();
  const bound = new Set(bindings.map((b) => b.name));
  for (const declaration of declarations) {
    const prefix = `workspaces.${declaration.name}.`;
    const isBound = declaration.optional !== true || bound.has(declaration.name);
    replacements.set(`${prefix}bound`, isBound ? "true" : "false");
    replacements.set(`${prefix}path`, isBound ? workspaceMountPath(declaration) : "");
  }
  for (const [name, volume] of volumes) replacements.set(`workspaces.${name}.volume`, volume.name);
  for (const binding of bindings) {
    replacements.set(`workspaces.${binding.name}.claim`, binding.persistentVolumeClaim?.claimName ?? "");
  }
  return replacements;
}

/**
 * workspace.Apply: mount each bound workspace via the stepTemplate (creating an empty one
 * when the Task has none — which, in v0.20.1, also drops step timeouts downstream) and add
 * each distinct volume once.
 */
export function applyWorkspaces(
  spec: Immutable<TaskSpec>,
  bindings: readonly Immutable<WorkspaceBinding>[],
  volumes: ReadonlyMap<string, Volume>,
  explaining?: WorkspaceExplain,
): TaskSpec {
  if (bindings.length === 0) return spec as TaskSpec;
  const template: Container = copyObject((spec.stepTemplate ?? {}) as Container);
  const mounts: VolumeMount[] = [...(template.volumeMounts ?? [])];
  const specVolumes: Volume[] = [...((spec.volumes ?? []) as Volume[])];
  const added = new Set<string>();
  bindings.forEach((binding, index) => {
    const declaration = (spec.workspaces ?? []).find((w) => w.name === binding.name);
    const volume = volumes.get(binding.name);
    // Both are guaranteed by checkWorkspaceBindings and createWorkspaceVolumes; a binding
    // with no source was already rejected at admission.
    if (declaration === undefined || volume === undefined) return;
    const mount: VolumeMount = { name: volume.name, mountPath: workspaceMountPath(declaration) };
    if (binding.subPath !== undefined && binding.subPath !== "") mount.subPath = binding.subPath;
    if (declaration.readOnly === true) mount.readOnly = true;
    mounts.push(mount);
    explaining?.explain.each(
      ["taskSpec", "stepTemplate", "volumeMounts", mounts.length - 1],
      mount,
      "workspace-mount",
      `Workspace ${JSON.stringify(binding.name)} is mounted into every step${declaration.mountPath ? " at its declared mountPath" : " at /workspace/<name>"}.`,
      explaining.bindingPath(index),
    );
    if (!added.has(volume.name)) {
      specVolumes.push(volume);
      added.add(volume.name);
      if (explaining !== undefined) explainWorkspaceVolume(explaining, specVolumes.length - 1, volume, binding, index);
    }
    if (explaining !== undefined && explaining.bindingPath(index)[0] === "config") {
      // bindDefaultWorkspaces bound this workspace: the TaskRun left it unbound.
      const note = `The TaskRun does not bind workspace ${JSON.stringify(binding.name)}, so config-defaults default-task-run-workspace-binding does.`;
      const from = explaining.bindingPath(index);
      explaining.explain.each(
        ["taskSpec", "stepTemplate", "volumeMounts", mounts.length - 1],
        mount,
        "default-workspace",
        note,
        from,
      );
      const v = specVolumes.indexOf(volume);
      explaining.explain.each(["taskSpec", "volumes", v], volume, "default-workspace", note, from);
    }
  });
  template.volumeMounts = mounts;
  const out = copyObject(spec as TaskSpec);
  out.stepTemplate = template;
  out.volumes = specVolumes;
  return out;
}

/** The explanation of the `ws-` volume of the binding at `index`, the spec's volume `v`. */
function explainWorkspaceVolume(
  { explain, bindingPath }: WorkspaceExplain,
  v: number,
  volume: Volume,
  binding: Immutable<WorkspaceBinding>,
  index: number,
): void {
  // `binding` is the one the Pod sees: a volumeClaimTemplate has become a claim of its PVC.
  const at = ["taskSpec", "volumes", v];
  explain.each(
    at,
    volume,
    "workspace-volume",
    `The volume behind workspace ${JSON.stringify(binding.name)}, named ws-<suffix>.`,
    bindingPath(index),
  );
  const { name: _name, ...source } = volume;
  const claim = ["workspaceBindings", index, "persistentVolumeClaim"];
  if (explain.entriesAt([...claim, "claimName"]).length > 0) {
    explain.copy(claim, [...at, "persistentVolumeClaim"]);
  } else {
    explain.copied(at, source, bindingPath(index), "As written in the workspace binding.");
  }
}
