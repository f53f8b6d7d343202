import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/connect";
import { clinics, invoiceCharges, invoices } from "@/db/schema";
import type { TestClinic } from "./fixtures";

/**
 * An invoice inserted directly as test data (not through the use cases): one charge of
 * `totalCents`, optionally already part-paid and in a set. Numbers come from the clinic's counter.
 */
export async function createTestInvoice(
  db: Executor,
  clinic: TestClinic,
  overrides: Partial<typeof invoices.$inferInsert> & { totalCents?: number } = {},
) {
  const [counter] = await db
    .update(clinics)
    .set({ nextInvoiceNumber: sql`${clinics.nextInvoiceNumber} + 1` })
    .where(eq(clinics.id, clinic.clinicId))
    .returning({ number: sql<number>`${clinics.nextInvoiceNumber} - 1` });
  const totalCents = overrides.totalCents ?? 10000;
  const [invoice] = await db
    .insert(invoices)
    .values({
      clinicId: clinic.clinicId,
      number: Number(counter?.number),
      clinicianId: clinic.clinicianId,
      status: "issued",
      serviceDate: "2026-10-01",
      issuedAt: new Date("2026-10-02T15:00:00Z"),
      dueDate: "2026-11-01",
      ...overrides,
      totalCents,
    })
    .returning();
  if (!invoice) throw new Error("invoice insert returned nothing");
  await db.insert(invoiceCharges).values({
    clinicId: clinic.clinicId,
    invoiceId: invoice.id,
    code: "D0150",
    description: "Comprehensive oral evaluation",
    quantity: 1,
    unitPriceCents: totalCents,
  });
  return invoice;
}
