import { getDb } from "@/db/client";
import { listAccountEmails } from "@/lib/account-emails/list-account-emails";

const KIND_LABELS: Record<string, string> = { invitation: "Invitation", password_reset: "Password reset" };

/** Staff emails (invitations, password resets) the outbox recorded for this clinic. */
export async function StaffEmails({ clinicId, timeZone }: { clinicId: string; timeZone: string }) {
  const { db } = await getDb();
  const rows = await listAccountEmails(db, clinicId);
  if (rows.length === 0) return null;
  const format = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <section aria-labelledby="staff-emails-heading" className="mt-8">
      <h2 id="staff-emails-heading" className="mb-2 text-lg font-semibold">
        Staff emails
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">Sent</th>
              <th className="px-3 py-2 font-medium">Kind</th>
              <th className="px-3 py-2 font-medium">To</th>
              <th className="px-3 py-2 font-medium">Message</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 whitespace-nowrap">{format.format(row.createdAt)}</td>
                <td className="px-3 py-2">{KIND_LABELS[row.kind] ?? row.kind}</td>
                <td className="px-3 py-2">{row.destination}</td>
                <td className="max-w-xl px-3 py-2">
                  <p className="font-medium">{row.subject}</p>
                  <p className="break-all whitespace-pre-line text-slate-700">{row.body}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
