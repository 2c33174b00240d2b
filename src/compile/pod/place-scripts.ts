/**
 * Scripts become files (pkg/pod/script.go `convertScripts` in v0.20.1): each step or sidecar
 * with a `script` gets its command replaced by a generated file under /tekton/scripts, which
 * the `place-scripts` init container writes with a quoted heredoc. A script that does not
 * start with `#!` (after leading whitespace) gets the `#!/bin/sh\nset -xe\n` preamble.
 */
import type { Container } from "kubernetes-types/core/v1.js";
import type { Sidecar, Step } from "../../api/types.js";
import type { SuffixGenerator } from "../../k8s/names.js";
import { DEFAULT_SCRIPT_PREAMBLE, SCRIPTS_DIR, scriptsVolumeMount } from "./constants.js";

export interface PlacedScripts {
  /** The `place-scripts` init container, when any step or sidecar has a script. */
  readonly initContainer: Container | undefined;
  readonly steps: Container[];
  readonly sidecars: Container[];
}

/** Go's unicode.IsSpace, which strings.TrimSpace uses. */
function isGoSpace(code: number): boolean {
  switch (code) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0x85: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
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
 * script byte for byte. Tekton's random delimiter makes a clash merely unlikely.
 */
function heredocDelimiter(script: string, base: string, names: SuffixGenerator): string {
  let delimiter = names.withSuffix(base);
  while (isLineOf(script, delimiter)) delimiter = names.withSuffix(base);
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

/** The container of a step or sidecar, without Tekton's extra fields. */
export function containerOf(step: Step | Sidecar): Container {
  const { script: _script, timeout: _timeout, ...container } = step as Step;
  return container;
}

function convert(
  list: readonly (Step | Sidecar)[],
  prefix: string,
  names: SuffixGenerator,
  placement: string[],
): Container[] {
  return list.map((step, i) => {
    const container = containerOf(step);
    if (step.script === undefined || step.script === "") return container;
    const script = hasShebang(step.script) ? step.script : DEFAULT_SCRIPT_PREAMBLE + step.script;
    const file = `${SCRIPTS_DIR}/${names.withSuffix(`${prefix}-${i}`)}`;
    const delimiter = heredocDelimiter(script, `${prefix}-heredoc-randomly-generated`, names);
    placement.push(
      `tmpfile="${file}"\ntouch \${tmpfile} && chmod +x \${tmpfile}\ncat > \${tmpfile} << '${delimiter}'\n${script}\n${delimiter}\n`,
    );
    return {
      ...container,
      command: [file],
      volumeMounts: [...(container.volumeMounts ?? []), scriptsVolumeMount()],
    };
  });
}

/** convertScripts: steps first, then sidecars, sharing one init container. */
export function placeScripts(
  steps: readonly Step[],
  sidecars: readonly Sidecar[],
  shellImage: string,
  names: SuffixGenerator,
): PlacedScripts {
  const placement: string[] = [];
  const stepContainers = convert(steps, "script", names, placement);
  const sidecarContainers = convert(sidecars, "sidecar-script", names, placement);
  const initContainer: Container | undefined =
    placement.length === 0
      ? undefined
      : {
          name: "place-scripts",
          image: shellImage,
          command: ["sh"],
          args: ["-c", placement.join("")],
          volumeMounts: [scriptsVolumeMount()],
        };
  return { initContainer, steps: stepContainers, sidecars: sidecarContainers };
}
