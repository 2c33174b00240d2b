/**
 * The page's state in the URL fragment, so that a link reproduces the page: the text, the
 * profile, the open tab and the step outcomes, as JSON, deflated with the browser's own
 * `CompressionStream` and written base64url. The fragment never reaches a server, so a shared
 * link keeps the YAML (and any Secret in it) between the people who hold the link.
 */
import { isStepOutcome, type StepOutcome } from "./status.js";

/** The tabs of the right pane. */
export const TABS = ["pod", "picture", "status"] as const;

/** One of {@link TABS}. */
export type Tab = (typeof TABS)[number];

/** What a link carries. */
export interface PageState {
  readonly text: string;
  readonly tekton: string;
  readonly tab: Tab;
  readonly outcomes: Readonly<Record<string, StepOutcome>>;
}

const KEY = "s=";

/** `#s=…` for `state`. */
export async function encodeState(state: PageState): Promise<string> {
  const json = JSON.stringify({ v: 1, t: state.text, p: state.tekton, tab: state.tab, o: state.outcomes });
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `#${KEY}${toBase64Url(deflated)}`;
}

/** The state in a fragment made by {@link encodeState}, or `undefined` when it holds none (or a damaged one). */
export async function decodeState(hash: string): Promise<PageState | undefined> {
  const body = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!body.startsWith(KEY)) return undefined;
  try {
    const inflated = await pipe(fromBase64Url(body.slice(KEY.length)), new DecompressionStream("deflate-raw"));
    const value = JSON.parse(new TextDecoder().decode(inflated)) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { t, p, tab, o } = value as Record<string, unknown>;
    if (typeof t !== "string") return undefined;
    const outcomes: Record<string, StepOutcome> = {};
    if (typeof o === "object" && o !== null) {
      for (const [step, outcome] of Object.entries(o)) if (isStepOutcome(outcome)) outcomes[step] = outcome;
    }
    return {
      text: t,
      tekton: typeof p === "string" ? p : "",
      tab: TABS.find((x) => x === tab) ?? "pod",
      outcomes,
    };
  } catch {
    return undefined;
  }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
