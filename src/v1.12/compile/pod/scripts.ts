/**
 * `convertScripts` of Tekton v1.12 (pkg/pod/script.go): each step or sidecar `script` is written
 * base64-encoded by one `place-scripts` init container into `/tekton/scripts/<name>-<suffix>`,
 * decoded there by the entrypoint, and becomes the container's command. A `#!win` script
 * switches the init container to PowerShell and is written as is.
 */
import type { Container, SecurityContext, VolumeMount } from "kubernetes-types/core/v1.js";
import type { Explainer, Location } from "../../../explain/index.js";
import { copyObject } from "../../../k8s/copy-object.js";
import { encodeTextGoBase64 } from "../../../k8s/go-base64.js";
import type { SuffixGenerator } from "../../../k8s/names.js";
import { BIN_DIR, binMount, RUN_DIR, SCRIPTS_DIR, scriptsReadOnlyMount, scriptsWriteMount } from "./constants.js";

const PREAMBLE = "#!/bin/sh\nset -e\n";

/** A container to convert, with the script it carries. */
export interface Scripted {
  readonly container: Container;
  readonly script: string | undefined;
}

/** The debug configuration of a TaskRun, when the alpha API honours it. */
export interface DebugConfig {
  readonly onFailure: boolean;
  readonly beforeSteps: readonly string[];
}

/** What {@link convertScripts} returns. */
export interface ConvertedScripts {
  readonly init: Container | undefined;
  readonly steps: Container[];
  readonly sidecars: Container[];
}

function scriptFile(names: SuffixGenerator, base: string): string {
  return `${SCRIPTS_DIR}/${names.withSuffix(base)}`;
}

function windowsComponents(
  script: string,
  file: string,
): { command: string[]; args: string[]; script: string; file: string } {
  const shebang = script.split("\n")[0] ?? "";
  // The word after `#!win`, if any, is the interpreter; the rest are its arguments.
  const [, interpreter, ...rest] = shebang.split(" ");
  if (interpreter !== undefined) {
    let f = file;
    if (interpreter.startsWith("powershell")) f += ".ps1";
    return { command: [interpreter], args: [...rest, f], script, file: f };
  }
  const f = `${file}.cmd`;
  return { command: [f], args: [], script: script.split("\n").slice(1).join("\n"), file: f };
}

/** Where a container with a script is, and where its script was written, for an explanation. */
interface PlaceExplain {
  readonly explainer: Explainer;
  readonly at: Location;
  readonly from: Location;
}

function place(script: string, file: string, c: Container, init: { args: string[] }, explain?: PlaceExplain): void {
  const cleaned = script.trim();
  let body = cleaned.startsWith("#!") ? script : PREAMBLE + script;
  if (explain !== undefined)
    explainPlace(explain, c, cleaned.startsWith("#!win") ? windowsComponents(body, file) : undefined);
  if (cleaned.startsWith("#!win")) {
    const w = windowsComponents(body, file);
    init.args[1] += `@"\n${w.script}\n"@ | Out-File -FilePath ${w.file}\n`;
    c.command = w.command;
    c.args = [...w.args, ...(c.args ?? [])];
  } else {
    body = encodeTextGoBase64(body);
    init.args[1] +=
      `scriptfile="${file}"\ntouch \${scriptfile} && chmod +x \${scriptfile}\ncat > \${scriptfile} << '_EOF_'\n${body}\n_EOF_\n` +
      `${BIN_DIR}/entrypoint decode-script "\${scriptfile}"\n`;
    c.command = [file];
  }
  c.volumeMounts = [...(c.volumeMounts ?? []), scriptsReadOnlyMount()];
}

