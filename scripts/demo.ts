import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDatabase } from "../db/connect";
import { seedDemo } from "../db/seed/seed-demo";
import { seedLakeside } from "../db/seed/seed-lakeside";

/**
 * `npm run demo`: migrate and seed (PGlite in .data/ unless DATABASE_URL is set), then
 * start the dev server. The database is closed before the server opens it, because
 * PGlite allows only one process at a time.
 */
function localAuthSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function main() {
  const database = await createDatabase();
  await database.migrate();
  const result = await database.db.transaction((tx) => seedDemo(tx));
  await seedLakeside(database.db);
  await database.close();
  console.log(result.created ? "Demo data created." : "Demo data already present.");

  const port = process.env.PORT ?? "3000";
  const env = {
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? localAuthSecret(),
    AUTH_TRUST_HOST: "true",
    INNGEST_DEV: process.env.INNGEST_DEV ?? "1",
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  };
  console.log(`\nOpen http://localhost:${port} and sign in as admin@demo.clinic / demo-password\n`);
  const server = spawn("npx", ["next", "dev", "-p", port], { stdio: "inherit", env });
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
