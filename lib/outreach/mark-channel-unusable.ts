import type { Executor } from "@/db/connect";
import { SYSTEM } from "@/lib/actor";
import { recordAuditMany } from "@/lib/audit/record-audit";
import { groupBy } from "@/lib/group-by";
import { setPatientChannelFlags, type UnusableEffect } from "@/lib/state-machine/patient-channels";

export type { UnusableEffect } from "@/lib/state-machine/patient-channels";

export interface ChannelUnusable {
  clinicId: string;
  patientId: string;
  effect: UnusableEffect;
  reason: string;
  at: Date;
}

export const isEmailEffect = (effect: UnusableEffect) => effect === "bounced" || effect === "complained";

/**
 * Records on each patient why a channel can't be used any more, so later rules predict it.
 * Any number at once: the latest fact about a channel wins, one update per clinic and kind of
 * problem (stamped with its earliest time), and one audit row per fact
 * recorded (none for a patient not in that clinic).
 */
export async function markChannelsUnusable(tx: Executor, marks: readonly ChannelUnusable[]): Promise<void> {
  const inOrder = [...marks].sort((a, b) => +a.at - +b.at);
  const changed: ChannelUnusable[] = [];
  for (const group of groupBy(inOrder, (m) => JSON.stringify([m.clinicId, m.effect, m.reason])).values()) {
    const [{ clinicId, effect, reason }] = group as [ChannelUnusable];
    const updated = await setPatientChannelFlags(tx, {
      clinicId,
      patientIds: [...new Set(group.map((m) => m.patientId))],
      change: { kind: "unusable", effect, reason },
      at: group[0]?.at as Date,
    });
    changed.push(...group.filter((m) => updated.has(m.patientId)));
  }
  await recordAuditMany(
    tx,
    changed.map((m) => ({
      clinicId: m.clinicId,
      actor: SYSTEM,
      action: isEmailEffect(m.effect) ? "patient.email_unusable" : "patient.phone_unusable",
      entityType: "patient",
      entityId: m.patientId,
      after: { effect: m.effect, reason: m.reason },
    })),
  );
}
