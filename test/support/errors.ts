/** Test helper: the CompileError a call throws (any other outcome fails the test). */
import { CompileError } from "../../src/errors.js";

export function caught(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("expected a CompileError");
}
