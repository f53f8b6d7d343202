import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/db/client";
import { currentSessionState, pathForIncompleteSession } from "@/lib/auth/guard";
import { listUserClinics } from "@/lib/auth/switch-clinic";
import { ChooseClinicForm } from "./choose-clinic-form";

export const metadata: Metadata = { title: "Choose a clinic" };

/** After sign-in (users of several clinics) and from the user menu's "Switch clinic". */
export default async function ChooseClinicPage({ searchParams }: { searchParams: Promise<{ next?: unknown }> }) {
  const state = await currentSessionState();
  if (state.kind === "none" || state.kind === "second_factor") redirect(pathForIncompleteSession(state));
  const userId = state.kind === "staff" ? state.staff.userId : state.userId;
  const { db } = await getDb();
  const clinics = await listUserClinics(db, userId);
  const { next } = await searchParams;
  return (
    <AuthCard
      title="Choose a clinic"
      subtitle={
        clinics.length === 0
          ? "You are not an active member of any clinic. Ask a clinic admin for an invitation."
          : "You work for more than one clinic. Which one now?"
      }
    >
      <ChooseClinicForm
        clinics={clinics}
        current={state.kind === "staff" ? state.staff.clinicId : null}
        next={typeof next === "string" ? next : undefined}
      />
    </AuthCard>
  );
}
