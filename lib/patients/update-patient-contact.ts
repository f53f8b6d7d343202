import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/connect";
import { patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { emailSchema, phoneSchema } from "./contact-input";
import { type UpdatePatientResult, updatePatient } from "./update-patient";

/** "Edit contact" from a set's row: only the phone and email change. */
export const contactFixSchema = z.object({
  patientId: z.uuid("That patient id is not valid."),
  phone: phoneSchema,
  email: emailSchema,
});

export type ContactFix = z.output<typeof contactFixSchema>;

/** Saves a new phone/email through the one patient writer, keeping every other field as it is. */
export async function updatePatientContact(
  tx: Tx,
  params: { clinicId: string; actor: Actor; contact: ContactFix },
): Promise<UpdatePatientResult> {
  const { clinicId, actor, contact } = params;
  const [current] = await tx
    .select()
    .from(patients)
    .where(and(eq(patients.id, contact.patientId), eq(patients.clinicId, clinicId)));
  if (!current) throw new AppError("not_found", "This patient was not found. They may belong to another clinic.");
  return updatePatient(tx, {
    clinicId,
    actor,
    patientId: current.id,
    input: {
      firstName: current.firstName,
      lastName: current.lastName,
      dateOfBirth: current.dateOfBirth,
      phone: contact.phone,
      email: contact.email,
      mrn: current.externalId,
      timeZone: current.timeZone,
      preferredLanguage: current.preferredLanguage,
    },
  });
}
