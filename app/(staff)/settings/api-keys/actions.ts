"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction } from "@/lib/actions/staff-action";
import { createApiKeyInputSchema } from "@/lib/api-keys/api-key-input";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

export const createApiKeyAction = staffAction(
  { permission: "api-keys:manage", input: createApiKeyInputSchema },
  async (input, staff) => {
    const { db } = await getDb();
    const { token } = await db.transaction((tx) =>
      createApiKey(tx, { clinicId: staff.clinicId, actor: staff.actor, input }),
    );
    return { token };
  },
);

export const revokeApiKeyAction = staffAction(
  { permission: "api-keys:manage", input: z.object({ apiKeyId: z.uuid() }) },
  async ({ apiKeyId }, staff) => {
    const { db } = await getDb();
    await db.transaction((tx) => revokeApiKey(tx, { clinicId: staff.clinicId, actor: staff.actor, apiKeyId }));
    return { apiKeyId };
  },
);
