import { and, asc, desc, eq, gt, isNotNull } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { importRows, imports, users } from "@/db/schema";

/** The clinic's imports, newest first: who, when, which file, and the counts. */
export function listImports(db: Executor, clinicId: string) {
  return db
    .select({
      id: imports.id,
      fileName: imports.fileName,
      createdAt: imports.createdAt,
      completedAt: imports.completedAt,
      uploadedBy: users.name,
      totalRows: imports.totalRows,
      badRows: imports.badRows,
      createdPatients: imports.createdPatients,
      changedPatients: imports.changedPatients,
      createdInvoices: imports.createdInvoices,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.createdByUserId))
    .where(eq(imports.clinicId, clinicId))
    .orderBy(desc(imports.createdAt))
    .limit(200);
}

/** One import of this clinic (without the file text), or null. */
export async function getImport(db: Executor, clinicId: string, importId: string) {
  const [row] = await db
    .select({
      id: imports.id,
      fileName: imports.fileName,
      headers: imports.headers,
      mapping: imports.mapping,
      totalRows: imports.totalRows,
      goodRows: imports.goodRows,
      badRows: imports.badRows,
      newPatients: imports.newPatients,
      updatedPatients: imports.updatedPatients,
      newInvoices: imports.newInvoices,
      issueInvoices: imports.issueInvoices,
      importedRows: imports.importedRows,
      createdPatients: imports.createdPatients,
      changedPatients: imports.changedPatients,
      createdInvoices: imports.createdInvoices,
      issuedInvoices: imports.issuedInvoices,
      startedAt: imports.startedAt,
      completedAt: imports.completedAt,
      createdAt: imports.createdAt,
    })
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.clinicId, clinicId)));
  return row ?? null;
}

/** Rejected rows in file order, `limit` at a time after a row number (the page shows the first; the CSV walks all). */
export function listRejectedRows(db: Executor, importId: string, afterRow: number, limit: number) {
  return db
    .select({ rowNumber: importRows.rowNumber, data: importRows.data, problems: importRows.problems })
    .from(importRows)
    .where(and(eq(importRows.importId, importId), isNotNull(importRows.problems), gt(importRows.rowNumber, afterRow)))
    .orderBy(asc(importRows.rowNumber))
    .limit(limit);
}
