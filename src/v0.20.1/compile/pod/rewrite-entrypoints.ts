/**
 * Entrypoint rewriting (pkg/pod/entrypoint.go `orderContainers` in v0.20.1): every step runs
 * /tekton/tools/entrypoint, which waits for the previous step's post file (the first step
 * waits for the downward-API ready file), runs the real command, and writes its own post file.
 * The `place-tools` init container copies the entrypoint binary into the tools volume.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import { type Checked, type Issue, issue, passed, type StepPath, stopped } from "../../../errors.js";
import { appendAll } from "../../../read-values.js";
import {
  DOWNWARD_DIR,
  DOWNWARD_READY_FILE,
  downwardVolumeMount,
  ENTRYPOINT_BINARY,
  TERMINATION_PATH,
  TOOLS_DIR,
  toolsVolumeMount,
} from "../../contract.js";

/** What every step's entrypoint is told besides its own command. */
export interface EntrypointFlags {
  /** Flags every step's entrypoint gets (credential flags). */
  readonly extraArgs: readonly string[];
  /**
   * The Task's declared results, comma-separated, for `-results` ("" when none). Joined once
   * for all steps: a join per step would multiply the results' size by the number of steps.
   */
  readonly results: string;
}

/**
 * Step `index` running under the entrypoint binary, after the previous step.
 *
 * @param timeout the Go duration string for `-timeout`, if the step has one
 */
export function rewriteEntrypoint(
  step: Container,
  index: number,
  flags: EntrypointFlags,
  timeout: string | undefined,
  stepPath: StepPath,
): Checked<Container> {
  const args =
    index === 0
      ? ["-wait_file", `${DOWNWARD_DIR}/${DOWNWARD_READY_FILE}`, "-wait_file_content", "-post_file", `${TOOLS_DIR}/0`]
      : ["-wait_file", `${TOOLS_DIR}/${index - 1}`, "-post_file", `${TOOLS_DIR}/${index}`];
  args.push("-termination_path", TERMINATION_PATH);
  appendAll(args, flags.extraArgs);
  if (timeout !== undefined) args.push("-timeout", timeout);
  if (flags.results !== "") args.push("-results", flags.results);
  const command = step.command ?? [];
  if (command.length === 0) {
    return stopped(
      "missing-entrypoint",
      [...stepPath(index), "command"],
      `Step ${index} did not specify command: its image has neither ENTRYPOINT nor CMD; give the step a command or a script`,
    );
  }
  const [binary, ...rest] = command as [string, ...string[]];
  args.push("-entrypoint", binary, "--");
  appendAll(appendAll(args, rest), step.args ?? []);
  const mounts = [...(step.volumeMounts ?? []), toolsVolumeMount()];
  if (index === 0) mounts.push(downwardVolumeMount());
  return passed({
    ...step,
    command: [ENTRYPOINT_BINARY],
    args,
    volumeMounts: mounts,
    terminationMessagePath: TERMINATION_PATH,
  });
}

/** A Task needs at least one step. */
export function checkHasSteps(count: number, stepPath: StepPath): Issue[] {
  return count === 0
    ? [issue("no-steps", stepPath(0).slice(0, -1), "No steps specified: a Task needs at least one step")]
    : [];
}

/** The `place-tools` init container: copies the entrypoint binary into the tools volume. */
export function placeToolsContainer(entrypointImage: string): Container {
  return {
    name: "place-tools",
    image: entrypointImage,
    command: ["/ko-app/entrypoint", "cp", "/ko-app/entrypoint", ENTRYPOINT_BINARY],
    volumeMounts: [toolsVolumeMount()],
  };
}
