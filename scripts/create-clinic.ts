import { parseArgs } from "node:util";
import { z } from "zod";
import { createDatabase } from "../db/connect";
import { runScript } from "../db/run-script";
import { SYSTEM } from "../lib/actor";
import { createClinic, newClinicSchema } from "../lib/clinics/create-clinic";
import { createInvitation } from "../lib/staff/create-invitation";
import { INVITATION_DAYS, invitationUrl } from "../lib/staff/invitation-links";

const USAGE =
  'Usage: npm run clinic:create -- --name "Clinic name" --admin-email admin@clinic.com [--time-zone America/Chicago] [--phone …] [--email …]';

/**
 * For operators: a new clinic and a one-time invitation link for its first admin, printed
 * here (no email is sent). The link works once, for 7 days; base URL from APP_URL.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      name: { type: "string" },
      "admin-email": { type: "string" },
      "time-zone": { type: "string", default: "America/New_York" },
      phone: { type: "string", default: "" },
      email: { type: "string", default: "" },
    },
  });
  const clinic = newClinicSchema.safeParse({
    clinicName: values.name ?? "",
    timeZone: values["time-zone"],
    clinicPhone: values.phone,
    clinicEmail: values.email,
  });
  const adminEmail = z.email().safeParse(values["admin-email"]?.trim().toLowerCase());
  if (!clinic.success || !adminEmail.success) {
    const problems = [
      ...(clinic.error?.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`) ?? []),
      ...(adminEmail.success ? [] : ["--admin-email: enter a valid email address"]),
    ];
    throw new Error(`${problems.join("\n  ")}\n${USAGE}`);
  }
  const appUrl = z.url().parse(process.env.APP_URL ?? "http://localhost:3000");
  const database = await createDatabase();
  await database.migrate();
  const { token } = await database.db.transaction(async (tx) => {
    const { clinicId } = await createClinic(tx, clinic.data);
    return createInvitation(tx, { clinicId, actor: SYSTEM, email: adminEmail.data, role: "admin" });
  });
  await database.close();
  console.log(`Clinic "${clinic.data.clinicName}" created.`);
  console.log(`Send this one-time link to ${adminEmail.data} (valid ${INVITATION_DAYS} days):`);
  console.log(invitationUrl(token, appUrl));
}

runScript("Creating the clinic", main);
