import { and, eq, gte, inArray, lt, type Placeholder, type SQL, sql } from "drizzle-orm";
import { invoiceSets, patients } from "@/db/schema";
import type { InvoiceSetFilters } from "./search-params";
import { likeContains, normalizeSearchTerm } from "./search-term";

/**
 * How a filter's value enters the SQL: inline as a parameter (the default), or as a named
 * placeholder so the statement can be built once per filter shape and reused (the list's
 * prepared statements, list-invoice-sets.ts).
 */
export type BindValue = <T extends string | number>(name: string, value: T) => T | Placeholder;
const inline: BindValue = (_name, value) => value;

/**
 * The WHERE of the invoice-set table for one clinic and the chosen filters, shared by the
 * page query, the count and "select all N matching". Every condition is led by the clinic.
 * Day filters are calendar days in the clinic's time zone; "to" days are inclusive.
 * The search condition needs `patients` joined (or is used in a subquery, see below).
 */
export function invoiceSetWhere(clinicId: string, filters: Partial<InvoiceSetFilters>, bind: BindValue = inline): SQL {
  const clinic = bind("clinicId", clinicId);
  const conditions: (SQL | undefined)[] = [eq(invoiceSets.clinicId, clinic)];
  const term = normalizeSearchTerm(filters.q ?? "");
  if (term) {
    // patients.search_text has a trigram GIN index, so LIKE '%…%' is an index scan.
    conditions.push(
      sql`${invoiceSets.patientId} in (select ${patients.id} from ${patients} where ${patients.clinicId} = ${clinic} and ${patients.searchText} like ${bind("q", likeContains(term))})`,
    );
  }
  if (filters.status && filters.status.length > 0)
    conditions.push(
      inArray(
        invoiceSets.status,
        filters.status.map((status, i) => bind(`status${i}`, status)),
      ),
    );
  if (filters.amountMin != null)
    conditions.push(gte(invoiceSets.amountOutstandingCents, bind("amountMin", filters.amountMin)));
  if (filters.amountMax != null)
    conditions.push(sql`${invoiceSets.amountOutstandingCents} <= ${bind("amountMax", filters.amountMax)}`);
  const dayStart = (name: string, day: string, offsetDays: number) =>
    clinicDayStart(clinic, bind(name, day), offsetDays);
  if (filters.createdFrom) conditions.push(gte(invoiceSets.createdAt, dayStart("createdFrom", filters.createdFrom, 0)));
  if (filters.createdTo) conditions.push(lt(invoiceSets.createdAt, dayStart("createdTo", filters.createdTo, 1)));
  if (filters.sendFrom) conditions.push(gte(invoiceSets.nextSendAt, dayStart("sendFrom", filters.sendFrom, 0)));
  if (filters.sendTo) conditions.push(lt(invoiceSets.nextSendAt, dayStart("sendTo", filters.sendTo, 1)));
  if (filters.ruleSet) conditions.push(eq(invoiceSets.ruleSetId, bind("ruleSet", filters.ruleSet)));
  return and(...conditions) ?? sql`true`;
}

/**
 * Midnight starting `day` (+ offsetDays) in the clinic's time zone, as a timestamptz. The
 * zone comes from an uncorrelated subquery (evaluated once), so index range scans still apply.
 */
function clinicDayStart(clinic: string | Placeholder, day: string | Placeholder, offsetDays: number): SQL<Date> {
  return sql<Date>`((${day}::date + ${sql.raw(String(offsetDays))})::timestamp at time zone (select time_zone from clinics where id = ${clinic}))`;
}
