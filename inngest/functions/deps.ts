import type Stripe from "stripe";
import type { Db } from "@/db/connect";
import type { Transports } from "@/lib/providers/transport";

/** What every outreach function body needs; tests and the local engine pass their own. */
export interface SequenceDeps {
  db: () => Promise<Db>;
  transports: () => Transports;
  now: () => Date;
  /** Stripe for "Charge Card" steps; null when online payment is not configured. */
  stripe: () => Stripe | null;
}
