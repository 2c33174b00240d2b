/**
 * The v1.12 profile as the v1.12 tests call it. It points at the profile's own compile until
 * the public entry selects it with `{ tekton: "v1.12" }`; then only this module changes.
 */
export { compileTaskRun } from "../../src/v1.12/compile/index.js";
export { CompileError } from "../../src/errors.js";
