"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { searchPatientsAction } from "@/app/(staff)/invoices/actions";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

export interface PickedPatient {
  id: string;
  name: string;
  externalId: string;
}

/** Finds a patient by name, MRN or phone (server-side search) and picks one. */
export function PatientPicker({
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
  const [results, setResults] = useState<(PickedPatient & { dateOfBirth: string })[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (query.trim().length < 2) return;
    const timer = setTimeout(() => {
      startTransition(async () => {
        const result = await searchPatientsAction({ query });
        if (result.ok) {
          setResults(result.data);
          setMessage(result.data.length === 0 ? "No patients match." : null);
        } else {
          setMessage(result.message);
        }
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  if (value) {
    return (
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-700">Patient</span>
        <div className="flex items-center gap-3">
          <span data-testid="picked-patient">
            {value.name} <span className="text-slate-500">({value.externalId})</span>
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
      <Label htmlFor={id}>Patient</Label>
      <Input
        id={id}
        type="search"
        placeholder="Search by name, MRN or phone"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {pending ? <p className="text-xs text-slate-500">Searching…</p> : null}
      {message ? <p className="text-xs text-slate-600">{message}</p> : null}
      {results.length > 0 && query.trim().length >= 2 ? (
        <ul
          aria-label="Matching patients"
          className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200"
        >
          {results.map((patient) => (
            <li key={patient.id}>
              <button
                type="button"
                className="w-full px-3 py-2 text-left text-sm hover:bg-slate-50"
                onClick={() => onChange({ id: patient.id, name: patient.name, externalId: patient.externalId })}
              >
                {patient.name}{" "}
                <span className="text-slate-500">
                  · {patient.externalId} · born {patient.dateOfBirth}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
