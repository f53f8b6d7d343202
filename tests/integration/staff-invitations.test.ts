import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Database } from "@/db/connect";
import { accountEmails, auditLog, invitations, memberships, users } from "@/db/schema";
import { hashOneTimeToken } from "@/lib/auth/one-time-token";
import { verifyPassword } from "@/lib/auth/password";
import { resolveSession } from "@/lib/auth/resolve-session";
import { startStaffSession } from "@/lib/auth/staff-sessions";
import { outboxTransport } from "@/lib/providers/transport";
import { acceptInvitation, newAccountSchema } from "@/lib/staff/accept-invitation";
import { changeMemberRole, deactivateMember, LAST_ADMIN_MESSAGE } from "@/lib/staff/change-membership";
import { createInvitation } from "@/lib/staff/create-invitation";
import { INVITATIONS_PER_ADDRESS_PER_HOUR, INVITATIONS_PER_HOUR } from "@/lib/staff/invitation-rate-limit";
import { lookupInvitation } from "@/lib/staff/lookup-invitation";
import { resendInvitation, revokeInvitation } from "@/lib/staff/manage-invitation";
import { sendInvitationEmail } from "@/lib/staff/send-invitation-email";
import { createTestClinic, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

let database: Database;
let clinic: TestClinic;
const DAY = 86_400_000;
const account = {
  name: "Robin Newhire",
  password: "violet-harbor-lantern-42",
  confirmPassword: "violet-harbor-lantern-42",
};

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db, "Invite Clinic");
});

const adminActor = () => ({ kind: "user" as const, userId: clinic.users.admin.id, ip: "192.0.2.10" });
const invite = (email: string, now?: Date) =>
  database.db.transaction((tx) =>
    createInvitation(tx, { clinicId: clinic.clinicId, actor: adminActor(), email, role: "biller", now }),
  );
const accept = (token: string, now?: Date) =>
  database.db.transaction((tx) => acceptInvitation(tx, { token, account, ip: "192.0.2.77", now }));

describe("invitation lifecycle", () => {
  test("accept: the email carries a one-time link; a new account joins with the invited role; reuse is refused", async () => {
    const email = `robin-${Date.now()}@clinic.test`;
    const { invitationId, token } = await invite(email);
    const [stored] = await database.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(stored?.tokenHash).toBe(hashOneTimeToken(token));
    expect(stored?.tokenHash).not.toContain(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await sendInvitationEmail(database.db, outboxTransport, {
      clinicId: clinic.clinicId,
      clinicName: "Invite Clinic",
      to: email,
      token,
      role: "biller",
      inviterName: "Ada Admin",
    });
    const [mail] = await database.db.select().from(accountEmails).where(eq(accountEmails.destination, email));
    expect(mail).toMatchObject({ kind: "invitation", transport: "outbox", clinicId: clinic.clinicId });
    expect(mail?.body).toContain(`http://localhost:3000/invite/${token}`);

    const result = await accept(token);
    expect(result.joinedExisting).toBe(false);
    const [user] = await database.db.select().from(users).where(eq(users.email, email));
    expect(user?.name).toBe("Robin Newhire");
    expect(await verifyPassword(user?.passwordHash ?? "", account.password)).toBe(true);
    const [membership] = await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user?.id ?? ""), eq(memberships.clinicId, clinic.clinicId)));
    expect(membership?.role).toBe("biller");
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.clinicId), eq(auditLog.action, "membership.join")));
    expect(audit).toMatchObject({ userId: user?.id, ip: "192.0.2.77" });

    expect((await lookupInvitation(database.db, token)).status).toBe("used");
    await expect(accept(token)).rejects.toThrow(/already been used/);
  });

  test("expire: a link older than 7 days is refused and creates nothing", async () => {
    const email = `late-${Date.now()}@clinic.test`;
    const { token } = await invite(email, new Date(Date.now() - 8 * DAY));
    expect((await lookupInvitation(database.db, token)).status).toBe("expired");
    await expect(accept(token)).rejects.toThrow(/expired/);
    expect(await database.db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  test("revoke and resend: a revoked link is dead; a resent one replaces the old link", async () => {
    const email = `maybe-${Date.now()}@clinic.test`;
    const first = await invite(email);
    const resent = await database.db.transaction((tx) =>
      resendInvitation(tx, { clinicId: clinic.clinicId, actor: adminActor(), invitationId: first.invitationId }),
    );
    expect((await lookupInvitation(database.db, first.token)).status).toBe("unknown");
    expect((await lookupInvitation(database.db, resent.token)).status).toBe("valid");
    await database.db.transaction((tx) =>
      revokeInvitation(tx, { clinicId: clinic.clinicId, actor: adminActor(), invitationId: first.invitationId }),
    );
    expect((await lookupInvitation(database.db, resent.token)).status).toBe("revoked");
    await expect(accept(resent.token)).rejects.toThrow(/withdrawn/);
  });

  test("an existing user just joins; a garbage token is unknown", async () => {
    const other = await createTestClinic(database.db, "Second Invite Clinic");
    const { token } = await invite(other.users.viewer.email);
    const result = await database.db.transaction((tx) => acceptInvitation(tx, { token, account: null, ip: null }));
    expect(result.joinedExisting).toBe(true);
    const rows = await database.db.select().from(memberships).where(eq(memberships.userId, other.users.viewer.id));
    expect(rows.map((row) => row.clinicId).sort()).toEqual([clinic.clinicId, other.clinicId].sort());
    expect((await lookupInvitation(database.db, "x".repeat(43))).status).toBe("unknown");
    expect((await lookupInvitation(database.db, "../../etc")).status).toBe("unknown");
  });

  test("invitation emails are rate limited per address and per clinic; a refusal creates nothing", async () => {
    const limited = await createTestClinic(database.db, "Busy Invite Clinic");
    const actor = { kind: "user" as const, userId: limited.users.admin.id, ip: "192.0.2.11" };
    const inviteTo = (email: string) =>
      database.db.transaction((tx) =>
        createInvitation(tx, { clinicId: limited.clinicId, actor, email, role: "viewer" }),
      );
    const sendTo = async (email: string) => {
      const { token } = await inviteTo(email);
      await sendInvitationEmail(database.db, outboxTransport, {
        clinicId: limited.clinicId,
        clinicName: "Busy Invite Clinic",
        to: email,
        token,
        role: "viewer",
        inviterName: "Ada Admin",
      });
    };
    const target = "bombed@clinic.test";
    for (let i = 0; i < INVITATIONS_PER_ADDRESS_PER_HOUR; i += 1) await sendTo(target);
    const pending = await database.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.clinicId, limited.clinicId), eq(invitations.email, target)));
    await expect(inviteTo(target.toUpperCase())).rejects.toThrow(/3 invitations in the last hour/);
    const last = pending.at(-1)?.id ?? "";
    await expect(
      database.db.transaction((tx) => resendInvitation(tx, { clinicId: limited.clinicId, actor, invitationId: last })),
    ).rejects.toThrow(/in the last hour/);
    const after = await database.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.clinicId, limited.clinicId), eq(invitations.email, target)));
    expect(after).toHaveLength(pending.length);

    for (let i = INVITATIONS_PER_ADDRESS_PER_HOUR; i < INVITATIONS_PER_HOUR; i += 1)
      await sendTo(`person${i}@clinic.test`);
    await expect(inviteTo("one-more@clinic.test")).rejects.toThrow(/This clinic has sent 30 invitations/);
    // Another clinic is not affected.
    expect((await invite(`fresh-${Date.now()}@clinic.test`)).token).toBeTruthy();
  });

  test("inviting a current member is refused", async () => {
    await expect(invite(clinic.users.viewer.email.toUpperCase())).rejects.toThrow(/already a member/);
  });

  test("the new password must be long, uncommon and not the person's name or email", () => {
    const schema = newAccountSchema("jordan.lee@clinic.test");
    const problems = (password: string, name = "Jordan Lee") =>
      schema.safeParse({ name, password, confirmPassword: password }).error?.issues.map((issue) => issue.message);
    expect(problems("short-pass")).toEqual(["Use at least 12 characters."]);
    expect(problems("qwertyuiop123")).toEqual(["That password is too common. Choose another."]);
    expect(problems("jordan-is-the-best-2026")).toEqual(["Don't use your name or email address in your password."]);
    expect(problems("violet-harbor-lantern-42")).toBeUndefined();
    expect(
      schema.safeParse({ name: "Jordan Lee", password: "violet-harbor-lantern-42", confirmPassword: "other" }).error
        ?.issues[0]?.path,
    ).toEqual(["confirmPassword"]);
  });
});

