import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patients } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";

export type UnusableEffect = "invalid" | "opted_out" | "landline" | "unreachable" | "bounced" | "complained";

/** Records on the patient why a channel can't be used any more, so later rules predict it. */
export async function markChannelUnusable(
  tx: Executor,
  params: { clinicId: string; patientId: string; effect: UnusableEffect; reason: string; at: Date },
): Promise<void> {
  const { effect, reason, at } = params;
  const changes: Partial<typeof patients.$inferInsert> =
    effect === "opted_out"
      ? { smsOptedOutAt: at, phoneUnusableReason: reason }
      : effect === "landline"
        ? { phoneIsLandline: true, phoneUnusableReason: reason }
        : effect === "invalid" || effect === "unreachable"
          ? { phoneUnusableReason: reason }
          : { emailUndeliverableAt: at, emailUndeliverableReason: reason };
  await tx
    .update(patients)
    .set({ ...changes, updatedAt: at })
    .where(and(eq(patients.id, params.patientId), eq(patients.clinicId, params.clinicId)));
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: SYSTEM,
    action: effect === "bounced" || effect === "complained" ? "patient.email_unusable" : "patient.phone_unusable",
    entityType: "patient",
    entityId: params.patientId,
    after: { effect, reason },
  });
}
