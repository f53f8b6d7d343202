/** What a transport needs to send one message, and what it reports back. */
export interface OutgoingMessage {
  messageId: string;
  to: string;
  subject: string | null;
  body: string;
  /** Email only: who the message is from, for the footer. */
  clinicName: string;
}

export interface TransportResult {
  providerId: string;
}

export interface Transport {
  name: "twilio" | "resend" | "outbox";
  send(message: OutgoingMessage): Promise<TransportResult>;
  /**
   * After an ambiguous failure (a timeout: the provider may have taken it), finds the
   * message sent since `attemptedAt`, so the retry doesn't send it twice. Transports
   * whose send is idempotent on the message id (Resend's key, the outbox) need none.
   */
  /** `storedBody` is the body as stored: its link placeholder matches any link. */
  lookup?(message: OutgoingMessage & { attemptedAt: Date; storedBody: string }): Promise<TransportResult | null>;
}

/** A provider refused the message for good (e.g. Twilio 21211, invalid number): retrying won't help. */
export class PermanentSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PermanentSendError";
  }
}

export interface Transports {
  sms: Transport;
  email: Transport;
}

/**
 * Without provider credentials (demo, tests) a message is only recorded: it shows on the
 * Outbox page. Everything up to this call is the same code path as a real send.
 */
export const outboxTransport: Transport = {
  name: "outbox",
  async send(message) {
    return { providerId: `outbox-${message.messageId}` };
  },
};
