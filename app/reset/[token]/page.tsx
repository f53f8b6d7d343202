import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/db/client";
import { findUsableReset } from "@/lib/account/password-reset";
import { RESET_LINK_DEAD } from "@/lib/account/reset-messages";
import { NewPasswordForm } from "./new-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db } = await getDb();
  const reset = await findUsableReset(db, token);
  if (!reset) {
    return (
      <AuthCard title="Reset link not available">
        <p className="mb-4 text-sm text-slate-700">{RESET_LINK_DEAD}</p>
        <Link href="/reset" className="text-sm text-blue-700 hover:underline">
          Ask for a new link
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" subtitle="At least 12 characters. You will be signed out everywhere.">
      <NewPasswordForm token={token} />
    </AuthCard>
  );
}
