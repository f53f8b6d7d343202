import { getDb } from "@/db/client";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";
import { getStripe } from "@/lib/stripe/client";
import type { SequenceDeps } from "./deps";

/** The app's database and transports (providers when configured, else the outbox). */
export const defaultDeps: SequenceDeps = {
  db: async () => (await getDb()).db,
  transports: transportsFromEnv,
  now: () => new Date(),
  stripe: getStripe,
};
