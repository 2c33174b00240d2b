/** Runs the resources stage alone on a conformance case's input. */
import type { Container } from "kubernetes-types/core/v1.js";
import type { CompileInput, Immutable, TaskRun, TaskSpec } from "../../src/api/types.js";
import { SuffixGenerator } from "../../src/k8s/names.js";
import { type ResolvedConfig, resolveConfig } from "../../src/v0.20.1/compile/config.js";
import {
  addResourceSteps,
  type ResolvedResources,
  resolveResources,
  resourceReplacements,
} from "../../src/v0.20.1/compile/resources/index.js";
import { type ConformanceCase, loadCase } from "../support/cases.js";
import { deepFreeze } from "../support/freeze.js";

export interface StageRun {
  readonly input: Immutable<CompileInput>;
  readonly taskSpec: Immutable<TaskSpec>;
  readonly taskName: string;
  readonly config: ResolvedConfig;
  readonly resolved: ResolvedResources;
  readonly spec: TaskSpec;
}

/** The Task spec and the name Tekton uses in messages (the TaskRun's for an embedded spec). */
export function taskOf(input: Immutable<CompileInput>): { taskSpec: Immutable<TaskSpec>; taskName: string } {
  const embedded = input.taskRun.spec.taskSpec;
  if (embedded !== undefined) return { taskSpec: embedded, taskName: input.taskRun.metadata?.name ?? "" };
  return { taskSpec: input.task?.spec ?? {}, taskName: input.task?.metadata?.name ?? "" };
}

export function namesFor(taskRun: Immutable<TaskRun>): SuffixGenerator {
  const m = taskRun.metadata;
  return new SuffixGenerator(`${m?.namespace ?? ""}/${m?.name ?? ""}/${m?.uid ?? ""}`);
}

/** resolveResources + addResourceSteps on a deep-frozen copy of the case input. */
export function runStage(input: Immutable<CompileInput>): StageRun {
  const frozen = deepFreeze(structuredClone(input) as CompileInput);
  const { taskSpec, taskName } = taskOf(frozen);
  const config = resolveConfig(frozen.config);
  const resolved = resolveResources({
    taskRun: frozen.taskRun,
    taskSpec,
    taskName,
    pipelineResources: frozen.pipelineResources ?? [],
  });
  const spec = addResourceSteps({
    taskSpec,
    taskRun: frozen.taskRun,
    taskName,
    resources: resolved,
    config,
    names: namesFor(frozen.taskRun),
  });
  return { input: frozen, taskSpec, taskName, config, resolved, spec };
}

export function caseInput(name: string): Immutable<CompileInput> {
  return loadCase(name).input as unknown as Immutable<CompileInput>;
}

export function runCase(name: string): StageRun {
  return runStage(caseInput(name));
}

/** `$(key)` replacement, enough to compare generated steps with a case's Pod. */
export function substitute(text: string, map: Readonly<Record<string, string>>): string {
  return text.replace(/\$\(([^)]*)\)/g, (whole, key: string) => map[key] ?? whole);
}

/** Context, then input resource, then output resource variables, as createPod applies them. */
export function variablesOf(run: StageRun): Record<string, string>[] {
  const meta = run.input.taskRun.metadata;
  return [
    {
      "context.taskRun.name": meta?.name ?? "",
      "context.task.name": run.taskName,
      "context.taskRun.namespace": meta?.namespace ?? "",
      "context.taskRun.uid": meta?.uid ?? "",
    },
    resourceReplacements(run.resolved, "inputs"),
    resourceReplacements(run.resolved, "outputs"),
  ];
}

/** What the Pod builder turns a step's command/args into: the part after `-entrypoint`. */
export function entrypointTail(container: Container): string[] | undefined {
  const args = container.args ?? [];
  const i = args.indexOf("-entrypoint");
  return i < 0 ? undefined : args.slice(i + 1);
}

/** `name-xxxxx` → `name-#####`. */
export function maskSuffix(name: string): string {
  return name.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, "-#####");
}

export type { ConformanceCase };
