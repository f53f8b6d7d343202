import { randomBytes } from "node:crypto";
import { count, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/connect";
import { clinics } from "@/db/schema";
import { isValidTimeZone, phoneSchema } from "@/lib/patients/contact-input";

export const newClinicSchema = z.object({
  clinicName: z.string().trim().min(2, "Enter the clinic's name (2 characters or more).").max(120),
  timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list."),
  clinicPhone: phoneSchema,
  clinicEmail: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => (value === "" ? null : value))
    .pipe(z.email("Enter a valid email address, e.g. billing@clinic.com.").max(254).nullable()),
});
export type NewClinic = z.output<typeof newClinicSchema>;

function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "clinic"}-${randomBytes(3).toString("hex")}`;
}

export async function countClinics(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(clinics);
  return row?.n ?? 0;
}

/** A new clinic (tenant) with the app's default settings. */
export async function createClinic(tx: Executor, clinic: NewClinic): Promise<{ clinicId: string }> {
  const [row] = await tx
    .insert(clinics)
    .values({
      slug: slugFor(clinic.clinicName),
      name: clinic.clinicName,
      timeZone: clinic.timeZone,
      phone: clinic.clinicPhone,
      email: clinic.clinicEmail,
    })
    .returning({ id: clinics.id });
  if (!row) throw new Error("Could not create the clinic");
  return { clinicId: row.id };
}

/** Serializes first-run setups: two browsers submitting at once cannot both create "the first" clinic. */
export async function lockClinicsTable(tx: Executor): Promise<void> {
  await tx.execute(sql`LOCK TABLE clinics IN SHARE ROW EXCLUSIVE MODE`);
}
