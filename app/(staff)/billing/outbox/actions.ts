"use server";

import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { simulateOutboxEvent } from "@/lib/outreach/simulate-outbox-event";
import { SIMULATIONS, simulateInputSchema } from "@/lib/outreach/simulations";

/** Outbox → Simulate: runs what the provider would report through the real webhook handlers. */
export const simulateOutboxAction = staffAction(
  { permission: "invoices:write", input: simulateInputSchema },
  async ({ messageId, simulation }, staff) => {
    const { db } = await getDb();
    const outcome = await simulateOutboxEvent(db, {
      clinicId: staff.clinicId,
      actor: staff.actor,
      messageId,
      simulation,
    });
    const label = SIMULATIONS[simulation].label;
    return {
      message:
        outcome === "applied"
          ? `Simulated “${label}”.`
          : `“${label}” changed nothing: the message is already past that point (${outcome.replaceAll("_", " ")}).`,
    };
  },
);
