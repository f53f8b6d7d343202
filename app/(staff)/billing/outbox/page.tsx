import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { InvoiceSetStatusBadge } from "@/components/invoice-sets/status-badge";
import { SimulateMenu } from "@/components/outbox/simulate-menu";
import { StaffEmails } from "@/components/outbox/staff-emails";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TablePagination,
  TableRow,
} from "@/components/ui/table";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { formatDateTimeInZone } from "@/lib/format/dates";
import { channelMethodLabel } from "@/lib/outreach/channels";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/outreach/list-outbox";

export const metadata: Metadata = { title: "Outbox" };

const cursorSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/)
  .transform((value) => {
    const [iso = "", id = ""] = value.split("_");
    return { createdAt: new Date(iso), id };
  })
  // A real moment only: "2026-99-99T…" parses to Invalid Date and would reach the query.
  .refine(({ createdAt }) => !Number.isNaN(createdAt.getTime()) && createdAt.getUTCFullYear() >= 1900)
  .optional()
  .catch(undefined);

/** Staff-only: what the local outbox transport recorded instead of sending (demo and tests). */
export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The outbox transport keeps working patient links in message bodies: viewers get 403.
  const staff = await requireStaff("invoices:write");
  const before = cursorSchema.parse((await searchParams).before);
  const { db } = await getDb();
  const rows = await listOutbox(db, { clinicId: staff.clinicId, before });
  await recordView(db, staff, { action: VIEW_ACTIONS.outbox, entityType: "message", details: { shown: rows.length } });
  const page = rows.slice(0, OUTBOX_PAGE_SIZE);
  const last = page.at(-1);

  return (
    <>
      <PageHeader title="Outbox" />
      <p className="mb-4 text-sm text-slate-600">
        Without Twilio or Resend credentials, outreach messages are recorded here instead of being sent. Times are in
        the clinic&apos;s time zone.
      </p>
      <Table aria-label="Outbox" scrollLabel="Outbox messages">
        <TableHeader>
          <TableRow>
            <TableHead>Sent</TableHead>
            <TableHead>Patient</TableHead>
            <TableHead>Method</TableHead>
            <TableHead>To</TableHead>
            <TableHead>Message</TableHead>
            <TableHead>Message Status</TableHead>
            <TableHead>Provider ID</TableHead>
            <TableHead>Invoice Set</TableHead>
            <TableHead>Simulate</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.map((m) => (
            <TableRow key={m.id}>
              <TableCell className="whitespace-nowrap">
                {formatDateTimeInZone(m.createdAt, staff.clinicTimeZone)}
              </TableCell>
              <TableCell>
                {m.firstName} {m.lastName}
              </TableCell>
              <TableCell>{channelMethodLabel(m.channel)}</TableCell>
              <TableCell>{m.destination}</TableCell>
              <TableCell className="max-w-md">
                {m.subject ? <p className="font-medium">{m.subject}</p> : null}
                <p className="text-slate-700">{m.body}</p>
              </TableCell>
              <TableCell>
                {m.status}
                {m.errorCode ? ` (${m.errorCode})` : ""}
              </TableCell>
              <TableCell>
                <code className="text-xs">{m.providerId}</code>
              </TableCell>
              <TableCell>
                <InvoiceSetStatusBadge status={m.setStatus} />
                {m.setStatusReason ? <p className="mt-1 text-xs text-slate-600">{m.setStatusReason}</p> : null}
              </TableCell>
              <TableCell>{m.providerId ? <SimulateMenu messageId={m.id} channel={m.channel} /> : null}</TableCell>
            </TableRow>
          ))}
          {page.length === 0 ? <TableEmpty colSpan={9}>Nothing in the outbox yet.</TableEmpty> : null}
        </TableBody>
      </Table>
      {rows.length > OUTBOX_PAGE_SIZE && last ? (
        <TablePagination>
          <Button asChild variant="secondary" size="sm">
            <Link href={`/billing/outbox?before=${last.createdAt.toISOString()}_${last.id}`}>Older messages</Link>
          </Button>
        </TablePagination>
      ) : null}
      <StaffEmails clinicId={staff.clinicId} timeZone={staff.clinicTimeZone} />
    </>
  );
}
