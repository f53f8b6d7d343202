"use client";

import * as Ariakit from "@ariakit/react";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { useEffect, useId, useState, useTransition } from "react";
import { searchPatientsAction } from "@/app/(staff)/invoices/actions";
import { Button } from "@/components/ui/button";

export interface PickedPatient {
  id: string;
  name: string;
  externalId: string;
  dateOfBirth?: string;
  phone?: string | null;
}

const formatPhone = (phone: string | null | undefined) =>
  phone ? (parsePhoneNumberFromString(phone)?.formatNational() ?? phone) : "No phone";

/** Name, MRN, date of birth and phone: enough to tell two patients with one name apart. */
function PatientLine({ patient }: { patient: PickedPatient }) {
  return (
    <>
      <span className="font-medium text-slate-900">{patient.name}</span>{" "}
      <span className="text-slate-600">
        · {patient.externalId}
        {patient.dateOfBirth ? ` · born ${patient.dateOfBirth}` : ""} · {formatPhone(patient.phone)}
      </span>
    </>
  );
}

/**
 * The one patient picker: a combobox named "Patient" (Ariakit: role combobox + listbox +
 * option, ↑ ↓ Enter Escape) over a server-side search by name, MRN or phone.
 */
export function PatientCombobox({
  value,
  onChange,
  error,
}: {
  value: PickedPatient | null;
  onChange: (patient: PickedPatient | null) => void;
  error?: string;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<PickedPatient[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const searchable = query.trim().length >= 2;

  useEffect(() => {
    if (query.trim().length < 2) return;
    const timer = setTimeout(() => {
      startTransition(async () => {
        const result = await searchPatientsAction({ query });
        if (result.ok) {
          setResults(result.data);
          setMessage(result.data.length === 0 ? "No patients match." : null);
        } else {
          setResults([]);
          setMessage(result.message);
        }
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  if (value) {
    return (
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-700">Patient</span>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span data-testid="picked-patient">
            <PatientLine patient={value} />
          </span>
          <Button variant="link" size="sm" onClick={() => onChange(null)}>
            Change patient
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-1">
      <Ariakit.ComboboxProvider value={query} setValue={setQuery} resetValueOnHide={false}>
        <Ariakit.ComboboxLabel className="text-sm font-medium text-slate-700">Patient</Ariakit.ComboboxLabel>
        <Ariakit.Combobox
          placeholder="Search by name, MRN or phone"
          autoSelect
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs focus-visible:border-blue-600 focus-visible:outline-2 focus-visible:outline-blue-600/30 aria-invalid:border-red-600"
        />
        {/* The listbox holds options only; what the search says otherwise is a status under the field. */}
        {searchable && results.length > 0 ? (
          <Ariakit.ComboboxPopover
            gutter={4}
            sameWidth
            unmountOnHide
            aria-label="Matching patients"
            aria-busy={pending || undefined}
            className="z-50 max-h-72 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg"
          >
            {results.map((patient) => (
              <Ariakit.ComboboxItem
                key={patient.id}
                value={patient.name}
                setValueOnClick={false}
                onClick={() => onChange(patient)}
                className="cursor-pointer rounded px-3 py-2 text-sm outline-none data-active-item:bg-blue-50"
              >
                <PatientLine patient={patient} />
              </Ariakit.ComboboxItem>
            ))}
          </Ariakit.ComboboxPopover>
        ) : null}
        <p role="status" className="text-xs text-slate-600 empty:hidden">
          {query.trim() === "" || (searchable && results.length > 0)
            ? ""
            : !searchable
              ? "Type at least 2 characters."
              : pending
                ? "Searching…"
                : message}
        </p>
      </Ariakit.ComboboxProvider>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
