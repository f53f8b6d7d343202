import { and, count, gte, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, messages } from "@/db/schema";

export interface SendBudget {
  /** Messages per minute: the clinic's own cap, at most the process-wide one. */
  limit: number;
  /** Messages the clinic attempted in the minute before `now`. */
  used: number;
}

/** Each clinic's per-minute send cap against what it sent in the last minute, read in two statements for all. */
export async function readSendBudgets(
  db: Executor,
  clinicIds: readonly string[],
  processLimit: number,
  now: Date,
): Promise<Map<string, SendBudget>> {
  if (clinicIds.length === 0) return new Map();
  const ids = [...new Set(clinicIds)];
  const caps = await db
    .select({ id: clinics.id, limit: clinics.sendsPerMinute })
    .from(clinics)
    .where(inArray(clinics.id, ids));
  const recent = await db
    .select({ clinicId: messages.clinicId, sent: count() })
    .from(messages)
    .where(and(inArray(messages.clinicId, ids), gte(messages.attemptedAt, new Date(now.getTime() - 60_000))))
    .groupBy(messages.clinicId);
  return new Map(
    ids.map((id) => [
      id,
      {
        limit: Math.min(processLimit, caps.find((c) => c.id === id)?.limit ?? processLimit),
        used: recent.find((r) => r.clinicId === id)?.sent ?? 0,
      },
    ]),
  );
}
