import { sql } from "drizzle-orm";
import { clinics, patients } from "@/db/schema";

/** A patient's time zone: their own, else their clinic's. Every reader of a patient's zone goes through this. */
export function patientTimeZone(patient: { timeZone: string | null }, clinic: { timeZone: string }): string {
  return patient.timeZone ?? clinic.timeZone;
}

/** The same in a query (it must join clinics to the patient's clinic). */
export const patientTimeZoneSql = sql<string>`coalesce(${patients.timeZone}, ${clinics.timeZone})`;
