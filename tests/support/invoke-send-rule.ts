import { InngestTestEngine, mockCtx } from "@inngest/test";
import type { createSendRuleFunction } from "@/inngest/functions/send-outreach-rule";

type SendRuleFunction = ReturnType<typeof createSendRuleFunction>;
type ChildRun = Awaited<ReturnType<InngestTestEngine["execute"]>>;

/**
 * A `transformCtx` for the sequence under @inngest/test. The test engine can't follow
 * step.invoke, so each invoke of the send function runs that function in its own test
 * engine, inside a step; `onRun` sees each of those runs (the bench counts their steps).
 */
export function invokeSendRuleInTestEngine(sendRule: SendRuleFunction, onRun?: (run: ChildRun) => void) {
  return (raw: Parameters<typeof mockCtx>[0]) => {
    const ctx = mockCtx(raw);
    const invoke = (id: string, options: { data?: unknown }) =>
      ctx.step.run(id, async () => {
        const run = await new InngestTestEngine({
          function: sendRule,
          events: [{ name: "billing/outreach.rule-due", data: options.data as Record<string, unknown> }],
        }).execute();
        if (run.error)
          throw Object.assign(new Error(String((run.error as { message?: unknown }).message ?? "send failed")), {
            cause: run.error,
          });
        onRun?.(run);
        return run.result;
      });
    return { ...ctx, step: { ...ctx.step, invoke } } as typeof ctx;
  };
}
