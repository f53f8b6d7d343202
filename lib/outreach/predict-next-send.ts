import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceSets, patients, paymentCards, rules } from "@/db/schema";
import { ruleMethods } from "./channels";
import { predictDelivery } from "./predict-delivery";

export interface NextSendPrediction {
  willFail: boolean;
  reason: string | null;
}

/**
 * Would each set's next rule fail on every method? Used by Resume (→ Will Fail instead of
 * Active), one set or a bulk chunk, with two queries however many sets. A set with no
 * rule left (only the expiry) never fails.
 */
export async function predictNextSends(
  db: Executor,
  clinicId: string,
  invoiceSetIds: readonly string[],
): Promise<Map<string, NextSendPrediction>> {
  const result = new Map<string, NextSendPrediction>();
  if (invoiceSetIds.length === 0) return result;
  const sets = await db
    .select({
      id: invoiceSets.id,
      ruleSetId: invoiceSets.ruleSetId,
      sequenceStep: invoiceSets.sequenceStep,
      clinicTimeZone: clinics.timeZone,
      patient: {
        phone: patients.phone,
        email: patients.email,
        smsOptedOutAt: patients.smsOptedOutAt,
        phoneIsLandline: patients.phoneIsLandline,
        phoneUnusableReason: patients.phoneUnusableReason,
        emailUndeliverableAt: patients.emailUndeliverableAt,
        emailUndeliverableReason: patients.emailUndeliverableReason,
      },
      cardId: paymentCards.id,
    })
    .from(invoiceSets)
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(clinics, eq(clinics.id, invoiceSets.clinicId))
    .leftJoin(paymentCards, and(eq(paymentCards.patientId, patients.id), eq(paymentCards.clinicId, patients.clinicId)))
    .where(and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.id, [...new Set(invoiceSetIds)])));
  const ruleRows = await db
    .select({ ruleSetId: rules.ruleSetId, channels: rules.channels, chargeCard: rules.chargeCard })
    .from(rules)
    .where(and(eq(rules.clinicId, clinicId), inArray(rules.ruleSetId, [...new Set(sets.map((set) => set.ruleSetId))])))
    .orderBy(asc(rules.ruleSetId), asc(rules.delayDays));
  const rulesBySet = new Map<string, (typeof ruleRows)[number][]>();
  for (const rule of ruleRows) rulesBySet.set(rule.ruleSetId, [...(rulesBySet.get(rule.ruleSetId) ?? []), rule]);

  for (const set of sets) {
    const rule = rulesBySet.get(set.ruleSetId)?.[set.sequenceStep];
    const prediction = rule
      ? predictDelivery(ruleMethods(rule), set.patient, {
          timeZone: set.clinicTimeZone,
          hasCardOnFile: set.cardId !== null,
        })
      : null;
    result.set(set.id, { willFail: prediction?.willFail ?? false, reason: prediction?.reason ?? null });
  }
  return result;
}
