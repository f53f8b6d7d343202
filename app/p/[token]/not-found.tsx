/**
 * The same page for an unknown, expired, revoked or closed link (HTTP 404), so it says
 * nothing about whether a token ever existed. The layout adds the clinic's contact.
 */
export default function PatientLinkNotFound() {
  return (
    <section aria-labelledby="unavailable-heading" className="space-y-3">
      <h1 id="unavailable-heading" className="text-2xl font-semibold">
        This link isn&apos;t available
      </h1>
      <p className="text-slate-700">
        It may have expired or been replaced by a newer message, or the bill may already be settled. Your information is
        safe: nothing is shown without the right link and date of birth.
      </p>
      <p className="text-slate-700">Please contact the clinic for a new link or to pay by phone.</p>
    </section>
  );
}
