import { describe, expect, test } from "vitest";
import { toInvoiceSetTableRow } from "@/lib/invoice-sets/invoice-set-table-row";
import type { InvoiceSetRow } from "@/lib/invoice-sets/list-invoice-sets";

const row: InvoiceSetRow = {
  id: "b05c1c71-0000-4000-8000-000000000001",
  status: "paused",
  statusReason: "Patient asked to wait",
  resumeAt: new Date("2026-12-02T05:00:00Z"),
  amountOutstandingCents: 154_800,
  createdAt: new Date("2026-11-01T02:30:00Z"),
  nextSendAt: new Date("2026-12-02T13:59:00Z"),
  ruleSetId: "a801ae16-235b-42d1-b308-7ad55814f392",
  ruleSetTitle: "Standard (30 days)",
  patient: {
    id: "a05c1c71-0000-4000-8000-000000000001",
    firstName: "Sophia",
    lastName: "Williams",
    phone: "+12028746820",
    email: "sophia@example.com",
    externalId: "MRN-0000001",
    smsOptedOutAt: null,
    phoneIsLandline: false,
    phoneUnusableReason: null,
    emailUndeliverableAt: null,
    emailUndeliverableReason: null,
  },
};

describe("toInvoiceSetTableRow", () => {
  test("days, times and the phone are the clinic's, worked out on the server", () => {
    expect(toInvoiceSetTableRow(row, "America/New_York")).toEqual({
      id: row.id,
      status: "paused",
      reason: "Patient asked to wait",
      resumeDay: "Dec 2, 2026",
      amountOutstandingCents: 154_800,
      // 02:30 UTC on Nov 1 is still Oct 31 in New York.
      createdDay: "Oct 31, 2026",
      nextSend: { day: "Dec 2, 2026", time: "8:59 AM" },
      ruleSetId: row.ruleSetId,
      patient: {
        id: row.patient.id,
        name: "Sophia Williams",
        phoneText: "(202) 874-6820",
        externalId: "MRN-0000001",
      },
    });
  });

  test("a patient outreach cannot reach carries the reasons and which fixes apply", () => {
    const optedOut = { ...row.patient, smsOptedOutAt: new Date("2026-10-02T15:00:00Z") };
    const table = toInvoiceSetTableRow({ ...row, status: "will_fail", patient: optedOut }, "America/New_York");
    // The contact facts' reason, not the stored one; texts are blocked and email works.
    expect(table.reason).toBe("Opted out of texts on Oct 2");
    expect(table.emailOnlyFixes).toBe(true);
    // Only a row that offers Edit contact carries the stored contact.
    expect(table.patient.contact).toEqual({ phone: "+12028746820", email: "sophia@example.com" });
    // Failed with nothing wrong in the contact facts: the stored reason, and no email-only fix.
    const failed = toInvoiceSetTableRow({ ...row, status: "failed", statusReason: "Card declined" }, "UTC");
    expect(failed.reason).toBe("Card declined");
    expect(failed).not.toHaveProperty("emailOnlyFixes");
    // Empty fields are left out, not sent as null.
    const bare = toInvoiceSetTableRow({ ...row, statusReason: null, nextSendAt: null, resumeAt: null }, "UTC");
    expect(Object.keys(bare)).not.toContain("nextSend");
    expect(Object.keys(bare)).not.toContain("resumeDay");
    expect(Object.keys(bare)).not.toContain("reason");
    expect(bare.patient).not.toHaveProperty("contact");
    const noPhone = toInvoiceSetTableRow({ ...row, patient: { ...row.patient, phone: null } }, "UTC");
    expect(noPhone.patient).not.toHaveProperty("phoneText");
  });
});
