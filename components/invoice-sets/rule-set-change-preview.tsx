"use client";

import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/staff-action";
import type { RuleSetChangePreview } from "@/lib/invoice-sets/preview-rule-set-change";

export type LoadRuleSetChangePreview = (ruleSetId: string) => Promise<ActionResult<RuleSetChangePreview>>;

const CHANNEL = { sms: "text", email: "email" } as const;
const sets = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "set" : "sets"}`;
const dayLabel = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "What happens next" under the chosen rule set, for the selected sets (loaded on each choice). */
export function RuleSetChangePreviewView({ ruleSetId, load }: { ruleSetId: string; load: LoadRuleSetChangePreview }) {
  const [state, setState] = useState<{ for: string; result: ActionResult<RuleSetChangePreview> } | null>(null);
  useEffect(() => {
    let live = true;
    load(ruleSetId).then(
      (result) => live && setState({ for: ruleSetId, result }),
      () =>
        live &&
        setState({
          for: ruleSetId,
          result: { ok: false, code: "unavailable", message: "The preview could not be loaded. You can still save." },
        }),
    );
    return () => {
      live = false;
    };
  }, [ruleSetId, load]);

  if (!state || state.for !== ruleSetId) {
    return <p className="mt-3 min-h-24 text-sm text-slate-600">Working out what happens next…</p>;
  }
  if (!state.result.ok) {
    return (
      <p role="alert" className="mt-3 min-h-24 text-sm text-red-700">
        {state.result.message}
      </p>
    );
  }
  const preview = state.result.data;
  const skipped = [
    preview.skippedClosed > 0 ? `${sets(preview.skippedClosed)} skipped (closed)` : null,
    preview.skippedAlready > 0 ? `${sets(preview.skippedAlready)} skipped (already on it)` : null,
  ].filter(Boolean);
  return (
    <section aria-label="What happens next" className="mt-3 min-h-24 rounded-md bg-slate-50 p-3 text-sm">
      <h3 className="font-medium">What happens next</h3>
      <p className="mt-1">
        {sets(preview.changing)} switch to “{preview.ruleSetTitle}” and start again today
        {skipped.length > 0 ? `; ${skipped.join(", ")}` : ""}.
      </p>
      {preview.changing > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {preview.steps.map((step) => (
            <li key={`${step.sendOn}-${step.title}`}>
              {dayLabel(step.sendOn)} · {step.title}:{" "}
              {step.channels
                .map((c) => {
                  const notes = [
                    c.skippedOptedOut > 0 ? `${c.skippedOptedOut} opted out` : null,
                    c.skippedNoContact > 0
                      ? `${c.skippedNoContact} no usable ${c.channel === "sms" ? "phone" : "email"}`
                      : null,
                  ].filter(Boolean);
                  return `${CHANNEL[c.channel]} to ${c.sending}${notes.length > 0 ? ` (skips ${notes.join(", ")})` : ""}`;
                })
                .join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
