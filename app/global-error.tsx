"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Something went wrong</h1>
        <p>
          The application couldn&apos;t load. Reload the page to try again
          {error.digest ? ` (reference ${error.digest})` : ""}.
        </p>
      </body>
    </html>
  );
}
