import { createDatabase } from "./connect";
import { runScript } from "./run-script";

async function main() {
  const database = await createDatabase();
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.driver}).`);
}

runScript("Migration", main);
