import { createDatabase } from "../connect";
import { runScript } from "../run-script";
import { seedDemo } from "./seed-demo";
import { seedE2eOverview } from "./seed-e2e-overview";
import { seedE2ePatientLinks } from "./seed-e2e-patient-links";
import { seedEmailOnlyRuleSet } from "./seed-email-only-rule-set";
import { seedLakeside } from "./seed-lakeside";

async function main() {
  const database = await createDatabase();
  await database.migrate();
  const result = await database.db.transaction(async (tx) => {
    // The seed runs outside the app (lib/env.ts is server-only): the link base comes straight from APP_URL.
    const seeded = await seedDemo(tx, { appUrl: process.env.APP_URL });
    if (seeded.created) await seedEmailOnlyRuleSet(tx, seeded.clinicId);
    return seeded;
  });
  // The second demo clinic (admin@demo.clinic works for both).
  await seedLakeside(database.db);
  // Test-only: known patient link tokens for the Playwright suite (see db/seed/e2e-patient-links.ts).
  if (process.env.E2E_PATIENT_LINK_TOKENS === "1") {
    await database.db.transaction((tx) => seedE2ePatientLinks(tx));
    // Test-only too: a clinic with a hand-computed Overview (tests/e2e/overview).
    await database.db.transaction((tx) => seedE2eOverview(tx));
  }
  await database.close();
  console.log(
    result.created
      ? `Demo clinic created (${database.driver}): ${result.patients} patients, ${result.invoices} invoices. Sign in as admin@demo.clinic / demo-password.`
      : `Demo clinic already present (${database.driver}); nothing changed.`,
  );
}

runScript("Seeding", main);
