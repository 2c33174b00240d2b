/**
 * Workspaces (workspace/apply.go, reconciler/volumeclaim/pvchandler.go and the workspace
 * substitutions of resources/apply.go in v0.20.1): volumeClaimTemplate bindings become
 * PersistentVolumeClaims with a stable name, each binding becomes a `ws-xxxxx` volume (bindings
 * of one claim share it), and every step mounts each bound workspace through the stepTemplate.
 */

import type { PersistentVolumeClaim, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import type { Container, Immutable, TaskSpec, WorkspaceBinding, WorkspaceDeclaration } from "../../api/types.js";
import { joinPath } from "../../k8s/go-path.js";
import type { SuffixGenerator } from "../../k8s/names.js";
import { sha256Hex } from "../../k8s/sha256.js";
import { WORKSPACE_DIR } from "../contract.js";

/** Where a declared workspace is mounted (WorkspaceDeclaration.GetMountPath). */
export function workspaceMountPath(declaration: Immutable<WorkspaceDeclaration>): string {
  return declaration.mountPath !== undefined && declaration.mountPath !== ""
    ? declaration.mountPath
    : joinPath(WORKSPACE_DIR, declaration.name);
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
): { bindings: WorkspaceBinding[]; claims: PersistentVolumeClaim[] } {
  const claims: PersistentVolumeClaim[] = [];
  const out = bindings.map((binding): WorkspaceBinding => {
    const template = binding.volumeClaimTemplate;
    if (template === undefined) return binding as WorkspaceBinding;
    const claimName = volumeClaimName(template, binding.name, owner.name);
    const metadata: NonNullable<PersistentVolumeClaim["metadata"]> = {
      ...(template.metadata as PersistentVolumeClaim["metadata"]),
      name: claimName,
      ownerReferences: [owner],
    };
    if (namespace !== undefined) metadata.namespace = namespace;
    claims.push({ apiVersion: "v1", kind: "PersistentVolumeClaim", ...(template as PersistentVolumeClaim), metadata });
    const materialized: WorkspaceBinding = { name: binding.name, persistentVolumeClaim: { claimName } };
    if (binding.subPath !== undefined) materialized.subPath = binding.subPath;
    return materialized;
  });
  return { bindings: out, claims };
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
): TaskSpec {
  if (bindings.length === 0) return spec as TaskSpec;
  const template: Container = { ...((spec.stepTemplate ?? {}) as Container) };
  const mounts: VolumeMount[] = [...(template.volumeMounts ?? [])];
  const specVolumes: Volume[] = [...((spec.volumes ?? []) as Volume[])];
  const added = new Set<string>();
  for (const binding of bindings) {
    const declaration = (spec.workspaces ?? []).find((w) => w.name === binding.name);
    const volume = volumes.get(binding.name);
    // Both are guaranteed by checkWorkspaceBindings and createWorkspaceVolumes; a binding
    // with no source was already rejected at admission.
    if (declaration === undefined || volume === undefined) continue;
    const mount: VolumeMount = { name: volume.name, mountPath: workspaceMountPath(declaration) };
    if (binding.subPath !== undefined && binding.subPath !== "") mount.subPath = binding.subPath;
    if (declaration.readOnly === true) mount.readOnly = true;
    mounts.push(mount);
    if (!added.has(volume.name)) {
      specVolumes.push(volume);
      added.add(volume.name);
    }
  }
  template.volumeMounts = mounts;
  return { ...(spec as TaskSpec), stepTemplate: template, volumes: specVolumes };
}
