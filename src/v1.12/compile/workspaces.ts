/**
 * Workspaces in Tekton v1.12's reconcile: PVCs for `volumeClaimTemplate` bindings
 * (volumeclaim/pvchandler.go), param substitution in bindings, one volume per binding named by
 * hash (workspace.CreateVolumes), the `$(workspaces.*)` replacements (resources.ApplyWorkspaces)
 * and the mounts (workspace.Apply).
 */

import type { PersistentVolumeClaim, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import type { PathSegment } from "../../errors.js";
import type { Explainer, Location } from "../../explain/index.js";
import { copyObject } from "../../k8s/copy-object.js";
import { joinPath } from "../../k8s/go-path.js";
import { hashedName } from "../../k8s/names.js";
import { sha256Hex } from "../../k8s/sha256.js";
import type { Immutable, TaskSpecV1, WorkspaceBindingV1, WorkspaceDeclarationV1 } from "../api/types.js";
import { WORKSPACE_DIR } from "./pod/constants.js";
import {
  type Lookup,
  type Pass,
  type PassOrigin,
  replaceInTaskSpec,
  replaceSidecar,
  replaceStep,
  replaceString,
} from "./substitute.js";

/** Where a declared workspace is mounted: its `mountPath`, else `/workspace/<name>`. */
export function workspaceMountPath(declaration: Immutable<WorkspaceDeclarationV1>): string {
  return declaration.mountPath !== undefined && declaration.mountPath !== ""
    ? declaration.mountPath
    : joinPath(WORKSPACE_DIR, declaration.name);
}

/** `<template name or "pvc">-<first 10 hex of sha256(binding name + owner UID)>`. */
function claimName(binding: Immutable<WorkspaceBindingV1>, ownerUid: string): string {
  const identity = sha256Hex(binding.name + ownerUid).slice(0, 10);
  const base = binding.volumeClaimTemplate?.metadata?.name;
  return `${base !== undefined && base !== "" ? base : "pvc"}-${identity}`;
}

/**
 * The PVCs created before the Pod for `volumeClaimTemplate` bindings, and the bindings as the Pod
 * sees them: each template replaced by a claim of its PVC.
 */
/** An explanation being gathered, with where in the input each binding was written. */
export interface BindingsExplain {
  readonly explain: Explainer;
  readonly bindingPaths: readonly (readonly PathSegment[])[];
}

export function materializeVolumeClaimTemplates(
  bindings: readonly WorkspaceBindingV1[],
  owner: OwnerReference,
  namespace: string | undefined,
  explaining?: BindingsExplain,
): { bindings: WorkspaceBindingV1[]; claims: PersistentVolumeClaim[] } {
  const claims: PersistentVolumeClaim[] = [];
  const out = bindings.map((binding, i): WorkspaceBindingV1 => {
    const template = binding.volumeClaimTemplate;
    if (template === undefined) return binding;
    const name = claimName(binding, owner.uid);
    const metadata: NonNullable<PersistentVolumeClaim["metadata"]> = copyObject(template.metadata ?? {});
    metadata.name = name;
    if (namespace !== undefined) metadata.namespace = namespace;
    metadata.ownerReferences = [owner];
    const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...rest } = template;
    claims.push({ kind: "PersistentVolumeClaim", apiVersion: "v1", metadata, ...rest });
    if (explaining !== undefined)
      explainClaim(explaining, claims.length - 1, claims[claims.length - 1] as PersistentVolumeClaim, i);
    const materialized: WorkspaceBindingV1 = { name: binding.name };
    if (binding.subPath !== undefined) materialized.subPath = binding.subPath;
    materialized.persistentVolumeClaim = { claimName: name };
    return materialized;
  });
  return { bindings: out, claims };
}

