import { describe, expect, test } from "vitest";
import { eventsAfterAction } from "@/lib/invoice-sets/action-events";

const clinicId = "00000000-0000-4000-8000-000000000001";
const set = (to: "active" | "paused" | "will_fail" | "failed") => ({
  id: "00000000-0000-4000-8000-000000000002",
  to,
  set: { patientId: "00000000-0000-4000-8000-000000000003" },
});
const names = (events: { name: string }[]) => events.map((event) => event.name);

describe("events after a staff action on invoice sets", () => {
  test("Change Rule Set on an Active set stops the old run and starts the new rule set", () => {
    expect(names(eventsAfterAction(clinicId, "change_rule_set", [set("active")]))).toEqual([
      "billing/invoice-set.stopped",
      "billing/invoice-set.activated",
    ]);
  });

  test.each(["will_fail", "failed"] as const)(
    "Change Rule Set on a %s set re-checks the patient, so a rule set that reaches them makes it Active",
    (to) => {
      const events = eventsAfterAction(clinicId, "change_rule_set", [set(to)]);
      expect(names(events)).toEqual(["billing/invoice-set.stopped", "billing/patient.contact-changed"]);
      expect(events[1]?.data).toEqual({ clinicId, patientId: "00000000-0000-4000-8000-000000000003" });
    },
  );

  test("Pause only stops; Resume to Active only starts", () => {
    expect(names(eventsAfterAction(clinicId, "pause", [set("paused")]))).toEqual(["billing/invoice-set.stopped"]);
    expect(names(eventsAfterAction(clinicId, "resume", [set("active")]))).toEqual(["billing/invoice-set.activated"]);
  });
});
