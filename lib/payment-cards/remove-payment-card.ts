import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { paymentCards } from "@/db/schema";
import { patientContactChanged } from "@/inngest/events";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { runUseCase } from "@/lib/events/run-use-case";

/**
 * Staff remove a patient's card on file: the row goes, the audit row keeps what it was
 * and the consent it carried. Autopay and "Charge Card" steps find no card from then on
 * (the set's prediction is re-checked: a next step that only charges the card is Will Fail).
 */
export async function removePaymentCard(
  db: Db,
  staff: { clinicId: string; actor: Actor },
  patientId: string,
): Promise<{ message: string }> {
  const { result } = await runUseCase(db, async (tx) => {
    const [removed] = await tx
      .delete(paymentCards)
      .where(and(eq(paymentCards.clinicId, staff.clinicId), eq(paymentCards.patientId, patientId)))
      .returning();
    if (!removed) throw new AppError("not_found", "This patient has no card on file.");
    await recordAudit(tx, {
      clinicId: staff.clinicId,
      actor: staff.actor,
      action: "payment_card.remove",
      entityType: "patient",
      entityId: patientId,
      before: {
        brand: removed.brand,
        last4: removed.last4,
        consentText: removed.consentText,
        consentedAt: removed.consentedAt.toISOString(),
        consentIp: removed.consentIp,
      },
    });
    return {
      result: { message: "Card removed: it won't be charged again." },
      events: [patientContactChanged.create({ clinicId: staff.clinicId, patientId })],
    };
  });
  return result;
}
