"use server";

import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { toActionFailure } from "@/lib/actions/staff-action";
import { requestIp } from "@/lib/auth/config";
import { assertNotThrottled, countAttempt, scopedKeys } from "@/lib/auth/rate-limit";
import { acceptInvitation, newAccountSchema } from "@/lib/staff/accept-invitation";
import { lookupInvitation } from "@/lib/staff/lookup-invitation";

export interface AcceptState {
  done?: { clinicName: string; joinedExisting: boolean };
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** Public: anyone holding the link. Bad tokens count against the caller's address. */
export async function acceptInvitationAction(_previous: AcceptState, formData: FormData): Promise<AcceptState> {
  const token = String(formData.get("token") ?? "");
  const ip = requestIp(await headers());
  const keys = scopedKeys("invite", { ip });
  const { db } = await getDb();
  try {
    await assertNotThrottled(db, keys);
    const found = await lookupInvitation(db, token);
    if (found.status !== "valid") {
      await countAttempt(db, keys);
      return { message: "This invitation can no longer be used. Reload the page to see why." };
    }
    let account = null;
    if (!found.existingUserId) {
      const parsed = newAccountSchema(found.invitation.email).safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        const failure = toActionFailure(parsed.error);
        return { message: "Check the highlighted fields.", fieldErrors: failure.fieldErrors };
      }
      account = parsed.data;
    }
    const result = await db.transaction((tx) => acceptInvitation(tx, { token, account, ip }));
    return { done: { clinicName: result.clinicName, joinedExisting: result.joinedExisting } };
  } catch (error) {
    const failure = toActionFailure(error);
    return { message: failure.message, fieldErrors: failure.fieldErrors };
  }
}
