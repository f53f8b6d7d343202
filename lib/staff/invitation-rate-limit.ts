import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { accountEmails } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Invitation emails a clinic may send in an hour, in all and to one address (counted from the emails sent). */
export const INVITATIONS_PER_HOUR = 30;
export const INVITATIONS_PER_ADDRESS_PER_HOUR = 3;
const HOUR = 3_600_000;

/** Refuses another invitation email when the clinic, or this address, has had its hour's share. */
export async function assertInvitationEmailAllowed(
  db: Executor,
  params: { clinicId: string; email: string; now: Date },
): Promise<void> {
  const email = params.email.trim().toLowerCase();
  const [sent] = await db
    .select({
      total: count(),
      toAddress: count(sql`case when lower(${accountEmails.destination}) = ${email} then 1 end`),
    })
    .from(accountEmails)
    .where(
      and(
        eq(accountEmails.clinicId, params.clinicId),
        eq(accountEmails.kind, "invitation"),
        gte(accountEmails.createdAt, new Date(params.now.getTime() - HOUR)),
      ),
    );
  if ((sent?.toAddress ?? 0) >= INVITATIONS_PER_ADDRESS_PER_HOUR) {
    const message = `${email} has been sent ${INVITATIONS_PER_ADDRESS_PER_HOUR} invitations in the last hour. Try again later.`;
    throw new AppError("rate_limited", message, { email: [message] });
  }
  if ((sent?.total ?? 0) >= INVITATIONS_PER_HOUR) {
    throw new AppError(
      "rate_limited",
      `This clinic has sent ${INVITATIONS_PER_HOUR} invitations in the last hour. Try again in a little while.`,
    );
  }
}
