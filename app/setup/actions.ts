"use server";

import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { toActionFailure } from "@/lib/actions/staff-action";
import { requestIp, signIn } from "@/lib/auth/config";
import { firstRunSchema, setUpFirstClinic } from "@/lib/clinics/set-up-first-clinic";

export interface SetupState {
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/** Creates the first clinic and admin, then signs the admin in. Refused once any clinic exists. */
export async function setUpAction(_previous: SetupState, formData: FormData): Promise<SetupState> {
  const raw = Object.fromEntries(formData);
  const values = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => typeof value === "string" && !key.toLowerCase().includes("password")),
  ) as Record<string, string>;
  const parsed = firstRunSchema.safeParse(raw);
  if (!parsed.success) {
    return { message: "Check the highlighted fields.", fieldErrors: toActionFailure(parsed.error).fieldErrors, values };
  }
  try {
    const { db } = await getDb();
    const ip = requestIp(await headers());
    await db.transaction((tx) => setUpFirstClinic(tx, parsed.data, ip));
  } catch (error) {
    const failure = toActionFailure(error);
    return { message: failure.message, fieldErrors: failure.fieldErrors, values };
  }
  await signIn("credentials", {
    email: parsed.data.adminEmail,
    password: parsed.data.password,
    redirectTo: "/settings",
  });
  return {};
}
