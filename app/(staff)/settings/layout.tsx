import { SettingsNav } from "@/components/settings/settings-nav";
import { requireStaff } from "@/lib/auth/guard";

/** Every /settings page is for admins; anyone else gets the 403 page from the guard. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requireStaff("staff:manage");
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <SettingsNav />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
