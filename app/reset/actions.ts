"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { findUsableReset, newPasswordSchema, resetPassword } from "@/lib/account/password-reset";
import { requestPasswordReset } from "@/lib/account/request-password-reset";
import { RESET_LINK_DEAD } from "@/lib/account/reset-messages";
import { toActionFailure } from "@/lib/actions/staff-action";
import { requestIp } from "@/lib/auth/config";
import { assertNotThrottled, countAttempt, scopedKeys } from "@/lib/auth/rate-limit";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";

export interface ResetState {
  done?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  email?: string;
}

const requestInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter the email address you use for work.").max(320)),
});

export async function requestResetAction(_previous: ResetState, formData: FormData): Promise<ResetState> {
  const parsed = requestInput.safeParse(Object.fromEntries(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { fieldErrors: toActionFailure(parsed.error).fieldErrors, email };
  try {
    const { db } = await getDb();
    await requestPasswordReset(db, transportsFromEnv().email, {
      email: parsed.data.email,
      ip: requestIp(await headers()),
    });
    return { done: true };
  } catch (error) {
    return { message: toActionFailure(error).message, email };
  }
}

export async function resetPasswordAction(_previous: ResetState, formData: FormData): Promise<ResetState> {
  const token = String(formData.get("token") ?? "");
  const ip = requestIp(await headers());
  const keys = scopedKeys("reset-link", { ip });
  const { db } = await getDb();
  try {
    await assertNotThrottled(db, keys);
    const reset = await findUsableReset(db, token);
    if (!reset) {
      await countAttempt(db, keys);
      return { message: RESET_LINK_DEAD };
    }
    const parsed = newPasswordSchema({ name: reset.name, email: reset.email }).safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { message: "Check the highlighted fields.", fieldErrors: toActionFailure(parsed.error).fieldErrors };
    }
    await db.transaction((tx) => resetPassword(tx, { token, password: parsed.data.password, ip }));
    return { done: true };
  } catch (error) {
    return { message: toActionFailure(error).message };
  }
}
