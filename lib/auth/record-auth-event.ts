import type { Executor } from "@/db/connect";
import { recordAudit } from "@/lib/audit/record-audit";

export type AuthAuditAction = "auth.sign_in" | "auth.sign_in_failed" | "auth.sign_out";

/** Sign-in, failed sign-in and sign-out in the audit log, under the user's clinic. */
export async function recordAuthEvent(
  db: Executor,
  event: { userId: string; clinicId: string; ip: string | null; action: AuthAuditAction },
): Promise<void> {
  await recordAudit(db, {
    clinicId: event.clinicId,
    actor: { kind: "user", userId: event.userId, ip: event.ip },
    action: event.action,
    entityType: "user",
    entityId: event.userId,
  });
}
