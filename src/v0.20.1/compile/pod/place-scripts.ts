/**
 * Scripts become files (pkg/pod/script.go `convertScripts` in v0.20.1): each step or sidecar
 * with a `script` gets its command replaced by a generated file under /tekton/scripts, which
 * the `place-scripts` init container writes with a quoted heredoc. A script that does not
 * start with `#!` (after leading whitespace) gets the `#!/bin/sh\nset -xe\n` preamble.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import type { Sidecar, Step } from "../../../api/types.js";
import type { PathSegment } from "../../../errors.js";
import type { Explainer } from "../../../explain/index.js";
import { TextBudget } from "../../../k8s/limits.js";
import type { SuffixGenerator } from "../../../k8s/names.js";
import { DEFAULT_SCRIPT_PREAMBLE, SCRIPTS_DIR, scriptsVolumeMount } from "../../contract.js";

/**
 * Where the script of the step or sidecar at an index is in the input: a path made only for
 * an error or an explanation.
 */
export type ScriptPath = (index: number) => readonly PathSegment[];

/** Go's unicode.IsSpace, which strings.TrimSpace uses. */
function isGoSpace(code: number): boolean {
  switch (code) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return code >= 0x2000 && code <= 0x200a;
  }
}

function hasShebang(script: string): boolean {
  let i = 0;
  while (i < script.length && isGoSpace(script.charCodeAt(i))) i++;
  return script.startsWith("#!", i);
}

/**
 * A heredoc delimiter that no line of the script equals, so the placed file is always the
 * script byte for byte. Tekton's random delimiter makes a clash merely unlikely. Candidates
 * are predictable, so a script may list many of them: the script's lines that could clash are
 * collected once, and each candidate is then a set lookup rather than a scan of the script.
 */
function heredocDelimiter(script: string, base: string, names: SuffixGenerator): string {
  let delimiter = names.withSuffix(base);
  if (!isLineOf(script, delimiter)) return delimiter;
  const taken = linesOfLength(script, delimiter.length);
  while (taken.has(delimiter)) delimiter = names.withSuffix(base);
  return delimiter;
}

/** Whether some line of `text` (split at "\n") equals `line`, without splitting it. */
function isLineOf(text: string, line: string): boolean {
  for (let i = text.indexOf(line); i >= 0; i = text.indexOf(line, i + 1)) {
    const end = i + line.length;
    if ((i === 0 || text[i - 1] === "\n") && (end === text.length || text[end] === "\n")) return true;
  }
  return false;
}

/** The lines of `text` that are `length` characters long (every generated delimiter is). */
function linesOfLength(text: string, length: number): Set<string> {
  const lines = new Set<string>();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end - start === length) lines.add(text.slice(start, end));
    start = end + 1;
  }
  return lines;
}

/**
 * The container of a step or sidecar, without Tekton's extra fields: the one copy the Builder
 * makes of it, which its later stages fill in place. Its fields are in Go's order, and those
 * the stages set (command, args, workingDir, env, resources, volumeMounts,
 * terminationMessagePath) are there from the start, possibly undefined, so that filling them
 * keeps that order and the output encoder only has to confirm it. Its list of volume mounts is
 * its own too, which the stages add to: one list per step rather than a copy per stage.
 */
export function containerOf(step: Step | Sidecar): Container {
  const container: Partial<Record<keyof Container, unknown>> = {
    name: step.name,
    image: step.image,
    command: step.command,
    args: step.args,
    workingDir: step.workingDir,
  };
  if (step.ports !== undefined) container.ports = step.ports;
  if (step.envFrom !== undefined) container.envFrom = step.envFrom;
  container.env = step.env;
  container.resources = step.resources;
  container.volumeMounts = step.volumeMounts === undefined ? undefined : step.volumeMounts.slice();
  if (step.volumeDevices !== undefined) container.volumeDevices = step.volumeDevices;
  if (step.livenessProbe !== undefined) container.livenessProbe = step.livenessProbe;
  if (step.readinessProbe !== undefined) container.readinessProbe = step.readinessProbe;
  if (step.startupProbe !== undefined) container.startupProbe = step.startupProbe;
  if (step.lifecycle !== undefined) container.lifecycle = step.lifecycle;
  container.terminationMessagePath = step.terminationMessagePath;
  if (step.terminationMessagePolicy !== undefined) container.terminationMessagePolicy = step.terminationMessagePolicy;
  if (step.imagePullPolicy !== undefined) container.imagePullPolicy = step.imagePullPolicy;
  if (step.securityContext !== undefined) container.securityContext = step.securityContext;
  if (step.stdin !== undefined) container.stdin = step.stdin;
  if (step.stdinOnce !== undefined) container.stdinOnce = step.stdinOnce;
  if (step.tty !== undefined) container.tty = step.tty;
  // Undefined fields are left out by the output encoder, as absent ones are.
  return container as Container;
}

