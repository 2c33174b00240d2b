/**
 * The `working-dir-initializer` init container (pkg/pod/workingdir_init.go in v0.20.1):
 * creates every relative working directory, and every one under /workspace/, before the
 * steps start. Directories are cleaned, de-duplicated and sorted as Go's sets.String does.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import type { Explainer, Location } from "../../../explain/index.js";
import { cleanPath, isAbsolutePath } from "../../../k8s/go-path.js";
import { sortGoStrings } from "../../../k8s/go-strings.js";
import { implicitVolumeMounts, WORKSPACE_DIR } from "../../contract.js";

/**
 * The initializer, or none when no step needs a directory made. With `explain`, its
 * explanation is left at `at`, each directory's entry taken from the working directory of the
 * steps that asked for it (step `i` at `["taskSpec", "steps", i]`).
 */
export function initWorkingDirs(
  steps: readonly Container[],
  shellImage: string,
  explain?: Explainer,
  at?: Location,
): Container | undefined {
  const written = new Set<string>();
  for (const step of steps) if (step.workingDir !== undefined && step.workingDir !== "") written.add(step.workingDir);
  const dirs = sortGoStrings([...written])
    .map(cleanPath)
    .filter((p) => !isAbsolutePath(p) || p.startsWith(`${WORKSPACE_DIR}/`));
  if (dirs.length === 0) return undefined;
  const container: Container = {
    name: "working-dir-initializer",
    image: shellImage,
    command: ["sh"],
    args: ["-c", `mkdir -p ${dirs.join(" ")}`],
    workingDir: WORKSPACE_DIR,
    volumeMounts: implicitVolumeMounts(),
  };
  if (explain !== undefined && at !== undefined) {
    const { args: _args, ...made } = container;
    const note = "Creates the steps' relative and /workspace working directories before they start.";
    explain.each(at, made, "working-dir-init", note);
    explain.add([...at, "args", 0], "working-dir-init", note);
    steps.forEach((step, i) => {
      if (step.workingDir !== undefined && step.workingDir !== "" && dirs.includes(cleanPath(step.workingDir))) {
        explain.copy(["taskSpec", "steps", i, "workingDir"], [...at, "args", 1]);
        explain.add([...at, "args", 1], "working-dir-init", `Step ${i}'s working directory is created.`);
      }
    });
  }
  return container;
}
