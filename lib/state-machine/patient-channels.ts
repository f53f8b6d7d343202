import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/connect";
import { patients } from "@/db/schema";

/** Why a patient's channel can't be used, as recorded from a provider's answer. */
export const UNUSABLE_EFFECTS = ["invalid", "opted_out", "landline", "unreachable", "bounced", "complained"] as const;
export type UnusableEffect = (typeof UNUSABLE_EFFECTS)[number];

export type ChannelFlagChange =
  | { kind: "unusable"; effect: UnusableEffect; reason: string }
  /** The patient texted STOP (or Twilio reported an opt-out). */
  | { kind: "opted_out" }
  /** START/UNSTOP: texts allowed again, including after Twilio's 21610. */
  | { kind: "opted_in" }
  /** Staff changed the number or address: what was learnt about the old one no longer applies. */
  | { kind: "contact_changed"; phone: boolean; email: boolean };

/**
 * The only writer of a patient's channel flags (opt-out, landline, unusable phone,
 * undeliverable email). One statement for any number of patients of one clinic; returns
 * the ids it changed (a patient of another clinic is not one of them).
 */
export async function setPatientChannelFlags(
  db: Executor,
  params: { clinicId: string; patientIds: readonly string[]; change: ChannelFlagChange; at: Date },
): Promise<Set<string>> {
  if (params.patientIds.length === 0) return new Set();
  const { change, at } = params;
  const rows = await db
    .update(patients)
    .set({ ...flagColumns(change, at), updatedAt: at })
    .where(and(eq(patients.clinicId, params.clinicId), inArray(patients.id, [...params.patientIds])))
    .returning({ id: patients.id });
  return new Set(rows.map((row) => row.id));
}

function flagColumns(change: ChannelFlagChange, at: Date): PgUpdateSetSource<typeof patients> {
  switch (change.kind) {
    case "opted_out":
      return { smsOptedOutAt: at };
    case "opted_in":
      // An opt-out Twilio reported (21610) was recorded as the phone's problem by older code.
      return {
        smsOptedOutAt: null,
        phoneUnusableReason: sql`case when ${patients.phoneUnusableReason} like '%21610%' then null else ${patients.phoneUnusableReason} end`,
      };
    case "contact_changed":
      return {
        ...(change.phone ? { phoneIsLandline: false, phoneUnusableReason: null } : {}),
        ...(change.email ? { emailUndeliverableAt: null, emailUndeliverableReason: null } : {}),
      };
    case "unusable":
      switch (change.effect) {
        case "opted_out":
          return { smsOptedOutAt: at };
        case "landline":
          return { phoneIsLandline: true, phoneUnusableReason: change.reason };
        case "invalid":
        case "unreachable":
          return { phoneUnusableReason: change.reason };
        case "bounced":
        case "complained":
          return { emailUndeliverableAt: at, emailUndeliverableReason: change.reason };
      }
  }
}
