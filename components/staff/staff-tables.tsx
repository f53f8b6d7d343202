"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  changeRoleAction,
  deactivateMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "@/app/(staff)/settings/staff/actions";
import { FormAlert } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import type { Role } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  lastSignIn: string;
  active: boolean;
  isYou: boolean;
}
export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  sent: string;
  expired: boolean;
}

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-middle";

export function StaffTables({ members, pending }: { members: MemberRow[]; pending: InvitationRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const run = (work: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    startTransition(async () => {
      const result = await work();
      if (!result.ok) {
        setMessage(result.message ?? "That didn't work.");
        router.refresh();
        return;
      }
      setMessage(null);
      toast.success(done);
      router.refresh();
    });

  return (
    <div className="flex flex-col gap-6">
      <FormAlert message={message} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members</caption>
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th className={th}>Name</th>
              <th className={th}>Email</th>
              <th className={th}>Role</th>
              <th className={th}>Last sign-in</th>
              <th className={th}>Status</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} className="border-t border-slate-100">
                <td className={td}>
                  {m.name}
                  {m.isYou ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
                </td>
                <td className={td}>{m.email}</td>
                <td className={td}>
                  {m.active ? (
                    <Select
                      aria-label={`Role for ${m.name}`}
                      className="h-8 w-32"
                      value={m.role}
                      disabled={busy}
                      onChange={(event) => {
                        const role = event.target.value as Role;
                        run(
                          () => changeRoleAction({ userId: m.userId, role }),
                          `${m.name} is now ${ROLE_LABELS[role]}`,
                        );
                      }}
                    >
                      {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    ROLE_LABELS[m.role]
                  )}
                </td>
                <td className={td}>{m.lastSignIn}</td>
                <td className={td}>{m.active ? "Active" : "Deactivated"}</td>
                <td className={td}>
                  {m.active ? (
                    <ConfirmDialog
                      trigger="Deactivate"
                      title={`Deactivate ${m.name}?`}
                      description="They lose access to this clinic at once: any signed-in session ends on their next click."
                      onConfirm={async () => {
                        const result = await deactivateMemberAction({ userId: m.userId });
                        if (!result.ok) return result.message;
                        toast.success(`${m.name} was deactivated`);
                        router.refresh();
                      }}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="mb-2 text-lg font-semibold">
          Pending invitations
        </h2>
        {pending.length === 0 ? (
          <p className="text-sm text-slate-600">No pending invitations.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th className={th}>Email</th>
                  <th className={th}>Role</th>
                  <th className={th}>Sent</th>
                  <th className={th}>Status</th>
                  <th className={th}>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {pending.map((invitation) => (
                  <tr key={invitation.id} className="border-t border-slate-100">
                    <td className={td}>{invitation.email}</td>
                    <td className={td}>{ROLE_LABELS[invitation.role]}</td>
                    <td className={td}>{invitation.sent}</td>
                    <td className={td}>{invitation.expired ? "Expired" : "Invited"}</td>
                    <td className={`${td} flex gap-2`}>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        aria-label={`Resend invitation to ${invitation.email}`}
                        onClick={() =>
                          run(
                            () => resendInvitationAction({ invitationId: invitation.id }),
                            `Invitation sent again to ${invitation.email}`,
                          )
                        }
                      >
                        Resend
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        aria-label={`Revoke invitation to ${invitation.email}`}
                        onClick={() =>
                          run(
                            () => revokeInvitationAction({ invitationId: invitation.id }),
                            `Invitation to ${invitation.email} revoked`,
                          )
                        }
                      >
                        Revoke
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
