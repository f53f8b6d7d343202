import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics } from "@/db/schema";
import { env } from "@/lib/env";
import { sampleTemplateValues, type TemplateValues } from "./template";

/** Preview values for a clinic: its real name and phone, a realistic patient link. */
export async function clinicSample(db: Executor, clinicId: string): Promise<TemplateValues> {
  const [clinic] = await db
    .select({ name: clinics.name, phone: clinics.phone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  return sampleTemplateValues(clinic ?? { name: "Your clinic", phone: null }, env().APP_URL);
}
