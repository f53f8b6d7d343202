import { and, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { invoiceSets, patients } from "@/db/schema";
import type { ClinicScope } from "@/lib/clinics/clinic-scope";
import type { InvoiceSetFilters } from "./search-params";
import { likeContains, normalizeSearchTerm } from "./search-term";

/**
 * The WHERE of the invoice-set table for one clinic and the chosen filters, shared by the
 * page query, the count and "select all N matching". Every condition is led by the clinic.
 * Day filters are calendar days in the clinic's time zone; "to" days are inclusive.
 * The search condition needs `patients` joined (or is used in a subquery, see below).
 */
export function invoiceSetWhere(clinic: ClinicScope, filters: Partial<InvoiceSetFilters>): SQL {
  const { clinicId, timeZone } = clinic;
  const conditions: (SQL | undefined)[] = [eq(invoiceSets.clinicId, clinicId)];
  const term = normalizeSearchTerm(filters.q ?? "");
  if (term) {
    // patients has a GIN index on (clinic_id, search_text trigrams): LIKE '%…%' is an index scan of this clinic's patients only.
    conditions.push(
      sql`${invoiceSets.patientId} in (select ${patients.id} from ${patients} where ${patients.clinicId} = ${clinicId} and ${patients.searchText} like ${likeContains(term)})`,
    );
  }
  if (filters.status && filters.status.length > 0) conditions.push(inArray(invoiceSets.status, filters.status));
  if (filters.amountMin != null) conditions.push(gte(invoiceSets.amountOutstandingCents, filters.amountMin));
  if (filters.amountMax != null) conditions.push(sql`${invoiceSets.amountOutstandingCents} <= ${filters.amountMax}`);
  if (filters.createdFrom) conditions.push(gte(invoiceSets.createdAt, dayStart(filters.createdFrom, 0, timeZone)));
  if (filters.createdTo) conditions.push(lt(invoiceSets.createdAt, dayStart(filters.createdTo, 1, timeZone)));
  if (filters.sendFrom) conditions.push(gte(invoiceSets.nextSendAt, dayStart(filters.sendFrom, 0, timeZone)));
  if (filters.sendTo) conditions.push(lt(invoiceSets.nextSendAt, dayStart(filters.sendTo, 1, timeZone)));
  if (filters.ruleSet) conditions.push(eq(invoiceSets.ruleSetId, filters.ruleSet));
  return and(...conditions) ?? sql`true`;
}

/**
 * Midnight starting `day` (+ `offsetDays`) in the clinic's time zone, as a timestamptz. The
 * zone is a value, not looked up in SQL, so the planner folds the bound to a constant and
 * sees the range it filters (a zone subquery hid it: the list ran 2–3× slower, bench/).
 */
function dayStart(day: string, offsetDays: number, timeZone: string): SQL<Date> {
  return sql<Date>`((${day}::date + ${offsetDays}::int)::timestamp at time zone ${timeZone})`;
}
