import type { AuditRow } from "./list-audit-entries";

/** "before → after" in one line: the fields that changed, or what the row recorded. */
export function describeChange(row: Pick<AuditRow, "before" | "after">): string {
  const show = (value: Record<string, unknown> | null) =>
    value
      ? Object.entries(value)
          .filter(([key]) => key !== "role")
          .map(([key, item]) => `${key}: ${typeof item === "object" ? JSON.stringify(item) : String(item)}`)
          .join(", ")
      : "";
  const before = show(row.before);
  const after = show(row.after);
  if (before && after) return `${before} → ${after}`;
  return before ? `${before} → (removed)` : after;
}

/** Which patient or record a row is about, as staff read it. */
export function describeRecord(row: Pick<AuditRow, "entityType" | "entityId" | "patientName">): string {
  const record = row.entityId ? `${row.entityType} ${row.entityId.slice(0, 8)}` : row.entityType;
  return row.patientName ? `${row.patientName} (${record})` : record;
}

function csvCell(value: string): string {
  // Quote everything; a leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function auditCsv(rows: AuditRow[], formatWhen: (at: Date) => string): string {
  const header = ["When", "Who", "Role", "What", "Record", "Before → After", "From"];
  const lines = rows.map((row) =>
    [formatWhen(row.at), row.who, row.role, row.action, describeRecord(row), describeChange(row), row.ip ?? ""]
      .map(csvCell)
      .join(","),
  );
  return `${[header.map(csvCell).join(","), ...lines].join("\r\n")}\r\n`;
}
