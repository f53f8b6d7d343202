import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { patients } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { setPatientChannelFlags } from "@/lib/state-machine/patient-channels";
import type { ContactInput } from "./contact-input";

/**
 * Saves a patient's phone, email and time zone (already validated and normalized). A new
 * phone forgets what was learned about the old one (landline, unusable); a new email
 * forgets its bounce. An SMS opt-out is kept: only the patient can undo it (START).
 * Returns whether contact changed, so the caller publishes patientContactChanged after commit.
 */
export async function updatePatientContact(
  tx: Tx,
  params: { clinicId: string; actor: Actor; contact: ContactInput },
): Promise<{ contactChanged: boolean; changed: string[] }> {
  const { clinicId, actor, contact } = params;
  const [current] = await tx
    .select()
    .from(patients)
    .where(and(eq(patients.id, contact.patientId), eq(patients.clinicId, clinicId)))
    .for("update");
  if (!current) throw new AppError("not_found", "This patient was not found. They may belong to another clinic.");

  const phoneChanged = current.phone !== contact.phone;
  const emailChanged = current.email !== contact.email;
  const zoneChanged = current.timeZone !== contact.timeZone;
  const changed = [phoneChanged && "phone", emailChanged && "email", zoneChanged && "timeZone"].filter(
    (f): f is string => Boolean(f),
  );
  if (changed.length === 0) return { contactChanged: false, changed };

  await tx
    .update(patients)
    .set({
      phone: contact.phone,
      email: contact.email,
      timeZone: contact.timeZone,
      updatedAt: new Date(),
    })
    .where(and(eq(patients.id, contact.patientId), eq(patients.clinicId, clinicId)));
  if (phoneChanged || emailChanged)
    await setPatientChannelFlags(tx, {
      clinicId,
      patientIds: [contact.patientId],
      change: { kind: "contact_changed", phone: phoneChanged, email: emailChanged },
      at: new Date(),
    });

  const pick = (row: { phone: string | null; email: string | null; timeZone: string }) =>
    Object.fromEntries(changed.map((field) => [field, row[field as "phone" | "email" | "timeZone"]]));
  await recordAudit(tx, {
    clinicId,
    actor,
    action: "patient.update_contact",
    entityType: "patient",
    entityId: contact.patientId,
    before: pick(current),
    after: pick(contact),
  });
  return { contactChanged: phoneChanged || emailChanged, changed };
}
