/**
 * Errors are logged without query parameters or patient data: a failed database query's
 * message and properties carry its parameters (names, dates of birth, search terms), so
 * what reaches the log is the statement's first words and the database's error code only.
 */
export function redactError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const withQuery = value as Error & { query?: unknown; params?: unknown; cause?: unknown };
  if (!("params" in withQuery) && !/\nparams:/.test(value.message)) return value;
  const statement = typeof withQuery.query === "string" ? withQuery.query.split(/\s+/).slice(0, 4).join(" ") : "query";
  const cause = withQuery.cause as { code?: unknown } | undefined;
  const redacted = new Error(`Database ${statement}… failed${cause?.code ? ` (${String(cause.code)})` : ""}`);
  const frames = (value.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  redacted.stack = [redacted.message, ...frames].join("\n");
  return redacted;
}

const INSTALLED = Symbol.for("clinic-billing.redacted-console");

/** Wraps console.error once per process (Next.js logs request errors through it). */
export function installErrorRedaction(): void {
  const target = console as Console & { [INSTALLED]?: boolean };
  if (target[INSTALLED]) return;
  target[INSTALLED] = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => original(...args.map(redactError));
}
