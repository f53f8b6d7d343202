import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clinics } from "@/db/schema";
import { sendAccountEmail } from "@/lib/account-emails/send-account-email";
import { findUserByEmail, listActiveClinicIds } from "@/lib/auth/find-user";
import { assertNotThrottled, countAttempt, scopedKeys } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import type { Transport } from "@/lib/providers/transport";
import { createPasswordReset } from "./password-reset";
import { RESET_MINUTES } from "./reset-messages";

/**
 * "Forgot password?": emails a reset link when the address belongs to an active member, and
 * answers the same either way, so the form tells nobody which emails have accounts. Every
 * request counts against the email and the address (rate limit).
 */
export async function requestPasswordReset(
  db: Db,
  transport: Transport,
  params: { email: string; ip: string | null; now?: Date },
): Promise<void> {
  const keys = scopedKeys("reset", { email: params.email, ip: params.ip });
  await assertNotThrottled(db, keys);
  await countAttempt(db, keys);
  const user = await findUserByEmail(db, params.email);
  const clinicIds = user ? await listActiveClinicIds(db, user.id) : [];
  const clinicId = clinicIds[0];
  if (!user || !clinicId) return;
  const [clinic] = await db.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, clinicId));
  const { token } = await db.transaction((tx) => createPasswordReset(tx, { userId: user.id, now: params.now }));
  const url = new URL(`/reset/${token}`, env().APP_URL).toString();
  await sendAccountEmail(db, transport, {
    clinicId,
    clinicName: clinic?.name ?? "Clinic billing",
    kind: "password_reset",
    to: user.email,
    subject: "Reset your clinic billing password",
    content: {
      preview: "A link to choose a new password",
      heading: "Reset your password",
      paragraphs: [
        `Hi ${user.name}, someone (hopefully you) asked to reset the password of your clinic billing account.`,
        `The link works once, for ${RESET_MINUTES} minutes. Resetting signs you out everywhere.`,
      ],
      actionLabel: "Choose a new password",
      actionUrl: url,
      footnote: "Didn't ask for this? Ignore this email: your password stays as it is.",
    },
  });
}
