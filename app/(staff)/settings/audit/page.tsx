import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/input";
import { getDb } from "@/db/client";
import { auditFiltersQuery, auditFiltersSchema } from "@/lib/audit/audit-filters";
import { describeChange, describeRecord } from "@/lib/audit/describe-audit-row";
import { AUDIT_PAGE_LIMIT, listAuditEntries, listClinicPeople } from "@/lib/audit/list-audit-entries";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { formatDateTimeWithZoneName } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Audit log" };

/** Admins only: who did or saw what, when and from where, filterable and exportable. */
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("staff:manage");
  const filters = auditFiltersSchema.parse(await searchParams);
  const { db } = await getDb();
  const [rows, people] = await Promise.all([
    listAuditEntries(db, {
      clinicId: staff.clinicId,
      timeZone: staff.clinicTimeZone,
      filters,
      limit: AUDIT_PAGE_LIMIT,
    }),
    listClinicPeople(db, staff.clinicId),
  ]);
  await recordView(db, staff, { action: VIEW_ACTIONS.auditLog, entityType: "audit_log", details: { ...filters } });

  return (
    <>
      <PageHeader title="Audit log">
        <a
          href={`/settings/audit/export${auditFiltersQuery(filters)}`}
          className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50"
        >
          Export CSV
        </a>
      </PageHeader>
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-6">
        <Field label="Person" htmlFor="audit-person">
          <Select id="audit-person" name="person" defaultValue={filters.person ?? ""}>
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Patient" htmlFor="audit-patient">
          <Input id="audit-patient" name="patient" defaultValue={filters.patient ?? ""} placeholder="Name or MRN" />
        </Field>
        <Field label="Action" htmlFor="audit-action">
          <Input id="audit-action" name="action" defaultValue={filters.action ?? ""} placeholder="e.g. patient.view" />
        </Field>
        <Field label="From" htmlFor="audit-from">
          <Input type="date" id="audit-from" name="from" defaultValue={filters.from ?? ""} />
        </Field>
        <Field label="To" htmlFor="audit-to">
          <Input type="date" id="audit-to" name="to" defaultValue={filters.to ?? ""} />
        </Field>
        <div className="flex items-end">
          <Button type="submit">Filter</Button>
        </div>
      </form>
      <p className="mb-2 text-xs text-slate-600">
        Newest first, up to {AUDIT_PAGE_LIMIT} rows; times in the clinic&apos;s time zone. Rows can&apos;t be changed or
        deleted.
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No audit rows match these filters.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" aria-label="Audit log">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2 font-medium">When</th>
                <th className="px-3 py-2 font-medium">Who</th>
                <th className="px-3 py-2 font-medium">Role</th>
                <th className="px-3 py-2 font-medium">What</th>
                <th className="px-3 py-2 font-medium">Record</th>
                <th className="px-3 py-2 font-medium">Before → After</th>
                <th className="px-3 py-2 font-medium">From</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={row.at.toISOString()}>
                      {formatDateTimeWithZoneName(row.at, staff.clinicTimeZone)}
                    </time>
                  </td>
                  <td className="px-3 py-2">{row.who}</td>
                  <td className="px-3 py-2 capitalize">{row.role}</td>
                  <td className="px-3 py-2 font-mono text-xs">{row.action}</td>
                  <td className="px-3 py-2">{describeRecord(row)}</td>
                  <td className="max-w-md px-3 py-2 text-xs break-words text-slate-700">{describeChange(row)}</td>
                  <td className="px-3 py-2 text-xs">{row.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
