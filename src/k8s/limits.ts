/**
 * Size limits. Kubernetes stores no object larger than etcd's request limit (1.5 MiB by
 * default), so a Pod whose text runs to many megabytes is one the API server would never
 * accept. The package still builds Pods well past that — a cluster may raise the limit, and a
 * preview of an oversized Pod is useful — but it stops long before the sizes at which an
 * engine runs out of string length or memory: text that substitution or script placement
 * would multiply (a long value referenced thousands of times, one script shared by a thousand
 * steps) is counted, and refused with a `limit-exceeded` issue once it passes
 * {@link MAX_GENERATED_TEXT}.
 */
import { CompileError, issue, type PathSegment } from "../errors.js";

/** etcd's default request limit, which bounds every object Kubernetes stores. */
export const KUBERNETES_OBJECT_LIMIT = 1.5 * 1024 * 1024;

/**
 * The most characters of text one compilation generates (substituted strings, expanded array
 * items, placed scripts): 64 Mi, some forty times what Kubernetes would store.
 */
export const MAX_GENERATED_TEXT = 64 * 1024 * 1024;

/** Counts generated text for one compilation, and refuses once it passes the limit. */
export class TextBudget {
  #spent = 0;
  readonly #limit: number;

  constructor(limit = MAX_GENERATED_TEXT) {
    this.#limit = limit;
  }

  /**
   * Counts `chars` more characters, generated for what lies at `path` (or at the path `path()`
   * makes, for a caller that would otherwise build a path per call only for this error).
   *
   * @throws {CompileError} (`build`, `limit-exceeded`) when the total passes the limit.
   */
  spend(chars: number, path: readonly PathSegment[] | (() => readonly PathSegment[]), what: string): void {
    this.#spent += chars;
    if (this.#spent > this.#limit) throw limitExceeded(typeof path === "function" ? path() : path, what, this.#limit);
  }
}

/** The error for generated text past `limit`. */
export function limitExceeded(path: readonly PathSegment[], what: string, limit = MAX_GENERATED_TEXT): CompileError {
  return new CompileError(
    "build",
    [
      issue(
        "limit-exceeded",
        path,
        `${what} would make the Pod larger than ${limit / (1024 * 1024)} Mi characters, the most this compiler ` +
          `builds; Kubernetes itself stores no object over ${KUBERNETES_OBJECT_LIMIT / (1024 * 1024)} MiB ` +
          "(etcd's default request limit), so shorten the values, scripts or lists involved",
      ),
    ],
    "CouldntGetTask",
  );
}
