import { describe, expect, test } from "vitest";
import { suggestMapping } from "@/lib/imports/import-columns";
import { normalizeDate, validateImportRow } from "@/lib/imports/validate-import-row";

const TODAY = "2026-11-28";
const clinicians = new Map([["dr. rivera", "0b8f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"]]);
const good = {
  mrn: "MRN-1",
  first_name: "Ana",
  last_name: "Lopez",
  date_of_birth: "1980-02-29",
  phone: "(312) 555-0100",
  email: "Ana@Example.com",
  time_zone: "America/Chicago",
  service_date: "2026-10-01",
  description: "Exam",
  code: "D0150",
  quantity: "2",
  amount: "1,250.50",
  due_date: "2026-11-01",
  clinician: "Dr. Rivera",
  issue: "yes",
};
const check = (overrides: Record<string, string>) => validateImportRow({ ...good, ...overrides }, clinicians, TODAY);

describe("CSV row validation", () => {
  test("a good row is normalized: E.164 phone, lower-case email, cents, clinician id, issue flag, a stable row key", () => {
    const result = check({});
    expect(result).toEqual({
      ok: true,
      data: {
        mrn: "MRN-1",
        firstName: "Ana",
        lastName: "Lopez",
        dateOfBirth: "1980-02-29",
        phone: "+13125550100",
        email: "ana@example.com",
        timeZone: "America/Chicago",
        charge: {
          rowKey: expect.stringMatching(/^[\w-]{43}$/),
          serviceDate: "2026-10-01",
          dueDate: "2026-11-01",
          code: "D0150",
          description: "Exam",
          quantity: 2,
          unitPriceCents: 125050,
          clinicianId: "0b8f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
          issue: true,
        },
      },
    });
    expect(check({})).toEqual(result); // the same row always gets the same key
    expect(check({ row_key: "LINE-9" })).toMatchObject({ data: { charge: { rowKey: "LINE-9" } } });
  });

  test.each([
    ["mrn", "", "MRN is missing"],
    ["mrn", "A B", "MRN 'A B' may only have letters, digits, . _ - (40 at most)"],
    ["first_name", "", "first name is missing"],
    ["last_name", "", "last name is missing"],
    ["last_name", "x".repeat(101), `last name '${"x".repeat(101)}' is longer than 100 characters`],
    ["date_of_birth", "", "date of birth is missing"],
    ["date_of_birth", "not-a-date", "date of birth 'not-a-date' is not a date"],
    ["date_of_birth", "1981-02-29", "date of birth '1981-02-29' is not a date"],
    ["date_of_birth", "2027-01-01", "date of birth '2027-01-01' is in the future"],
    ["date_of_birth", "1899-12-31", "date of birth '1899-12-31' is before 1900"],
    ["phone", "123", "phone '123' is not a valid phone number"],
    ["email", "ana@", "email 'ana@' is not a valid email address"],
    ["time_zone", "Mars/Olympus", "time zone 'Mars/Olympus' is not a time zone like America/Chicago"],
    ["service_date", "yesterday", "service date 'yesterday' is not a date"],
    ["description", "", "description is missing"],
    ["description", "d".repeat(201), `description '${"d".repeat(201)}' is longer than 200 characters`],
    ["code", "", "code is missing"],
    ["code", "C".repeat(21), `code '${"C".repeat(21)}' is longer than 20 characters`],
    ["quantity", "0", "quantity '0' is not a whole number from 1 to 100"],
    ["quantity", "1.5", "quantity '1.5' is not a whole number from 1 to 100"],
    ["quantity", "101", "quantity '101' is not a whole number from 1 to 100"],
    ["amount", "", "amount is missing"],
    ["amount", "abc", "amount 'abc' is not an amount like 125.00"],
    ["amount", "-5", "amount '-5' is not an amount like 125.00"],
    ["amount", "100000.01", "amount '100000.01' is not an amount like 125.00"],
    ["due_date", "13/45/2026", "due date '13/45/2026' is not a date"],
    ["due_date", "2026-09-01", "due date '2026-09-01' is before the service date"],
    ["clinician", "Dr. Nobody", "clinician 'Dr. Nobody' is not one of this clinic's clinicians"],
    ["issue", "maybe", "issue 'maybe' is not yes or no"],
  ])("%s %j → “%s”", (field, value, problem) => {
    expect(check({ [field]: value })).toEqual({ ok: false, problems: [problem] });
  });

  test.each([
    ["phone", ""],
    ["email", ""],
    ["quantity", ""],
    ["service_date", ""],
    ["due_date", ""],
    ["clinician", ""],
    ["issue", "no"],
    ["issue", "Issued"],
    ["time_zone", ""],
    ["date_of_birth", "2/29/1980"],
  ])("%s %j is accepted", (field, value) => {
    expect(check({ [field]: value }).ok).toBe(true);
  });

  test("a row without charge columns is a patient-only row; every problem of a row is reported", () => {
    const patientOnly = validateImportRow(
      { mrn: "P1", first_name: "Bo", last_name: "Li", date_of_birth: "1990-01-01" },
      clinicians,
      TODAY,
    );
    expect(patientOnly).toMatchObject({ ok: true, data: { charge: null, phone: null, email: null, timeZone: null } });
    expect(check({ date_of_birth: "x", phone: "1", amount: "?" })).toEqual({
      ok: false,
      problems: [
        "date of birth 'x' is not a date",
        "phone '1' is not a valid phone number",
        "amount '?' is not an amount like 125.00",
      ],
    });
  });

  test("dates: ISO and US month/day/year; impossible days refused", () => {
    expect(normalizeDate("3/4/2026")).toBe("2026-03-04");
    expect(normalizeDate("2026-3-4")).toBe("2026-03-04");
    expect(normalizeDate("2026-02-30")).toBeNull();
    expect(normalizeDate("04-03-2026")).toBeNull();
  });

  test("the mapping is suggested from the header, whatever its spelling", () => {
    expect(
      suggestMapping([
        "Patient ID",
        "First Name",
        "LAST_NAME",
        "DOB",
        "Mobile",
        "E-mail",
        "Qty",
        "Fee",
        "Provider",
        "Notes",
      ]),
    ).toEqual({
      mrn: "Patient ID",
      first_name: "First Name",
      last_name: "LAST_NAME",
      date_of_birth: "DOB",
      phone: "Mobile",
      email: "E-mail",
      quantity: "Qty",
      amount: "Fee",
      clinician: "Provider",
    });
  });
});
