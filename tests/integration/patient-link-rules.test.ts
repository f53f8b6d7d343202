import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { auditLog, invoiceSets, patientLinks, signInThrottle, timelineEvents } from "@/db/schema";
import { isLatestLinkIdentityLocked } from "@/lib/patient-links/identity-lock-warning";
import { resolvePatientLink } from "@/lib/patient-links/resolve-patient-link";
import { revokePatientLinksForSets } from "@/lib/patient-links/revoke-patient-links";
import { createPatientLink } from "@/lib/patient-links/tokens";
import { recordLinkOpened } from "@/lib/patient-portal/record-link-opened";
import { dobIpKey, verifyDateOfBirth } from "@/lib/patient-portal/verify-date-of-birth";
import { createTestClinic, createTestInvoiceSet, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
const DOB = "1985-04-12";
const now = new Date("2026-11-22T15:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
});

async function newLink(overrides: { expiresAt?: Date; status?: "active" | "paid" } = {}) {
  const patient = await createTestPatient(database.db, clinic.clinicId, { dateOfBirth: DOB });
  const set = await createTestInvoiceSet(database.db, clinic, {
    patientId: patient.id,
    status: overrides.status ?? "active",
  });
  const { token } = await createPatientLink(database.db, {
    clinicId: clinic.clinicId,
    invoiceSetId: set.id,
    expiresAt: overrides.expiresAt ?? new Date(now.getTime() + 30 * 86_400_000),
  });
  return { token, set, patient };
}

async function eventsFor(setId: string, kind: "identity_check" | "link_opened") {
  return database.db
    .select({ summary: timelineEvents.summary, actorKind: timelineEvents.actorKind })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.invoiceSetId, setId), eq(timelineEvents.kind, kind)));
}

describe("link resolution", () => {
  test("a fresh link is usable; its token is stored only as a hash", async () => {
    const { token, set } = await newLink();
    const resolved = await resolvePatientLink(database.db, token, now);
    expect(resolved.state).toBe("ok");
    const rows = await database.db
      .select({ tokenHash: patientLinks.tokenHash })
      .from(patientLinks)
      .where(eq(patientLinks.invoiceSetId, set.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
  });

  test("unknown and malformed tokens are unknown; expired, revoked and closed links are unavailable", async () => {
    expect((await resolvePatientLink(database.db, "A".repeat(43), now)).state).toBe("unknown");
    expect((await resolvePatientLink(database.db, "../../etc/passwd", now)).state).toBe("unknown");

    const expired = await newLink({ expiresAt: minutes(-1) });
    expect(await resolvePatientLink(database.db, expired.token, now)).toMatchObject({
      state: "unavailable",
      reason: "expired",
    });

    const revoked = await newLink();
    expect(
      await revokePatientLinksForSets(database.db, { clinicId: clinic.clinicId, invoiceSetIds: [revoked.set.id], now }),
    ).toBe(1);
    expect(await resolvePatientLink(database.db, revoked.token, now)).toMatchObject({
      state: "unavailable",
      reason: "revoked",
    });

    // A set closed by a path that did not revoke its links is still refused at open time.
    const closed = await newLink();
    await database.db.update(invoiceSets).set({ status: "paid" }).where(eq(invoiceSets.id, closed.set.id));
    expect(await resolvePatientLink(database.db, closed.token, now)).toMatchObject({
      state: "unavailable",
      reason: "closed",
    });
    expect(
      await verifyDateOfBirth(database.db, { token: closed.token, dateOfBirth: DOB, ip: "198.51.100.1", now }),
    ).toEqual({ outcome: "unavailable" });
  });

  test("revoking another clinic's set changes nothing", async () => {
    const { token, set } = await newLink();
    const other = await createTestClinic(database.db, "Other Clinic");
    expect(await revokePatientLinksForSets(database.db, { clinicId: other.clinicId, invoiceSetIds: [set.id] })).toBe(0);
    expect((await resolvePatientLink(database.db, token, now)).state).toBe("ok");
  });

  test("an open lands on the set's timeline and the audit log as the patient", async () => {
    const { token, set } = await newLink();
    const resolved = await resolvePatientLink(database.db, token, now);
    if (resolved.state !== "ok") throw new Error("link should be usable");
    await recordLinkOpened(database.db, { link: resolved.link, ip: "198.51.100.2", now });
    expect(await eventsFor(set.id, "link_opened")).toEqual([
      { summary: "Patient opened the statement link", actorKind: "patient" },
    ]);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, resolved.link.id), eq(auditLog.action, "patient_link.open")));
    expect(audits[0]?.ip).toBe("198.51.100.2");
  });
});

