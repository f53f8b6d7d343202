import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { env } from "@/lib/env";

const handlers = serve({ client: inngest, functions });
const notServed = () => new Response("Outreach runs in-process here (OUTREACH_ENGINE=local)", { status: 404 });

/** Inngest calls this to run the functions; with the local engine nothing is served here. */
export const GET = (...args: Parameters<typeof handlers.GET>) =>
  env().OUTREACH_ENGINE === "inngest" ? handlers.GET(...args) : notServed();
export const POST = (...args: Parameters<typeof handlers.POST>) =>
  env().OUTREACH_ENGINE === "inngest" ? handlers.POST(...args) : notServed();
export const PUT = (...args: Parameters<typeof handlers.PUT>) =>
  env().OUTREACH_ENGINE === "inngest" ? handlers.PUT(...args) : notServed();
