import { z } from "zod";
import type { Executor } from "@/db/connect";
import { memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { findUserByEmail } from "@/lib/auth/find-user";
import { hashPassword } from "@/lib/auth/password";
import { passwordFields, refinePassword } from "@/lib/auth/password-rules";
import { AppError } from "@/lib/errors";
import { countClinics, createClinic, lockClinicsTable, newClinicSchema } from "./create-clinic";

export const firstRunSchema = newClinicSchema
  .extend({
    adminName: z.string().trim().min(2, "Enter your name.").max(120),
    adminEmail: z.string().trim().toLowerCase().pipe(z.email("Enter your work email address.").max(254)),
    ...passwordFields,
  })
  .superRefine((value, ctx) => refinePassword(value, ctx, { name: value.adminName, email: value.adminEmail }));
export type FirstRun = z.output<typeof firstRunSchema>;

export const ALREADY_SET_UP = "This app is already set up. Sign in, or ask a clinic admin for an invitation.";

/** /setup: the first clinic and its first admin, only while the database has no clinic at all. */
export async function setUpFirstClinic(
  tx: Executor,
  input: FirstRun,
  ip: string | null,
): Promise<{ clinicId: string; userId: string }> {
  await lockClinicsTable(tx);
  if ((await countClinics(tx)) > 0) throw new AppError("conflict", ALREADY_SET_UP);
  if (await findUserByEmail(tx, input.adminEmail)) {
    throw new AppError("conflict", "An account with this email exists already.", {
      adminEmail: ["An account with this email exists already. Use another email."],
    });
  }
  const { clinicId } = await createClinic(tx, input);
  const [user] = await tx
    .insert(users)
    .values({ email: input.adminEmail, name: input.adminName, passwordHash: await hashPassword(input.password) })
    .returning({ id: users.id });
  if (!user) throw new Error("Could not create the admin");
  await tx.insert(memberships).values({ userId: user.id, clinicId, role: "admin" });
  await recordAudit(tx, {
    clinicId,
    actor: { kind: "user", userId: user.id, ip },
    action: "clinic.set_up",
    entityType: "clinic",
    entityId: clinicId,
    before: null,
    after: { name: input.clinicName, timeZone: input.timeZone, admin: input.adminEmail },
  });
  return { clinicId, userId: user.id };
}
