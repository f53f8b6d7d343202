"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createApiKeyAction } from "@/app/(staff)/settings/api-keys/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { API_KEY_SCOPE_LABELS, API_KEY_SCOPES } from "@/lib/api-keys/api-key-input";

/** Name + scope → the key, shown once in a read-only field. */
export function CreateApiKeyForm() {
  const router = useRouter();
  const [token, setToken] = useState<string | null>(null);
  const { submit, errors, message, pending } = useFormAction(createApiKeyAction, {}, (data, form) => {
    setToken(data.token);
    form.reset();
    router.refresh();
  });
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <FormAlert message={message} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Name"
            htmlFor="api-key-name"
            error={errors.name?.[0]}
            hint="The system that will use it, e.g. Open Dental."
          >
            <Input id="api-key-name" name="name" aria-invalid={errors.name ? true : undefined} />
          </Field>
          <Field label="Scope" htmlFor="api-key-scope" error={errors.scope?.[0]}>
            <Select id="api-key-scope" name="scope" defaultValue="read_only">
              {API_KEY_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {API_KEY_SCOPE_LABELS[scope]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </div>
      </form>
      {token ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3" role="status">
          <Field label="API key" htmlFor="new-api-key" hint="Copy it now: it is shown only once and stored hashed.">
            <Input
              id="new-api-key"
              readOnly
              value={token}
              className="font-mono"
              onFocus={(event) => event.currentTarget.select()}
            />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
