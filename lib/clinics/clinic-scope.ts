/** The clinic a read or change acts for, with the time zone its calendar days are in. */
export interface ClinicScope {
  clinicId: string;
  timeZone: string;
}

/** The scope of a signed-in staff member or an API key (both carry their clinic's zone). */
export function clinicScopeOf(session: { clinicId: string; clinicTimeZone: string }): ClinicScope {
  return { clinicId: session.clinicId, timeZone: session.clinicTimeZone };
}
