import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { InvoiceSetStatusBadge } from "@/components/invoice-sets/status-badge";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/outreach/list-outbox";

export const metadata: Metadata = { title: "Outbox" };

const cursorSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/)
  .transform((value) => {
    const [iso = "", id = ""] = value.split("_");
    return { createdAt: new Date(iso), id };
  })
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
  const format = new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: staff.clinicTimeZone,
  });

  return (
    <>
      <PageHeader title="Outbox" />
      <p className="mb-4 text-sm text-slate-600">
        Without Twilio or Resend credentials, outreach messages are recorded here instead of being sent. Times are in
        the clinic&apos;s time zone.
      </p>
      {page.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing in the outbox yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2 font-medium">Sent</th>
                <th className="px-3 py-2 font-medium">Patient</th>
                <th className="px-3 py-2 font-medium">Method</th>
                <th className="px-3 py-2 font-medium">To</th>
                <th className="px-3 py-2 font-medium">Message</th>
                <th className="px-3 py-2 font-medium">Message Status</th>
                <th className="px-3 py-2 font-medium">Provider ID</th>
                <th className="px-3 py-2 font-medium">Invoice Set</th>
              </tr>
            </thead>
            <tbody>
              {page.map((m) => (
                <tr key={m.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{format.format(m.createdAt)}</td>
                  <td className="px-3 py-2">
                    {m.firstName} {m.lastName}
                  </td>
                  <td className="px-3 py-2">{m.channel === "sms" ? "SMS" : "Email"}</td>
                  <td className="px-3 py-2">{m.destination}</td>
                  <td className="max-w-md px-3 py-2">
                    {m.subject ? <p className="font-medium">{m.subject}</p> : null}
                    <p className="text-slate-700">{m.body}</p>
                  </td>
                  <td className="px-3 py-2">
                    {m.status}
                    {m.errorCode ? ` (${m.errorCode})` : ""}
                  </td>
                  <td className="px-3 py-2">
                    <code className="text-xs">{m.providerId}</code>
                  </td>
                  <td className="px-3 py-2">
                    <InvoiceSetStatusBadge status={m.setStatus} />
                    {m.setStatusReason ? <p className="mt-1 text-xs text-slate-600">{m.setStatusReason}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > OUTBOX_PAGE_SIZE && last ? (
        <Link
          className="mt-4 inline-block text-sm text-blue-700 hover:underline"
          href={`/billing/outbox?before=${last.createdAt.toISOString()}_${last.id}`}
        >
          Older messages
        </Link>
      ) : null}
    </>
  );
}
