import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { accountEmails } from "@/db/schema";

/** The latest staff emails (invitations, resets) the outbox recorded for a clinic. */
export async function listAccountEmails(db: Executor, clinicId: string, limit = 50) {
  return db
    .select()
    .from(accountEmails)
    .where(and(eq(accountEmails.clinicId, clinicId), eq(accountEmails.transport, "outbox")))
    .orderBy(desc(accountEmails.createdAt), desc(accountEmails.id))
    .limit(limit);
}
