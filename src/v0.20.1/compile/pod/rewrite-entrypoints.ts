/**
 * Entrypoint rewriting (pkg/pod/entrypoint.go `orderContainers` in v0.20.1): every step runs
 * /tekton/tools/entrypoint, which waits for the previous step's post file (the first step
 * waits for the downward-API ready file), runs the real command, and writes its own post file.
 * The `place-tools` init container copies the entrypoint binary into the tools volume.
 */
import type { Container, VolumeMount } from "kubernetes-types/core/v1.js";
import { type Checked, type Issue, issue, passed, type StepPath, stopped } from "../../../errors.js";
import type { Explainer } from "../../../explain/index.js";
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
 * Step `index` running under the entrypoint binary, after the previous step: `step`, the
 * Builder's own copy of it (see containerOf), rewritten in place.
 *
 * @param timeout the Go duration string for `-timeout`, if the step has one
 */
export function rewriteEntrypoint(
  step: Container,
  index: number,
  flags: EntrypointFlags,
  timeout: string | undefined,
  stepPath: StepPath,
  explain?: Explainer,
): Checked<Container> {
  const args =
    index === 0
      ? ["-wait_file", `${DOWNWARD_DIR}/${DOWNWARD_READY_FILE}`, "-wait_file_content", "-post_file", `${TOOLS_DIR}/0`]
      : ["-wait_file", `${TOOLS_DIR}/${index - 1}`, "-post_file", `${TOOLS_DIR}/${index}`];
  args.push("-termination_path", TERMINATION_PATH);
  appendAll(args, flags.extraArgs);
  if (timeout !== undefined) args.push("-timeout", timeout);
  if (flags.results !== "") args.push("-results", flags.results);
  const flagCount = args.length;
  const command = step.command ?? [];
  if (command.length === 0) {
    return stopped(
      "missing-entrypoint",
      [...stepPath(index), "command"],
      `Step ${index} did not specify command: its image has neither ENTRYPOINT nor CMD; give the step a command or a script`,
    );
  }
  args.push("-entrypoint", command[0] as string, "--");
  for (let k = 1; k < command.length; k++) args.push(command[k] as string);
  appendAll(args, step.args ?? []);
  const ownMounts = (step.volumeMounts ?? []).length;
  // The step is the Builder's own copy, its list of mounts too: rewritten in place, its
  // fields keep their order.
  const mounts = step.volumeMounts ?? [];
  mounts.push(toolsVolumeMount());
  if (index === 0) mounts.push(downwardVolumeMount());
  const container = step as Container & { args: string[]; volumeMounts: VolumeMount[] };
  container.command = [ENTRYPOINT_BINARY];
  container.args = args;
  container.volumeMounts = mounts;
  container.terminationMessagePath = TERMINATION_PATH;
  if (explain !== undefined) {
    explainRewrite(explain, container, index, {
      flagCount,
      timeout,
      results: flags.results,
      stepPath,
      ownMounts,
      commandRest: command.length - 1,
    });
  }
  return passed(container);
}

/**
 * The explanation of the rewrite of step `index`, at `["taskSpec", "steps", index]`: the
 * entrypoint's flags, and the step's own command and args moved behind `-entrypoint … --`.
 */
function explainRewrite(
  explain: Explainer,
  container: Container & { args: string[]; volumeMounts: unknown[] },
  index: number,
  layout: {
    readonly flagCount: number;
    readonly timeout: string | undefined;
    readonly results: string;
    readonly stepPath: StepPath;
    readonly ownMounts: number;
    readonly commandRest: number;
  },
): void {
  const at = ["taskSpec", "steps", index];
  const args = [...at, "args"];
  const { flagCount, stepPath } = layout;
  explain.move([...at, "command"], ["rewrite", "command"]);
  explain.move(args, ["rewrite", "args"]);
  const wait = index === 0 ? 3 : 2;
  const waitNote =
    index === 0
      ? "The first step waits for the Pod's ready annotation, which the downward API shows as this file."
      : `Step ${index} waits for step ${index - 1} to finish (its post file).`;
  for (let k = 0; k < wait; k++) explain.add([...args, k], "entrypoint-rewrite", waitNote);
  for (let k = wait; k < wait + 2; k++) {
    explain.add(
      [...args, k],
      "entrypoint-rewrite",
      `When the step is done the entrypoint writes /tekton/tools/${index}, which starts the next step.`,
    );
  }
  let k = wait + 2;
  const termination = "The entrypoint writes the step's results and outcome to its termination message.";
  explain.add([...args, k++], "entrypoint-rewrite", termination);
  explain.add([...args, k++], "entrypoint-rewrite", termination);
  const extraEnd = flagCount - (layout.timeout !== undefined ? 2 : 0) - (layout.results !== "" ? 2 : 0);
  for (let e = 0; k < extraEnd; e++, k++) explain.copy(["credentials", "entrypointArgs", e], [...args, k]);
  if (layout.timeout !== undefined) {
    for (let t = 0; t < 2; t++, k++) {
      explain.add([...args, k], "step-timeout", "The step's timeout, enforced by the entrypoint.", [
        ...stepPath(index),
        "timeout",
      ]);
    }
  }
  if (layout.results !== "") {
    for (let r = 0; r < 2; r++, k++) {
      explain.add(
        [...args, k],
        "results-flag",
        "The Task's result names, which the entrypoint reads from /tekton/results into the termination message.",
        [...stepPath(index).slice(0, -2), "results"],
      );
    }
  }
  const run = "The entrypoint runs the step's own command after -entrypoint, with its arguments after --.";
  explain.add([...args, k], "entrypoint-rewrite", run);
  explain.move(["rewrite", "command", 0], [...args, k + 1]);
  explain.add([...args, k + 1], "entrypoint-rewrite", "The step's command, run by the entrypoint.");
  explain.add([...args, k + 2], "entrypoint-rewrite", run);
  const commandLength = layout.commandRest;
  for (let c = 1; c <= commandLength; c++) {
    explain.move(["rewrite", "command", c], [...args, k + 2 + c]);
    explain.add([...args, k + 2 + c], "entrypoint-rewrite", "The rest of the step's command, passed after --.");
  }
  const argsStart = k + 3 + commandLength;
  for (let a = 0; argsStart + a < container.args.length; a++) {
    explain.move(["rewrite", "args", a], [...args, argsStart + a]);
    explain.add([...args, argsStart + a], "entrypoint-rewrite", "The step's args, passed after -- and its command.");
  }
  explain.drop(["rewrite"]);
  explain.drop([...at, "command"]);
  explain.add([...at, "command", 0], "entrypoint-rewrite", "Every step runs under Tekton's entrypoint binary.");
  explain.each(
    [...at, "volumeMounts", layout.ownMounts],
    container.volumeMounts[layout.ownMounts],
    "entrypoint-rewrite",
    "The tools volume, where the entrypoint binary and the steps' post files are.",
  );
  if (index === 0) {
    explain.each(
      [...at, "volumeMounts", layout.ownMounts + 1],
      container.volumeMounts[layout.ownMounts + 1],
      "entrypoint-rewrite",
      "The downward API volume, where the ready annotation shows.",
    );
  }
  explain.drop([...at, "terminationMessagePath"]);
  explain.add(
    [...at, "terminationMessagePath"],
    "termination-message-path",
    "The entrypoint writes the step's results here.",
  );
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
