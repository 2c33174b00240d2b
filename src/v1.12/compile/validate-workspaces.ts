/**
 * Tekton v1.12's admission rules for workspaces: a TaskRun's bindings
 * (pkg/apis/pipeline/v1/workspace_validation.go, `ValidateWorkspaceBindings`), a Task's
 * declarations and the steps' and sidecars' use of them (task_validation.go
 * `validateDeclaredWorkspaces`, `validateWorkspaceUsages`).
 */

import type { Issue, PathSegment } from "../../errors.js";
import { issue } from "../../errors.js";
import { cleanPath } from "../../k8s/go-path.js";
import { goQuote } from "../../k8s/go-quote.js";
import type { Immutable, SidecarV1, StepTemplateV1, WorkspaceBindingV1, WorkspaceDeclarationV1 } from "../api/types.js";
import { type AdmissionRules, apiFieldsProblem, type StepView } from "./validate-common.js";

type Path = readonly PathSegment[];

/** The volume source fields of a v1 WorkspaceBinding: validation wants exactly one, conversion keeps them all. */
export const WORKSPACE_SOURCES = [
  "volumeClaimTemplate",
  "persistentVolumeClaim",
  "emptyDir",
  "configMap",
  "secret",
  "projected",
  "csi",
] as const;
/** The sources Tekton's messages list (lowercased, as it writes them). */
const LISTED = "configmap, emptydir, persistentvolumeclaim, secret, volumeclaimtemplate";

/** Whether binding `b` sets `source`. */
function isSourceSet(b: Immutable<WorkspaceBindingV1>, source: (typeof WORKSPACE_SOURCES)[number]): boolean {
  return b[source] !== undefined && b[source] !== null;
}

/** The sources binding `b` sets, as a message lists them. */
function setSources(b: Immutable<WorkspaceBindingV1>): string {
  return WORKSPACE_SOURCES.filter((s) => isSourceSet(b, s)).join(", ");
}

/** The problem of binding `b`, at `bindings[i]` (a path built only for an issue). */
function bindingProblem(b: Immutable<WorkspaceBindingV1>, bindings: Path, i: number): Issue | undefined {
  let sources = 0;
  for (const s of WORKSPACE_SOURCES) if (isSourceSet(b, s)) sources++;
  if ((b.name ?? "") === "" && (b.subPath ?? "") === "" && sources === 0) {
    return issue(
      "missing-field",
      [...bindings, i],
      "missing field(s): a workspace binding needs a name and exactly one volume source",
    );
  }
  if (sources > 1) {
    return issue(
      "workspace-binding-source",
      [...bindings, i],
      `expected exactly one, got both: ${LISTED} — binding ${goQuote(b.name ?? "")} sets ${setSources(b)}; keep exactly one`,
    );
  }
  if (sources === 0) {
    return issue(
      "workspace-binding-source",
      [...bindings, i],
      `expected exactly one, got neither: ${LISTED} — bind workspace ${goQuote(b.name ?? "")} to a volume source`,
    );
  }
  if (b.persistentVolumeClaim !== undefined && (b.persistentVolumeClaim.claimName ?? "") === "") {
    return issue(
      "missing-field",
      [...bindings, i, "persistentVolumeClaim", "claimName"],
      "missing field(s): persistentvolumeclaim.claimname — name the PVC to use",
    );
  }
  if (b.configMap !== undefined && (b.configMap.name ?? "") === "") {
    return issue(
      "missing-field",
      [...bindings, i, "configMap", "name"],
      "missing field(s): configmap.name — name the ConfigMap to use",
    );
  }
  if (b.secret !== undefined && (b.secret.secretName ?? "") === "") {
    return issue(
      "missing-field",
      [...bindings, i, "secret", "secretName"],
      "missing field(s): secret.secretName — name the Secret to use",
    );
  }
  if (b.projected !== undefined && (b.projected.sources ?? []).length === 0) {
    return issue(
      "missing-field",
      [...bindings, i, "projected", "sources"],
      "missing field(s): projected.sources — list what to project",
    );
  }
  if (b.csi !== undefined && (b.csi.driver ?? "") === "") {
    return issue(
      "missing-field",
      [...bindings, i, "csi", "driver"],
      "missing field(s): csi.driver — name the CSI driver",
    );
  }
  return undefined;
}

