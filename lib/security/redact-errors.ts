/**
 * Errors are logged without query parameters or patient data. A failed database query
 * carries its parameters (drizzle's "params:" line, postgres.js's `parameters`) and the
 * database's own `detail` ("Key (clinic_id, external_id)=(…, MRN-100041) already exists"),
 * so what reaches the log is the statement's first words, the error code and the
 * constraint's name only.
 */

interface DatabaseError {
  code: string;
  constraint_name?: unknown;
  constraint?: unknown;
  query?: unknown;
}

/** The database error itself or the one it wraps (drizzle wraps the driver's in `cause`). */
function findDatabaseError(value: Error): DatabaseError | null {
  let current: unknown = value;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth += 1) {
    const candidate = current as { code?: unknown; severity?: unknown; severity_local?: unknown; cause?: unknown };
    const isDatabaseError =
      typeof candidate.code === "string" &&
      /^[0-9A-Z]{5}$/.test(candidate.code) &&
      ("severity" in candidate || "severity_local" in candidate);
    if (isDatabaseError) return candidate as DatabaseError;
    current = candidate.cause;
  }
  return null;
}

function carriesQueryData(value: Error): boolean {
  return "params" in value || "parameters" in value || /\nparams:/.test(value.message);
}

/** Text that may hold a failed query's parameters or a database detail, with those parts removed. */
function redactText(text: string): string {
  return text
    .replace(/\nparams:.*$/gm, "\nparams: [redacted]")
    .replace(/\)=\(.*?\)( already exists| is not present)/g, ")=(…)$1");
}

export function redactError(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (!(value instanceof Error)) return value;
  const database = findDatabaseError(value);
  if (!database && !carriesQueryData(value)) return value;
  const query = (value as { query?: unknown }).query ?? database?.query;
  const statement = typeof query === "string" ? query.trim().split(/\s+/).slice(0, 4).join(" ") : "query";
  const code = database?.code ?? (value.cause as { code?: unknown } | undefined)?.code;
  const constraint = database?.constraint_name ?? database?.constraint;
  const reason = [code, constraint].filter((part) => typeof part === "string").join(" ");
  const redacted = new Error(`Database ${statement}… failed${reason ? ` (${reason})` : ""}`);
  const frames = (value.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  redacted.stack = [redacted.message, ...frames].join("\n");
  return redacted;
}

/** One line for a log or a stored run error: the redacted error's message. */
export function errorMessageForLog(error: unknown): string {
  const redacted = redactError(error);
  if (redacted instanceof Error) return redacted.message;
  return typeof redacted === "string" ? redacted : "unknown error";
}

const INSTALLED = Symbol.for("clinic-billing.redacted-console");

/** Wraps console.error and console.warn once per process (Next.js logs request errors through them). */
export function installErrorRedaction(): void {
  const target = console as Console & { [INSTALLED]?: boolean };
  if (target[INSTALLED]) return;
  target[INSTALLED] = true;
  const error = console.error.bind(console);
  const warn = console.warn.bind(console);
  console.error = (...args: unknown[]) => error(...args.map(redactError));
  console.warn = (...args: unknown[]) => warn(...args.map(redactError));
}
