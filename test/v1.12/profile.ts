/**
 * The v1.12 profile as the v1.12 tests call it: the public entry with `{ tekton: "v1.12" }`
 * (the sources, or the built package with TEST_DIST=1).
 */
import type { CompileInputV112, CompileResultV112, Immutable } from "../../src/index.js";
import { api } from "../support/api.js";

export const { CompileError } = api;
/** A `CompileError` of whichever build is under test. */
export type CompileError = InstanceType<typeof api.CompileError>;

/** Compiles with Tekton v1.12's controller. */
export function compileTaskRun(input: Immutable<CompileInputV112>): CompileResultV112 {
  return api.compileTaskRun(input, { tekton: "v1.12" });
}
