import { z } from "zod";
import { parseDollarsToCents } from "@/lib/money";

/** The largest amount one invoice may total, well inside Postgres' integer. */
export const MAX_INVOICE_TOTAL_CENTS = 1_000_000_000;

const optionalId = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(z.uuid("Choose from the list.").nullable())
  .nullish()
  .transform((value) => value ?? null);

const optionalDate = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(z.iso.date("Enter a date as YYYY-MM-DD.").nullable())
  .nullish()
  .transform((value) => value ?? null);

export const chargeInputSchema = z.object({
  /** Optional: self-pay visits often have no procedure code. */
  code: z.string().trim().max(20, "Use at most 20 characters.").default(""),
  description: z.string().trim().min(1, "Enter a description.").max(200, "Use at most 200 characters."),
  quantity: z.coerce
    .number("Enter a whole number.")
    .int("Enter a whole number.")
    .min(1, "At least 1.")
    .max(100, "At most 100."),
  /** Dollars as typed ("125", "1,250.50"); becomes integer cents. */
  unitPrice: z
    .string()
    .trim()
    .min(1, "Enter a unit price.")
    .transform((value, ctx) => {
      const cents = parseDollarsToCents(value);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: "Enter an amount like 125.00." });
        return z.NEVER;
      }
      if (cents > 10_000_000) {
        ctx.addIssue({ code: "custom", message: "At most $100,000.00 per unit." });
        return z.NEVER;
      }
      return cents;
    }),
});

/** A charge row the person never touched: nothing typed, quantity left at 1 or cleared. */
function isBlankCharge(row: unknown): boolean {
  if (typeof row !== "object" || row === null) return false;
  const text = (key: string) => {
    const value = (row as Record<string, unknown>)[key];
    return typeof value === "string" ? value.trim() : value == null ? "" : String(value);
  };
  return !text("code") && !text("description") && !text("unitPrice") && ["", "1"].includes(text("quantity"));
}

/**
 * The charge rows, with completely empty rows left out. Rows are checked where they stand,
 * so an error on the form's third row is reported at index 2 even if a row above is blank.
 */
const chargesSchema = z
  .array(z.unknown())
  .max(50, "At most 50 charges per invoice.")
  .default([])
  .transform((rows, ctx) => {
    const charges: z.output<typeof chargeInputSchema>[] = [];
    for (const [index, row] of rows.entries()) {
      if (isBlankCharge(row)) continue;
      const parsed = chargeInputSchema.safeParse(row);
      if (parsed.success) charges.push(parsed.data);
      else for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [index, ...issue.path] });
    }
    return charges;
  });

export const draftInputSchema = z
  .object({
    patientId: optionalId,
    clinicianId: optionalId,
    serviceDate: optionalDate,
    dueDate: optionalDate,
    notes: z
      .string()
      .trim()
      .max(2000, "Use at most 2,000 characters.")
      .nullish()
      .transform((value) => value || null),
    charges: chargesSchema,
  })
  .superRefine((draft, ctx) => {
    if (!draft.patientId && draft.charges.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["patientId"],
        message: "Choose a patient or add a charge to save a draft.",
      });
    }
    const total = draft.charges.reduce((sum, charge) => sum + charge.quantity * charge.unitPrice, 0);
    if (total > MAX_INVOICE_TOTAL_CENTS) {
      ctx.addIssue({
        code: "custom",
        path: ["charges"],
        message: "The invoice total is too large; split it into several invoices.",
      });
    }
    if (draft.serviceDate && draft.dueDate && draft.dueDate < draft.serviceDate) {
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "The due date can't be before the service date." });
    }
  });

export type DraftInput = z.output<typeof draftInputSchema>;
export type DraftFormValues = z.input<typeof draftInputSchema>;
