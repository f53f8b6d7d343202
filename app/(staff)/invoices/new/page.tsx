import type { Metadata } from "next";
import { z } from "zod";
import { InvoiceForm } from "@/components/invoices/invoice-form";
import { NEW_INVOICE_VALUES, toPickedPatient } from "@/components/invoices/invoice-form-values";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { listActiveClinicians } from "@/lib/invoices/list-clinicians";
import { getPatient } from "@/lib/patients/get-patient";

export const metadata: Metadata = { title: "New Invoice" };

/** Create an invoice; `?patientId=` (from the patient page) picks the patient up front. */
export default async function NewInvoicePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("invoices:write");
  const { db } = await getDb();
  const patientId = z.uuid().safeParse((await searchParams).patientId);
  const [clinicians, patient] = await Promise.all([
    listActiveClinicians(db, staff.clinicId),
    patientId.success ? getPatient(db, { clinicId: staff.clinicId, patientId: patientId.data }) : null,
  ]);
  // The picked patient's name, MRN, date of birth and phone are shown: a read of patient data.
  if (patient) {
    await recordView(db, staff, {
      action: VIEW_ACTIONS.patient,
      entityType: "patient",
      entityId: patient.id,
      details: { patientId: patient.id, page: "new_invoice" },
    });
  }
  return (
    <div>
      <PageHeader title="New Invoice" />
      <Card>
        <InvoiceForm
          clinicians={clinicians}
          initial={{
            ...NEW_INVOICE_VALUES,
            patient: patient ? toPickedPatient(patient) : null,
          }}
        />
      </Card>
    </div>
  );
}
