import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { resumeDueInvoiceSets } from "@/lib/invoice-sets/resume-due-invoice-sets";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ now: z.iso.datetime({ offset: true, error: "now must be an ISO date-time" }) });

/**
 * TEST-ONLY fake clock (E2E_CLOCK_ENDPOINT=1, refused at start-up unless APP_URL is a loopback
 * address; a 404 otherwise): runs the local engine's "Pause until" pass as if it were `now`,
 * so an end-to-end test can watch a paused set resume on its date without waiting for it.
 */
export async function POST(request: Request) {
  if (env().E2E_CLOCK_ENDPOINT !== "1") return NextResponse.json({ error: "Not found." }, { status: 404 });
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.issues[0]?.message ?? "Bad request." }, { status: 400 });
  }
  const { db } = await getDb();
  const result = await resumeDueInvoiceSets(db, new Date(parsed.data.now));
  return NextResponse.json(result);
}
