/** Runs once when the server starts: check the environment, then bring the schema up to date. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  env();
  const { getDb } = await import("@/db/client");
  const database = await getDb();
  await database.migrate();
}
