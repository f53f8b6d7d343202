import { createDatabase } from "./connect";

async function main() {
  const database = await createDatabase();
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.driver}).`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("Migration failed:", error);
    process.exit(1);
  },
);
