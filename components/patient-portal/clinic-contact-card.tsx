import { formatPhone } from "@/lib/format/phone";
import type { ClinicContact } from "@/lib/patient-links/resolve-patient-link";

/** "Questions about this bill?" with the clinic's phone (a tel: link) and email. */
export function ClinicContactCard({ clinic }: { clinic: ClinicContact | null }) {
  return (
    <section aria-labelledby="questions-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="questions-heading" className="text-base font-semibold">
        Questions about this bill?
      </h2>
      {clinic ? (
        <div className="mt-2 space-y-1 text-slate-700">
          <p>Contact {clinic.name}.</p>
          {clinic.phone ? (
            <p>
              Call{" "}
              <a className="font-medium text-blue-800 underline" href={`tel:${clinic.phone}`}>
                {formatPhone(clinic.phone)}
              </a>
            </p>
          ) : null}
          {clinic.email ? (
            <p>
              Email{" "}
              <a className="font-medium text-blue-800 underline" href={`mailto:${clinic.email}`}>
                {clinic.email}
              </a>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-slate-700">Please contact the clinic that sent you this link.</p>
      )}
    </section>
  );
}
