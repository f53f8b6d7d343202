"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { saveRuleSetAction } from "@/app/(staff)/billing/rule-sets/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { type Channel, channelMethodLabel } from "@/lib/outreach/channels";
import { countSmsSegments, MAX_SMS_SEGMENTS } from "@/lib/outreach/sms-segments";
import { renderTemplate, TEMPLATE_VARIABLES, type TemplateValues } from "@/lib/rule-sets/template";

export interface RuleDraft {
  /** The saved rule's id; null for a rule added in this form. */
  id: string | null;
  /** The row's React key: the id when saved, a client-made one when added (never sent). */
  rowId: string;
  delayDays: string;
  channels: Channel[];
  chargeCard: boolean;
  title: string;
  template: string;
}
export interface RuleSetDraft {
  id?: string;
  title: string;
  description: string;
  expiryDays: string;
  rules: RuleDraft[];
}

const emptyRule = (day: number, rowId: string): RuleDraft => ({
  id: null,
  rowId,
  delayDays: String(day),
  channels: ["sms"],
  chargeCard: false,
  title: "",
  template: "Hi {{first_name}}, ",
});

/** Create or edit a rule set, with a live preview of each message filled with sample data. */
export function RuleSetForm({ initial, sample }: { initial: RuleSetDraft; sample: TemplateValues }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const addedRules = useRef(0);

  const updateRule = (index: number, change: Partial<RuleDraft>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) }));
  const error = (key: string) => errors[key]?.join(" ");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setFormError(null);
    const result = await saveRuleSetAction({
      id: draft.id,
      title: draft.title,
      description: draft.description,
      expiryDays: Number(draft.expiryDays),
      rules: draft.rules.map(({ delayDays, channels, chargeCard, title, template }) => ({
        delayDays: Number(delayDays),
        channels,
        chargeCard,
        title,
        template,
      })),
      ruleIds: draft.rules.map((r) => r.id),
    });
    setPending(false);
    if (result.ok) {
      toast.success(`Saved "${draft.title.trim()}".`);
      router.push("/billing/rule-sets");
      router.refresh();
      return;
    }
    setErrors(result.fieldErrors ?? {});
    setFormError(result.message);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-6" noValidate>
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" htmlFor="title" error={error("title")}>
          <Input
            id="title"
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            aria-invalid={Boolean(error("title"))}
          />
        </Field>
        <Field
          label="Expiry (days)"
          htmlFor="expiryDays"
          error={error("expiryDays")}
          hint="At least one day after the last rule; ends the cycle."
        >
          <Input
            id="expiryDays"
            type="number"
            min={1}
            value={draft.expiryDays}
            onChange={(e) => setDraft({ ...draft, expiryDays: e.target.value })}
            aria-invalid={Boolean(error("expiryDays"))}
          />
        </Field>
        <Field label="Description" htmlFor="description" error={error("description")} className="sm:col-span-2">
          <Textarea
            id="description"
            rows={2}
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </Field>
      </div>

      <p className="text-xs text-slate-500">Variables: {TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")}</p>

      {draft.rules.map((rule, index) => {
        const preview = renderTemplate(rule.template, sample);
        const segments = countSmsSegments(preview);
        const prefix = `rules.${index}`;
        return (
          <fieldset key={rule.rowId} className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-sm font-semibold">Rule {index + 1}</legend>
            <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
              <Field label="Delay (days)" htmlFor={`${prefix}.delayDays`} error={error(`${prefix}.delayDays`)}>
                <Input
                  id={`${prefix}.delayDays`}
                  type="number"
                  min={0}
                  value={rule.delayDays}
                  onChange={(e) => updateRule(index, { delayDays: e.target.value })}
                />
              </Field>
              <Field label="Rule title" htmlFor={`${prefix}.title`} error={error(`${prefix}.title`)}>
                <Input
                  id={`${prefix}.title`}
                  value={rule.title}
                  onChange={(e) => updateRule(index, { title: e.target.value })}
                />
              </Field>
            </div>
            <fieldset className="mt-3 flex gap-4 text-sm" aria-label="Methods">
              {(["sms", "email"] as const).map((channel) => (
                <label key={channel} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={rule.channels.includes(channel)}
                    onChange={(e) =>
                      updateRule(index, {
                        channels: e.target.checked
                          ? [...rule.channels, channel]
                          : rule.channels.filter((c) => c !== channel),
                      })
                    }
                  />
                  {channelMethodLabel(channel)}
                </label>
              ))}
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={rule.chargeCard}
                  onChange={(e) => updateRule(index, { chargeCard: e.target.checked })}
                />
                {channelMethodLabel("card")}
              </label>
            </fieldset>
            {rule.chargeCard ? (
              <p className="mt-1 text-xs text-slate-500">
                Charges the balance (up to the clinic's largest card charge in Settings) to the patient's card on file;
                skipped when there is none. Once a day at most.
              </p>
            ) : null}
            {error(`${prefix}.channels`) ? (
              <p role="alert" className="text-xs text-red-700">
                {error(`${prefix}.channels`)}
              </p>
            ) : null}
            <Field label="Message" htmlFor={`${prefix}.template`} error={error(`${prefix}.template`)} className="mt-3">
              <Textarea
                id={`${prefix}.template`}
                rows={3}
                value={rule.template}
                onChange={(e) => updateRule(index, { template: e.target.value })}
                aria-invalid={Boolean(error(`${prefix}.template`))}
              />
            </Field>
            <section aria-label={`Preview of rule ${index + 1}`} className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
              <p className="text-xs font-medium text-slate-500">Preview (sample patient)</p>
              <p className="whitespace-pre-wrap">{preview}</p>
              {rule.channels.includes("sms") ? (
                <p
                  className={
                    segments.segments > MAX_SMS_SEGMENTS ? "mt-1 text-xs text-red-700" : "mt-1 text-xs text-slate-500"
                  }
                >
                  SMS: {segments.segments} segment{segments.segments === 1 ? "" : "s"} ({segments.encoding},{" "}
                  {segments.units} characters; limit {MAX_SMS_SEGMENTS})
                </p>
              ) : null}
            </section>
            {draft.rules.length > 1 ? (
              <Button
                variant="ghost"
                size="sm"
                className="mt-2"
                onClick={() => setDraft((d) => ({ ...d, rules: d.rules.filter((_, i) => i !== index) }))}
              >
                Remove rule {index + 1}
              </Button>
            ) : null}
          </fieldset>
        );
      })}

      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            const last = Math.max(-1, ...draft.rules.map((r) => Number(r.delayDays) || 0));
            addedRules.current += 1;
            const rule = emptyRule(last + 7, `added-${addedRules.current}`);
            setDraft((d) => ({ ...d, rules: [...d.rules, rule] }));
          }}
        >
          Add Rule
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save Rule Set"}
        </Button>
      </div>
    </form>
  );
}
