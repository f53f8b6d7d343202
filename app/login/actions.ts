"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, TooManyAttempts } from "@/lib/auth/config";

export interface SignInState {
  error?: string;
  email?: string;
}

const signInInput = z.object({
  email: z.email("Enter the email address you use for work.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
  callbackUrl: z.string().optional(),
});

/** Only paths on this site may be returned to after signing in (the proxy sends a full URL). */
function safeCallback(url: string | undefined, host: string | null): string {
  const fallback = "/billing/invoices";
  if (!url) return fallback;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const parsed = new URL(url);
    return parsed.host === host ? `${parsed.pathname}${parsed.search}` : fallback;
  } catch {
    return fallback;
  }
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInInput.safeParse(Object.fromEntries(formData));
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")) : "";
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check your email and password.", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl, (await headers()).get("host")),
    });
    return {};
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
}
