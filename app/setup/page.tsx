import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/db/client";
import { countClinics } from "@/lib/clinics/create-clinic";
import { COMMON_TIME_ZONES } from "@/lib/patients/contact-input";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up your clinic" };

/** First run only: once any clinic exists, this page is gone (404). */
export default async function SetupPage() {
  // Decided per request, never at build time: the database decides whether this page exists.
  await connection();
  const { db } = await getDb();
  if ((await countClinics(db)) > 0) notFound();
  const zones = [...new Set<string>([...COMMON_TIME_ZONES, ...Intl.supportedValuesOf("timeZone")])];
  return (
    <AuthCard title="Set up your clinic" subtitle="Create the clinic and its first admin account (you).">
      <SetupForm timeZones={zones} />
    </AuthCard>
  );
}
