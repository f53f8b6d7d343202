import { inspect } from "node:util";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import type { Database } from "@/db/connect";
import { patients } from "@/db/schema";
import { toActionFailure } from "@/lib/actions/action-failure";
import { errorMessageForLog, redactError } from "@/lib/security/redact-errors";
import { createTestClinic, createTestPatient, type TestClinic } from "../support/fixtures";
import { testDatabase } from "../support/test-db";

const PATIENT = {
  externalId: "MRN-LOGSECRET",
  firstName: "Zelda",
  lastName: "Quarrington",
  dateOfBirth: "1971-02-03",
  email: "zelda.quarrington@example.com",
};
const PATIENT_DATA = Object.values(PATIENT);

let database: Database;
let clinic: TestClinic;
/** A real failed query: a second patient with the same MRN, its name and date of birth as parameters. */
let failure: unknown;

beforeAll(async () => {
  database = await testDatabase();
  clinic = await createTestClinic(database.db);
  await createTestPatient(database.db, clinic.clinicId, PATIENT);
  failure = await database.db
    .insert(patients)
    .values({ clinicId: clinic.clinicId, ...PATIENT })
    .then(
      () => null,
      (error: unknown) => error,
    );
});

afterEach(() => {
  vi.restoreAllMocks();
});

const leaked = (text: string) => PATIENT_DATA.filter((value) => text.includes(value));

describe("unexpected errors are logged without query parameters or patient data", () => {
  test("the database's own error carries the patient's data (what the log must not show)", () => {
    expect(failure).toBeInstanceOf(Error);
    expect(leaked(inspect(failure, { depth: 10 })).length).toBeGreaterThan(0);
  });

  test("the redacted error, and its wrapped driver error alone, name the statement, code and constraint only", () => {
    const redacted = redactError(failure);
    const text = inspect(redacted, { depth: 10 });
    expect(leaked(text)).toEqual([]);
    expect((redacted as Error).message).toMatch(
      /^Database insert into "patients".*failed \(23505 patients_clinic_external_id_idx\)$/,
    );
    const cause = (failure as { cause?: unknown }).cause;
    expect(leaked(inspect(redactError(cause), { depth: 10 }))).toEqual([]);
    expect(leaked(errorMessageForLog(failure))).toEqual([]);
  });

  test("a server action that meets it logs no patient data and tells the user nothing was changed", () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 10 }))).join(" "));
    });
    const result = toActionFailure(failure);
    expect(result).toMatchObject({ ok: false, code: "unavailable" });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("23505");
    expect(leaked(logged.join("\n"))).toEqual([]);
  });
});
