import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics, invoiceSets } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { isOpenInvoiceSetStatus } from "@/lib/state-machine/statuses";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";
import { createPatientLink } from "./tokens";

const DAY_MS = 86_400_000;

/**
 * "Copy patient link": a fresh link for an open set, for staff who talk to the patient by
 * phone. The URL is returned once and never stored (only its hash is); the audit row and
 * the timeline event say who made it.
 */
export async function issueStaffPatientLink(
  db: Db,
  params: { clinicId: string; invoiceSetId: string; actor: Actor; now?: Date },
): Promise<{ url: string; expiresAt: Date }> {
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    const [set] = await tx
      .select({ status: invoiceSets.status, patientLinkDays: clinics.patientLinkDays })
      .from(invoiceSets)
      .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
      .where(and(eq(invoiceSets.id, params.invoiceSetId), eq(invoiceSets.clinicId, params.clinicId)));
    if (!set) throw new AppError("not_found", "This invoice set was not found. It may belong to another clinic.");
    if (!isOpenInvoiceSetStatus(set.status))
      throw new AppError("conflict", "This invoice set is closed: there is nothing for the patient to pay online.");
    const expiresAt = new Date(now.getTime() + set.patientLinkDays * DAY_MS);
    const link = await createPatientLink(tx, {
      clinicId: params.clinicId,
      invoiceSetId: params.invoiceSetId,
      expiresAt,
    });
    await recordTimelineEvent(tx, {
      clinicId: params.clinicId,
      invoiceSetId: params.invoiceSetId,
      kind: "note",
      actor: params.actor,
      summary: "Patient link created to share by phone",
      details: { patientLinkId: link.id },
      occurredAt: now,
    });
    await recordAudit(tx, {
      clinicId: params.clinicId,
      actor: params.actor,
      action: "patient_link.create_for_staff",
      entityType: "patient_link",
      entityId: link.id,
      after: { invoiceSetId: params.invoiceSetId, expiresAt: expiresAt.toISOString() },
    });
    return { url: link.url, expiresAt };
  });
}
