import { Body, Button, Container, Head, Heading, Html, Preview, Text } from "@react-email/components";

export interface AccountEmailProps {
  preview: string;
  heading: string;
  paragraphs: string[];
  actionLabel: string;
  actionUrl: string;
  footnote: string;
}

const text = { fontSize: "15px", lineHeight: "22px", color: "#1e293b" } as const;

/** Emails to staff with one link (an invitation, a password reset), in React Email. */
export function AccountEmail(props: AccountEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body
        style={{ backgroundColor: "#f8fafc", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" }}
      >
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px" }}>
          <Heading as="h1" style={{ fontSize: "22px", color: "#0f172a" }}>
            {props.heading}
          </Heading>
          {props.paragraphs.map((paragraph) => (
            <Text key={paragraph} style={text}>
              {paragraph}
            </Text>
          ))}
          <Button
            href={props.actionUrl}
            style={{ backgroundColor: "#1d4ed8", color: "#ffffff", padding: "10px 16px", borderRadius: "6px" }}
          >
            {props.actionLabel}
          </Button>
          <Text style={text}>Or open this link: {props.actionUrl}</Text>
          <Text style={{ ...text, color: "#475569", fontSize: "13px" }}>{props.footnote}</Text>
        </Container>
      </Body>
    </Html>
  );
}
