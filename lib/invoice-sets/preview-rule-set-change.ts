import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSets, patients, ruleSets, rules } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { OPEN_INVOICE_SET_STATUSES } from "@/lib/state-machine/statuses";
import { invoiceSetWhere } from "./invoice-set-where";
import type { InvoiceSetFilters } from "./search-params";

export interface RuleSetChangePreview {
  ruleSetTitle: string;
  /** Open sets that move to the new rule set and restart from its first step today. */
  changing: number;
  skippedClosed: number;
  skippedAlready: number;
  steps: {
    title: string;
    /** The rule's day, counted from today, in the clinic's time zone (YYYY-MM-DD). */
    sendOn: string;
    channels: { channel: "sms" | "email"; sending: number; skippedOptedOut: number; skippedNoContact: number }[];
  }[];
}

type Selection = { kind: "ids"; ids: string[] } | { kind: "filter"; filters: Partial<InvoiceSetFilters> };

const OPEN = sql.join(
  OPEN_INVOICE_SET_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/**
 * What Change Rule Set would do to the selected sets, before it runs: how many switch and
 * how many are skipped (closed, already on it), then for each step of the new rule set,
 * on which day it goes and to how many patients per channel, less those texts or emails
 * can't reach (opted out; no usable phone or email). One aggregate over the selection.
 */
export async function previewRuleSetChange(
  db: Executor,
  params: { clinicId: string; ruleSetId: string; selection: Selection; timeZone: string; now: Date },
): Promise<RuleSetChangePreview> {
  const { clinicId, ruleSetId, selection } = params;
  const [ruleSet] = await db
    .select({ title: ruleSets.title })
    .from(ruleSets)
    .where(and(eq(ruleSets.id, ruleSetId), eq(ruleSets.clinicId, clinicId), isNull(ruleSets.archivedAt)));
  if (!ruleSet) throw new AppError("not_found", "That rule set was not found or is archived. Pick another one.");
  const steps = await db
    .select({ title: rules.title, delayDays: rules.delayDays, channels: rules.channels })
    .from(rules)
    .where(and(eq(rules.ruleSetId, ruleSetId), eq(rules.clinicId, clinicId)))
    .orderBy(asc(rules.delayDays));

  const where =
    selection.kind === "ids"
      ? and(eq(invoiceSets.clinicId, clinicId), inArray(invoiceSets.id, selection.ids))
      : invoiceSetWhere({ clinicId, timeZone: params.timeZone }, selection.filters);
  const [counts] = await executeRows<Record<string, number | string>>(
    db,
    sql`
      with picked as (
        select invoice_sets.status in (${OPEN}) and invoice_sets.rule_set_id <> ${ruleSetId} as changing,
               invoice_sets.status in (${OPEN}) as open,
               p.sms_opted_out_at is not null as opted_out,
               p.phone is null or p.phone_is_landline or p.phone_unusable_reason is not null as no_phone,
               p.email is null or p.email_undeliverable_at is not null as no_email
        -- Not aliased: the shared WHERE names invoice_sets' columns in full.
        from ${invoiceSets}
        join ${patients} p on p.id = invoice_sets.patient_id and p.clinic_id = ${clinicId}
        where ${where}
      )
      select count(*) filter (where changing) as changing,
             count(*) filter (where not open) as closed,
             count(*) filter (where open and not changing) as already,
             count(*) filter (where changing and opted_out) as sms_opted_out,
             count(*) filter (where changing and not opted_out and no_phone) as sms_no_contact,
             count(*) filter (where changing and no_email) as email_no_contact
      from picked`,
  );
  const n = (key: string) => Number(counts?.[key] ?? 0);
  const changing = n("changing");
  const today = new TZDate(params.now, params.timeZone);
  return {
    ruleSetTitle: ruleSet.title,
    changing,
    skippedClosed: n("closed"),
    skippedAlready: n("already"),
    steps: steps.map((step) => ({
      title: step.title,
      sendOn: format(addDays(today, step.delayDays), "yyyy-MM-dd"),
      channels: step.channels.map((channel) => {
        const skippedOptedOut = channel === "sms" ? n("sms_opted_out") : 0;
        const skippedNoContact = channel === "sms" ? n("sms_no_contact") : n("email_no_contact");
        return { channel, sending: changing - skippedOptedOut - skippedNoContact, skippedOptedOut, skippedNoContact };
      }),
    })),
  };
}
