"use server";

import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/config";
import { currentSessionState } from "@/lib/auth/guard";
import { recordAuthEvents } from "@/lib/auth/record-auth-event";
import { endStaffSession } from "@/lib/auth/staff-sessions";
import { clientIp } from "@/lib/security/request-ip";

export async function signOutAction() {
  const state = await currentSessionState();
  const sessionId = state.kind === "none" ? null : state.kind === "staff" ? state.staff.sessionId : state.sessionId;
  if (sessionId) {
    const { db } = await getDb();
    await endStaffSession(db, sessionId);
    const userId = state.kind === "none" ? null : state.kind === "staff" ? state.staff.userId : state.userId;
    const clinicId = state.kind === "staff" ? state.staff.clinicId : undefined;
    if (userId)
      await recordAuthEvents(db, { userId, clinicId, ip: clientIp(await headers()), action: "auth.sign_out" });
  }
  await signOut({ redirectTo: "/login" });
}
