import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clinics } from "@/db/schema";
import { AnyHourWarning } from "./any-hour-warning";

/** The "Allow any hour" warning, on pages staff watch, while the clinic has it on. */
export async function AnyHourBanner({ clinicId }: { clinicId: string }) {
  const { db } = await getDb();
  const [clinic] = await db.select({ on: clinics.allowAnyHour }).from(clinics).where(eq(clinics.id, clinicId));
  return clinic?.on ? <AnyHourWarning /> : null;
}
