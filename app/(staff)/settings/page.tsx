import type { Metadata } from "next";
import { OutreachSettingsSection } from "@/components/settings/outreach-settings-section";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Settings" };

/** Clinic settings, admins only (others get 403). */
export default async function SettingsPage() {
  const staff = await requireStaff("staff:manage");
  return (
    <>
      <PageHeader title="Settings" />
      <OutreachSettingsSection clinicId={staff.clinicId} />
    </>
  );
}
