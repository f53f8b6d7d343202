"use client";

import type { ColumnDef, HeaderContext } from "@tanstack/react-table";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatDateInZone, formatDateTimeInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import type { InvoiceSetRow } from "@/lib/invoice-sets/list-invoice-sets";
import type { RuleSetOption } from "@/lib/invoice-sets/rule-set-options";
import { formatCents } from "@/lib/money";
import { RowActions } from "./row-actions";
import { InvoiceSetStatusBadge } from "./status-badge";

function SortHeader({ context, label }: { context: HeaderContext<InvoiceSetRow, unknown>; label: string }) {
  const sorted = context.column.getIsSorted();
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
      onClick={() => context.column.toggleSorting(sorted === "asc")}
    >
      {label}
      <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
    </button>
  );
}

export function invoiceSetColumns(options: {
  canWrite: boolean;
  ruleSets: RuleSetOption[];
  timeZone: string;
  expanded: Record<string, boolean>;
  toggle: (id: string) => void;
}): ColumnDef<InvoiceSetRow>[] {
  const { canWrite, ruleSets, timeZone, expanded, toggle } = options;
  const columns: ColumnDef<InvoiceSetRow>[] = [];
  if (canWrite) {
    columns.push({
      id: "select",
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all"
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label="Select row"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    });
  }
  columns.push(
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <div className="max-w-56">
          <InvoiceSetStatusBadge status={row.original.status} />
          {row.original.statusReason ? (
            <p className="mt-1 text-xs text-slate-600">{row.original.statusReason}</p>
          ) : null}
          {row.original.resumeAt ? (
            <p className="mt-1 text-xs text-slate-600">Resumes {formatDateInZone(row.original.resumeAt, timeZone)}</p>
          ) : null}
        </div>
      ),
    },
    {
      id: "amount",
      header: (context) => <SortHeader context={context} label="Amount Outstanding" />,
      cell: ({ row }) => <span className="tabular-nums">{formatCents(row.original.amountOutstandingCents)}</span>,
    },
    {
      id: "patient",
      header: "Patient",
      cell: ({ row }) => {
        const { patient } = row.original;
        return (
          <div>
            <div className="font-medium text-slate-900">
              {patient.firstName} {patient.lastName}
            </div>
            <div className="text-xs text-slate-600">
              {patient.phone ? formatPhone(patient.phone) : "No phone"} · {patient.externalId}
            </div>
            {canWrite ? (
              <Link
                href={`/patients/${patient.id}/payment`}
                className="text-xs font-medium text-blue-700 hover:underline"
              >
                Take Payment
              </Link>
            ) : null}
          </div>
        );
      },
    },
    {
      id: "created",
      header: (context) => <SortHeader context={context} label="Created" />,
      cell: ({ row }) => (
        <span className="whitespace-nowrap">{formatDateInZone(row.original.createdAt, timeZone)}</span>
      ),
    },
    {
      id: "nextSend",
      header: (context) => <SortHeader context={context} label="Next send" />,
      cell: ({ row }) => (
        <span className="whitespace-nowrap">{formatDateTimeInZone(row.original.nextSendAt, timeZone)}</span>
      ),
    },
    { id: "ruleSet", header: "Rule set", cell: ({ row }) => row.original.ruleSetTitle },
    {
      id: "actions",
      header: "Actions",
      cell: ({ row }) => (
        <div className="flex min-w-48 flex-col items-start gap-1.5">
          <Button
            variant="link"
            size="sm"
            aria-expanded={Boolean(expanded[row.id])}
            aria-controls={`details-${row.id}`}
            onClick={() => toggle(row.id)}
          >
            {expanded[row.id] ? "Hide Details" : "Show Details"}
          </Button>
          {canWrite ? (
            <RowActions
              invoiceSetId={row.original.id}
              status={row.original.status}
              ruleSetId={row.original.ruleSetId}
              patientName={`${row.original.patient.firstName} ${row.original.patient.lastName}`}
              ruleSets={ruleSets}
            />
          ) : null}
        </div>
      ),
    },
  );
  return columns;
}
