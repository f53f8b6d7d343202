import { randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { patients } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** An MRN for a patient added without one: "P-" and 8 characters a person can read back. */
export function generateMrn(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `P-${[...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

/** Refuses an MRN another patient of this clinic already has, naming that patient. */
export async function assertMrnFree(db: Executor, clinicId: string, mrn: string, exceptPatientId?: string) {
  const [holder] = await db
    .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName })
    .from(patients)
    .where(
      and(
        eq(patients.clinicId, clinicId),
        eq(patients.externalId, mrn),
        exceptPatientId ? ne(patients.id, exceptPatientId) : undefined,
      ),
    )
    .limit(1);
  if (holder) {
    const message = `MRN ${mrn} is already used by ${holder.firstName} ${holder.lastName}.`;
    throw new AppError("conflict", message, { mrn: [message] });
  }
}
