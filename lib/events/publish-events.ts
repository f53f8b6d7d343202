import "server-only";
import { inngest } from "@/inngest/client";

type OutgoingEvent = Parameters<typeof inngest.send>[0];

/**
 * Sends events after a commit. The database is the source of truth: when Inngest is
 * unreachable the change still stands, a scheduled reconcile re-emits what is missing,
 * and the caller can tell staff that outreach will catch up.
 */
export async function publishEvents(events: OutgoingEvent): Promise<{ sent: boolean }> {
  if (Array.isArray(events) && events.length === 0) return { sent: true };
  try {
    await inngest.send(events);
    return { sent: true };
  } catch (error) {
    console.warn(`Inngest is unreachable; outreach will catch up when it is back (${describe(error)}).`);
    return { sent: false };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : "unknown error";
}
