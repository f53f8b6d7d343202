import { Middleware } from "inngest";
import { redactError } from "@/lib/security/redact-errors";

/**
 * What a step or a run throws is sent to the Inngest server and shown in its run history,
 * so a failed query's parameters and the database's detail (patient data) are removed
 * first, as in the app's own log. Other errors pass through as they are (retry rules kept).
 */
export class RedactStepErrors extends Middleware.BaseMiddleware {
  readonly id = "redact-step-errors";

  wrapStepHandler({ next }: Middleware.WrapStepHandlerArgs) {
    return rethrowRedacted(next);
  }

  wrapFunctionHandler({ next }: Middleware.WrapFunctionHandlerArgs) {
    return rethrowRedacted(next);
  }
}

async function rethrowRedacted(next: () => Promise<unknown>) {
  try {
    return await next();
  } catch (error) {
    throw redactError(error);
  }
}
