import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { UseCaseOutcome } from "@/lib/events/run-use-case";
import { replanWaitingSequences } from "@/lib/outreach/replan-waiting-sequences";
import type { ClinicSettings } from "./clinic-settings-input";

/** Only what changed, as before → after, so the audit row reads as the edit made. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && before[key] !== value) {
      from[key] = before[key];
      to[key] = value;
    }
  }
  return { before: from, after: to, changed: Object.keys(to) };
}

/**
 * Saves the "Clinic" section of /settings and audits the change (before → after). A new time
 * zone re-plans the waiting sequences (patients without a zone of their own use the clinic's).
 */
export async function updateClinicSettings(
  tx: Executor,
  params: { clinicId: string; actor: Actor; settings: ClinicSettings },
): Promise<UseCaseOutcome<{ changed: string[] }>> {
  const [current] = await tx
    .select({
      name: clinics.name,
      phone: clinics.phone,
      email: clinics.email,
      timeZone: clinics.timeZone,
      defaultDueDays: clinics.defaultDueDays,
      patientLinkDays: clinics.patientLinkDays,
      requireTwoFactor: clinics.requireTwoFactor,
    })
    .from(clinics)
    .where(eq(clinics.id, params.clinicId))
    .for("update");
  if (!current) throw new AppError("not_found", "This clinic was not found.");
  const diff = changedFields(current, params.settings);
  if (diff.changed.length === 0) return { result: { changed: [] }, events: [] };
  await tx.update(clinics).set(diff.after).where(eq(clinics.id, params.clinicId));
  await recordAudit(tx, {
    clinicId: params.clinicId,
    actor: params.actor,
    action: "clinic.update_settings",
    entityType: "clinic",
    entityId: params.clinicId,
    before: diff.before,
    after: diff.after,
  });
  const events = diff.changed.includes("timeZone")
    ? await replanWaitingSequences(tx, { clinicId: params.clinicId })
    : [];
  return { result: { changed: diff.changed }, events };
}
