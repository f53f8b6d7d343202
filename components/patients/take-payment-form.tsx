"use client";

import { useRouter } from "next/navigation";
import { takePaymentAction } from "@/app/(staff)/patients/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { PaymentFields } from "@/components/invoices/payment-fields";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";

/** Take Payment: the amount is spread over the outstanding invoices, oldest first. */
export function TakePaymentForm({ patientId, today, balance }: { patientId: string; today: string; balance: string }) {
  const router = useRouter();
  const { submit, errors, message, pending } = useFormAction(takePaymentAction, { patientId }, (data, form) => {
    form.reset();
    toast.success(data.message);
    router.refresh();
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormAlert message={message} />
      <PaymentFields errors={errors} today={today} defaultAmount={balance} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Record Payment"}
        </Button>
      </div>
    </form>
  );
}
