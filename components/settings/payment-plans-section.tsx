import { eq } from "drizzle-orm";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { clinics } from "@/db/schema";
import type { StaffContext } from "@/lib/auth/guard";
import { formatCentsPlain } from "@/lib/money";
import { PaymentPlanSettingsForm } from "./payment-plan-settings-form";

/** "Payment plans" on /settings: installment limits, reminders, and the largest Charge Card charge. */
export async function PaymentPlansSection({ staff }: { staff: StaffContext }) {
  const { db } = await getDb();
  const [settings] = await db
    .select({
      minInstallmentCents: clinics.minInstallmentCents,
      patientPlanMonths: clinics.patientPlanMonths,
      cardChargeMaxCents: clinics.cardChargeMaxCents,
      installmentReminderDays: clinics.installmentReminderDays,
    })
    .from(clinics)
    .where(eq(clinics.id, staff.clinicId));
  if (!settings) return null;
  return (
    <Card aria-labelledby="plan-settings-heading">
      <h2 id="plan-settings-heading" className="mb-4 text-lg font-semibold">
        Payment plans
      </h2>
      <PaymentPlanSettingsForm
        initial={{
          minInstallment: formatCentsPlain(settings.minInstallmentCents),
          patientPlanMonths: settings.patientPlanMonths.join(", "),
          cardChargeMax: settings.cardChargeMaxCents === null ? "" : formatCentsPlain(settings.cardChargeMaxCents),
          installmentReminderDays: String(settings.installmentReminderDays),
        }}
      />
    </Card>
  );
}
