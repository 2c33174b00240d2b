/**
 * What the v1.12 Pod builder tells an explanation, in helpers it calls only when one is asked
 * for: entries for a run of list items it appended, where each part of a step merged with the
 * step template came from, and the moves of a step's command and args when the entrypoint takes
 * them over.
 */
import type { PathSegment } from "../../../errors.js";
import type { Explainer, Location, RuleCode } from "../../../explain/index.js";
import { isRecord } from "../../../read-values.js";

/** One entry on each of the items `start` to `end - 1` of the list at `list`. */
export function explainSpan(
  explain: Explainer,
  list: Location,
  start: number,
  end: number,
  rule: RuleCode,
  note: string,
  from?: Location,
): void {
  for (let k = start; k < end; k++) explain.add([...list, k], rule, note, from);
}

/** The fields by which the step template's lists are merged with a step's (strategic merge keys). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
};

/**
 * The step template merge of one step (`MergeStepsWithStepTemplate`): the step's entries, at
 * `step`, are laid over the template's, at `template`, as the merge laid the values. Each part
 * of `merged` the step wrote keeps the step's entries; each part the template gave gets the
 * template's entries and a `step-template-merge` entry.
 */
export function explainTemplateMerge(
  explain: Explainer,
  step: Location,
  template: Location,
  merged: unknown,
  ownStep: unknown,
  ownTemplate: unknown,
  from: Location,
): void {
  const scratch: Location = ["step-template-merge", ...step];
  explain.move(step, scratch);
  const walk = (
    value: unknown,
    at: PathSegment[],
    sv: unknown,
    sp: PathSegment[],
    tv: unknown,
    tp: PathSegment[],
    field: string | undefined,
  ): void => {
    if (sv === undefined && tv !== undefined) {
      explain.copy([...template, ...tp], [...step, ...at]);
      explain.each(
        [...step, ...at],
        value,
        "step-template-merge",
        "Taken from the Task's stepTemplate: the step leaves it out.",
        [...from, ...tp],
      );
      return;
    }
    if (tv === undefined || sv === undefined) {
      explain.copy([...scratch, ...sp], [...step, ...at]);
      return;
    }
    const key = field === undefined ? undefined : MERGE_KEYS[field];
    if (Array.isArray(value) && Array.isArray(sv) && Array.isArray(tv) && key !== undefined) {
      value.forEach((item, k) => {
        const id = isRecord(item) ? item[key] : undefined;
        const si = sv.findIndex((x) => isRecord(x) && x[key] === id);
        const ti = tv.findIndex((x) => isRecord(x) && x[key] === id);
        walk(
          item,
          [...at, k],
          si < 0 ? undefined : sv[si],
          [...sp, si],
          ti < 0 ? undefined : tv[ti],
          [...tp, ti],
          undefined,
        );
      });
      return;
    }
    if (isRecord(value) && isRecord(sv) && isRecord(tv)) {
      for (const k of Object.keys(value)) walk(value[k], [...at, k], sv[k], [...sp, k], tv[k], [...tp, k], k);
      return;
    }
    // Anything else the step sets wins whole.
    explain.copy([...scratch, ...sp], [...step, ...at]);
  };
  walk(merged, [], ownStep, [], ownTemplate, [], undefined);
  explain.drop(scratch);
}

/**
 * Sets a step's command and args aside before the entrypoint's flags are written in their
 * place; {@link explainEntrypointTakeover} puts them where they end up.
 */
export function explainTakeoverStart(explain: Explainer, step: Location): void {
  const scratch: Location = ["entrypoint-takeover", ...step];
  explain.move([...step, "command"], [...scratch, "command"]);
  explain.move([...step, "args"], [...scratch, "args"]);
}

/**
 * The entrypoint takes over a step's command and args (`orderContainers`): its own flags first,
 * then `-entrypoint <command[0]>`, `--`, the rest of the command and the args. `placeCommand`
 * is where the first command item lands in `args`, `placeRest` where the rest begins; the
 * entries of the old `command` and `args` move with their values.
 */
export function explainEntrypointTakeover(
  explain: Explainer,
  step: Location,
  commandLength: number,
  placeCommand: number,
  placeRest: number,
): void {
  const scratch: Location = ["entrypoint-takeover", ...step];
  const args: Location = [...step, "args"];
  if (commandLength > 0) {
    explain.add(
      [...args, placeCommand - 1],
      "entrypoint-rewrite",
      "The entrypoint runs the step's command, given after -entrypoint.",
    );
    explain.move([...scratch, "command", 0], [...args, placeCommand]);
    explain.add(
      [...args, placeCommand],
      "entrypoint-rewrite",
      "The step's command (or its script's file), which the entrypoint runs.",
    );
  }
  explain.add(
    [...args, placeRest - 1],
    "entrypoint-rewrite",
    "Everything after -- is the step's own command line, passed through by the entrypoint.",
  );
  for (let k = 1; k < commandLength; k++) explain.move([...scratch, "command", k], [...args, placeRest + k - 1]);
  const restOfCommand = Math.max(0, commandLength - 1);
  explain.shift([...scratch, "args"], 0, placeRest + restOfCommand);
  explain.move([...scratch, "args"], args);
  explain.drop(scratch);
  explain.add(
    [...step, "command", 0],
    "entrypoint-rewrite",
    "Every step runs Tekton's entrypoint, which waits for the previous step, runs the step's command and records the outcome.",
  );
}
