"use server";

import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/config";
import { currentSessionState } from "@/lib/auth/guard";
import { endStaffSession } from "@/lib/auth/staff-sessions";

export async function signOutAction() {
  const state = await currentSessionState();
  const sessionId = state.kind === "none" ? null : state.kind === "staff" ? state.staff.sessionId : state.sessionId;
  if (sessionId) {
    const { db } = await getDb();
    await endStaffSession(db, sessionId);
  }
  await signOut({ redirectTo: "/login" });
}
