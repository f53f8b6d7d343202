import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { currentSessionState, pathForIncompleteSession } from "@/lib/auth/guard";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ next?: unknown }> }) {
  const state = await currentSessionState();
  if (state.kind === "staff") redirect("/billing/invoices");
  if (state.kind !== "second_factor") redirect(pathForIncompleteSession(state));
  const { next } = await searchParams;
  return (
    <AuthCard
      title="Two-factor sign-in"
      subtitle="Enter the 6-digit code from your authenticator app, or a recovery code."
    >
      <SecondFactorForm next={typeof next === "string" ? next : undefined} />
    </AuthCard>
  );
}
