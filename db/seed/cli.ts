import { createDatabase } from "../connect";
import { seedDemo } from "./seed-demo";

async function main() {
  const database = await createDatabase();
  await database.migrate();
  const result = await database.db.transaction((tx) => seedDemo(tx));
  await database.close();
  console.log(
    result.created
      ? `Demo clinic created (${database.driver}): ${result.patients} patients, ${result.invoices} invoices. Sign in as admin@demo.clinic / demo-password.`
      : `Demo clinic already present (${database.driver}); nothing changed.`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("Seeding failed:", error);
    process.exit(1);
  },
);