describe("date of birth check", () => {
  const WRONG = "1990-01-01";
  /** A fresh address for every guess: the per-set count must hold whatever the client's address. */
  let octet = 0;
  const rotatingIp = () => `198.51.${Math.floor(octet / 250)}.${(octet++ % 250) + 1}`;

  test("the lock ladder (15 min, 1 h, 24 h) then a permanent revoke, with a new address for every guess", async () => {
    const { token, set } = await newLink();
    const guess = (at: Date, dateOfBirth = WRONG) =>
      verifyDateOfBirth(database.db, { token, dateOfBirth, ip: rotatingIp(), now: at });

    for (let attempt = 1; attempt <= 4; attempt += 1)
      expect(await guess(now)).toEqual({ outcome: "wrong", attemptsLeft: 5 - attempt });
    expect(await guess(now)).toEqual({ outcome: "locked", lockedUntil: minutes(15) });
    // Locked: even the right answer is not checked, and a wrong one is not counted.
    expect((await guess(minutes(14), DOB)).outcome).toBe("locked");
    expect((await guess(minutes(14))).outcome).toBe("locked");

    expect(await guess(minutes(16))).toEqual({ outcome: "wrong", attemptsLeft: 1 });
    expect(await guess(minutes(16))).toEqual({ outcome: "locked", lockedUntil: minutes(16 + 60) });
    expect((await guess(minutes(70))).outcome).toBe("locked");

    expect(await guess(minutes(80))).toEqual({ outcome: "wrong", attemptsLeft: 1 });
    expect(await guess(minutes(80))).toEqual({ outcome: "locked", lockedUntil: minutes(80 + 24 * 60) });
    expect((await guess(minutes(23 * 60))).outcome).toBe("locked");

    const tenth = await guess(minutes(26 * 60));
    expect(tenth).toEqual({ outcome: "revoked", clinicPhone: "+15550100000" });
    // For good: the right answer, any time later, from any address, is refused.
    expect(await guess(minutes(60 * 24 * 30), DOB)).toEqual({ outcome: "unavailable" });
    expect((await resolvePatientLink(database.db, token, minutes(26 * 60))).state).toBe("unavailable");

    const [link] = await database.db.select().from(patientLinks).where(eq(patientLinks.invoiceSetId, set.id));
    expect(link).toMatchObject({ failedAttempts: 10, revokedReason: "identity_lock" });
    const summaries = (await eventsFor(set.id, "identity_check")).map((event) => event.summary);
    expect(summaries.filter((summary) => summary.startsWith("Date of birth did not match"))).toHaveLength(10);
    expect(summaries).toEqual(
      expect.arrayContaining([
        "Link locked for 15 minutes after 5 wrong dates of birth",
        "Link locked for 1 hour after 7 wrong dates of birth",
        "Link locked for 24 hours after 9 wrong dates of birth",
        "Patient link locked after repeated wrong dates of birth",
      ]),
    );
    const actions = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, link?.id ?? ""));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(["patient_link.locked", "patient_link.revoked_identity_lock"]),
    );
  });

  test("guesses spread over several links of one set share one count of 10", async () => {
    const first = await newLink();
    const links = [first.token];
    for (let i = 0; i < 2; i += 1) {
      const { token } = await createPatientLink(database.db, {
        clinicId: clinic.clinicId,
        invoiceSetId: first.set.id,
        expiresAt: minutes(60 * 24 * 30),
      });
      links.push(token);
    }
    let at = 0;
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      // Always wait out any lock: only the permanent count stops the guessing.
      at += 25 * 60;
      const result = await verifyDateOfBirth(database.db, {
        token: links[i % links.length] ?? "",
        dateOfBirth: WRONG,
        ip: rotatingIp(),
        now: minutes(at),
      });
      outcomes.push(result.outcome);
    }
    expect(outcomes.at(-1)).toBe("revoked");
    expect(outcomes.filter((outcome) => outcome === "locked")).toHaveLength(3);
    const rows = await database.db.select().from(patientLinks).where(eq(patientLinks.invoiceSetId, first.set.id));
    expect(rows.map((row) => row.revokedReason)).toEqual(["identity_lock", "identity_lock", "identity_lock"]);
    expect(await isLatestLinkIdentityLocked(database.db, clinic.clinicId, first.set.id)).toBe(true);
    // A link staff create afterwards starts a fresh count and opens with the right answer.
    const { token: fresh } = await createPatientLink(database.db, {
      clinicId: clinic.clinicId,
      invoiceSetId: first.set.id,
      expiresAt: minutes(60 * 24 * 60),
    });
    expect(
      (await verifyDateOfBirth(database.db, { token: fresh, dateOfBirth: DOB, ip: rotatingIp(), now: minutes(at + 1) }))
        .outcome,
    ).toBe("verified");
    expect(await isLatestLinkIdentityLocked(database.db, clinic.clinicId, first.set.id)).toBe(false);
  });

  test("guessing every hour for 40 days: no link allows more than 10 guesses over its life", async () => {
    const { token, set } = await newLink();
    let last = "";
    for (let hour = 0; hour < 24 * 40 && last !== "unavailable"; hour += 1) {
      last = (
        await verifyDateOfBirth(database.db, { token, dateOfBirth: WRONG, ip: rotatingIp(), now: minutes(hour * 60) })
      ).outcome;
    }
    expect(last).toBe("unavailable");
    // Guesses actually compared with the date of birth.
    const compared = (await eventsFor(set.id, "identity_check")).filter((event) =>
      event.summary.startsWith("Date of birth did not match"),
    );
    expect(compared).toHaveLength(10);
  });

  test("one address guessing across five links is locked on every link for 15 minutes", async () => {
    const ip = "192.0.2.77";
    const links = [];
    for (let i = 0; i < 6; i += 1) links.push(await newLink());
    for (const [index, { token }] of links.slice(0, 5).entries()) {
      const result = await verifyDateOfBirth(database.db, { token, dateOfBirth: WRONG, ip, now });
      expect(result.outcome).toBe(index < 4 ? "wrong" : "locked");
    }
    const sixth = links[5];
    if (!sixth) throw new Error("six links expected");
    // The right answer on a fresh link from the same address is refused…
    expect(
      (await verifyDateOfBirth(database.db, { token: sixth.token, dateOfBirth: DOB, ip, now: minutes(1) })).outcome,
    ).toBe("locked");
    // …from another address it works, and after 15 minutes from the same one too.
    expect(
      (
        await verifyDateOfBirth(database.db, {
          token: sixth.token,
          dateOfBirth: DOB,
          ip: "192.0.2.78",
          now: minutes(1),
        })
      ).outcome,
    ).toBe("verified");
    expect(
      (await verifyDateOfBirth(database.db, { token: sixth.token, dateOfBirth: DOB, ip, now: minutes(16) })).outcome,
    ).toBe("verified");
    const [row] = await database.db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, dobIpKey(ip)));
    expect(row?.failures).toBe(5);
    const lockedSet = links[4]?.set.id ?? "";
    expect((await eventsFor(lockedSet, "identity_check")).map((event) => event.summary)).toContain(
      "Date of birth entry locked for 15 minutes for this address after 5 wrong answers",
    );
  });
});

describe("link opened", () => {
  test("opens of one link are coalesced: one timeline event and one audit row per 10 minutes", async () => {
    const { token, set } = await newLink();
    const resolved = await resolvePatientLink(database.db, token, now);
    if (resolved.state !== "ok") throw new Error("link should be usable");
    for (let i = 0; i < 20; i += 1)
      await recordLinkOpened(database.db, { link: resolved.link, ip: `203.0.113.${i + 1}`, now: minutes(i * 0.4) });
    expect(await eventsFor(set.id, "link_opened")).toHaveLength(1);
    await recordLinkOpened(database.db, { link: resolved.link, ip: "203.0.113.99", now: minutes(11) });
    expect(await eventsFor(set.id, "link_opened")).toHaveLength(2);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, resolved.link.id), eq(auditLog.action, "patient_link.open")));
    expect(audits).toHaveLength(2);
  });
});
