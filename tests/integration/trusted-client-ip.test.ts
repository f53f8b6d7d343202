import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { signInThrottle } from "@/db/schema";
import { recordSignInFailure, secondsUntilAllowed, throttleKeys } from "@/lib/auth/sign-in-throttle";
import { parseEnv } from "@/lib/env";
import { clientIpFrom, SOCKET_ADDRESS_HEADER } from "@/lib/security/client-ip";
import { testDatabase } from "../support/test-db";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});

const SOCKET = "10.0.0.9";
const cases: { name: string; hops: number; forwardedFor?: string; socket?: string; expected: string | null }[] = [
  { name: "no proxy: the socket, whatever the client claims", hops: 0, forwardedFor: "1.2.3.4", expected: SOCKET },
  { name: "no proxy, no header: the socket", hops: 0, expected: SOCKET },
  { name: "no proxy, IPv4-mapped socket address", hops: 0, socket: "::ffff:203.0.113.5", expected: "203.0.113.5" },
  { name: "no proxy, IPv6 socket", hops: 0, socket: "2001:db8::1", expected: "2001:db8::1" },
  { name: "no proxy, no socket address", hops: 0, socket: "", expected: null },
  { name: "one proxy: the rightmost entry", hops: 1, forwardedFor: "203.0.113.7", expected: "203.0.113.7" },
  {
    name: "one proxy: a client-forged entry on the left is ignored",
    hops: 1,
    forwardedFor: "6.6.6.6, 203.0.113.7",
    expected: "203.0.113.7",
  },
  {
    name: "two proxies: second from the right",
    hops: 2,
    forwardedFor: "6.6.6.6, 198.51.100.4, 10.1.1.1",
    expected: "198.51.100.4",
  },
  { name: "two proxies but one entry: the leftmost", hops: 2, forwardedFor: "198.51.100.4", expected: "198.51.100.4" },
  { name: "one proxy, empty header: the socket", hops: 1, forwardedFor: "", expected: SOCKET },
  { name: "one proxy, garbage entry: unknown", hops: 1, forwardedFor: "1.2.3.4, not-an-ip", expected: null },
  {
    name: "one proxy, spaces and empty entries",
    hops: 1,
    forwardedFor: " 1.2.3.4 ,, 192.0.2.1 ",
    expected: "192.0.2.1",
  },
  { name: "one proxy, overlong entry", hops: 1, forwardedFor: "1".repeat(200), expected: null },
];

describe("trusted client address", () => {
  test.each(cases)("$name", ({ hops, forwardedFor, socket, expected }) => {
    const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: socket ?? SOCKET });
    if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
    expect(clientIpFrom(headers, hops)).toBe(expected);
  });

  test("TRUSTED_PROXY_HOPS is validated: a whole number from 0 to 10, default 0", () => {
    const base = { AUTH_SECRET: "x".repeat(32) };
    expect(parseEnv(base).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ ...base, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ ...base, TRUSTED_PROXY_HOPS: "one" })).toThrow("TRUSTED_PROXY_HOPS");
    expect(() => parseEnv({ ...base, TRUSTED_PROXY_HOPS: "1.5" })).toThrow("TRUSTED_PROXY_HOPS");
    expect(() => parseEnv({ ...base, TRUSTED_PROXY_HOPS: "-1" })).toThrow("TRUSTED_PROXY_HOPS");
  });
});

describe("sign-in throttle with rotating addresses", () => {
  test("strangers on many addresses only slow a named account: its wait grows but stays under a minute", async () => {
    const email = `target-${Date.now()}@clinic.test`;
    const waits: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      await recordSignInFailure(database.db, throttleKeys(email, `198.18.0.${i + 1}`));
      waits.push(await secondsUntilAllowed(database.db, [`email:${email}`]));
    }
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits[4]).toBeGreaterThan(0);
    expect(waits[6]).toBeGreaterThan(waits[4] ?? 0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(60);
    // Each address failed once: none of them is blocked on its own.
    expect(await secondsUntilAllowed(database.db, ["ip:198.18.0.12"])).toBe(0);
  });

  test("a global failure limit stops guessing spread over many accounts and addresses", async () => {
    await database.db.delete(signInThrottle).where(eq(signInThrottle.key, "global"));
    await database.db.insert(signInThrottle).values({ key: "global", failures: 199 });
    const fresh = throttleKeys(`someone-${Date.now()}@clinic.test`, "198.19.0.1");
    expect(await secondsUntilAllowed(database.db, fresh)).toBe(0);
    await recordSignInFailure(database.db, throttleKeys(`other-${Date.now()}@clinic.test`, "198.19.0.2"));
    expect(await secondsUntilAllowed(database.db, fresh)).toBeGreaterThan(0);
    await database.db.delete(signInThrottle).where(eq(signInThrottle.key, "global"));
  });
});
