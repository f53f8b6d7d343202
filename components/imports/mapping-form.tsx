"use client";

import { useRouter } from "next/navigation";
import { updateMappingAction } from "@/app/(staff)/imports/actions";
import { FormAlert, useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import { IMPORT_FIELD_NAMES, REQUIRED_IMPORT_FIELDS } from "@/lib/imports/import-columns";

/** Which column of the file feeds each field; suggested from the header, changed here, then previewed again. */
export function MappingForm({
  importId,
  headers,
  mapping,
}: {
  importId: string;
  headers: string[];
  mapping: Record<string, string>;
}) {
  const router = useRouter();
  const { submit, errors, message, pending } = useFormAction(updateMappingAction, { importId }, () => router.refresh());
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {IMPORT_FIELD_NAMES.map((field) => (
          <Field
            key={field}
            label={REQUIRED_IMPORT_FIELDS.includes(field) ? `${field} (required)` : field}
            htmlFor={`map-${field}`}
            error={errors[field]?.[0]}
          >
            <Select id={`map-${field}`} name={field} defaultValue={mapping[field] ?? ""}>
              <option value="">Not in file</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Previewing…" : "Update preview"}
        </Button>
      </div>
    </form>
  );
}
