"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { z } from "zod";
import { getDb } from "@/db/client";
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment, verifySecondFactor } from "@/lib/account/two-factor";
import { type ActionResult, toActionFailure } from "@/lib/actions/staff-action";
import { requestIp } from "@/lib/auth/config";
import { currentAccountHolder, currentSessionState, pathForIncompleteSession } from "@/lib/auth/guard";
import { assertNotThrottled, countAttempt, scopedKeys } from "@/lib/auth/rate-limit";
import { resolveSession } from "@/lib/auth/resolve-session";
import { safeNextPath } from "@/lib/auth/safe-next";
import { AppError } from "@/lib/errors";

export interface CodeState {
  error?: string;
}

const codeSchema = z.string().trim().min(6, "Enter the 6-digit code from your app.").max(20);

/** The second sign-in step. Wrong codes count against the user and the address, like passwords. */
export async function verifySecondFactorAction(_previous: CodeState, formData: FormData): Promise<CodeState> {
  const state = await currentSessionState();
  if (state.kind !== "second_factor") redirect(state.kind === "staff" ? "/billing/invoices" : "/login");
  const code = codeSchema.safeParse(formData.get("code"));
  if (!code.success) return { error: code.error.issues[0]?.message };
  const host = (await headers()).get("host");
  const next = safeNextPath(String(formData.get("next") ?? ""), host);
  const { db } = await getDb();
  const keys = scopedKeys("totp", { userId: state.userId, ip: requestIp(await headers()) });
  try {
    await assertNotThrottled(db, keys);
  } catch (error) {
    return { error: toActionFailure(error).message };
  }
  const ok = await db.transaction((tx) =>
    verifySecondFactor(tx, { sessionId: state.sessionId, userId: state.userId, code: code.data }),
  );
  if (!ok) {
    await countAttempt(db, keys);
    return { error: "That code isn't right. Enter the code your app shows now, or a recovery code." };
  }
  const after = await resolveSession(db, state.sessionId);
  redirect(after.kind === "staff" ? next : pathForIncompleteSession(after));
}

async function holder() {
  const account = await currentAccountHolder();
  if (!account) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  return account;
}

export async function startTwoFactorAction(): Promise<ActionResult<{ secret: string; qrDataUrl: string }>> {
  try {
    const account = await holder();
    const { db } = await getDb();
    const { secret, uri } = await startTotpEnrolment(db, account.userId);
    return { ok: true, data: { secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) } };
  } catch (error) {
    return toActionFailure(error);
  }
}

export async function confirmTwoFactorAction(form: FormData): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  try {
    const account = await holder();
    const code = codeSchema.safeParse(form.get("code"));
    if (!code.success) {
      const message = code.error.issues[0]?.message ?? "Enter the 6-digit code from your app.";
      return { ok: false, code: "invalid_input", message, fieldErrors: { code: [message] } };
    }
    const { db } = await getDb();
    const keys = scopedKeys("totp", { userId: account.userId, ip: requestIp(await headers()) });
    await assertNotThrottled(db, keys);
    try {
      const result = await db.transaction((tx) =>
        confirmTotpEnrolment(tx, {
          userId: account.userId,
          code: code.data,
          actor: account.actor,
          sessionId: account.sessionId,
        }),
      );
      return { ok: true, data: result };
    } catch (error) {
      await countAttempt(db, keys);
      throw error;
    }
  } catch (error) {
    return toActionFailure(error);
  }
}

export async function disableTwoFactorAction(form: FormData): Promise<ActionResult<null>> {
  try {
    const account = await holder();
    const password = z.string().min(1, "Enter your password.").max(200).safeParse(form.get("password"));
    if (!password.success) {
      return {
        ok: false,
        code: "invalid_input",
        message: "Enter your password.",
        fieldErrors: { password: ["Enter your password."] },
      };
    }
    const { db } = await getDb();
    await db.transaction((tx) =>
      disableTotp(tx, { userId: account.userId, password: password.data, actor: account.actor }),
    );
    return { ok: true, data: null };
  } catch (error) {
    return toActionFailure(error);
  }
}
