import type { Metadata } from "next";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const staff = await requireStaff("staff:manage");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="flex flex-col gap-6">
        {SETTINGS_SECTIONS.map(({ id, Section }) => (
          <Section key={id} staff={staff} />
        ))}
      </div>
    </>
  );
}
