import "server-only";
import { and, eq } from "drizzle-orm";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { clinics, memberships, type Role, users } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/security/request-ip";
import { sessionClaims } from "./config";
import { type Permission, roleAllows } from "./permissions";

export interface StaffContext {
  userId: string;
  email: string;
  name: string;
  role: Role;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  ip: string | null;
  actor: Actor;
}

/**
 * The signed-in staff member and their clinic, read from the database on every request
 * (once per request, thanks to cache): a revoked membership or changed role applies at once.
 */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const claims = await sessionClaims();
  if (!claims) return null;
  const { db } = await getDb();
  const [row] = await db
    .select({
      email: users.email,
      name: users.name,
      role: memberships.role,
      clinicName: clinics.name,
      clinicTimeZone: clinics.timeZone,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(and(eq(memberships.userId, claims.userId), eq(memberships.clinicId, claims.clinicId)))
    .limit(1);
  if (!row) return null;
  const ip = clientIp(await headers());
  return { ...row, ...claims, ip, actor: { kind: "user", userId: claims.userId, ip } };
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

/** For pages: signed-out visitors go to /login; a role without access gets the 403 page. */
export async function requireStaff(permission: Permission = "read"): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (!roleAllows(staff.role, permission)) forbidden();
  return staff;
}
