import type { Metadata } from "next";
import { PatientForm } from "@/components/patients/patient-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guard";
import { timeZoneOptions } from "@/lib/patients/contact-input";

export const metadata: Metadata = { title: "New Patient" };

/** Add a patient by hand; saving lands on the patient page. */
export default async function NewPatientPage() {
  const staff = await requireStaff("invoices:write");
  return (
    <div>
      <PageHeader title="New Patient" />
      <Card>
        <PatientForm
          timeZones={timeZoneOptions(null)}
          clinicTimeZone={staff.clinicTimeZone}
          initial={{
            firstName: "",
            lastName: "",
            dateOfBirth: "",
            phone: "",
            email: "",
            mrn: "",
            timeZone: "",
            preferredLanguage: "",
          }}
        />
      </Card>
    </div>
  );
}
