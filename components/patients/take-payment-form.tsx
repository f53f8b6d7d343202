"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { takePaymentAction } from "@/app/(staff)/patients/actions";
import { PaymentFields } from "@/components/invoices/payment-fields";
import { Button } from "@/components/ui/button";

/** Take Payment: the amount is spread over the outstanding invoices, oldest first. */
export function TakePaymentForm({ patientId, today, balance }: { patientId: string; today: string; balance: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("patientId", patientId);
    startTransition(async () => {
      const result = await takePaymentAction(form);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      setErrors({});
      setMessage(null);
      formRef.current?.reset();
      toast.success(result.data.message);
      router.refresh();
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
      {message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
      <PaymentFields errors={errors} today={today} defaultAmount={balance} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Record Payment"}
        </Button>
      </div>
    </form>
  );
}
