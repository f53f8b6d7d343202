"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { resumingSoonText } from "@/lib/invoice-sets/resuming-soon-text";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import { parseAsDay, parseAsUuid } from "@/lib/invoice-sets/search-params";
import { formatCentsPlain, parseDollarsToCents } from "@/lib/money";
import { INVOICE_SET_STATUS_LABELS, INVOICE_SET_STATUSES, type InvoiceSetStatus } from "@/lib/state-machine/statuses";
import { useInvoiceSetParams } from "./use-invoice-set-params";

/** The Search field's id: "/" focuses it from anywhere on the page. */
export const SEARCH_INPUT_ID = "filter-q";

interface Draft {
  q: string;
  amountMin: string;
  amountMax: string;
  createdFrom: string;
  createdTo: string;
  sendFrom: string;
  sendTo: string;
}

/**
 * The filters of invoice-management.txt, labelled as ui-contract.md says. Status and Rule
 * set apply at once; typed fields apply on Enter or "Apply filters". All live in the URL.
 */
export function InvoiceSetFilters({
  ruleSets,
  resumingSoon = 0,
}: {
  ruleSets: RuleSetOption[];
  /** Paused sets that resume by themselves within 7 days, shown while Paused is chosen. */
  resumingSoon?: number;
}) {
  const { params, setParams, isPending } = useInvoiceSetParams();
  const fromParams = (): Draft => ({
    q: params.q,
    amountMin: params.amountMin == null ? "" : formatCentsPlain(params.amountMin),
    amountMax: params.amountMax == null ? "" : formatCentsPlain(params.amountMax),
    createdFrom: params.createdFrom ?? "",
    createdTo: params.createdTo ?? "",
    sendFrom: params.sendFrom ?? "",
    sendTo: params.sendTo ?? "",
  });
  const [draft, setDraft] = useState<Draft>(fromParams);
  const paramsKey = JSON.stringify(fromParams());
  const [syncedWith, setSyncedWith] = useState(paramsKey);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  // The URL changed from elsewhere (a metric card, "Clear filters", back button): show it.
  if (syncedWith !== paramsKey) {
    setSyncedWith(paramsKey);
    setDraft(fromParams());
  }

  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  function apply(event: FormEvent) {
    event.preventDefault();
    const nextErrors: typeof errors = {};
    const money = (key: "amountMin" | "amountMax") => {
      if (draft[key].trim() === "") return null;
      const cents = parseDollarsToCents(draft[key]);
      if (cents === null) nextErrors[key] = "Enter an amount in dollars, like 125 or 125.50.";
      return cents;
    };
    const amountMin = money("amountMin");
    const amountMax = money("amountMax");
    if (amountMin !== null && amountMax !== null && amountMin > amountMax)
      nextErrors.amountMax = "Amount max must be at least Amount min.";
    setErrors(nextErrors);
    if (Object.keys(nextErrors).length > 0) return;
    const day = (value: string) => (value ? parseAsDay.parse(value) : null);
    void setParams({
      q: draft.q.trim(),
      amountMin,
      amountMax,
      createdFrom: day(draft.createdFrom),
      createdTo: day(draft.createdTo),
      sendFrom: day(draft.sendFrom),
      sendTo: day(draft.sendTo),
      cursor: null,
    });
  }

  function toggleStatus(status: InvoiceSetStatus, on: boolean) {
    const next = on ? [...params.status, status] : params.status.filter((s) => s !== status);
    void setParams({ status: INVOICE_SET_STATUSES.filter((s) => next.includes(s)), cursor: null });
  }

  return (
    <form
      onSubmit={apply}
      aria-label="Invoice filters"
      className="mb-4 rounded-lg border border-slate-200 bg-white p-3"
      aria-busy={isPending || undefined}
    >
      <div className="grid grid-cols-1 gap-x-3 gap-y-2 md:grid-cols-4 xl:grid-cols-6">
        <Field label="Search" htmlFor={SEARCH_INPUT_ID} className="md:col-span-2">
          <Input
            id={SEARCH_INPUT_ID}
            type="search"
            value={draft.q}
            onChange={set("q")}
            placeholder="Patient name, phone number, or ID"
          />
        </Field>
        <Field label="Amount min" htmlFor="filter-amount-min" error={errors.amountMin}>
          <Input
            id="filter-amount-min"
            inputMode="decimal"
            value={draft.amountMin}
            onChange={set("amountMin")}
            placeholder="$0"
            aria-invalid={Boolean(errors.amountMin)}
          />
        </Field>
        <Field label="Amount max" htmlFor="filter-amount-max" error={errors.amountMax}>
          <Input
            id="filter-amount-max"
            inputMode="decimal"
            value={draft.amountMax}
            onChange={set("amountMax")}
            placeholder="Any"
            aria-invalid={Boolean(errors.amountMax)}
          />
        </Field>
        <Field label="Invoice created from" htmlFor="filter-created-from">
          <Input id="filter-created-from" type="date" value={draft.createdFrom} onChange={set("createdFrom")} />
        </Field>
        <Field label="Invoice created to" htmlFor="filter-created-to">
          <Input id="filter-created-to" type="date" value={draft.createdTo} onChange={set("createdTo")} />
        </Field>
        <Field label="Send time from" htmlFor="filter-send-from">
          <Input id="filter-send-from" type="date" value={draft.sendFrom} onChange={set("sendFrom")} />
        </Field>
        <Field label="Send time to" htmlFor="filter-send-to">
          <Input id="filter-send-to" type="date" value={draft.sendTo} onChange={set("sendTo")} />
        </Field>
        <Field label="Rule set" htmlFor="filter-rule-set" className="md:col-span-2 xl:col-span-2">
          <Select
            id="filter-rule-set"
            value={params.ruleSet ?? ""}
            onChange={(event) => void setParams({ ruleSet: parseAsUuid.parse(event.target.value), cursor: null })}
          >
            <option value="">All rule sets</option>
            {ruleSets.map((ruleSet) => (
              <option key={ruleSet.id} value={ruleSet.id}>
                {ruleSet.title}
                {ruleSet.archived ? " (archived)" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset className="md:col-span-2 xl:col-span-4">
          <legend className="label">Status</legend>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {INVOICE_SET_STATUSES.map((status) => (
              <label key={status} className="chip">
                <input
                  type="checkbox"
                  checked={params.status.includes(status)}
                  onChange={(event) => toggleStatus(status, event.target.checked)}
                />
                {INVOICE_SET_STATUS_LABELS[status]}
              </label>
            ))}
          </div>
          {params.status.includes("paused") && resumingSoon > 0 ? (
            <p className="mt-1 text-xs text-slate-600">Paused: {resumingSoonText(resumingSoon)}.</p>
          ) : null}
        </fieldset>
      </div>
      <div className="mt-2 flex justify-end gap-2">
        <Button type="submit" size="sm">
          Apply filters
        </Button>
      </div>
    </form>
  );
}
