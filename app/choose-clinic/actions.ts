"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { currentSessionState } from "@/lib/auth/guard";
import { safeNextPath } from "@/lib/auth/safe-next";
import { switchSessionClinic } from "@/lib/auth/switch-clinic";

const chooseInput = z.object({ clinicId: z.uuid(), next: z.string().max(2000).optional() });

export interface ChooseClinicState {
  error?: string;
}

/** Sets the session's clinic; the guard re-checks the membership on every request after. */
export async function chooseClinicAction(_previous: ChooseClinicState, formData: FormData): Promise<ChooseClinicState> {
  const parsed = chooseInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Choose one of your clinics." };
  const state = await currentSessionState();
  if (state.kind !== "staff" && state.kind !== "choose_clinic" && state.kind !== "enrol_two_factor") redirect("/login");
  const userId = state.kind === "staff" ? state.staff.userId : state.userId;
  const sessionId = state.kind === "staff" ? state.staff.sessionId : state.sessionId;
  const { db } = await getDb();
  const switched = await switchSessionClinic(db, { sessionId, userId, clinicId: parsed.data.clinicId });
  if (!switched) return { error: "You are not a member of that clinic (any more). Choose another." };
  redirect(safeNextPath(parsed.data.next, (await headers()).get("host")));
}
