import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { MappingForm } from "@/components/imports/mapping-form";
import { RunImport } from "@/components/imports/run-import";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireStaff } from "@/lib/auth/guard";
import { formatDateTimeInZone } from "@/lib/format/dates";
import { getImport, listRejectedRows } from "@/lib/imports/list-imports";

export const metadata: Metadata = { title: "Import" };

const SHOWN_PROBLEMS = 200;

/** Preview (mapping, counts, every bad row) → "Import N rows" → the result with the rejected rows to download. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("invoices:write");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { db } = await getDb();
  const file = await getImport(db, staff.clinicId, id.data);
  if (!file) notFound();
  const rejected = await listRejectedRows(db, file.id, 0, SHOWN_PROBLEMS);
  await recordAudit(db, {
    clinicId: staff.clinicId,
    actor: staff.actor,
    action: "import.view",
    entityType: "import",
    entityId: file.id,
  });
  const n = (value: number) => value.toLocaleString("en-US");
  const mapped = Object.keys(file.mapping).length > 0;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={`Import: ${file.fileName}`}>
        <Link className="text-sm text-blue-700 hover:underline" href="/imports">
          All imports
        </Link>
      </PageHeader>

      {file.completedAt ? (
        <Card aria-labelledby="result-heading">
          <h2 id="result-heading" className="mb-2 text-lg font-semibold">
            Imported
          </h2>
          <p className="text-sm" data-testid="import-result">
            {n(file.importedRows)} rows imported {formatDateTimeInZone(file.completedAt, staff.clinicTimeZone)}:{" "}
            {n(file.createdPatients)} new patients, {n(file.changedPatients)} updated patients,{" "}
            {n(file.createdInvoices)} invoices ({n(file.issuedInvoices)} issued). {n(file.badRows)} rows rejected.
          </p>
          <p className="mt-2 text-sm">
            <Link className="text-blue-700 hover:underline" href="/patients">
              View patients
            </Link>
          </p>
        </Card>
      ) : (
        <Card aria-labelledby="mapping-heading">
          <h2 id="mapping-heading" className="mb-3 text-lg font-semibold">
            Columns
          </h2>
          {file.startedAt ? (
            <p className="text-sm text-slate-600">The import has started; the columns can no longer change.</p>
          ) : (
            <MappingForm importId={file.id} headers={file.headers} mapping={file.mapping} />
          )}
        </Card>
      )}

      {file.completedAt ? null : (
        <Card aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="mb-2 text-lg font-semibold">
            Preview
          </h2>
          {mapped && file.totalRows > 0 ? (
            <>
              <p className="mb-3 text-sm" data-testid="import-preview">
                {n(file.totalRows)} rows: {n(file.newPatients)} new patients, {n(file.updatedPatients)} updated
                patients, {n(file.newInvoices)} invoices. {n(file.badRows)} rows have problems and will not be imported.
              </p>
              <RunImport importId={file.id} goodRows={file.goodRows} resumeFrom={file.importedRows} />
            </>
          ) : (
            <p className="text-sm text-slate-600">
              Map the required columns (mrn, first_name, last_name, date_of_birth) to see a preview.
            </p>
          )}
        </Card>
      )}

      {file.badRows > 0 ? (
        <Card aria-labelledby="problems-heading">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="problems-heading" className="text-lg font-semibold">
              Rows with problems ({n(file.badRows)})
            </h2>
            <a className="text-sm text-blue-700 hover:underline" href={`/imports/${file.id}/rejected`} download>
              Download rejected rows
            </a>
          </div>
          <ul className="list-disc pl-5 text-sm">
            {rejected.map((row) => (
              <li key={row.rowNumber}>
                Row {row.rowNumber}: {(row.problems ?? []).join("; ")}
              </li>
            ))}
          </ul>
          {file.badRows > rejected.length ? (
            <p className="mt-2 text-sm text-slate-600">
              The first {n(rejected.length)} are shown; the download has all {n(file.badRows)}.
            </p>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
