"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormAlert } from "@/components/forms/use-form-action";
import { PatientCombobox } from "@/components/patients/patient-combobox";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { formatCents, parseDollarsToCents } from "@/lib/money";
import { AutosaveStatus } from "./autosave-status";
import { type ChargeRow, EMPTY_CHARGE, type InvoiceFormValues } from "./invoice-form-values";
import { useDraftAutosave } from "./use-draft-autosave";

/** Create or edit a draft: patient, clinician, dates and charges (unit prices typed in dollars). */
export function InvoiceForm({
  invoiceId,
  initial,
  clinicians,
}: {
  invoiceId?: string;
  initial: InvoiceFormValues;
  clinicians: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const addedRows = useRef(0);
  const set = <K extends keyof InvoiceFormValues>(key: K, value: InvoiceFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setCharge = (index: number, patch: Partial<ChargeRow>) =>
    set(
      "charges",
      values.charges.map((charge, i) => (i === index ? { ...charge, ...patch } : charge)),
    );
  const err = (key: string) => errors[key]?.[0];

  const total = values.charges.reduce((sum, charge) => {
    const cents = parseDollarsToCents(charge.unitPrice);
    const quantity = Number.parseInt(charge.quantity, 10);
    return cents !== null && Number.isInteger(quantity) ? sum + cents * quantity : sum;
  }, 0);

  const draft = {
    patientId: values.patient?.id ?? "",
    clinicianId: values.clinicianId,
    serviceDate: values.serviceDate,
    dueDate: values.dueDate,
    notes: values.notes,
    // The row keys are for React only.
    charges: values.charges.map(({ code, description, quantity, unitPrice }) => ({
      code,
      description,
      quantity,
      unitPrice,
    })),
  };
  const autosave = useDraftAutosave(invoiceId, draft);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const existed = Boolean(invoiceId);
      const result = await autosave.saveNow();
      if (!result.ok) return showRefusal(result);
      clearErrors();
      if (existed) {
        toast.success("Draft saved.");
        router.refresh();
        return;
      }
      toast.success(result.data.number ? `Draft invoice #${result.data.number} created.` : "Draft saved.");
      router.push(`/invoices/${result.data.invoiceId}`);
    });
  }

  function showRefusal(result: { message: string; fieldErrors?: Record<string, string[]> }) {
    // Edits nest the draft under "draft."; the fields are the same.
    setErrors(
      Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([key, value]) => [key.replace(/^draft\./, ""), value]),
      ),
    );
    setFormError(result.message);
  }

  function clearErrors() {
    setErrors({});
    setFormError(null);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5">
      <FormAlert message={formError} />
      <div className="grid gap-4 md:grid-cols-2">
        <PatientCombobox
          value={values.patient}
          onChange={(patient) => set("patient", patient)}
          error={err("patientId")}
        />
        <Field label="Clinician" htmlFor="clinicianId" error={err("clinicianId")}>
          <Select id="clinicianId" value={values.clinicianId} onChange={(e) => set("clinicianId", e.target.value)}>
            <option value="">— None —</option>
            {clinicians.map((clinician) => (
              <option key={clinician.id} value={clinician.id}>
                {clinician.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Service date" htmlFor="serviceDate" error={err("serviceDate")}>
          <Input
            id="serviceDate"
            type="date"
            value={values.serviceDate}
            onChange={(e) => set("serviceDate", e.target.value)}
          />
        </Field>
        <Field
          label="Due date"
          htmlFor="dueDate"
          error={err("dueDate")}
          hint="Leave empty to use the clinic's default after issuing."
        >
          <Input id="dueDate" type="date" value={values.dueDate} onChange={(e) => set("dueDate", e.target.value)} />
        </Field>
      </div>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-base font-semibold">Charges</legend>
        {err("charges") ? (
          <p role="alert" className="text-xs text-red-700">
            {err("charges")}
          </p>
        ) : null}
        {values.charges.map((charge, i) => (
          <div
            key={charge.rowId}
            className="grid grid-cols-2 items-end gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-[8rem_1fr_6rem_9rem_auto]"
          >
            <Field label={`Code ${i + 1}`} htmlFor={`code-${i}`} error={err(`charges.${i}.code`)}>
              <Input
                id={`code-${i}`}
                placeholder="Optional"
                value={charge.code}
                onChange={(e) => setCharge(i, { code: e.target.value })}
              />
            </Field>
            <Field label={`Description ${i + 1}`} htmlFor={`description-${i}`} error={err(`charges.${i}.description`)}>
              <Input
                id={`description-${i}`}
                value={charge.description}
                onChange={(e) => setCharge(i, { description: e.target.value })}
              />
            </Field>
            <Field label={`Quantity ${i + 1}`} htmlFor={`quantity-${i}`} error={err(`charges.${i}.quantity`)}>
              <Input
                id={`quantity-${i}`}
                inputMode="numeric"
                value={charge.quantity}
                onChange={(e) => setCharge(i, { quantity: e.target.value })}
              />
            </Field>
            <Field label={`Unit price ${i + 1}`} htmlFor={`unitPrice-${i}`} error={err(`charges.${i}.unitPrice`)}>
              <Input
                id={`unitPrice-${i}`}
                inputMode="decimal"
                placeholder="0.00"
                value={charge.unitPrice}
                onChange={(e) => setCharge(i, { unitPrice: e.target.value })}
              />
            </Field>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove charge ${i + 1}`}
              onClick={() =>
                set(
                  "charges",
                  values.charges.filter((_, k) => k !== i),
                )
              }
            >
              Remove
            </Button>
          </div>
        ))}
        <div className="flex items-center justify-between">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              addedRows.current += 1;
              set("charges", [...values.charges, { ...EMPTY_CHARGE, rowId: `added-${addedRows.current}` }]);
            }}
          >
            Add charge
          </Button>
          <p className="text-sm">
            Total: <strong data-testid="draft-total">{formatCents(total)}</strong>
          </p>
        </div>
      </fieldset>

      <Field label="Notes" htmlFor="notes" error={err("notes")}>
        <Textarea id="notes" rows={2} value={values.notes} onChange={(e) => set("notes", e.target.value)} />
      </Field>
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save Draft"}
        </Button>
        <AutosaveStatus state={autosave.state} onRetry={() => void autosave.saveNow()} />
      </div>
    </form>
  );
}
