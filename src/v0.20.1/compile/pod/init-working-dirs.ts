/**
 * The `working-dir-initializer` init container (pkg/pod/workingdir_init.go in v0.20.1):
 * creates every relative working directory, and every one under /workspace/, before the
 * steps start. Directories are cleaned, de-duplicated and sorted as Go's sets.String does.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import { cleanPath, isAbsolutePath } from "../../../k8s/go-path.js";
import { sortGoStrings } from "../../../k8s/go-strings.js";
import { implicitVolumeMounts, WORKSPACE_DIR } from "../../contract.js";

export function initWorkingDirs(steps: readonly Container[], shellImage: string): Container | undefined {
  const written = new Set<string>();
  for (const step of steps) if (step.workingDir !== undefined && step.workingDir !== "") written.add(step.workingDir);
  const dirs = sortGoStrings([...written])
    .map(cleanPath)
    .filter((p) => !isAbsolutePath(p) || p.startsWith(`${WORKSPACE_DIR}/`));
  if (dirs.length === 0) return undefined;
  return {
    name: "working-dir-initializer",
    image: shellImage,
    command: ["sh"],
    args: ["-c", `mkdir -p ${dirs.join(" ")}`],
    workingDir: WORKSPACE_DIR,
    volumeMounts: implicitVolumeMounts(),
  };
}
