import { Body, Container, Head, Html, Preview, Section, Text } from "@react-email/components";

/**
 * The outreach email: the rule's rendered message and nothing else about the patient
 * (the link opens the patient page, which asks for date of birth first).
 */
export function OutreachEmail({ subject, body, clinicName }: { subject: string; body: string; clinicName: string }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{subject}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "Helvetica, Arial, sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Text style={{ fontSize: "18px", fontWeight: 600 }}>{subject}</Text>
          <Section>
            {body.split("\n").map((line, index) => (
              <Text key={index} style={{ fontSize: "15px", lineHeight: "22px" }}>
                {line}
              </Text>
            ))}
          </Section>
          <Text style={{ color: "#64748b", fontSize: "12px" }}>Sent by {clinicName}.</Text>
        </Container>
      </Body>
    </Html>
  );
}
