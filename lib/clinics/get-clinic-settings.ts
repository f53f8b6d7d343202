import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics } from "@/db/schema";

export async function getClinicSettings(db: Executor, clinicId: string) {
  const [row] = await db
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
    .where(eq(clinics.id, clinicId));
  return row ?? null;
}
