import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { signInThrottle } from "@/db/schema";
import {
  clearSignInFailures,
  FREE_FAILURES,
  recordSignInFailure,
  secondsUntilAllowed,
  throttleKeys,
} from "@/lib/auth/sign-in-throttle";
import { testDatabase } from "../support/test-db";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

describe("sign-in throttle", () => {
  test("keys are per email (case-insensitive), per IP and global", () => {
    expect(throttleKeys(" Biller@Demo.Clinic ", "203.0.113.7")).toEqual([
      "email:biller@demo.clinic",
      "ip:203.0.113.7",
      "global",
    ]);
    expect(throttleKeys("a@b.co", null)).toEqual(["email:a@b.co", "global"]);
  });

  test("free failures pass; the next one blocks, and the wait grows", async () => {
    const keys = throttleKeys(`slow-${Date.now()}@clinic.test`, "198.51.100.23");
    for (let i = 0; i < FREE_FAILURES - 1; i += 1) await recordSignInFailure(database.db, keys);
    expect(await secondsUntilAllowed(database.db, keys)).toBe(0);

    await recordSignInFailure(database.db, keys);
    const firstWait = await secondsUntilAllowed(database.db, keys);
    expect(firstWait).toBeGreaterThan(25);
    expect(firstWait).toBeLessThanOrEqual(30);

    await recordSignInFailure(database.db, keys);
    expect(await secondsUntilAllowed(database.db, keys)).toBeGreaterThan(firstWait);
  });

  test("the IP key blocks other emails from the same address", async () => {
    const ip = "192.0.2.55";
    const first = throttleKeys(`one-${Date.now()}@clinic.test`, ip);
    for (let i = 0; i < FREE_FAILURES; i += 1) await recordSignInFailure(database.db, first);
    expect(await secondsUntilAllowed(database.db, throttleKeys(`two-${Date.now()}@clinic.test`, ip))).toBeGreaterThan(
      0,
    );
  });

  test("a successful sign-in clears the email's failures", async () => {
    const keys = throttleKeys(`ok-${Date.now()}@clinic.test`, "192.0.2.99");
    await recordSignInFailure(database.db, keys);
    await clearSignInFailures(database.db, keys.slice(0, 1));
    const rows = await database.db
      .select()
      .from(signInThrottle)
      .where(eq(signInThrottle.key, keys[0] ?? ""));
    expect(rows).toEqual([]);
  });
});
