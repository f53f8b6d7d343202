"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signIn, TooManyAttempts } from "@/lib/auth/config";
import { findUserByEmail, listActiveClinicIds } from "@/lib/auth/find-user";
import { safeNextPath, withNext } from "@/lib/auth/safe-next";

export interface SignInState {
  error?: string;
  email?: string;
}

const signInInput = z.object({
  email: z.email("Enter the email address you use for work.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
  callbackUrl: z.string().max(2000).optional(),
});

/** The step after the password: the second factor, choosing a clinic, or the page asked for. */
async function nextStep(email: string, next: string): Promise<string> {
  const { db } = await getDb();
  const user = await findUserByEmail(db, email);
  if (!user) return next;
  if (user.totpEnabledAt) return withNext("/login/two-factor", next);
  const clinicIds = await listActiveClinicIds(db, user.id);
  return clinicIds.length > 1 ? withNext("/choose-clinic", next) : next;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check your email and password.", email };
  const next = safeNextPath(parsed.data.callbackUrl, (await headers()).get("host"));
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (
      error instanceof TooManyAttempts ||
      (error instanceof AuthError && "code" in error && error.code === "too_many_attempts")
    ) {
      return { error: "Too many failed sign-in attempts. Wait a few minutes, then try again.", email };
    }
    if (error instanceof AuthError) return { error: "That email and password don't match. Try again.", email };
    throw error;
  }
  redirect(await nextStep(parsed.data.email, next));
}
