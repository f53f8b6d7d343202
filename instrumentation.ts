/** Runs once when the server starts: stamp socket addresses, check the environment, then bring the schema up to date. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installSocketAddressHook } = await import("@/lib/security/socket-address-hook");
  installSocketAddressHook();
  const { installErrorRedaction } = await import("@/lib/security/redact-errors");
  installErrorRedaction();
  const { env } = await import("@/lib/env");
  env();
  const { getDb } = await import("@/db/client");
  const database = await getDb();
  await database.migrate();
}
