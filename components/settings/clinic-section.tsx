import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import type { StaffContext } from "@/lib/auth/guard";
import { getClinicSettings } from "@/lib/clinics/get-clinic-settings";
import { COMMON_TIME_ZONES } from "@/lib/patients/contact-input";
import { ClinicSettingsForm } from "./clinic-settings-form";

export async function ClinicSection({ staff }: { staff: StaffContext }) {
  const { db } = await getDb();
  const settings = await getClinicSettings(db, staff.clinicId);
  if (!settings) return null;
  const zones = [...new Set<string>([settings.timeZone, ...COMMON_TIME_ZONES, ...Intl.supportedValuesOf("timeZone")])];
  return (
    <Card aria-labelledby="clinic-settings-heading">
      <h2 id="clinic-settings-heading" className="mb-4 text-lg font-semibold">
        Clinic
      </h2>
      <ClinicSettingsForm
        timeZones={zones}
        initial={{
          name: settings.name,
          phone: settings.phone ?? "",
          email: settings.email ?? "",
          timeZone: settings.timeZone,
          defaultDueDays: String(settings.defaultDueDays),
          patientLinkDays: String(settings.patientLinkDays),
          requireTwoFactor: settings.requireTwoFactor,
        }}
      />
    </Card>
  );
}
