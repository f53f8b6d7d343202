"use server";

import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/config";
import { currentSessionState } from "@/lib/auth/guard";
import { signOutSession } from "@/lib/auth/sign-out";
import { clientIp } from "@/lib/security/request-ip";

export async function signOutAction() {
  const { db } = await getDb();
  await signOutSession(db, await currentSessionState(), clientIp(await headers()));
  await signOut({ redirectTo: "/login" });
}
