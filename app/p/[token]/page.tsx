import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { IdentityCheckForm } from "@/components/patient-portal/identity-check-form";
import { PaymentPlanSection } from "@/components/patient-portal/payment-plan-section";
import { SaveCardForm } from "@/components/patient-portal/save-card-form";
import { StatementView } from "@/components/patient-portal/statement-view";
import { getDb } from "@/db/client";
import { getStatement } from "@/lib/patient-portal/get-statement";
import { isBrowserVerified, loadPatientLink } from "@/lib/patient-portal/load-patient-link";
import { lockedMessage } from "@/lib/patient-portal/locked-message";
import { recordLinkOpened } from "@/lib/patient-portal/record-link-opened";
import { cardConsentText } from "@/lib/payment-cards/consent-text";
import { describePaymentCard, loadPaymentCard } from "@/lib/payment-cards/load-payment-card";
import { patientPlanOptions } from "@/lib/payment-plans/choose-patient-payment-plan";
import { loadPaymentPlanContext } from "@/lib/payment-plans/load-payment-plan";
import { clientIp } from "@/lib/security/request-ip";
import { isStripeConfigured } from "@/lib/stripe/client";

export const dynamic = "force-dynamic";

/**
 * What a patient opens from a text or email. Nothing about the patient is rendered until
 * this browser has confirmed the date of birth for this link.
 */
export default async function PatientLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const resolved = await loadPatientLink(token);
  if (resolved.state !== "ok") notFound();
  const { link } = resolved;
  const { db } = await getDb();

  if (!(await isBrowserVerified(link.id))) {
    await recordLinkOpened(db, { link, ip: clientIp(await headers()) });
    const locked = link.lockedUntil && link.lockedUntil > new Date() ? lockedMessage(link.lockedUntil) : undefined;
    return <IdentityCheckForm token={token} lockedMessage={locked} />;
  }

  const statement = await getStatement(db, { clinicId: link.clinicId, invoiceSetId: link.invoiceSetId });
  if (!statement) notFound();
  const planContext = await loadPaymentPlanContext(db, { clinicId: link.clinicId, invoiceSetId: link.invoiceSetId });
  const activePlan = planContext?.plan?.status === "active" ? planContext.plan.installments : null;
  const online = isStripeConfigured();
  const card = online ? await loadPaymentCard(db, { clinicId: link.clinicId, patientId: link.patientId }) : null;
  return (
    <>
      <StatementView statement={statement} token={token} canPayOnline={online} />
      {planContext ? (
        <div className="mx-auto mt-4 max-w-2xl px-4">
          <PaymentPlanSection
            token={token}
            activePlan={activePlan}
            options={patientPlanOptions(planContext, new Date())}
          />
        </div>
      ) : null}
      {online ? (
        <div className="mx-auto mt-4 max-w-2xl px-4">
          <SaveCardForm
            token={token}
            consentText={cardConsentText(statement.clinic.name)}
            cardOnFile={card ? describePaymentCard(card, statement.patient.timeZone) : null}
          />
        </div>
      ) : null}
    </>
  );
}
