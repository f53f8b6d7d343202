import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSetup } from "@/components/account/two-factor-setup";
import { AuthCard } from "@/components/auth/auth-card";
import { currentSessionState, pathForIncompleteSession } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Turn on two-factor" };

/** A clinic that requires two-factor sends members without it here at sign-in. */
export default async function EnrolTwoFactorPage() {
  const state = await currentSessionState();
  if (state.kind === "staff") redirect("/billing/invoices");
  if (state.kind !== "enrol_two_factor") redirect(pathForIncompleteSession(state));
  return (
    <AuthCard
      title="Turn on two-factor"
      subtitle={`${state.clinicName} requires two-factor sign-in for all staff. Set it up to continue.`}
    >
      <TwoFactorSetup enabled={false} doneHref="/billing/invoices" />
    </AuthCard>
  );
}
