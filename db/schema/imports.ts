import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./clinics";
import { users } from "./users";

/** One CSV file a biller imported: what it held, the preview's counts, and what the import wrote. */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    fileName: text("file_name").notNull(),
    /** The file as uploaded; the preview re-reads it when the column mapping changes. */
    fileText: text("file_text").notNull(),
    headers: text("headers").array().notNull(),
    /** Target field ("mrn", "date_of_birth", …) → the file's column header. */
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    goodRows: integer("good_rows").notNull().default(0),
    badRows: integer("bad_rows").notNull().default(0),
    newPatients: integer("new_patients").notNull().default(0),
    updatedPatients: integer("updated_patients").notNull().default(0),
    newInvoices: integer("new_invoices").notNull().default(0),
    issueInvoices: boolean("issue_invoices").notNull().default(false),
    /** Good rows written so far (the progress bar), then the totals written. */
    importedRows: integer("imported_rows").notNull().default(0),
    /** The last row a batch wrote: the next batch starts after it. */
    lastRowNumber: integer("last_row_number").notNull().default(0),
    createdPatients: integer("created_patients").notNull().default(0),
    changedPatients: integer("changed_patients").notNull().default(0),
    createdInvoices: integer("created_invoices").notNull().default(0),
    issuedInvoices: integer("issued_invoices").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("imports_clinic_created_idx").on(t.clinicId, t.createdAt)],
);

/** The preview's rows: normalized when good, with their problems when bad. Imports read them a batch at a time. */
export const importRows = pgTable(
  "import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    /** The row's line in the file (the header is line 1), as spreadsheets number it. */
    rowNumber: integer("row_number").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    problems: text("problems").array(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

export type Import = typeof imports.$inferSelect;
