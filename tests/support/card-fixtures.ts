import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { Executor } from "@/db/connect";
import { paymentCards } from "@/db/schema";
import type { FakeStripe } from "../e2e/patient/support/fake-stripe";
import type { TestClinic } from "./fixtures";

/** The real Stripe SDK against the local fake; no network retries, so a decline is answered once. */
export function stripeAgainst(fake: FakeStripe): Stripe {
  const url = new URL(fake.origin);
  return new Stripe("sk_test_fake", {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
}

/** A card on file with consent, as the setup webhook saves it; returns its payment method id. */
export async function saveTestCard(
  db: Executor,
  clinic: TestClinic,
  patientId: string,
  paymentMethodId = `pm_test_${randomBytes(5).toString("hex")}`,
) {
  await db.insert(paymentCards).values({
    clinicId: clinic.clinicId,
    patientId,
    stripeCustomerId: "cus_test_on_file",
    stripePaymentMethodId: paymentMethodId,
    brand: "visa",
    last4: "4242",
    expMonth: 4,
    expYear: 2028,
    consentText: "I authorise Test Clinic to charge this card",
    consentedAt: new Date(),
    setupSessionId: `cs_test_${randomBytes(8).toString("hex")}`,
  });
  return paymentMethodId;
}
