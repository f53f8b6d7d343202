import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics, invoiceSets, messages, patients } from "@/db/schema";
import { patientTimeZoneSql } from "@/lib/patients/patient-time-zone";
import { moveIntoSendWindow } from "./send-window";

export const RETRY_DELAY_MS = 4 * 3_600_000;

/** When to retry a temporarily failed message: four hours on, moved into the patient's send window. */
export async function planRetry(db: Db, messageId: string, now: Date): Promise<string> {
  const [row] = await db
    .select({
      timeZone: patientTimeZoneSql,
      start: clinics.sendWindowStartMinute,
      end: clinics.sendWindowEndMinute,
      days: clinics.sendDays,
    })
    .from(messages)
    .innerJoin(invoiceSets, eq(invoiceSets.id, messages.invoiceSetId))
    .innerJoin(patients, eq(patients.id, invoiceSets.patientId))
    .innerJoin(clinics, eq(clinics.id, messages.clinicId))
    .where(eq(messages.id, messageId));
  const at = new Date(now.getTime() + RETRY_DELAY_MS);
  if (!row) return at.toISOString();
  return moveIntoSendWindow(at, row.timeZone, {
    startMinute: row.start,
    endMinute: row.end,
    days: row.days,
  }).toISOString();
}
