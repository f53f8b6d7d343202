import { eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { clinics } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { UseCaseOutcome } from "@/lib/events/run-use-case";
import { replanWaitingSequences } from "@/lib/outreach/replan-waiting-sequences";
import type { OutreachSettingsInput } from "./outreach-settings-input";

/**
 * Saves the clinic's outreach settings (audited, before and after) and re-plans every
 * waiting sequence of the clinic: each Active set's run is replaced by a new one that
 * plans with the new window, so none keeps sleeping towards an old time.
 */
export async function updateOutreachSettings(
  tx: Tx,
  params: { clinicId: string; actor: Actor; input: OutreachSettingsInput },
): Promise<UseCaseOutcome<{ replanned: number }>> {
  const { clinicId, input } = params;
  const [before] = await tx.select().from(clinics).where(eq(clinics.id, clinicId)).for("update");
  if (!before) throw new AppError("not_found", "This clinic was not found.");
  const after = {
    sendWindowStartMinute: input.sendWindowStart,
    sendWindowEndMinute: input.sendWindowEnd,
    sendDays: input.sendDays,
    showAmountInMessages: input.showAmountInMessages,
    sendsPerMinute: input.sendsPerMinute,
    allowAnyHour: input.allowAnyHour,
  };
  await tx.update(clinics).set(after).where(eq(clinics.id, clinicId));
  await recordAudit(tx, {
    clinicId,
    actor: params.actor,
    action: "clinic.outreach_settings",
    entityType: "clinic",
    entityId: clinicId,
    before: Object.fromEntries(Object.keys(after).map((key) => [key, before[key as keyof typeof after]])),
    after,
  });
  const events = await replanWaitingSequences(tx, { clinicId });
  return { result: { replanned: events.length }, events };
}
