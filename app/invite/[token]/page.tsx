import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/db/client";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { INVITATION_STATUS_MESSAGES, lookupInvitation } from "@/lib/staff/lookup-invitation";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

/** A used, expired, revoked or unknown link says so and offers nothing else. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db } = await getDb();
  const found = await lookupInvitation(db, token);
  if (found.status !== "valid") {
    return (
      <AuthCard title="Invitation not available">
        <p className="text-sm text-slate-700">{INVITATION_STATUS_MESSAGES[found.status]}</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${found.clinicName}`}
      subtitle={`You were invited as ${ROLE_LABELS[found.invitation.role]} (${found.invitation.email}).`}
    >
      <AcceptInvitationForm token={token} existingAccount={found.existingUserId !== null} />
    </AuthCard>
  );
}
