import type { Metadata } from "next";
import { InviteStaffDialog } from "@/components/staff/invite-staff-dialog";
import { StaffTables } from "@/components/staff/staff-tables";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/guard";
import { listStaff } from "@/lib/staff/list-staff";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const staff = await requireStaff("staff:manage");
  const { db } = await getDb();
  const { members, pending } = await listStaff(db, staff.clinicId);
  const format = new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: staff.clinicTimeZone,
  });
  const now = Date.now();
  return (
    <>
      <PageHeader title="Staff">
        <InviteStaffDialog />
      </PageHeader>
      <StaffTables
        members={members.map((m) => ({
          userId: m.userId,
          name: m.name,
          email: m.email,
          role: m.role,
          lastSignIn: m.lastSignInAt ? format.format(m.lastSignInAt) : "Never",
          active: m.deactivatedAt === null,
          isYou: m.userId === staff.userId,
        }))}
        pending={pending.map((p) => ({
          id: p.id,
          email: p.email,
          role: p.role,
          sent: format.format(p.createdAt),
          expired: p.expiresAt.getTime() <= now,
        }))}
      />
    </>
  );
}
