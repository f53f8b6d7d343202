import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceSets, messages, patients, rules } from "@/db/schema";
import { computeSendTime } from "@/lib/outreach/send-window";
import { patientTimeZoneSql } from "@/lib/patients/patient-time-zone";

/**
 * Makes the demo's outreach look alive: every Active set gets its next send time as the
 * sequence would plan it (rule delay, moved into the send window in the patient's zone),
 * and seeded outbox messages get provider ids like real outbox sends, so the Outbox page
 * and signed test callbacks can refer to them.
 */
export async function seedOutreachDemo(db: Executor, clinicId: string, now: Date): Promise<void> {
  const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) return;
  const window = {
    startMinute: clinic.sendWindowStartMinute,
    endMinute: clinic.sendWindowEndMinute,
    days: clinic.sendDays,
  };
  const ruleRows = await db.select().from(rules).where(eq(rules.clinicId, clinicId)).orderBy(asc(rules.delayDays));
  const active = await db
    .select({
      id: invoiceSets.id,
      ruleSetId: invoiceSets.ruleSetId,
      step: invoiceSets.sequenceStep,
      cycle: invoiceSets.sequenceCycle,
      startedAt: invoiceSets.sequenceStartedAt,
      timeZone: patientTimeZoneSql,
    })
    .from(invoiceSets)
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
    .where(and(eq(invoiceSets.clinicId, clinicId), eq(invoiceSets.status, "active")));
  for (const set of active) {
    const setRules = ruleRows.filter((r) => r.ruleSetId === set.ruleSetId);
    const rule = setRules[set.step];
    if (rule) {
      const nextSendAt = computeSendTime({
        sequenceStartedAt: set.startedAt,
        delayDays: rule.delayDays,
        timeZone: set.timeZone,
        window,
        notBefore: now,
      });
      await db.update(invoiceSets).set({ nextSendAt, nextActionAt: nextSendAt }).where(eq(invoiceSets.id, set.id));
      continue;
    }
    // Every rule already went out: the demo starts a new cycle today, as Change Rule Set
    // does for an Expired set, so each Active set shows when its next message goes.
    const first = setRules[0];
    if (!first) continue;
    const nextSendAt = computeSendTime({
      sequenceStartedAt: now,
      delayDays: first.delayDays,
      timeZone: set.timeZone,
      window,
      notBefore: now,
    });
    await db
      .update(invoiceSets)
      .set({
        sequenceCycle: set.cycle + 1,
        sequenceStep: 0,
        sequenceStartedAt: now,
        nextSendAt,
        nextActionAt: nextSendAt,
      })
      .where(eq(invoiceSets.id, set.id));
  }
  await db
    .update(messages)
    .set({ providerId: sql`'outbox-' || ${messages.id}::text` })
    .where(and(eq(messages.clinicId, clinicId), eq(messages.transport, "outbox"), isNull(messages.providerId)));
}
