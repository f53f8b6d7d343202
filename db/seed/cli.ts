import { createDatabase } from "../connect";
import { runScript } from "../run-script";
import { seedDemo } from "./seed-demo";
import { seedE2ePatientLinks } from "./seed-e2e-patient-links";
import { seedLakeside } from "./seed-lakeside";

async function main() {
  const database = await createDatabase();
  await database.migrate();
  const result = await database.db.transaction((tx) => seedDemo(tx));
  // The second demo clinic (admin@demo.clinic works for both).
  await seedLakeside(database.db);
  // Test-only: known patient link tokens for the Playwright suite (see db/seed/e2e-patient-links.ts).
  if (process.env.E2E_PATIENT_LINK_TOKENS === "1") await database.db.transaction((tx) => seedE2ePatientLinks(tx));
  await database.close();
  console.log(
    result.created
      ? `Demo clinic created (${database.driver}): ${result.patients} patients, ${result.invoices} invoices. Sign in as admin@demo.clinic / demo-password.`
      : `Demo clinic already present (${database.driver}); nothing changed.`,
  );
}

runScript("Seeding", main);
