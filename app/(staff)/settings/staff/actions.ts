"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { roleEnum } from "@/db/schema";
import { staffAction } from "@/lib/actions/staff-action";
import { transportsFromEnv } from "@/lib/providers/transports-from-env";
import { changeMemberRole, deactivateMember } from "@/lib/staff/change-membership";
import { createInvitation } from "@/lib/staff/create-invitation";
import { resendInvitation, revokeInvitation } from "@/lib/staff/manage-invitation";
import { sendInvitationEmail } from "@/lib/staff/send-invitation-email";

const roleSchema = z.enum(roleEnum.enumValues, { error: "Choose Admin, Biller or Viewer." });

export const inviteStaffAction = staffAction(
  {
    permission: "staff:manage",
    input: z.object({
      email: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email("Enter a valid email address, e.g. name@clinic.com.").max(254)),
      role: roleSchema,
    }),
  },
  async ({ email, role }, staff) => {
    const { db } = await getDb();
    const { token } = await db.transaction((tx) =>
      createInvitation(tx, { clinicId: staff.clinicId, actor: staff.actor, email, role }),
    );
    await sendInvitationEmail(db, transportsFromEnv().email, {
      clinicId: staff.clinicId,
      clinicName: staff.clinicName,
      to: email,
      token,
      role,
      inviterName: staff.name,
    });
    revalidatePath("/settings/staff");
    return { email };
  },
);

const invitationInput = z.object({ invitationId: z.uuid() });

export const resendInvitationAction = staffAction(
  { permission: "staff:manage", input: invitationInput },
  async ({ invitationId }, staff) => {
    const { db } = await getDb();
    const sent = await db.transaction((tx) =>
      resendInvitation(tx, { clinicId: staff.clinicId, actor: staff.actor, invitationId }),
    );
    await sendInvitationEmail(db, transportsFromEnv().email, {
      clinicId: staff.clinicId,
      clinicName: staff.clinicName,
      to: sent.email,
      token: sent.token,
      role: roleSchema.parse(sent.role),
      inviterName: staff.name,
    });
    revalidatePath("/settings/staff");
    return { email: sent.email };
  },
);

export const revokeInvitationAction = staffAction(
  { permission: "staff:manage", input: invitationInput },
  async ({ invitationId }, staff) => {
    const { db } = await getDb();
    const result = await db.transaction((tx) =>
      revokeInvitation(tx, { clinicId: staff.clinicId, actor: staff.actor, invitationId }),
    );
    revalidatePath("/settings/staff");
    return result;
  },
);

export const changeRoleAction = staffAction(
  { permission: "staff:manage", input: z.object({ userId: z.uuid(), role: roleSchema }) },
  async ({ userId, role }, staff) => {
    const { db } = await getDb();
    const result = await db.transaction((tx) =>
      changeMemberRole(tx, { clinicId: staff.clinicId, actor: staff.actor, userId, role }),
    );
    revalidatePath("/settings/staff");
    return result;
  },
);

export const deactivateMemberAction = staffAction(
  { permission: "staff:manage", input: z.object({ userId: z.uuid() }) },
  async ({ userId }, staff) => {
    const { db } = await getDb();
    const result = await db.transaction((tx) =>
      deactivateMember(tx, { clinicId: staff.clinicId, actor: staff.actor, userId }),
    );
    revalidatePath("/settings/staff");
    return result;
  },
);