/** The script becomes the container's command (and, on Windows, the interpreter's arguments). */
function explainPlace(
  { explainer, at, from }: PlaceExplain,
  c: Container,
  windows: { command: string[]; args: string[] } | undefined,
): void {
  const note = "The step's script, written to a file by place-scripts, is what the container runs.";
  explainer.drop([...at, "command"]);
  const command = windows?.command ?? [""];
  command.forEach((_, k) => {
    explainer.add([...at, "command", k], "script-placement", note, from);
  });
  const extra = windows?.args.length ?? 0;
  explainer.shift([...at, "args"], 0, extra);
  for (let k = 0; k < extra; k++) explainer.add([...at, "args", k], "script-placement", note, from);
  explainer.each(
    [...at, "volumeMounts", (c.volumeMounts ?? []).length],
    scriptsReadOnlyMount(),
    "script-placement",
    "The scripts volume, read-only, so the container can run its script.",
  );
}

const DEBUG_SCRIPTS_DIR = "/tekton/debug/scripts";
const DEBUG_INFO_DIR = "/tekton/debug/info";

/**
 * The breakpoint helper scripts the entrypoint runs (`debug-continue` …): each finds the step
 * being debugged from the newest file in the debug-info directory and writes the exit marker
 * the entrypoint waits for. Their text is part of the Pod, so it is reproduced exactly.
 */
function debugScript(count: number, marker: string, touch: string | undefined, lastWords: string): string {
  const header =
    `\nnumberOfSteps=${count}\ndebugInfo=${DEBUG_INFO_DIR}\ntektonRun=${RUN_DIR}\n\n` +
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text; the script expands ${debugInfo} when it runs
    "postFile=\"$(ls ${debugInfo} | grep -E '[0-9]+' | tail -1)\"\n" +
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text; the script expands ${postFile} when it runs
    "stepNumber=\"$(echo ${postFile} | sed 's/[^0-9]*//g')\"\n\n";
  const touched = touch === undefined ? "" : `\ttouch \${tektonRun}/\${stepNumber}/${touch}\n`;
  return (
    PREAMBLE +
    header +
    "if [ $stepNumber -lt $numberOfSteps ]; then\n" +
    touched +
    `\techo ${marker}\n` +
    '\techo "Executing step $stepNumber..."\nelse\n' +
    `\techo "Last step (no. $stepNumber) has already been executed, ${lastWords} exiting !"\n\texit 0\nfi`
  );
}

// What each debug script writes: shell text, whose `${…}` the shell expands when the script runs.
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, expanded when the script runs
const BREAKPOINT_SUCCESS = '"0" > ${tektonRun}/${stepNumber}/out.breakpointexit';
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, expanded when the script runs
const BREAKPOINT_FAILURE = '"1" > ${tektonRun}/${stepNumber}/out.breakpointexit';
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, expanded when the script runs
const BEFORE_STEP_SUCCESS = '"0" > ${tektonRun}/${stepNumber}/out.beforestepexit';
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, expanded when the script runs
const BEFORE_STEP_FAILURE = '"1" > ${tektonRun}/${stepNumber}/out.beforestepexit.err';

function debugScripts(count: number, onFailure: boolean, beforeStep: boolean): { name: string; content: string }[] {
  const out: { name: string; content: string }[] = [];
  if (onFailure) {
    out.push(
      {
        name: "continue",
        content: debugScript(count, BREAKPOINT_SUCCESS, "out # Mark step as success", "breakpoint"),
      },
      {
        name: "fail-continue",
        content: debugScript(count, BREAKPOINT_FAILURE, "out.err # Mark step as a failure", "breakpoint"),
      },
    );
  }
  if (beforeStep) {
    out.push(
      {
        name: "beforestep-continue",
        content: debugScript(count, BEFORE_STEP_SUCCESS, undefined, "before step breakpoint"),
      },
      {
        name: "beforestep-fail-continue",
        content: debugScript(count, BEFORE_STEP_FAILURE, undefined, "before step breakpoint"),
      },
    );
  }
  return out;
}

/**
 * Converts the scripts of steps and sidecars. `shellImageWin` is `""` unless the alpha API is on,
 * as in Tekton. Containers are returned fresh; the inputs are not modified.
 */
