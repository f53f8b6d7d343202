import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { patientLinks } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UsableLink } from "@/lib/patient-links/resolve-patient-link";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

/**
 * A visit to a usable link that has not confirmed identity yet (the start of a visit).
 * Reloads within a verified session are not counted again.
 */
export async function recordLinkOpened(db: Db, params: { link: UsableLink; ip: string | null; now?: Date }) {
  const now = params.now ?? new Date();
  const actor: Actor = { kind: "patient", ip: params.ip };
  await db.transaction(async (tx) => {
    await tx.update(patientLinks).set({ lastOpenedAt: now }).where(eq(patientLinks.id, params.link.id));
    await recordTimelineEvent(tx, {
      clinicId: params.link.clinicId,
      invoiceSetId: params.link.invoiceSetId,
      kind: "link_opened",
      actor,
      summary: "Patient opened the statement link",
      details: { patientLinkId: params.link.id },
      occurredAt: now,
    });
    await recordAudit(tx, {
      clinicId: params.link.clinicId,
      actor,
      action: "patient_link.open",
      entityType: "patient_link",
      entityId: params.link.id,
      after: { invoiceSetId: params.link.invoiceSetId },
    });
  });
}
