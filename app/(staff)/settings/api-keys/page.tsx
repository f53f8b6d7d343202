import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { API_KEY_SCOPE_LABELS } from "@/lib/api-keys/api-key-input";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requireStaff } from "@/lib/auth/guard";
import { formatDateTimeInZone } from "@/lib/format/dates";

export const metadata: Metadata = { title: "API keys" };

/** Admins make keys for practice systems (/api/v1), see when each was last used, and revoke them. */
export default async function ApiKeysPage() {
  const staff = await requireStaff("api-keys:manage");
  const { db } = await getDb();
  const keys = await listApiKeys(db, staff.clinicId);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="API keys" />
      <p className="text-sm text-slate-600">
        Practice systems call the REST API with <code>Authorization: Bearer &lt;key&gt;</code>. See the{" "}
        <Link className="text-blue-700 hover:underline" href="/api/v1/docs">
          API reference
        </Link>
        .
      </p>
      <Card aria-labelledby="create-key-heading">
        <h2 id="create-key-heading" className="mb-3 text-lg font-semibold">
          Create API key
        </h2>
        <CreateApiKeyForm />
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Scope</th>
              <th className="px-3 py-2">Key</th>
              <th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Last used</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{key.name}</td>
                <td className="px-3 py-2">{API_KEY_SCOPE_LABELS[key.scope]}</td>
                <td className="px-3 py-2 font-mono">{key.prefix}…</td>
                <td className="px-3 py-2">{formatDateTimeInZone(key.createdAt, staff.clinicTimeZone)}</td>
                <td className="px-3 py-2">
                  {key.lastUsedAt ? formatDateTimeInZone(key.lastUsedAt, staff.clinicTimeZone) : "Never"}
                </td>
                <td className="px-3 py-2">{key.revokedAt ? "Revoked" : "Active"}</td>
                <td className="px-3 py-2 text-right">
                  {key.revokedAt ? null : <RevokeApiKeyButton apiKeyId={key.id} name={key.name} />}
                </td>
              </tr>
            ))}
            {keys.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                  No API keys yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
