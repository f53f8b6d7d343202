import { and, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { invoiceSets, patients } from "@/db/schema";
import type { InvoiceSetFilters } from "./search-params";
import { likeContains, normalizeSearchTerm } from "./search-term";

/**
 * The WHERE of the invoice-set table for one clinic and the chosen filters, shared by the
 * page query, the count and "select all N matching". Every condition is led by the clinic.
 * Day filters are calendar days in the clinic's time zone; "to" days are inclusive.
 * The search condition needs `patients` joined (or is used in a subquery, see below).
 */
export function invoiceSetWhere(clinicId: string, filters: Partial<InvoiceSetFilters>): SQL {
  const conditions: (SQL | undefined)[] = [eq(invoiceSets.clinicId, clinicId)];
  const term = normalizeSearchTerm(filters.q ?? "");
  if (term) {
    // patients.search_text has a trigram GIN index, so LIKE '%…%' is an index scan.
    conditions.push(
      sql`${invoiceSets.patientId} in (select ${patients.id} from ${patients} where ${patients.clinicId} = ${clinicId} and ${patients.searchText} like ${likeContains(term)})`,
    );
  }
  if (filters.status && filters.status.length > 0) conditions.push(inArray(invoiceSets.status, filters.status));
  if (filters.amountMin != null) conditions.push(gte(invoiceSets.amountOutstandingCents, filters.amountMin));
  if (filters.amountMax != null) conditions.push(sql`${invoiceSets.amountOutstandingCents} <= ${filters.amountMax}`);
  if (filters.createdFrom)
    conditions.push(gte(invoiceSets.createdAt, clinicDayStart(clinicId, filters.createdFrom, 0)));
  if (filters.createdTo) conditions.push(lt(invoiceSets.createdAt, clinicDayStart(clinicId, filters.createdTo, 1)));
  if (filters.sendFrom) conditions.push(gte(invoiceSets.nextSendAt, clinicDayStart(clinicId, filters.sendFrom, 0)));
  if (filters.sendTo) conditions.push(lt(invoiceSets.nextSendAt, clinicDayStart(clinicId, filters.sendTo, 1)));
  if (filters.ruleSet) conditions.push(eq(invoiceSets.ruleSetId, filters.ruleSet));
  return and(...conditions) ?? sql`true`;
}

/**
 * Midnight starting `day` (+ offsetDays) in the clinic's time zone, as a timestamptz. The
 * zone comes from an uncorrelated subquery (evaluated once), so index range scans still apply.
 */
function clinicDayStart(clinicId: string, day: string, offsetDays: number): SQL<Date> {
  return sql<Date>`((${day}::date + ${offsetDays}::int)::timestamp at time zone (select time_zone from clinics where id = ${clinicId}))`;
}
