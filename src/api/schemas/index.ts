/**
 * The root schemas of everything checked at run time: the one list the validator generator
 * (scripts/generate-validators.js) compiles, at build time, into standalone validator code
 * (src/api/generated/validators.js). To validate another input shape, add its root schema
 * here; `validators.<name>` then exists (src/api/generated/validators.d.ts follows this list).
 *
 * A root schema is self-contained: its `$defs` hold every definition it refers to.
 */
import type { SchemaObject } from "ajv";
import { KUBERNETES_DEFS, ref, SCALAR_DEFS } from "./kubernetes.js";
import { TEKTON_DEFS } from "./tekton.js";

export { FORMATS } from "./formats.js";

/** Root schemas by validator name. */
export const ROOT_SCHEMAS = {
  /** `CompileInput` of Tekton v0.20.1 (../types.ts). */
  compileInput: { $defs: { ...SCALAR_DEFS, ...KUBERNETES_DEFS, ...TEKTON_DEFS }, $ref: ref("CompileInput") },
  /** The YAML of config-defaults' `default-pod-template` (src/v0.20.1/compile/config.ts). */
  podTemplate: { $ref: "compileInput#/$defs/PodTemplate" },
  /** The YAML of config-defaults' `default-task-run-workspace-binding`. */
  workspaceBinding: { $ref: "compileInput#/$defs/WorkspaceBinding" },
} as const satisfies Readonly<Record<string, SchemaObject>>;
