import type { PickedPatient } from "./patient-picker";

/** The invoice form's state (kept out of the client module so server pages can build it). */
export interface ChargeRow {
  /** The row's React key: the charge's id when saved, a client-made one when added (never sent). */
  rowId: string;
  code: string;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface InvoiceFormValues {
  patient: PickedPatient | null;
  clinicianId: string;
  serviceDate: string;
  dueDate: string;
  notes: string;
  charges: ChargeRow[];
}

export const EMPTY_CHARGE: Omit<ChargeRow, "rowId"> = { code: "", description: "", quantity: "1", unitPrice: "" };

export const NEW_INVOICE_VALUES: InvoiceFormValues = {
  patient: null,
  clinicianId: "",
  serviceDate: "",
  dueDate: "",
  notes: "",
  charges: [{ ...EMPTY_CHARGE, rowId: "new-0" }],
};
