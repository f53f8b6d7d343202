import type { Metadata } from "next";
import Link from "next/link";
import { NavLinks } from "@/components/shell/nav-links";
import { UserMenu } from "@/components/shell/user-menu";
import { currentStaff, requireStaff } from "@/lib/auth/guard";
import { ROLE_LABELS, roleAllows } from "@/lib/auth/permissions";

/** Every staff page's title names the clinic: "Invoice Management · Bright Smile Dental & Medical". */
export async function generateMetadata(): Promise<Metadata> {
  const staff = await currentStaff();
  const clinic = staff?.clinicName ?? "Clinic Billing";
  return { title: { template: `%s · ${clinic}`, default: clinic } };
}

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="shell-bar">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/billing/invoices" className="font-semibold text-slate-900">
              {staff.clinicName}
            </Link>
            {/* The outbox holds working patient links: billers and admins only. */}
            <NavLinks
              extra={
                roleAllows(staff.role, "invoices:write")
                  ? [
                      { href: "/billing/outbox", label: "Outbox" },
                      { href: "/imports", label: "Imports" },
                    ]
                  : []
              }
            />
          </div>
          <UserMenu
            name={staff.name}
            email={staff.email}
            role={ROLE_LABELS[staff.role]}
            clinicName={staff.clinicName}
            canManageClinic={roleAllows(staff.role, "staff:manage")}
            hasSeveralClinics={staff.memberOfSeveralClinics}
          />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
