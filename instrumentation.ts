/** Runs once when the server starts: stamp socket addresses, check the environment, bring the schema up to date, start the local engine. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installSocketAddressHook } = await import("@/lib/security/socket-address-hook");
  installSocketAddressHook();
  const { installErrorRedaction } = await import("@/lib/security/redact-errors");
  installErrorRedaction();
  const { env } = await import("@/lib/env");
  const { OUTREACH_ENGINE } = env();
  const { getDb } = await import("@/db/client");
  const database = await getDb();
  await database.migrate();
  if (OUTREACH_ENGINE === "local") {
    const { startLocalEngine } = await import("@/inngest/local/scheduler");
    startLocalEngine();
  }
}
