/** The JSON Patch operations the lifecycle helpers return (the same shape for every release). */

/** One RFC 6902 JSON Patch operation. */
export interface JsonPatchOperation {
  readonly op: "add" | "replace";
  readonly path: string;
  readonly value: string;
}
