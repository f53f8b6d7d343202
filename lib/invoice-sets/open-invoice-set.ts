import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { invoiceSets, ruleSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

/**
 * The patient's open invoice set, locked, or a new Active one on the clinic's default rule
 * set (design.md "Outreach"). The caller must hold the patient's row lock, so two issues
 * for one patient never open two sets. `opened` tells the caller to publish
 * invoiceSetActivated after commit.
 */
export async function findOrOpenInvoiceSet(
  tx: Tx,
  params: { clinicId: string; patientId: string; actor: Actor; now: Date },
): Promise<{ invoiceSetId: string; opened: boolean }> {
  const { clinicId, patientId, actor, now } = params;
  const [open] = await tx
    .select({ id: invoiceSets.id })
    .from(invoiceSets)
    .where(
      and(
        eq(invoiceSets.clinicId, clinicId),
        eq(invoiceSets.patientId, patientId),
        inArray(invoiceSets.status, OPEN_INVOICE_SET_STATUSES),
      ),
    )
    // NO KEY UPDATE: does not conflict with the KEY SHARE that timeline inserts take on the set.
    .for("no key update");
  if (open) return { invoiceSetId: open.id, opened: false };

  const [ruleSet] = await tx
    .select({ id: ruleSets.id, title: ruleSets.title })
    .from(ruleSets)
    .where(and(eq(ruleSets.clinicId, clinicId), eq(ruleSets.isDefault, true), isNull(ruleSets.archivedAt)))
    .limit(1);
  if (!ruleSet) {
    throw new AppError(
      "invalid_transition",
      "Issue isn't possible yet: the clinic has no default rule set for outreach. Ask an admin to choose one.",
    );
  }

  const [created] = await tx
    .insert(invoiceSets)
    .values({
      clinicId,
      patientId,
      status: "active",
      ruleSetId: ruleSet.id,
      sequenceStartedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: invoiceSets.id });
  if (!created)
    throw new AppError("unavailable", "A new invoice set could not be opened. Nothing was changed; please try again.");

  await recordTimelineEvent(tx, {
    clinicId,
    invoiceSetId: created.id,
    kind: "status_change",
    actor,
    summary: `Invoice set opened on ${ruleSet.title}`,
    details: { action: "open", to: "active", ruleSetId: ruleSet.id },
    occurredAt: now,
  });
  await recordAudit(tx, {
    clinicId,
    actor,
    action: "invoice_set.open",
    entityType: "invoice_set",
    entityId: created.id,
    before: null,
    after: { status: "active", ruleSetId: ruleSet.id, patientId },
  });
  return { invoiceSetId: created.id, opened: true };
}
