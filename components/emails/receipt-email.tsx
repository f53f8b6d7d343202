import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export interface ReceiptEmailProps {
  clinicName: string;
  clinicPhone: string | null;
  patientFirstName: string;
  amount: string;
  receivedOn: string;
  method: string;
  lines: { label: string; amount: string }[];
  remainingBalance: string;
  paidInFull: boolean;
  /** The set's payment plan, installment by installment ("Dec 3, 2026: $30.00 (Paid)"), when it has one. */
  planLines: string[];
}

const text = { fontSize: "15px", lineHeight: "22px", color: "#1e293b" } as const;

/** The payment receipt (React Email): what was paid, when, how, on which invoices, and what is left. */
export function ReceiptEmail(props: ReceiptEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`Receipt: ${props.amount} paid to ${props.clinicName}`}</Preview>
      <Body
        style={{ backgroundColor: "#f8fafc", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }}
      >
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Heading as="h1" style={{ fontSize: "22px", color: "#0f172a" }}>
            Payment receipt
          </Heading>
          <Text style={text}>
            Hi {props.patientFirstName}, thank you. {props.clinicName} received your payment.
          </Text>
          <Section>
            <Text style={text}>
              <strong>Amount:</strong> {props.amount}
              <br />
              <strong>Date:</strong> {props.receivedOn}
              <br />
              <strong>Method:</strong> {props.method}
            </Text>
          </Section>
          <Hr />
          {props.lines.map((line) => (
            <Text key={line.label} style={{ ...text, margin: "4px 0" }}>
              {line.label}: {line.amount}
            </Text>
          ))}
          <Hr />
          <Text style={text}>
            {props.paidInFull ? "Your balance is paid in full." : `Remaining balance: ${props.remainingBalance}`}
          </Text>
          {props.planLines.length > 0 ? (
            <Section>
              <Text style={{ ...text, fontWeight: 600 }}>Your payment plan</Text>
              {props.planLines.map((line) => (
                <Text key={line} style={{ ...text, margin: "2px 0" }}>
                  {line}
                </Text>
              ))}
            </Section>
          ) : null}
          <Text style={{ ...text, color: "#475569", fontSize: "13px" }}>
            Questions about this bill? Contact {props.clinicName}
            {props.clinicPhone ? ` at ${props.clinicPhone}` : ""}.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
