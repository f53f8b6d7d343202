import { Inngest } from "inngest";

/** How long a staff action may wait on the event API before it goes on (the reconcile covers a loss). */
export const SEND_TIMEOUT_MS = 300;

export const inngest = new Inngest({
  id: "clinic-billing",
  // Each request gives up quickly; publishEvents also caps the whole send, retries included.
  fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) }),
});
