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
            {keyedLines(body).map((line) => (
              <Text key={line.key} style={{ fontSize: "15px", lineHeight: "22px" }}>
                {line.text}
              </Text>
            ))}
          </Section>
          <Text style={{ color: "#64748b", fontSize: "12px" }}>Sent by {clinicName}.</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** One paragraph per line, keyed by its text and which repeat of that text it is (not by position). */
function keyedLines(body: string): { key: string; text: string }[] {
  const seen = new Map<string, number>();
  return body.split("\n").map((text) => {
    const repeat = (seen.get(text) ?? 0) + 1;
    seen.set(text, repeat);
    return { key: `${repeat}:${text}`, text };
  });
}
