import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/security/request-ip";
import { sessionClaims } from "./config";
import { type Permission, roleAllows } from "./permissions";
import { type ResolvedStaff, resolveSession, type SessionState } from "./resolve-session";

export interface StaffContext extends ResolvedStaff {
  ip: string | null;
  actor: Actor;
}

/**
 * Where this request's session stands, read from the database on every request (once per
 * request, thanks to cache): a revoked session, ended membership or changed role applies at once.
 */
export const currentSessionState = cache(async (): Promise<SessionState> => {
  const claims = await sessionClaims();
  if (!claims) return { kind: "none" };
  const { db } = await getDb();
  return resolveSession(db, claims.sessionId);
});

/** The signed-in staff member and their clinic, or null when the session is not fully signed in. */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const state = await currentSessionState();
  if (state.kind !== "staff") return null;
  const ip = clientIp(await headers());
  return { ...state.staff, ip, actor: { kind: "user", userId: state.staff.userId, ip } };
});

/** For server actions and route handlers: throws an AppError the caller turns into a refusal. */
export async function authorizeStaff(permission: Permission): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  if (!roleAllows(staff.role, permission)) {
    throw new AppError("forbidden", "Your role doesn't allow this. Ask a clinic admin if you need access.");
  }
  return staff;
}

/** Where a session that is not (yet) fully signed in is sent. */
export function pathForIncompleteSession(state: Exclude<SessionState, { kind: "staff" }>): string {
  switch (state.kind) {
    case "second_factor":
      return "/login/two-factor";
    case "choose_clinic":
      return "/choose-clinic";
    case "enrol_two_factor":
      return "/login/enrol-two-factor";
    default:
      return "/login";
  }
}

/** For pages: visitors not fully signed in go to their next sign-in step; a role without access gets the 403 page. */
export async function requireStaff(permission: Permission = "read"): Promise<StaffContext> {
  const state = await currentSessionState();
  if (state.kind !== "staff") redirect(pathForIncompleteSession(state));
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (!roleAllows(staff.role, permission)) forbidden();
  return staff;
}

/**
 * The person behind a session that has passed the password (and second factor, if any):
 * for account steps that must work before a clinic is usable, e.g. forced two-factor enrolment.
 */
export async function currentAccountHolder(): Promise<{ userId: string; sessionId: string; actor: Actor } | null> {
  const state = await currentSessionState();
  if (state.kind !== "staff" && state.kind !== "enrol_two_factor" && state.kind !== "choose_clinic") return null;
  const ids = state.kind === "staff" ? state.staff : state;
  const ip = clientIp(await headers());
  return { userId: ids.userId, sessionId: ids.sessionId, actor: { kind: "user", userId: ids.userId, ip } };
}