/** The PVC made for binding `i`'s `volumeClaimTemplate`. */
function explainClaim(
  { explain, bindingPaths }: BindingsExplain,
  k: number,
  claim: PersistentVolumeClaim,
  i: number,
): void {
  const at: Location = ["persistentVolumeClaims", k];
  const from: Location = [...(bindingPaths[i] ?? []), "volumeClaimTemplate"];
  const { metadata, kind: _kind, apiVersion: _apiVersion, ...rest } = claim;
  explain.copied(at, rest, from, "Taken from the workspace binding's volumeClaimTemplate.");
  const { name: _name, namespace: _namespace, ownerReferences, ...templateMetadata } = metadata ?? {};
  if (Object.keys(templateMetadata).length > 0)
    explain.copied([...at, "metadata"], templateMetadata, [...from, "metadata"], "Taken from the volumeClaimTemplate.");
  explain.add(
    [...at, "metadata", "name"],
    "volume-claim-template",
    "The PVC is named after the template (or pvc) and a hash of the workspace and the TaskRun's uid.",
    bindingPaths[i],
  );
  explain.add(
    [...at, "metadata", "namespace"],
    "volume-claim-template",
    "The PVC is made in the TaskRun's namespace.",
    ["taskRun", "metadata", "namespace"],
  );
  explain.each(
    [...at, "metadata", "ownerReferences"],
    ownerReferences,
    "owner-reference",
    "The TaskRun owns the PVC it made.",
    ["taskRun", "metadata"],
  );
  for (const key of ["kind", "apiVersion"])
    explain.add([...at, key], "pod-kind", "A volumeClaimTemplate binding makes one PVC before the Pod.", from);
}

/** `ReplaceWorkspaceBindingsVars`: string params in subPath and in the volume sources' names. */
export function replaceBindingVariables(
  bindings: readonly WorkspaceBindingV1[],
  strings: Lookup<string>,
): WorkspaceBindingV1[] {
  const r = (v: string) => replaceString(v, strings);
  return bindings.map((b) => {
    const out: WorkspaceBindingV1 = { ...b };
    if (b.subPath !== undefined) out.subPath = r(b.subPath);
    if (b.persistentVolumeClaim !== undefined)
      out.persistentVolumeClaim = { ...b.persistentVolumeClaim, claimName: r(b.persistentVolumeClaim.claimName) };
    if (b.configMap !== undefined) {
      out.configMap = { ...b.configMap };
      if (b.configMap.name !== undefined) out.configMap.name = r(b.configMap.name);
      if (b.configMap.items !== undefined)
        out.configMap.items = b.configMap.items.map((i) => ({ ...i, key: r(i.key), path: r(i.path) }));
    }
    if (b.secret !== undefined) {
      out.secret = { ...b.secret };
      if (b.secret.secretName !== undefined) out.secret.secretName = r(b.secret.secretName);
      if (b.secret.items !== undefined)
        out.secret.items = b.secret.items.map((i) => ({ ...i, key: r(i.key), path: r(i.path) }));
    }
    if (b.projected?.sources !== undefined) {
      out.projected = {
        ...b.projected,
        sources: b.projected.sources.map((s) => {
          const o = { ...s };
          if (s.configMap !== undefined) {
            o.configMap = { ...s.configMap };
            if (s.configMap.name !== undefined) o.configMap.name = r(s.configMap.name);
            if (s.configMap.items !== undefined)
              o.configMap.items = s.configMap.items.map((i) => ({ ...i, key: r(i.key), path: r(i.path) }));
          }
          if (s.secret !== undefined) {
            o.secret = { ...s.secret };
            if (s.secret.name !== undefined) o.secret.name = r(s.secret.name);
            if (s.secret.items !== undefined)
              o.secret.items = s.secret.items.map((i) => ({ ...i, key: r(i.key), path: r(i.path) }));
          }
          return o;
        }),
      };
    }
    if (b.csi !== undefined) {
      out.csi = { ...b.csi, driver: r(b.csi.driver) };
      if (b.csi.nodePublishSecretRef?.name !== undefined)
        out.csi.nodePublishSecretRef = { name: r(b.csi.nodePublishSecretRef.name) };
    }
    return out;
  });
}

/**
 * `workspace.CreateVolumes`: one `ws-<hash>` volume per binding, keyed by workspace name; two
 * bindings of the same claim share the first one's volume.
 */
