import { Readable } from "node:stream";
import { parse } from "csv-parse";

export const MAX_IMPORT_ROWS = 100_000;

/**
 * A CSV file's header and then its records, streamed by csv-parse (quotes, embedded
 * newlines, a BOM and ragged rows handled), so a 100,000-row file is read record by record.
 */
export async function* readCsvRecords(text: string): AsyncGenerator<string[]> {
  const parser = Readable.from([text]).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  for await (const record of parser) yield record as string[];
}

/** The header row alone (the first record), without reading the rest. */
export async function readCsvHeader(text: string): Promise<string[]> {
  for await (const record of readCsvRecords(text)) return record;
  return [];
}
