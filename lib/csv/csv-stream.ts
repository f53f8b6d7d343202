import { stringify } from "csv-stringify/sync";

/**
 * A cell a spreadsheet will not run as a formula: text starting with = @ or a tab/CR, or
 * + / - not followed by a digit, gets a leading apostrophe (OWASP "CSV injection"). Phone
 * numbers (+1…) and amounts stay as they are.
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /^[=@\t\r]|^[+-](?!\d)/.test(text) ? `'${text}` : text;
}

/** Rows → CSV text (RFC 4180 quoting by csv-stringify), every cell made safe. */
export function csvLines(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return stringify(rows.map((row) => row.map(safeCell)));
}

/**
 * A CSV download streamed a batch at a time: `next` returns the next batch of rows (and
 * whether there is more), called only when the client has read the previous one, so a
 * million rows never sit in memory.
 */
export function csvResponse(
  filename: string,
  header: readonly string[],
  next: () => Promise<{ rows: (string | number | null)[][]; done: boolean }>,
): Response {
  const encoder = new TextEncoder();
  let started = false;
  let finished = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLines([header])));
        return;
      }
      if (finished) return controller.close();
      try {
        const batch = await next();
        finished = batch.done;
        if (batch.rows.length) controller.enqueue(encoder.encode(csvLines(batch.rows)));
        if (finished) controller.close();
      } catch (error) {
        console.error("CSV export stopped", error);
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