export function createWorkspaceVolumes(bindings: readonly WorkspaceBindingV1[]): Map<string, Volume> {
  const byClaim = new Map<string, Volume>();
  const used = new Set<string>();
  const volumes = new Map<string, Volume>();
  for (const b of bindings) {
    let name = hashedName("ws", b.name, 5);
    while (used.has(name)) name = hashedName("ws", `${name}$`, 5);
    used.add(name);
    if (b.persistentVolumeClaim !== undefined) {
      const existing = byClaim.get(b.persistentVolumeClaim.claimName);
      if (existing !== undefined) volumes.set(b.name, existing);
      else {
        const v: Volume = { name, persistentVolumeClaim: { ...b.persistentVolumeClaim } };
        volumes.set(b.name, v);
        byClaim.set(b.persistentVolumeClaim.claimName, v);
      }
    } else if (b.emptyDir !== undefined) volumes.set(b.name, { name, emptyDir: { ...b.emptyDir } });
    else if (b.configMap !== undefined) volumes.set(b.name, { name, configMap: { ...b.configMap } });
    else if (b.secret !== undefined) volumes.set(b.name, { name, secret: { ...b.secret } });
    else if (b.projected !== undefined) volumes.set(b.name, { name, projected: { ...b.projected } });
    else if (b.csi !== undefined) volumes.set(b.name, { name, csi: { ...b.csi } });
  }
  return volumes;
}

/** Whether a step or sidecar mounts the workspace `name` at a path of its own. */
function mountedAtOwnPath(c: { workspaces?: { name: string; mountPath?: string }[] }, name: string): boolean {
  return c.workspaces?.some((u) => u.name === name && u.mountPath !== undefined && u.mountPath !== "") === true;
}

/** What the keys of the workspaces' passes start with. */
const WORKSPACE_PREFIXES = ["workspaces."];

/**
 * The passes of {@link applyWorkspaceVariables}, in its order, for a spec where they are the
 * same for every part: undefined when a step or sidecar mounts a workspace at its own path
 * (that container has a pass of its own) or a declared mount path holds a variable (which the
 * passes before these would change).
 */
export function workspaceVariablePasses(
  spec: TaskSpecV1,
  bindings: readonly WorkspaceBindingV1[],
  volumes: ReadonlyMap<string, Volume>,
): Pass[] | undefined {
  const passes: Pass[] = [];
  const strings = workspaceStrings(spec, bindings, volumes, (declaration, pathKey) => {
    if (declaration.mountPath?.includes("$(") === true) return false;
    const own = (c: { workspaces?: { name: string; mountPath?: string }[] }) => mountedAtOwnPath(c, declaration.name);
    if ((spec.steps ?? []).some(own) || (spec.sidecars ?? []).some(own)) return false;
    passes.push({ strings: new Map([[pathKey, workspaceMountPath(declaration)]]), keyPrefixes: WORKSPACE_PREFIXES });
    return true;
  });
  if (strings === undefined) return undefined;
  passes.push({ strings, keyPrefixes: WORKSPACE_PREFIXES });
  return passes;
}

/**
 * The values of `$(workspaces.<w>.bound|volume|claim)`, and `path` for an optional workspace
 * left unbound (empty). A bound workspace's path depends on where each part mounts it, so
 * `eachBound` gets its declaration and its `path` variable instead; it returns false to stop
 * (the answer is then undefined).
 */
function workspaceStrings(
  spec: TaskSpecV1,
  bindings: readonly WorkspaceBindingV1[],
  volumes: ReadonlyMap<string, Volume>,
  eachBound: (declaration: WorkspaceDeclarationV1, pathKey: string) => boolean,
): Map<string, string> | undefined {
  const strings = new Map<string, string>();
  const bound = new Set(bindings.map((b) => b.name));
  for (const declaration of spec.workspaces ?? []) {
    const prefix = `workspaces.${declaration.name}.`;
    if (declaration.optional === true && !bound.has(declaration.name)) {
      strings.set(`${prefix}bound`, "false");
      strings.set(`${prefix}path`, "");
    } else {
      strings.set(`${prefix}bound`, "true");
      if (!eachBound(declaration, `${prefix}path`)) return undefined;
    }
  }
  for (const [name, volume] of volumes) strings.set(`workspaces.${name}.volume`, volume.name);
  for (const b of bindings) strings.set(`workspaces.${b.name}.claim`, b.persistentVolumeClaim?.claimName ?? "");
  return strings;
}

