/**
 * `getWaitingMessage` (pkg/pod/status.go), the same in Tekton v0.20.1 and v1.12: why a pending
 * Pod waits, from the most specific source available — a waiting container's message, then the
 * first Pod condition that is not True, then the Pod's own message.
 */
import { goQuote } from "../k8s/go-quote.js";
import type { PodContainerStatus, PodView } from "./read-objects.js";

/** Why a pending Pod waits, as the status message says it. */
export function waitingMessage(pod: PodView, statuses: readonly PodContainerStatus[]): string {
  for (const s of statuses) {
    const message = s.state.waiting?.message ?? "";
    if (message !== "") return `build step ${goQuote(s.name)} is pending with reason ${goQuote(message)}`;
  }
  const notTrue = pod.conditions().find((c) => c.status !== "True");
  if (notTrue !== undefined) {
    return `pod status ${goQuote(notTrue.type)}:${goQuote(notTrue.status)}; message: ${goQuote(notTrue.message)}`;
  }
  return pod.message !== "" ? pod.message : "Pending";
}
