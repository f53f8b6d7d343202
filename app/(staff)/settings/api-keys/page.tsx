import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
        <Link className="text-blue-700 underline" href="/api/v1/docs">
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
      <Table aria-label="API keys">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Scope</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((key) => (
            <TableRow key={key.id}>
              <TableCell>{key.name}</TableCell>
              <TableCell>{API_KEY_SCOPE_LABELS[key.scope]}</TableCell>
              <TableCell className="font-mono">{key.prefix}…</TableCell>
              <TableCell>{formatDateTimeInZone(key.createdAt, staff.clinicTimeZone)}</TableCell>
              <TableCell>
                {key.lastUsedAt ? formatDateTimeInZone(key.lastUsedAt, staff.clinicTimeZone) : "Never"}
              </TableCell>
              <TableCell>{key.revokedAt ? "Revoked" : "Active"}</TableCell>
              <TableCell className="text-right">
                {key.revokedAt ? null : <RevokeApiKeyButton apiKeyId={key.id} name={key.name} />}
              </TableCell>
            </TableRow>
          ))}
          {keys.length === 0 ? <TableEmpty colSpan={7}>No API keys yet.</TableEmpty> : null}
        </TableBody>
      </Table>
    </div>
  );
}