/** Each binding has exactly one usable volume source; names are unique, ignoring case. */
export function validateWorkspaceBindings(bindings: Immutable<WorkspaceBindingV1[]>, at: Path): Issue[] {
  const issues: Issue[] = [];
  bindings.forEach((b, i) => {
    const problem = bindingProblem(b, at, i);
    if (problem !== undefined) issues.push(problem);
  });
  const seen = new Map<string, number>();
  bindings.forEach((b, i) => {
    const lower = (b.name ?? "").toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      issues.push(
        issue(
          "duplicate-name",
          [...at, i, "name"],
          `expected exactly one, got both: workspaces[${i}].name — workspace ${goQuote(b.name ?? "")} is already bound by workspaces[${first}]`,
        ),
      );
    } else {
      seen.set(lower, i);
    }
  });
  return issues;
}

/**
 * Declared workspaces have unique names, and mount paths no step or stepTemplate volumeMount
 * and no other workspace uses (Tekton compares cleaned paths; the default is /workspace/<name>).
 */
export function validateDeclaredWorkspaces(
  workspaces: Immutable<WorkspaceDeclarationV1[]>,
  steps: readonly Readonly<StepView>[],
  template: Immutable<StepTemplateV1> | undefined,
  specPath: Path,
): Issue[] {
  const issues: Issue[] = [];
  const mountPaths = new Set<string>();
  for (const step of steps) for (const m of step.volumeMounts ?? []) mountPaths.add(cleanPath(m.mountPath ?? ""));
  for (const m of template?.volumeMounts ?? []) mountPaths.add(cleanPath(m.mountPath ?? ""));
  const names = new Set<string>();
  workspaces.forEach((w, i) => {
    const name = w.name ?? "";
    if (names.has(name)) {
      issues.push(
        issue(
          "duplicate-name",
          [...specPath, "workspaces", i, "name"],
          `workspace name ${goQuote(name)} must be unique`,
        ),
      );
    } else names.add(name);
    const mountPath = cleanPath((w.mountPath ?? "") !== "" ? (w.mountPath ?? "") : `/workspace/${name}`);
    if (mountPaths.has(mountPath)) {
      issues.push(
        issue(
          "workspace-mountpath-conflict",
          [...specPath, "workspaces", i, "mountPath"],
          `workspace mount path ${goQuote(mountPath)} must be unique: a volumeMount or another workspace already uses it; give the workspace (or the volumeMount) another mountPath`,
        ),
      );
    }
    mountPaths.add(mountPath);
  });
  return issues;
}

const usesWorkspaces = (item: { readonly workspaces?: Immutable<{ name?: string }[]> | undefined }): boolean =>
  (item.workspaces ?? []).length > 0;

/** Steps and sidecars may only use declared workspaces, and doing so needs beta API fields. */
export function validateWorkspaceUsages(
  workspaces: Immutable<WorkspaceDeclarationV1[]>,
  steps: readonly Readonly<StepView>[],
  sidecars: Immutable<SidecarV1[]>,
  specPath: Path,
  rules: AdmissionRules,
): Issue[] {
  const issues: Issue[] = [];
  // Most steps and sidecars use no workspace: nothing to check then.
  if (!steps.some(usesWorkspaces) && !sidecars.some(usesWorkspaces)) return issues;
  const declared = new Set(workspaces.map((w) => w.name ?? ""));
  const check = (
    kind: "steps" | "sidecars",
    noun: string,
    items: readonly { readonly workspaces?: Immutable<{ name?: string }[]> | undefined }[],
  ): void => {
    items.forEach((item, i) => {
      const used = item.workspaces ?? [];
      if (used.length > 0) {
        const gate = apiFieldsProblem(`${noun} workspaces`, "beta", rules);
        if (gate !== undefined) issues.push(issue("feature-not-enabled", [...specPath, kind, i, "workspaces"], gate));
      }
      used.forEach((w, j) => {
        if (!declared.has(w.name ?? "")) {
          issues.push(
            issue(
              "undefined-workspace",
              [...specPath, kind, i, "workspaces", j, "name"],
              `undefined workspace ${goQuote(w.name ?? "")}: declare it in the Task's workspaces`,
            ),
          );
        }
      });
    });
  };
  check("steps", "step", steps);
  check("sidecars", "sidecar", sidecars);
  return issues;
}
