import type { Executor } from "@/db/connect";
import { recordAuthEvents } from "./record-auth-event";
import type { SessionState } from "./resolve-session";
import { endStaffSession } from "./staff-sessions";

/** Ends this browser's session row and records the sign-out (under its clinic, or all of the person's). */
export async function signOutSession(db: Executor, state: SessionState, ip: string | null): Promise<void> {
  if (state.kind === "none") return;
  const { sessionId, userId } = state.kind === "staff" ? state.staff : state;
  if (!(await endStaffSession(db, sessionId))) return;
  const clinicId = state.kind === "staff" ? state.staff.clinicId : undefined;
  await recordAuthEvents(db, { userId, clinicId, ip, action: "auth.sign_out" });
}
