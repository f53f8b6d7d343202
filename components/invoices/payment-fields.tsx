import { Field, Input, Select } from "@/components/ui/input";
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from "@/lib/payments/payment-input";

/** Method, amount (dollars), reference and date: the fields of Record Payment and Take Payment. */
export function PaymentFields({
  errors,
  today,
  defaultAmount,
}: {
  errors: Record<string, string[]>;
  today: string;
  defaultAmount?: string;
}) {
  const err = (key: string) => errors[key]?.[0];
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="Method" htmlFor="method" error={err("method")}>
        <Select id="method" name="method" defaultValue="">
          <option value="" disabled>
            Choose…
          </option>
          {PAYMENT_METHODS.map((method) => (
            <option key={method} value={method}>
              {PAYMENT_METHOD_LABELS[method]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Amount" htmlFor="amount" error={err("amount")} hint="In dollars, e.g. 40.00">
        <Input
          id="amount"
          name="amount"
          inputMode="decimal"
          defaultValue={defaultAmount}
          aria-invalid={err("amount") ? true : undefined}
        />
      </Field>
      <Field label="Reference" htmlFor="reference" error={err("reference")} hint="Check number, last 4 of card, …">
        <Input id="reference" name="reference" />
      </Field>
      <Field label="Date received" htmlFor="receivedOn" error={err("receivedOn")}>
        <Input id="receivedOn" name="receivedOn" type="date" defaultValue={today} max={today} />
      </Field>
    </div>
  );
}
