/** The words a patient agrees to before saving a card; stored with the card exactly as shown. */
export function cardConsentText(clinicName: string): string {
  return `I authorise ${clinicName} to charge this card for payments on my account: installments of a payment plan I agree to, and balances I owe, as the clinic's reminders describe. I can remove the card at any time by calling the clinic.`;
}
