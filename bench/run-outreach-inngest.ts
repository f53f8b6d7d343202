import { InngestTestEngine } from "@inngest/test";
import type { Db } from "@/db/connect";
import { executeRows } from "@/db/execute-rows";
import { invoiceSetActivated } from "@/inngest/events";
import { createSequenceFunction, MAX_SLEEP_MS } from "@/inngest/functions/run-invoice-set-sequence";
import { createSendRuleFunction } from "@/inngest/functions/send-outreach-rule";
import type { Transports } from "@/lib/providers/transport";
import { invokeSendRuleInTestEngine } from "../tests/support/invoke-send-rule";

export interface InngestStepOverhead {
  /** Sets run one after the other, each a whole sequence run under @inngest/test. */
  sets: number;
  sent: number;
  /** Steps each run took (sleeps mocked, the invoked send function's own step included). */
  stepsPerSend: number;
  msPerSend: number;
  msPerStep: number;
  /** The local engine's wall time per send in the same bench run, and the difference per step. */
  localMsPerSend: number;
  overheadMsPerStep: number;
}

/** The longest rule set's rules and cycles the mocked sleeps must cover. */
const RULES = 6;
const CYCLES = 3;

/**
 * The same sequence bodies as the local engine, but run by Inngest's SDK under
 * @inngest/test: each step is found by running the handler again from the start with the
 * earlier steps' results (as Inngest does per request), and the send rule is invoked as
 * its own function (the test engine cannot follow step.invoke, so it runs in a nested
 * engine inside a step, as in the integration tests). Every sleep is mocked: the test
 * engine would never return otherwise. Runs are one at a time.
 */
export async function runInngestSequences(
  db: Db,
  params: { clinicId: string; setIds: string[]; transports: Transports; localMsPerSend: number },
): Promise<InngestStepOverhead> {
  const deps = { db: async () => db, transports: () => params.transports, now: () => new Date(), stripe: () => null };
  let steps = 0;
  const started = performance.now();
  for (const invoiceSetId of params.setIds) {
    // Fresh for every run: @inngest/test keeps memoized results on the functions and mocks it is given.
    const sendRule = createSendRuleFunction(deps);
    const sequence = createSequenceFunction(deps, sendRule);
    const sleeps = sleepMocks();
    const event = invoiceSetActivated.create({ clinicId: params.clinicId, invoiceSetId });
    const engine = new InngestTestEngine({
      function: sequence,
      events: [{ name: event.name, data: event.data }],
      transformCtx: invokeSendRuleInTestEngine(sendRule, (run) => {
        steps += Object.keys(run.state).length;
      }),
    });
    const run = await engine.execute({ steps: sleeps });
    if (run.error) throw new Error(`sequence run failed: ${JSON.stringify(run.error)}`);
    steps += Object.keys(run.state).length;
  }
  const elapsed = performance.now() - started;
  const [sent] = await executeRows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM messages WHERE clinic_id = '${params.clinicId}' AND status = 'sent'
     AND invoice_set_id IN (${params.setIds.map((id) => `'${id}'`).join(",")})`,
  );
  const n = Math.max(1, sent?.n ?? 0);
  const msPerSend = elapsed / n;
  const stepsPerSend = steps / n;
  return {
    sets: params.setIds.length,
    sent: sent?.n ?? 0,
    stepsPerSend: round1(stepsPerSend),
    msPerSend: round2(msPerSend),
    msPerStep: round2(msPerSend / stepsPerSend),
    localMsPerSend: round2(params.localMsPerSend),
    overheadMsPerStep: round2((msPerSend - params.localMsPerSend) / stepsPerSend),
  };
}

/** Every sleep a run may take, mocked to pass at once (waits past Inngest's limit go in parts). */
function sleepMocks() {
  const waits = [
    ...Array.from({ length: RULES }, (_, i) => `wait-rule-${i}`),
    ...Array.from({ length: CYCLES }, (_, i) => `wait-expiry-${i}`),
  ];
  const parts = Math.ceil((400 * 86_400_000) / MAX_SLEEP_MS);
  const ids = waits.flatMap((id) => [...Array.from({ length: parts }, (_, part) => `${id}-part-${part}`), id]);
  return ids.map((id) => ({ id, handler: async () => null }));
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
