/**
 * Entrypoint rewriting (pkg/pod/entrypoint.go `orderContainers` in v0.20.1): every step runs
 * /tekton/tools/entrypoint, which waits for the previous step's post file (the first step
 * waits for the downward-API ready file), runs the real command, and writes its own post file.
 * The `place-tools` init container copies the entrypoint binary into the tools volume.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import { fail } from "../../errors.js";
import {
  DOWNWARD_DIR, DOWNWARD_READY_FILE, ENTRYPOINT_BINARY, TERMINATION_PATH, TOOLS_DIR,
  downwardVolumeMount, toolsVolumeMount,
  type StepPath,
} from "./constants.js";

export interface RewrittenEntrypoints {
  readonly initContainer: Container;
  readonly steps: Container[];
}

/**
 * @param extraArgs flags every step's entrypoint gets (credential flags)
 * @param timeouts per step, the Go duration string for `-timeout`, if any
 * @param resultNames the Task's declared results, for `-results`
 */
export function rewriteEntrypoints(
  steps: readonly Container[],
  entrypointImage: string,
  extraArgs: readonly string[],
  timeouts: readonly (string | undefined)[],
  resultNames: readonly string[],
  stepPath: StepPath,
): RewrittenEntrypoints {
  if (steps.length === 0) {
    fail("build", "no-steps", stepPath(0).slice(0, -1), "No steps specified: a Task needs at least one step", "CouldntGetTask");
  }
  const rewritten = steps.map((step, i): Container => {
    const flags =
      i === 0
        ? ["-wait_file", `${DOWNWARD_DIR}/${DOWNWARD_READY_FILE}`, "-wait_file_content", "-post_file", `${TOOLS_DIR}/0`]
        : ["-wait_file", `${TOOLS_DIR}/${i - 1}`, "-post_file", `${TOOLS_DIR}/${i}`];
    flags.push("-termination_path", TERMINATION_PATH, ...extraArgs);
    const timeout = timeouts[i];
    if (timeout !== undefined) flags.push("-timeout", timeout);
    if (resultNames.length > 0) flags.push("-results", resultNames.join(","));
    const command = step.command ?? [];
    if (command.length === 0) {
      fail("build", "missing-entrypoint", [...stepPath(i), "command"],
        `Step ${i} did not specify command: its image has neither ENTRYPOINT nor CMD; give the step a command or a script`,
        "CouldntGetTask");
    }
    const [binary, ...rest] = command as [string, ...string[]];
    flags.push("-entrypoint", binary, "--", ...rest, ...(step.args ?? []));
    const mounts = [...(step.volumeMounts ?? []), toolsVolumeMount()];
    if (i === 0) mounts.push(downwardVolumeMount());
    return { ...step, command: [ENTRYPOINT_BINARY], args: flags, volumeMounts: mounts, terminationMessagePath: TERMINATION_PATH };
  });
  return {
    initContainer: {
      name: "place-tools",
      image: entrypointImage,
      command: ["/ko-app/entrypoint", "cp", "/ko-app/entrypoint", ENTRYPOINT_BINARY],
      volumeMounts: [toolsVolumeMount()],
    },
    steps: rewritten,
  };
}
