import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, test, vi } from "vitest";
import { readSessionClaims } from "@/lib/auth/session-cookie";

// Auth.js seals the cookie at sign-in with AUTH_SECRET, salted with the cookie's name (http here).
const COOKIE = "authjs.session-token";
const seal = (token: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}) =>
  encode({
    token,
    secret: options.secret ?? (process.env.AUTH_SECRET as string),
    salt: COOKIE,
    maxAge: options.maxAge,
  });

describe("reading the session cookie", () => {
  test("a cookie sealed at sign-in gives its session id, among other cookies", async () => {
    const sessionId = randomUUID();
    const cookie = `theme=dark; ${COOKIE}=${await seal({ sessionId, sub: "someone" })}; other=1`;
    expect(await readSessionClaims(cookie)).toEqual({ sessionId });
  });

  test("no cookie, another secret, an expired seal, a bad claim or garbage read as signed out", async () => {
    const sessionId = randomUUID();
    expect(await readSessionClaims(null)).toBeNull();
    expect(await readSessionClaims("theme=dark")).toBeNull();
    const otherSecret = await seal({ sessionId }, { secret: "another-secret-that-is-long-enough-0123456789" });
    expect(await readSessionClaims(`${COOKIE}=${otherSecret}`)).toBeNull();
    expect(await readSessionClaims(`${COOKIE}=${await seal({ sessionId }, { maxAge: -60 })}`)).toBeNull();
    expect(await readSessionClaims(`${COOKIE}=${await seal({ sessionId: "not-a-uuid" })}`)).toBeNull();
    expect(await readSessionClaims(`${COOKIE}=eyJhbGciOiJkaXIifQ.garbage`)).toBeNull();
  });

  test("a cookie read before is still refused once it expires", async () => {
    const sessionId = randomUUID();
    const cookie = `${COOKIE}=${await seal({ sessionId }, { maxAge: 60 })}`;
    expect(await readSessionClaims(cookie)).toEqual({ sessionId });
    expect(await readSessionClaims(cookie)).toEqual({ sessionId });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 60 * 60_000);
      expect(await readSessionClaims(cookie)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  test("a cookie under the https name is not read on an http app", async () => {
    const sealed = await encode({
      token: { sessionId: randomUUID() },
      secret: process.env.AUTH_SECRET as string,
      salt: `__Secure-${COOKIE}`,
    });
    expect(await readSessionClaims(`__Secure-${COOKIE}=${sealed}`)).toBeNull();
  });
});
