import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { InvoiceSetFilters } from "@/components/invoice-sets/invoice-set-filters";
import { InvoiceSetTable } from "@/components/invoice-sets/invoice-set-table";
import { MetricCards } from "@/components/invoice-sets/metric-cards";
import { AnyHourWarning } from "@/components/settings/any-hour-warning";
import { PageHeader } from "@/components/ui/card";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { clinicScopeOf } from "@/lib/clinics/clinic-scope";
import { countMetricCards } from "@/lib/invoice-sets/count-metric-cards";
import { toInvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import { listInvoiceSets } from "@/lib/invoice-sets/list-invoice-sets";
import { listRuleSetOptions } from "@/lib/invoice-sets/rule-set-options";
import { loadInvoiceSetSearchParams } from "@/lib/invoice-sets/search-params";

export const metadata: Metadata = { title: "Invoice Management" };

export default async function InvoiceManagementPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("read");
  const params = await loadInvoiceSetSearchParams(searchParams);
  const { db } = await getDb();
  const [page, { attention, resumingSoon }, ruleSets] = await Promise.all([
    listInvoiceSets(db, clinicScopeOf(staff), params),
    countMetricCards(db, staff.clinicId),
    listRuleSetOptions(db, staff.clinicId),
  ]);
  await recordView(db, staff, {
    action: VIEW_ACTIONS.invoiceSetList,
    entityType: "invoice_set",
    details: { query: params.q || null, shown: page.rows.length },
  });
  return (
    <>
      <PageHeader title="Invoice Management">
        <Suspense>
          <ExportCsvLink href="/billing/invoices/export" />
        </Suspense>
      </PageHeader>
      {staff.clinicAllowsAnyHour ? <AnyHourWarning /> : null}
      <MetricCards counts={attention} params={params} resumingSoon={resumingSoon} />
      <InvoiceSetFilters ruleSets={ruleSets} resumingSoon={resumingSoon} />
      <InvoiceSetTable
        rows={page.rows.map((row) => toInvoiceSetTableRow(row, staff.clinicTimeZone))}
        total={page.total}
        totalIsCapped={page.totalIsCapped}
        nextCursor={page.nextCursor}
        prevCursor={page.prevCursor}
        canWrite={roleAllows(staff.role, "invoices:write")}
        ruleSets={ruleSets}
      />
    </>
  );
}
