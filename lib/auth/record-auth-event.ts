import type { Executor } from "@/db/connect";
import { recordAuditMany } from "@/lib/audit/record-audit";
import { listActiveClinicIds } from "./find-user";

export type AuthAuditAction = "auth.sign_in" | "auth.sign_in_failed" | "auth.sign_out" | "auth.session_expired";

/**
 * Sign-in, failed sign-in, sign-out and session expiry in the audit log. Audit rows belong to
 * a clinic, so the event is written once under each clinic the person is an active member
 * of (or only the given one), and each clinic's admins see it.
 */
export async function recordAuthEvents(
  db: Executor,
  event: {
    userId: string;
    ip: string | null;
    action: AuthAuditAction;
    clinicId?: string;
    after?: Record<string, unknown>;
  },
): Promise<void> {
  const clinicIds = event.clinicId ? [event.clinicId] : await listActiveClinicIds(db, event.userId);
  await recordAuditMany(
    db,
    clinicIds.map((clinicId) => ({
      clinicId,
      actor: { kind: "user" as const, userId: event.userId, ip: event.ip },
      action: event.action,
      entityType: "user",
      entityId: event.userId,
      after: event.after ?? null,
    })),
  );
}
