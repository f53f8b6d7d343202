import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InvoiceStatusBadges } from "@/components/invoices/invoice-status-badge";
import { PatientForm } from "@/components/patients/patient-form";
import { CardOnFile } from "@/components/payment-cards/card-on-file";
import { PatientPaymentPlanCard } from "@/components/payment-plans/patient-payment-plan-card";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { recordView, VIEW_ACTIONS } from "@/lib/audit/record-view";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/permissions";
import { formatCalendarDate, formatDateInZone } from "@/lib/format/dates";
import { formatPhone } from "@/lib/format/phone";
import { listInvoices } from "@/lib/invoices/list-invoices";
import { formatCents } from "@/lib/money";
import { clinicTimeZoneLabel, timeZoneOptions } from "@/lib/patients/contact-input";
import { getPatient } from "@/lib/patients/get-patient";
import { describePaymentCard, loadPaymentCard } from "@/lib/payment-cards/load-payment-card";
import { loadPatientPaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";

export const metadata: Metadata = { title: "Patient" };

/** The patient, their invoices and contact details. Opening it is audited (patient.view). */
export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { db } = await getDb();
  const patient = await getPatient(db, { clinicId: staff.clinicId, patientId: id.data });
  if (!patient) notFound();
  await recordView(db, staff, {
    action: VIEW_ACTIONS.patient,
    entityType: "patient",
    entityId: patient.id,
    details: { patientId: patient.id },
  });
  const { rows: invoiceRows } = await listInvoices(db, { clinicId: staff.clinicId, patientId: patient.id, limit: 100 });
  const canWrite = roleAllows(staff.role, "invoices:write");
  const owed = invoiceRows
    .filter((row) => row.status === "issued" || row.status === "partially_paid")
    .reduce((sum, row) => sum + (row.balanceCents ?? 0), 0);
  const card = await loadPaymentCard(db, { clinicId: staff.clinicId, patientId: patient.id });
  const planContext = await loadPatientPaymentPlanContext(db, { clinicId: staff.clinicId, patientId: patient.id });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={`${patient.firstName} ${patient.lastName}`}>
        {canWrite ? (
          <>
            <Button asChild variant="secondary">
              <Link href={`/invoices/new?patientId=${patient.id}`}>New Invoice</Link>
            </Button>
            <Button asChild>
              <Link href={`/patients/${patient.id}/payment`}>Take Payment</Link>
            </Button>
          </>
        ) : null}
      </PageHeader>

      <Card aria-labelledby="contact-heading">
        <h2 id="contact-heading" className="mb-3 text-lg font-semibold">
          Contact details
        </h2>
        <dl className="mb-4 grid gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">MRN</dt>
            <dd>{patient.externalId}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Date of birth</dt>
            <dd>{formatCalendarDate(patient.dateOfBirth)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Balance</dt>
            <dd data-testid="patient-balance">{formatCents(owed)}</dd>
          </div>
          {patient.smsOptedOutAt ? (
            <div>
              <dt className="text-slate-500">Texts</dt>
              <dd>Opted out {formatDateInZone(patient.smsOptedOutAt, staff.clinicTimeZone)}</dd>
            </div>
          ) : null}
          {patient.phoneUnusableReason ? (
            <div>
              <dt className="text-slate-500">Phone problem</dt>
              <dd>{patient.phoneUnusableReason}</dd>
            </div>
          ) : null}
          {patient.emailUndeliverableReason ? (
            <div>
              <dt className="text-slate-500">Email problem</dt>
              <dd>{patient.emailUndeliverableReason}</dd>
            </div>
          ) : null}
        </dl>
        <div className="mb-4">
          <CardOnFile
            patientId={patient.id}
            description={card ? describePaymentCard(card, staff.clinicTimeZone) : null}
            canWrite={canWrite}
          />
        </div>
        {canWrite ? (
          <PatientForm
            patientId={patient.id}
            timeZones={timeZoneOptions(patient.timeZone)}
            clinicTimeZone={staff.clinicTimeZone}
            initial={{
              firstName: patient.firstName,
              lastName: patient.lastName,
              dateOfBirth: patient.dateOfBirth,
              phone: patient.phone ? formatPhone(patient.phone) : "",
              email: patient.email ?? "",
              mrn: patient.externalId,
              timeZone: patient.timeZone ?? "",
              preferredLanguage: patient.preferredLanguage ?? "",
            }}
          />
        ) : (
          <dl className="grid gap-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Phone</dt>
              <dd>{patient.phone ? formatPhone(patient.phone) : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Email</dt>
              <dd>{patient.email ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Time zone</dt>
              <dd>{patient.timeZone ?? clinicTimeZoneLabel(staff.clinicTimeZone)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Preferred language</dt>
              <dd>{patient.preferredLanguage ?? "—"}</dd>
            </div>
          </dl>
        )}
      </Card>

      {planContext ? (
        <PatientPaymentPlanCard
          context={planContext}
          patientName={`${patient.firstName} ${patient.lastName}`}
          canWrite={canWrite}
        />
      ) : null}

      <Card aria-labelledby="invoices-heading" className="overflow-x-auto">
        <h2 id="invoices-heading" className="mb-3 text-lg font-semibold">
          Invoices
        </h2>
        {invoiceRows.length === 0 ? (
          <p className="text-sm text-slate-600">No invoices yet.</p>
        ) : (
          <Table framed={false} aria-labelledby="invoices-heading">
            <TableHeader>
              <TableRow>
                <TableHead>Invoice</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Service date</TableHead>
                <TableHead>Issued</TableHead>
                <TableHead>Due</TableHead>
                <TableHead className="text-right">Total</TableHead>
                <TableHead className="text-right">Balance</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invoiceRows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell>
                    <Link className="text-blue-700 hover:underline" href={`/invoices/${row.id}`}>
                      #{row.number}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <InvoiceStatusBadges status={row.status} pastDue={row.pastDue} badDebt={row.badDebt} />
                  </TableCell>
                  <TableCell>{formatCalendarDate(row.serviceDate)}</TableCell>
                  <TableCell>{formatDateInZone(row.issuedAt, staff.clinicTimeZone)}</TableCell>
                  <TableCell>{formatCalendarDate(row.dueDate)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(row.totalCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(row.balanceCents ?? 0)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
