import { Inngest } from "inngest";
import { env } from "@/lib/env";
import { RedactStepErrors } from "./redact-step-errors";

/** The SDK puts the same seed on every attempt of one event send. */
const SEND_SEED_HEADER = "x-inngest-event-id-seed";
const triedSends = new Set<string>();

/**
 * An event send makes one request, cut off after INNGEST_SEND_TIMEOUT_MS (300 ms by default): the SDK's own retries of
 * that send (same seed) fail without a request, so an unreachable event API costs one short
 * request, not a retry storm. The SDK's other calls (function runs) keep their own timing.
 */
function fetchSendingOnce(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const seed = new Headers(init?.headers).get(SEND_SEED_HEADER);
  if (!seed) return fetch(input, init);
  if (triedSends.has(seed)) return Promise.reject(new Error("this event send was already tried once"));
  triedSends.add(seed);
  setTimeout(() => triedSends.delete(seed), 60_000).unref();
  return fetch(input, { ...init, signal: AbortSignal.timeout(env().INNGEST_SEND_TIMEOUT_MS) });
}

export const inngest = new Inngest({ id: "clinic-billing", fetch: fetchSendingOnce, middleware: [RedactStepErrors] });
