import { getDb } from "@/db/client";
import { auditFiltersSchema } from "@/lib/audit/audit-filters";
import { auditCsv } from "@/lib/audit/describe-audit-row";
import { AUDIT_EXPORT_LIMIT, listAuditEntries } from "@/lib/audit/list-audit-entries";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { currentStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { formatDateTimeWithZoneName } from "@/lib/format/dates";

/** "Export CSV" of the audit viewer (admins), with the same filters; the export itself is audited. */
export async function GET(request: Request) {
  const staff = await currentStaff();
  if (!staff) return new Response("Sign in to continue.", { status: 401 });
  if (!roleAllows(staff.role, "staff:manage")) return new Response("Admins only.", { status: 403 });
  const filters = auditFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { db } = await getDb();
  const rows = await listAuditEntries(db, {
    clinicId: staff.clinicId,
    timeZone: staff.clinicTimeZone,
    filters,
    limit: AUDIT_EXPORT_LIMIT,
  });
  await recordView(db, staff, {
    action: VIEW_ACTIONS.auditExport,
    entityType: "audit_log",
    details: { ...filters, rows: rows.length },
  });
  return new Response(
    auditCsv(rows, (at) => formatDateTimeWithZoneName(at, staff.clinicTimeZone)),
    {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="audit-log.csv"',
        "Cache-Control": "no-store",
      },
    },
  );
}
