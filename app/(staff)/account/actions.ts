"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import {
  changePassword,
  changePasswordSchema,
  profileSchema,
  signOutEverywhere,
  updateProfile,
} from "@/lib/account/update-account";
import { staffAction } from "@/lib/actions/staff-action";
import { signOut } from "@/lib/auth/config";
import { authorizeStaff } from "@/lib/auth/guard";
import { passwordFields } from "@/lib/auth/password-rules";

export const updateProfileAction = staffAction({ permission: "read", input: profileSchema }, async (profile, staff) => {
  const { db } = await getDb();
  return db.transaction((tx) => updateProfile(tx, { userId: staff.userId, actor: staff.actor, profile }));
});

export const changePasswordAction = staffAction(
  { permission: "read", input: z.object({ currentPassword: z.string().max(200), ...passwordFields }) },
  async (raw, staff) => {
    // The rules need to know whose password it is (not their name or email).
    const input = changePasswordSchema({ name: staff.name, email: staff.email }).parse(raw);
    const { db } = await getDb();
    return db.transaction((tx) =>
      changePassword(tx, {
        userId: staff.userId,
        sessionId: staff.sessionId,
        actor: staff.actor,
        currentPassword: input.currentPassword,
        password: input.password,
      }),
    );
  },
);

/** Ends every session of this user, this one included, then goes to /login. */
export async function signOutEverywhereAction() {
  const staff = await authorizeStaff("read");
  const { db } = await getDb();
  await db.transaction((tx) => signOutEverywhere(tx, { userId: staff.userId, actor: staff.actor }));
  await signOut({ redirectTo: "/login" });
}
