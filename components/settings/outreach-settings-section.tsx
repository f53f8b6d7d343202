import { eq } from "drizzle-orm";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { clinics } from "@/db/schema";
import type { StaffContext } from "@/lib/auth/guard";
import { minuteToTime } from "@/lib/clinics/outreach-settings-input";
import { OutreachSettingsForm } from "./outreach-settings-form";

/** The "Outreach" section of /settings (the page checks the admin role before rendering it). */
export async function OutreachSettingsSection({ staff }: { staff: StaffContext }) {
  const { clinicId } = staff;
  const { db } = await getDb();
  const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) return null;
  return (
    <Card aria-labelledby="outreach-settings-heading" className="flex flex-col gap-3">
      <h2 id="outreach-settings-heading" className="text-lg font-semibold">
        Outreach
      </h2>
      <p className="text-sm text-slate-600">
        Messages go out only inside this window, in each patient&apos;s own time zone (the clinic&apos;s time zone, set
        above, when the patient has none). Saving re-plans every waiting sequence.
      </p>
      <OutreachSettingsForm
        initial={{
          sendWindowStart: minuteToTime(clinic.sendWindowStartMinute),
          sendWindowEnd: minuteToTime(clinic.sendWindowEndMinute),
          sendDays: clinic.sendDays,
          showAmountInMessages: clinic.showAmountInMessages,
          sendsPerMinute: clinic.sendsPerMinute,
          allowAnyHour: clinic.allowAnyHour,
        }}
      />
    </Card>
  );
}
