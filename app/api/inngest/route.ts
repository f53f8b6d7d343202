import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

const handler = serve({ client: inngest, functions });

/**
 * Inngest sends JSON. A body that is not JSON is refused with a 400 here, before the SDK
 * parses it (the SDK answers a malformed body with a 500). Signature checks stay the SDK's.
 */
function refuseMalformedBody(
  method: (request: Request, context: unknown) => Promise<Response>,
  { bodyRequired }: { bodyRequired: boolean },
) {
  return async (request: Request, context: unknown) => {
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

export const GET = handler.GET;
type Method = (request: Request, context: unknown) => Promise<Response>;
// A run always carries a body; a sync (PUT) may be empty.
export const POST = refuseMalformedBody(handler.POST as Method, { bodyRequired: true });
export const PUT = refuseMalformedBody(handler.PUT as Method, { bodyRequired: false });