/**
 * `resources.ApplyWorkspaces`: `$(workspaces.<w>.bound|path|volume|claim)`. The path of a
 * workspace a step or sidecar mounts elsewhere is that usage's path in that container.
 */
export function applyWorkspaceVariables(
  spec: TaskSpecV1,
  bindings: readonly WorkspaceBindingV1[],
  volumes: ReadonlyMap<string, Volume>,
  origin?: PassOrigin,
): TaskSpecV1 {
  let out = spec;
  // Never stops (every bound workspace's path is applied), so the strings are always there.
  const strings = workspaceStrings(spec, bindings, volumes, (declaration, pathKey) => {
    out = applyWorkspaceMountPath(out, pathKey, declaration, origin);
    return true;
  }) as Map<string, string>;
  return replaceInTaskSpec(out, origin === undefined ? { strings } : { strings, origin });
}

function applyWorkspaceMountPath(
  spec: TaskSpecV1,
  variable: string,
  declaration: WorkspaceDeclarationV1,
  origin: PassOrigin | undefined,
): TaskSpecV1 {
  const strings = new Map([[variable, workspaceMountPath(declaration)]]);
  const pass = origin === undefined ? { strings } : { strings, origin };
  // Only a step or sidecar that mounts the workspace at its own path needs a pass of its own.
  const ownPath = (c: { workspaces?: { name: string; mountPath?: string }[] }): boolean =>
    mountedAtOwnPath(c, declaration.name);
  if (!(spec.steps ?? []).some(ownPath) && !(spec.sidecars ?? []).some(ownPath)) return replaceInTaskSpec(spec, pass);
  const out: TaskSpecV1 = { ...spec };
  if (spec.steps !== undefined) {
    out.steps = spec.steps.map((step, i) => {
      let s = step;
      for (const usage of step.workspaces ?? []) {
        if (usage.name === declaration.name && usage.mountPath !== undefined && usage.mountPath !== "") {
          s = replaceStep(
            s,
            origin === undefined
              ? { strings: new Map([[variable, usage.mountPath]]) }
              : { strings: new Map([[variable, usage.mountPath]]), origin },
            origin && ["taskSpec", "steps", i],
          );
        }
      }
      return s;
    });
  }
  if (spec.sidecars !== undefined) {
    out.sidecars = spec.sidecars.map((sidecar, k) => {
      let s = sidecar;
      for (const usage of sidecar.workspaces ?? []) {
        if (usage.name === declaration.name && usage.mountPath !== undefined && usage.mountPath !== "") {
          s = replaceSidecar(
            s,
            origin === undefined
              ? { strings: new Map([[variable, usage.mountPath]]) }
              : { strings: new Map([[variable, usage.mountPath]]), origin },
            origin && ["taskSpec", "sidecars", k],
          );
        }
      }
      return s;
    });
  }
  return replaceInTaskSpec(out, pass);
}

/**
 * `workspace.Apply`: every binding mounted — into the step template and every sidecar, or only
 * into the steps and sidecars that name it (isolated workspaces) — and its volume added once.
 */