export function convertScripts(args: {
  readonly shellImage: string;
  readonly shellImageWin: string;
  readonly steps: readonly Scripted[];
  readonly sidecars: readonly Scripted[];
  readonly debug: DebugConfig | undefined;
  readonly securityContext: (windows: boolean) => SecurityContext | undefined;
  readonly names: SuffixGenerator;
  /** The explanation being gathered, with where each step and sidecar (and its script) is. */
  readonly explain?:
    | {
        readonly explainer: Explainer;
        readonly step: (i: number) => Location;
        readonly sidecar: (k: number) => Location;
        readonly stepFrom: (i: number) => Location;
        readonly sidecarFrom: (k: number) => Location;
      }
    | undefined;
}): ConvertedScripts {
  const explain = args.explain;
  const isWin = (s: string | undefined) => (s ?? "").trim().startsWith("#!win");
  const windows = args.steps.some((s) => isWin(s.script)) || args.sidecars.some((s) => isWin(s.script));
  const init: Container & { args: string[]; volumeMounts: VolumeMount[] } = {
    name: "place-scripts",
    image: windows ? args.shellImageWin : args.shellImage,
    command: [windows ? "pwsh" : "sh"],
    args: [windows ? "-Command" : "-c", ""],
    volumeMounts: [scriptsWriteMount(), binMount()],
  };
  const sc = args.securityContext(windows);
  if (sc !== undefined) init.securityContext = sc;
  // The debug configuration, only when it asks for something (otherwise there is nothing to mount or write).
  const debug =
    args.debug !== undefined && (args.debug.onFailure || args.debug.beforeSteps.length > 0) ? args.debug : undefined;
  const needsDebug = debug !== undefined;
  if (needsDebug) init.volumeMounts.push({ name: "tekton-internal-debug-scripts", mountPath: DEBUG_SCRIPTS_DIR });

  const steps = args.steps.map((s, i) => {
    const c = copyObject(s.container);
    if (s.script !== undefined && s.script !== "")
      place(
        s.script,
        scriptFile(args.names, `script-${i}`),
        c,
        init,
        explain && { explainer: explain.explainer, at: explain.step(i), from: explain.stepFrom(i) },
      );
    return c;
  });
  if (debug !== undefined) {
    let beforeStep = false;
    steps.forEach((c, i) => {
      const mounted = (c.volumeMounts ?? []).length;
      for (const k of [mounted, mounted + 1])
        explain?.explainer.each(
          [...explain.step(i), "volumeMounts", k],
          { name: "", mountPath: "" },
          "debug-breakpoint",
          "The TaskRun's debug breakpoints: the debug scripts and this step's debug state.",
          ["taskRun", "spec", "debug"],
        );
      c.volumeMounts = [
        ...(c.volumeMounts ?? []),
        { name: "tekton-internal-debug-scripts", mountPath: DEBUG_SCRIPTS_DIR },
        { name: "tekton-internal-debug-info", mountPath: `${DEBUG_INFO_DIR}/${i}` },
      ];
      if (debug.beforeSteps.includes(c.name ?? "")) beforeStep = true;
    });
    for (const d of debugScripts(steps.length, debug.onFailure, beforeStep)) {
      const heredoc = args.names.withSuffix(`debug-${d.name}-heredoc-randomly-generated`);
      init.args[1] += `tmpfile="${DEBUG_SCRIPTS_DIR}/debug-${d.name}"\ntouch \${tmpfile} && chmod +x \${tmpfile}\ncat > \${tmpfile} << '${heredoc}'\n${d.content}\n${heredoc}\n`;
    }
  }
  const sidecars = args.sidecars.map((s, i) => {
    const c = copyObject(s.container);
    if (s.script !== undefined && s.script !== "")
      place(
        s.script,
        scriptFile(args.names, `sidecar-script-${i}`),
        c,
        init,
        explain && { explainer: explain.explainer, at: explain.sidecar(i), from: explain.sidecarFrom(i) },
      );
    return c;
  });
  const hasScripts =
    args.steps.some((s) => (s.script ?? "") !== "") || args.sidecars.some((s) => (s.script ?? "") !== "") || needsDebug;
  return { init: hasScripts ? init : undefined, steps, sidecars };
}
