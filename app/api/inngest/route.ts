import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { env } from "@/lib/env";

const handler = serve({ client: inngest, functions });
type Method = (request: Request, context: unknown) => Promise<Response>;
const notServed = () => new Response("Outreach runs in-process here (OUTREACH_ENGINE=local)", { status: 404 });

/**
 * Inngest sends JSON. A body that is not JSON is refused with a 400 here, before the SDK
 * parses it (the SDK answers a malformed body with a 500). Signature checks stay the SDK's.
 * With the local engine nothing is served here.
 */
function served(method: Method, { bodyRequired }: { bodyRequired: boolean }): Method {
  return async (request, context) => {
    if (env().OUTREACH_ENGINE !== "inngest") return notServed();
    const text = await request.clone().text();
    if (text.trim() !== "" || bodyRequired) {
      try {
        const body: unknown = JSON.parse(text);
        if (body === null || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
      } catch {
        return Response.json({ error: "The request body must be a JSON object." }, { status: 400 });
      }
    }
    return method(request, context);
  };
}

export const GET: Method = (request, context) =>
  env().OUTREACH_ENGINE === "inngest" ? (handler.GET as Method)(request, context) : Promise.resolve(notServed());
// A run always carries a body; a sync (PUT) may be empty.
export const POST = served(handler.POST as Method, { bodyRequired: true });
export const PUT = served(handler.PUT as Method, { bodyRequired: false });
