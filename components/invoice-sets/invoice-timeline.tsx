"use client";

import { useEffect, useState } from "react";
import { getInvoiceSetTimeline } from "@/app/(staff)/billing/invoices/actions";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TimelineEntry, TimelineMessage } from "@/lib/invoice-sets/load-invoice-set-timeline";

type State =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "ready"; entries: TimelineEntry[]; messages: TimelineMessage[]; linkLocked: boolean };

/**
 * The Invoice Timeline of one set, loaded when its row is expanded (oldest first). A new
 * `version` (the set's status or rule set changed) remounts the loader, so it is read again.
 */
export function InvoiceTimeline({ invoiceSetId, version }: { invoiceSetId: string; version: string }) {
  return <TimelineLoader key={version} invoiceSetId={invoiceSetId} />;
}

function TimelineLoader({ invoiceSetId }: { invoiceSetId: string }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    getInvoiceSetTimeline({ invoiceSetId }).then(
      (result) => {
        if (!live) return;
        setState(result.ok ? { kind: "ready", ...result.data } : { kind: "error", message: result.message });
      },
      () => live && setState({ kind: "error", message: "The timeline could not be loaded. Try again." }),
    );
    return () => {
      live = false;
    };
  }, [invoiceSetId]);

  if (state.kind === "loading") return <p className="text-sm text-slate-500">Loading the timeline…</p>;
  if (state.kind === "error")
    return (
      <p role="alert" className="text-sm text-red-700">
        {state.message}
      </p>
    );
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {state.linkLocked ? (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 md:col-span-2"
        >
          Patient link locked after repeated wrong dates of birth. Call the patient to confirm who they are, then send a
          new link.
        </p>
      ) : null}
      <section aria-label="Invoice Timeline">
        <h3 className="mb-2 text-sm font-semibold">Invoice Timeline</h3>
        {state.entries.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing has happened on this invoice set yet.</p>
        ) : (
          <ol className="space-y-2 border-l border-slate-200 pl-4">
            {state.entries.map((entry) => (
              <li key={entry.id} className="text-sm">
                <div className="font-medium text-slate-900">{entry.summary}</div>
                <div className="text-xs text-slate-500">
                  <time dateTime={entry.at}>{entry.atText}</time> · {entry.actor}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-label="Messages">
        <h3 className="mb-2 text-sm font-semibold">Messages</h3>
        {state.messages.length === 0 ? (
          <p className="text-sm text-slate-500">No messages sent yet.</p>
        ) : (
          <Table framed={false} className="text-xs" aria-label="Messages">
            <TableHeader className="bg-transparent">
              <TableRow>
                <TableHead>Sent</TableHead>
                <TableHead>Channel</TableHead>
                <TableHead>To</TableHead>
                <TableHead>Status</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.messages.map((message) => (
                <TableRow key={message.id}>
                  <TableCell>
                    <time dateTime={message.at}>{message.atText}</time>
                  </TableCell>
                  <TableCell>{message.channel}</TableCell>
                  <TableCell className="break-all">{message.to || "—"}</TableCell>
                  <TableCell>
                    {message.status}
                    {message.error ? <span className="block text-red-700">{message.error}</span> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