describe("roles and deactivation", () => {
  test("the last active admin can be neither demoted nor deactivated", async () => {
    const solo = await createTestClinic(database.db, "Solo Admin Clinic");
    const actor = { kind: "user" as const, userId: solo.users.admin.id, ip: null };
    await expect(
      database.db.transaction((tx) =>
        changeMemberRole(tx, { clinicId: solo.clinicId, actor, userId: solo.users.admin.id, role: "biller" }),
      ),
    ).rejects.toThrow(LAST_ADMIN_MESSAGE);
    await expect(
      database.db.transaction((tx) =>
        deactivateMember(tx, { clinicId: solo.clinicId, actor, userId: solo.users.admin.id }),
      ),
    ).rejects.toThrow(LAST_ADMIN_MESSAGE);

    // With a second admin, the first may step down.
    await database.db.transaction((tx) =>
      changeMemberRole(tx, { clinicId: solo.clinicId, actor, userId: solo.users.biller.id, role: "admin" }),
    );
    await database.db.transaction((tx) =>
      changeMemberRole(tx, { clinicId: solo.clinicId, actor, userId: solo.users.admin.id, role: "viewer" }),
    );
    const roles = await database.db
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.clinicId, solo.clinicId));
    expect(roles.find((row) => row.userId === solo.users.admin.id)?.role).toBe("viewer");
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, solo.clinicId), eq(auditLog.entityId, solo.users.admin.id)));
    expect(audit).toMatchObject({
      action: "membership.change_role",
      before: { role: "admin" },
      after: { role: "viewer" },
    });
  });

  test("deactivation ends an active session on its next request, and the member can't sign in there", async () => {
    const sessionId = await startStaffSession(database.db, {
      userId: clinic.users.biller.id,
      clinicId: clinic.clinicId,
      needsSecondFactor: false,
      ip: null,
    });
    expect((await resolveSession(database.db, sessionId)).kind).toBe("staff");
    const result = await database.db.transaction((tx) =>
      deactivateMember(tx, { clinicId: clinic.clinicId, actor: adminActor(), userId: clinic.users.biller.id }),
    );
    expect(result.sessionsEnded).toBe(1);
    expect((await resolveSession(database.db, sessionId)).kind).toBe("none");
    const [row] = await database.db
      .select({ deactivatedAt: memberships.deactivatedAt })
      .from(memberships)
      .where(and(eq(memberships.userId, clinic.users.biller.id), eq(memberships.clinicId, clinic.clinicId)));
    expect(row?.deactivatedAt).not.toBeNull();
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "membership.deactivate"), eq(auditLog.entityId, clinic.users.biller.id)));
    expect(audits).toHaveLength(1);
  });
});
