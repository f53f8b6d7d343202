import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clinics } from "@/db/schema";
import { minuteToTime } from "@/lib/clinics/outreach-settings-input";
import { COMMON_TIME_ZONES } from "@/lib/patients/contact-input";
import { OutreachSettingsForm } from "./outreach-settings-form";

/** The "Outreach" section of /settings (the page checks the admin role before rendering it). */
export async function OutreachSettingsSection({ clinicId }: { clinicId: string }) {
  const { db } = await getDb();
  const [clinic] = await db.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) return null;
  const zones = [...new Set<string>([clinic.timeZone, ...COMMON_TIME_ZONES, ...Intl.supportedValuesOf("timeZone")])];
  return (
    <section aria-labelledby="outreach-settings" className="flex flex-col gap-3">
      <h2 id="outreach-settings" className="text-base font-semibold">
        Outreach
      </h2>
      <p className="text-sm text-slate-600">
        Messages go out only inside this window, in each patient&apos;s own time zone (the clinic&apos;s when the
        patient has none). Saving re-plans every waiting sequence.
      </p>
      <OutreachSettingsForm
        timeZones={zones}
        initial={{
          timeZone: clinic.timeZone,
          sendWindowStart: minuteToTime(clinic.sendWindowStartMinute),
          sendWindowEnd: minuteToTime(clinic.sendWindowEndMinute),
          sendDays: clinic.sendDays,
          showAmountInMessages: clinic.showAmountInMessages,
          sendsPerMinute: clinic.sendsPerMinute,
          allowAnyHour: clinic.allowAnyHour,
        }}
      />
    </section>
  );
}