/**
 * convertScripts, one container at a time: steps first, then sidecars (the order the names
 * are drawn in), all sharing one init container that writes every script.
 */
export class ScriptPlacer {
  readonly #names: SuffixGenerator;
  readonly #placement: string[] = [];
  /** The init container's command holds every script: a script shared by many steps counts once per step. */
  readonly #budget = new TextBudget();
  /**
   * Only when an explanation is gathered: where each placed script was written. Its entries
   * are kept at `["placeScripts", i]` until the init container holding them is made.
   */
  readonly #explain: Explainer | undefined;
  readonly #scriptPaths: (readonly PathSegment[])[] = [];

  constructor(names: SuffixGenerator, explain?: Explainer) {
    this.#names = names;
    this.#explain = explain;
  }

  /** Step `index` as a container running its script file, if it has a script (at `path`). */
  step(step: Step, index: number, path: ScriptPath): Container {
    return this.#convert(step, `script-${index}`, "script-heredoc-randomly-generated", path, "steps", index);
  }

  /** Sidecar `index` as a container running its script file, if it has a script (at `path`). */
  sidecar(sidecar: Sidecar, index: number, path: ScriptPath): Container {
    return this.#convert(
      sidecar,
      `sidecar-script-${index}`,
      "sidecar-script-heredoc-randomly-generated",
      path,
      "sidecars",
      index,
    );
  }

  /**
   * The `place-scripts` init container, when any step or sidecar had a script. Its
   * explanation, if one is gathered, is left at `["placeScripts", "container"]`.
   */
  initContainer(shellImage: string): Container | undefined {
    if (this.#placement.length === 0) return undefined;
    const container: Container = {
      name: "place-scripts",
      image: shellImage,
      command: ["sh"],
      args: ["-c", this.#placement.join("")],
      volumeMounts: [scriptsVolumeMount()],
    };
    const explain = this.#explain;
    if (explain !== undefined) {
      const at = ["placeScripts", "container"];
      const { args: _args, ...made } = container;
      const note = "Writes every step's and sidecar's script to its file under /tekton/scripts before the steps start.";
      explain.each(at, made, "script-placement", note);
      explain.add([...at, "args", 0], "script-placement", note);
      this.#scriptPaths.forEach((from, i) => {
        explain.move(["placeScripts", i], [...at, "args", 1]);
        explain.add(
          [...at, "args", 1],
          "script-placement",
          "This script is written to its file with a quoted heredoc.",
          from,
        );
      });
    }
    return container;
  }

  #convert(
    step: Step | Sidecar,
    fileBase: string,
    delimiterBase: string,
    path: ScriptPath,
    kind: "steps" | "sidecars",
    index: number,
  ): Container {
    const container = containerOf(step);
    if (step.script === undefined || step.script === "") return container;
    this.#budget.spend(step.script.length, () => path(index), "placing this script");
    const script = hasShebang(step.script) ? step.script : DEFAULT_SCRIPT_PREAMBLE + step.script;
    const file = `${SCRIPTS_DIR}/${this.#names.withSuffix(fileBase)}`;
    const delimiter = heredocDelimiter(script, delimiterBase, this.#names);
    this.#placement.push(
      `tmpfile="${file}"\ntouch \${tmpfile} && chmod +x \${tmpfile}\ncat > \${tmpfile} << '${delimiter}'\n${script}\n${delimiter}\n`,
    );
    // `container` is already a copy of its own, and so is its list of mounts.
    container.command = [file];
    container.volumeMounts ??= [];
    container.volumeMounts.push(scriptsVolumeMount());
    if (this.#explain !== undefined) {
      const at = ["taskSpec", kind, index];
      this.#explain.move([...at, "script"], ["placeScripts", this.#scriptPaths.length]);
      this.#scriptPaths.push(path(index));
      this.#explain.add(
        [...at, "command", 0],
        "script-placement",
        `The ${kind === "steps" ? "step" : "sidecar"}'s script, written to this file by the place-scripts init container, is its command.`,
        path(index),
      );
      this.#explain.each(
        [...at, "volumeMounts", container.volumeMounts.length - 1],
        scriptsVolumeMount(),
        "script-placement",
        "The scripts volume, where the script file is.",
      );
    }
    return container;
  }
}