export function applyWorkspaceMounts(
  spec: TaskSpecV1,
  bindings: readonly WorkspaceBindingV1[],
  volumes: ReadonlyMap<string, Volume>,
  explaining?: BindingsExplain,
): TaskSpecV1 {
  if (bindings.length === 0) return spec;
  // Copies of what gets mounts or volumes added, so the input spec is never mutated (made by
  // copyObject, as fields are added to them).
  const stepTemplate: NonNullable<TaskSpecV1["stepTemplate"]> = copyObject(spec.stepTemplate ?? {});
  const podVolumes: NonNullable<TaskSpecV1["volumes"]> = [...(spec.volumes ?? [])];
  // Steps get mounts of their own only when they name workspaces (so only those are copied);
  // every sidecar may get one. Fields are assigned rather than deleted, keeping the copy a
  // fast-properties object.
  const ts: TaskSpecV1 = copyObject(spec);
  ts.stepTemplate = stepTemplate;
  ts.steps = (spec.steps ?? []).map((s) => (s.workspaces !== undefined ? copyObject(s) : s));
  if (spec.sidecars !== undefined) ts.sidecars = spec.sidecars.map((s) => copyObject(s));
  ts.workspaces = [...(spec.workspaces ?? [])];
  ts.volumes = podVolumes;
  const isolated = new Set<string>();
  for (const s of ts.steps ?? []) for (const u of s.workspaces ?? []) isolated.add(u.name);
  for (const s of ts.sidecars ?? []) for (const u of s.workspaces ?? []) isolated.add(u.name);
  const added = new Set<string>();
  const declarations = ts.workspaces ?? [];
  const where = (c: object): Location => {
    const i = (ts.steps ?? []).indexOf(c as never);
    return i >= 0 ? ["taskSpec", "steps", i] : ["taskSpec", "sidecars", (ts.sidecars ?? []).indexOf(c as never)];
  };
  const mountNote = "The workspace's volume, mounted where the Task declares it.";
  bindings.forEach((b, index) => {
    const from = explaining?.bindingPaths[index];
    if (!declarations.some((w) => w.name === b.name)) declarations.push({ name: b.name });
    const w = declarations.find((d) => d.name === b.name) as WorkspaceDeclarationV1;
    const volume = volumes.get(b.name) ?? { name: "" };
    const mount: VolumeMount = { name: volume.name, mountPath: workspaceMountPath(w) };
    if (b.subPath !== undefined && b.subPath !== "") mount.subPath = b.subPath;
    if (w.readOnly === true) mount.readOnly = true;
    if (isolated.has(w.name)) {
      for (const c of [...(ts.steps ?? []), ...(ts.sidecars ?? [])]) {
        const usage = (c.workspaces ?? []).find((u) => u.name === w.name);
        if (usage === undefined) continue;
        const vm = { ...mount };
        if (usage.mountPath !== undefined && usage.mountPath !== "") vm.mountPath = usage.mountPath;
        explaining?.explain.each(
          [...where(c), "volumeMounts", (c.volumeMounts ?? []).length],
          vm,
          "workspace-mount",
          "The workspace is isolated to the steps and sidecars that name it; this one does.",
          from,
        );
        c.volumeMounts = [...(c.volumeMounts ?? []), vm];
      }
    } else {
      explaining?.explain.each(
        ["taskSpec", "stepTemplate", "volumeMounts", (stepTemplate.volumeMounts ?? []).length],
        mount,
        "workspace-mount",
        mountNote,
        from,
      );
      stepTemplate.volumeMounts = [...(stepTemplate.volumeMounts ?? []), mount];
      for (const sidecar of ts.sidecars ?? []) {
        if (explaining !== undefined && !(sidecar.volumeMounts ?? []).some((m) => m.mountPath === mount.mountPath))
          explaining.explain.each(
            [...where(sidecar), "volumeMounts", (sidecar.volumeMounts ?? []).length],
            mount,
            "workspace-mount",
            mountNote,
            from,
          );
        addSidecarVolumeMount(sidecar, mount);
      }
    }
    if (!added.has(volume.name)) {
      explaining?.explain.each(
        ["taskSpec", "volumes", podVolumes.length],
        volume,
        "workspace-volume",
        "The Pod volume for the workspace's binding.",
        from,
      );
      podVolumes.push(volume);
      added.add(volume.name);
    }
  });
  ts.workspaces = declarations;
  return ts;
}

/** `AddSidecarVolumeMount`: skipped when the sidecar already mounts something at that path. */
function addSidecarVolumeMount(sidecar: { volumeMounts?: VolumeMount[] }, mount: VolumeMount): void {
  if ((sidecar.volumeMounts ?? []).some((m) => m.mountPath === mount.mountPath)) return;
  sidecar.volumeMounts = [...(sidecar.volumeMounts ?? []), mount];
}
