"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { createInvoiceSetPaymentPlan, getPaymentPlanContext } from "@/app/(staff)/billing/payment-plans/actions";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { formatCents, parseDollarsToCents } from "@/lib/money";
import {
  addCalendarDays,
  computeSchedule,
  PAYMENT_PLAN_FREQUENCIES,
  PAYMENT_PLAN_FREQUENCY_LABELS,
  type PaymentPlanFrequency,
} from "@/lib/payment-plans/compute-schedule";
import type { PaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";
import { PAYMENT_PLAN_STATUS_LABELS } from "@/lib/state-machine/statuses";
import { InstallmentList } from "./installment-list";

/**
 * "Payment plan" for one invoice set: shows the current plan, or (for staff who may write)
 * a form with a live schedule preview computed by the same code the server saves with.
 */
export function PaymentPlanDialog({
  invoiceSetId,
  patientName,
  canWrite,
  triggerSize = "sm",
  open: controlledOpen,
  onOpenChange,
}: {
  invoiceSetId: string;
  /** Given by a row menu that opens the dialog itself: then there is no trigger button. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  patientName: string;
  canWrite: boolean;
  triggerSize?: ButtonProps["size"];
}) {
  const router = useRouter();
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  const [context, setContext] = useState<PaymentPlanContext | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Each opening (by its own button or by a row menu) reads the set's plan afresh.
  useEffect(() => {
    if (!open) return;
    let live = true;
    setContext(null);
    setError(null);
    getPaymentPlanContext({ invoiceSetId }).then(
      (result) => {
        if (!live) return;
        if (result.ok) setContext(result.data);
        else setError(result.message);
      },
      () => {
        if (live) setError("The server could not be reached. Try again.");
      },
    );
    return () => {
      live = false;
    };
  }, [open, invoiceSetId]);

  const active = context?.plan?.status === "active" ? context.plan : null;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {controlledOpen === undefined ? (
        <DialogTrigger asChild>
          <Button variant="secondary" size={triggerSize}>
            Payment plan
          </Button>
        </DialogTrigger>
      ) : null}
      <DialogContent title="Payment plan" description={`Spread ${patientName}'s balance over installments.`}>
        {error ? <p role="alert">{error}</p> : null}
        {!context && !error ? <p>Loading…</p> : null}
        {active ? (
          <div className="flex flex-col gap-2">
            <p className="text-sm">
              {PAYMENT_PLAN_STATUS_LABELS[active.status]} plan, {PAYMENT_PLAN_FREQUENCY_LABELS[active.frequency]},{" "}
              {formatCents(active.totalCents)} in total.
            </p>
            <InstallmentList label="Payment plan schedule" items={active.installments} />
          </div>
        ) : null}
        {context && !active && canWrite ? (
          <PlanForm
            context={context}
            onCreated={() => {
              setOpen(false);
              router.refresh();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function PlanForm({ context, onCreated }: { context: PaymentPlanContext; onCreated: () => void }) {
  const [splitKind, setSplitKind] = useState<"count" | "amount">("count");
  const [count, setCount] = useState("3");
  const [amount, setAmount] = useState("");
  const [frequency, setFrequency] = useState<PaymentPlanFrequency>("monthly");
  const [firstDueOn, setFirstDueOn] = useState(addCalendarDays(context.today, 7));
  const [down, setDown] = useState("");
  const [autopay, setAutopay] = useState(context.hasCard);
  const [pending, setPending] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const downPaymentCents = down.trim() === "" ? 0 : parseDollarsToCents(down);
  const amountCents = parseDollarsToCents(amount);
  const split =
    splitKind === "count"
      ? { kind: "count" as const, count: Number(count) }
      : { kind: "amount" as const, amountCents: amountCents ?? 0 };
  const preview =
    downPaymentCents === null
      ? { ok: false as const, field: "downPaymentCents", message: "Enter the down payment in dollars, like 50." }
      : computeSchedule({
          totalCents: context.balanceCents,
          downPaymentCents,
          split,
          frequency,
          firstDueOn,
          today: context.today,
          minInstallmentCents: context.minInstallmentCents,
        });

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!preview.ok) return;
        setPending(true);
        setServerError(null);
        try {
          const result = await createInvoiceSetPaymentPlan({
            invoiceSetId: context.invoiceSetId,
            split,
            frequency,
            firstDueOn,
            downPaymentCents: downPaymentCents ?? 0,
            autopay,
          });
          if (result.ok) {
            toast.success(result.data.message);
            onCreated();
          } else setServerError(result.message);
        } catch {
          setServerError("The server could not be reached. Nothing was changed; try again.");
        } finally {
          setPending(false);
        }
      }}
    >
      <p className="text-sm">
        Balance {formatCents(context.balanceCents)}; smallest installment {formatCents(context.minInstallmentCents)}.
      </p>
      <Field label="Split by" htmlFor="plan-split">
        <Select id="plan-split" value={splitKind} onChange={(e) => setSplitKind(e.target.value as "count" | "amount")}>
          <option value="count">Number of installments</option>
          <option value="amount">Amount per installment</option>
        </Select>
      </Field>
      {splitKind === "count" ? (
        <Field label="Installments" htmlFor="plan-count">
          <Input
            id="plan-count"
            type="number"
            min={1}
            max={60}
            value={count}
            onChange={(e) => setCount(e.target.value)}
          />
        </Field>
      ) : (
        <Field label="Amount per installment" htmlFor="plan-amount">
          <Input id="plan-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      )}
      <Field label="Frequency" htmlFor="plan-frequency">
        <Select
          id="plan-frequency"
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as PaymentPlanFrequency)}
        >
          {PAYMENT_PLAN_FREQUENCIES.map((value) => (
            <option key={value} value={value}>
              {PAYMENT_PLAN_FREQUENCY_LABELS[value]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="First payment date" htmlFor="plan-first">
        <Input id="plan-first" type="date" value={firstDueOn} onChange={(e) => setFirstDueOn(e.target.value)} />
      </Field>
      <Field label="Down payment" htmlFor="plan-down" hint="Optional, due today.">
        <Input id="plan-down" inputMode="decimal" value={down} onChange={(e) => setDown(e.target.value)} />
      </Field>
      {context.hasCard ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={autopay} onChange={(e) => setAutopay(e.target.checked)} />
          Charge the card on file on each date (autopay)
        </label>
      ) : null}
      {preview.ok ? (
        <InstallmentList label="Schedule preview" items={preview.installments} />
      ) : (
        <p role="status" className="text-sm text-red-700">
          {preview.message}
        </p>
      )}
      {serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {serverError}
        </p>
      ) : null}
      <div className="mt-2 flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Back</Button>
        </DialogClose>
        <Button type="submit" disabled={pending || !preview.ok}>
          Create payment plan
        </Button>
      </div>
    </form>
  );
}
