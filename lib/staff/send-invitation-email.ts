import "server-only";
import type { Executor } from "@/db/connect";
import type { Role } from "@/db/schema";
import { sendAccountEmail } from "@/lib/account-emails/send-account-email";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { Transport } from "@/lib/providers/transport";
import { INVITATION_DAYS, invitationUrl } from "./invitation-links";

export async function sendInvitationEmail(
  db: Executor,
  transport: Transport,
  params: { clinicId: string; clinicName: string; to: string; token: string; role: Role; inviterName: string },
) {
  const url = invitationUrl(params.token, env().APP_URL);
  return sendAccountEmail(db, transport, {
    clinicId: params.clinicId,
    clinicName: params.clinicName,
    kind: "invitation",
    to: params.to,
    subject: `You're invited to ${params.clinicName} billing`,
    content: {
      preview: `${params.inviterName} invited you to ${params.clinicName}`,
      heading: `Join ${params.clinicName}`,
      paragraphs: [
        `${params.inviterName} invited you to the billing app of ${params.clinicName} as ${ROLE_LABELS[params.role]}.`,
        `The link works once and for ${INVITATION_DAYS} days.`,
      ],
      actionLabel: "Accept invitation",
      actionUrl: url,
      footnote: "If you weren't expecting this, ignore this email: nothing happens unless the link is opened.",
    },
  });
}
