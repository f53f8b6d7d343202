import type { patients } from "@/db/schema";
import { AREA_CODES, FIRST_NAMES, LAST_NAMES, type Random, TIME_ZONES } from "./demo-data";

const DAY = 86_400_000;

/**
 * The demo's patients, with the contact problems staff meet in real life: every 25th has
 * a short number, no number, opted out of texts, or no email, at fixed places in the list.
 */
export function demoPatientValues(
  random: Random,
  clinic: { id: string; timeZone: string },
  count: number,
  now: Date,
): (typeof patients.$inferInsert)[] {
  return Array.from({ length: count }, (_, i) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const problem = i % 25;
    const phone =
      problem === 3
        ? "+1555123"
        : problem === 7
          ? null
          : `+1${random.pick(AREA_CODES)}55501${String(random.int(0, 99)).padStart(2, "0")}`;
    const email = problem === 11 ? null : `${firstName}.${lastName}${i}@example.com`.toLowerCase();
    const dateOfBirth = `${random.int(1940, 2015)}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
    const zone = random.pick(TIME_ZONES);
    return {
      clinicId: clinic.id,
      externalId: `MRN-${String(100001 + i)}`,
      firstName,
      lastName,
      dateOfBirth,
      phone,
      email,
      // Patients in the clinic's zone have none of their own: they use the clinic's.
      timeZone: zone === clinic.timeZone ? null : zone,
      smsOptedOutAt: problem === 5 ? new Date(now.getTime() - 20 * DAY) : null,
    };
  });
}
