import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { patientLinks } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UsableLink } from "@/lib/patient-links/resolve-patient-link";
import { recordTimelineEvent } from "@/lib/timeline/record-timeline-event";

/** Opens of one link within this many minutes are one visit: one timeline event and one audit row. */
export const LINK_OPENED_COALESCE_MINUTES = 10;

/**
 * A visit to a usable link that has not confirmed identity yet (the start of a visit).
 * Reloads within a verified session are not counted again, and opens within 10 minutes of
 * the last are coalesced, so an unverified visitor cannot fill the timeline or audit log.
 */
export async function recordLinkOpened(db: Db, params: { link: UsableLink; ip: string | null; now?: Date }) {
  const now = params.now ?? new Date();
  const actor: Actor = { kind: "patient", ip: params.ip };
  const since = new Date(now.getTime() - LINK_OPENED_COALESCE_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    const [opened] = await tx
      .update(patientLinks)
      .set({ lastOpenedAt: now })
      .where(
        and(
          eq(patientLinks.id, params.link.id),
          or(isNull(patientLinks.lastOpenedAt), lt(patientLinks.lastOpenedAt, since)),
        ),
      )
      .returning({ id: patientLinks.id });
    if (!opened) return;
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
